import io

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


def test_a_three_digit_note_number_hangs_clear_of_its_text():
    paragraphs = docx.Document(io.BytesIO(render_docx(many_notes(120)))).paragraphs
    notes = paragraphs[[p.text for p in paragraphs].index("Notes") + 1:]
    assert len(notes) == 120
    note = notes[99]
    assert note.text == "100.\tAI index 100."
    layout = note.paragraph_format
    width = layout.left_indent
    # The number starts at the hanging edge and the tab takes the text to the indent, where a stop is:
    # "100." (about 7 mm in 11pt Times) fits in front of it.
    assert layout.first_line_indent == -width and width >= docx.shared.Mm(9)
    assert [stop.position for stop in layout.tab_stops] == [width]
    assert notes[0].text == "1.\tAI index 1." and notes[0].paragraph_format.left_indent == width
