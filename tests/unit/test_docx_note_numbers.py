import io
import re
import zipfile

import docx

from export.document import ENDNOTES, DocGroup, DocSection, Document, Labels
from export.word import render_docx

LABELS = Labels(organisations="Organisations", coalition="Coalition", notes="Notes", draft="DRAFT",
                joint_submission="Joint submission of {count} organisations")


def many_notes(count: int) -> Document:
    body = "".join(f"Claim {n}[^{n}]. " for n in range(1, count + 1)) + "\n\n"
    body += "\n".join(f"[^{n}]: AI index {n}." for n in range(1, count + 1))
    return Document(title="Report", short_title="Report", country="Kazakhstan", mechanism="UPR", cycle="4",
                    session="48", language="en", date="1 July 2024", coordinator="Bureau", contact="Almaty",
                    coalition="A coalition.", organisations=(),
                    groups=(DocGroup("Rights", (DocSection("Assembly", body, "s-1"),)),),
                    notes=ENDNOTES, labels=LABELS)


def test_a_three_digit_note_number_is_words_own():
    """Word sets an endnote's number apart from its text, so "100." cannot run into it as typed numbers did."""
    data = render_docx(many_notes(120))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        notes, settings = (package.read(f"word/{name}.xml").decode() for name in ("endnotes", "settings"))
    assert len(re.findall(r'<w:endnote w:id="\d+">', notes)) == 120
    assert notes.count("<w:endnoteRef/>") == 120 and "<w:t>AI index 100.</w:t>" in notes
    assert '<w:numFmt w:val="decimal"/>' in settings  # not Word's default i, ii, iii
    word = docx.Document(io.BytesIO(data))
    assert not [p.text for p in word.paragraphs if re.match(r"\d+\.\t", p.text)]
    assert word.sections[-1]._sectPr.xpath("./w:endnotePr/w:numFmt/@w:val") == ["decimal"]
