"""Saving from an old revision: merged when the edits are apart, a conflict screen when they overlap."""
import re

from models import Draft
from tests.helpers import field_text, hidden
from tests.web.coedit import A2, B2, D3, MINE, A, B, C, X, doc, head


def test_separate_edits_are_merged(client, sec, revision_count):
    response = client.post(f"/sections/{sec}/edit", data={"body": doc(A, X, B, C, D3), "base": 3})
    assert response.status_code == 302 and revision_count(sec) == 5
    saved = head(sec)
    assert (saved.body, saved.merge_base, saved.author.login) == (doc(A2, X, B2, C, D3), 3, "member")
    assert "your edit and theirs were merged" in client.get(response.headers["Location"]).text
    assert "Merged: an edit of revision 3 with revision 4" in client.get(f"/sections/{sec}/history").text


def test_overlap_is_a_conflict_and_nothing_is_saved(conflict, sec, revision_count):
    assert conflict.status_code == 409 and revision_count(sec) == 4
    assert field_text(conflict.text, "mine") == MINE.strip()
    assert (hidden(conflict.text, "origin"), hidden(conflict.text, "theirs")) == ("3", "4")


def test_conflict_screen_shows_both_versions_and_the_merged_rest(conflict):
    _, their_side, my_side = conflict.text.split('<div class="side">')
    assert re.search(r"<del>.*2020.*</del><ins>.*2021.*</ins>", their_side)
    assert re.search(r"<del>.*2020.*</del><ins>.*2019.*</ins>", my_side)
    assert re.findall(r"<pre>(.*?)</pre>", conflict.text) == [A2, X, C, D3]
    assert len(re.findall(r'<fieldset class="conflict"', conflict.text)) == 1


def test_conflict_keeps_the_text_as_a_draft(conflict, sec):
    draft = Draft.get(Draft.section == sec)
    assert (draft.user.login, draft.body, draft.base_number, draft.note) == ("member", MINE, 3, "n")
