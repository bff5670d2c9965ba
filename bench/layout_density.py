"""Words per page in the standard and the compact layout (Report.layout), for a report of some 5,600 words.

Run with `python -m bench.layout_density`. Two texts: the demo's, in Russian, repeated to 5,600 body words (its
tables, lists and headings as written), and plain English prose with a note to every paragraph, as in a typical
joint submission; without the annex. Typical UN submissions take 10–12 pages for 5,600 words. Prints a table and
appends it to bench/results.md; asserts nothing.
"""
import io
from dataclasses import replace

from pypdf import PdfReader

from bench import figures
from export import pdf
from export.document import COMPACT, STANDARD, DocGroup, DocOrganisation, DocSection, Document

SENTENCES = ["The law on peaceful assemblies still requires a permit from the local executive body.",
             "Monitors of the coalition recorded detentions of peaceful protesters in four regions.",
             "Courts rarely examine complaints of torture, and investigators belong to the same bodies as the "
             "accused.", "Women in rural areas have little access to crisis centres and to free legal aid.",
             "The authorities have not published statistics on the implementation of the recommendation."]


def paragraph(n: int) -> str:
    """Some 70 words and a note of four."""
    return " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(5)) + f"[^{n}]\n\n[^{n}]: Source {n}, 2024."


def prose_document(paragraphs_per_section: int, layout: str = STANDARD) -> Document:
    """English prose in 4 groups of 3 sections, a note to every paragraph: 12 × paragraphs_per_section × 73 words."""
    groups = tuple(DocGroup(f"Group {g}", tuple(
        DocSection(f"Section {g}.{s}", "\n\n".join(paragraph(10 * s + p) for p in range(paragraphs_per_section)),
                   f"section-{g}-{s}") for s in range(1, 4))) for g in range(1, 5))
    return Document(title="Joint submission", short_title="", country="Kazakhstan", mechanism="UPR",
                    cycle="4th cycle", session="48th session", language="en", date="1 July 2024",
                    coordinator="Bureau", contact="", coalition="", organisations=(DocOrganisation("Bureau"),),
                    groups=groups, layout=layout)


def pages(doc: Document) -> int:
    return len(PdfReader(io.BytesIO(pdf.render_pdf(doc))).pages)


def main() -> None:
    from bench.pdf_bench import scaled_document  # the app and the demo: only for the run
    from text.wordcount import count_markdown

    texts = {"Demo text (Russian)": replace(scaled_document(1.0), annex=None), "English prose": prose_document(7)}
    rows = []
    for name, doc in texts.items():
        words = sum(count_markdown(section.body).body for section in doc.sections)
        counts = {layout: pages(replace(doc, layout=layout)) for layout in (STANDARD, COMPACT)}
        rows.append((name, f"{words:,}", *(f"{counts[layout]} ({words // counts[layout]})"
                                           for layout in (STANDARD, COMPACT)),
                     f"{counts[COMPACT] / counts[STANDARD]:.0%}"))
    figures.publish("Layout density", [figures.table(
        ("Text", "Body words", "Standard: pages (words a page)", "Compact: pages (words a page)",
         "Compact / standard"), rows), "Words a page: the body words over all pages, cover and contents included."])


if __name__ == "__main__":
    main()
