"""The report's count rule: chosen in its settings, used and put in words on the overview, the editor and the export
page; a final file or a frozen version over the limit only with the coordinator's confirmation."""
import re

import pytest

from coalition import exports, revisions
from coalition.vocabulary import COUNT_RULES
from export.counts import count_file
from models import Export, Report, Section, Submission, User
from tests.helpers import report_words, step
from tests.web.test_report_settings import VALID

OVER = "over the limit of"
TEXT_WORDS = 8  # the world's two sections, 4 words each


def set_report(world, **values):
    Report.update(**values).where(Report.id == world["report"]).execute()


def shown(html: str) -> str:
    return re.sub(r"\s+", " ", html)


@pytest.mark.parametrize("rule", list(COUNT_RULES))
def test_the_coordinator_chooses_the_rule(app, world, person, rule):
    response = person("coordinator").post(f"/reports/{world['report']}/settings", data={**VALID, "count_rule": rule})
    assert response.status_code == 302 and Report.get_by_id(world["report"]).count_rule == rule


def test_an_unknown_rule_is_refused(app, world, person):
    response = person("coordinator").post(f"/reports/{world['report']}/settings",
                                          data={**VALID, "count_rule": "lenient"})
    assert response.status_code == 400 and 'id="count_rule-errors"' in response.text
    assert 'value="Kyrgyzstan"' in response.text and Report.get_by_id(world["report"]).count_rule == "text"


@pytest.mark.parametrize("rule", list(COUNT_RULES))
def test_overview_editor_and_export_page_use_the_rule_and_say_what_it_counts(app, world, person, own, rule):
    set_report(world, count_rule=rule)
    with app.app_context():
        words = count_file(exports.document_for(Report.get_by_id(world["report"])))
    expected = {"strict": words.whole - words.cover, "text_and_notes": TEXT_WORDS, "text": TEXT_WORDS}[rule]
    assert rule != "strict" or expected > TEXT_WORDS  # headings, numbers, front matter
    client = person("member")
    for url in (f"/reports/{world['report']}", f"/sections/{own}/edit", f"/reports/{world['report']}/export"):
        html = client.get(url).text
        assert report_words(html) == expected, url
        assert str(COUNT_RULES[rule].counts) in shown(html), url


def test_export_page_lists_the_parts_of_the_file(app, world, person):
    set_report(world, count_rule="strict")
    html = shown(person("member").get(f"/reports/{world['report']}/export").text)
    parts = dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>([\d,]+)</td><td>(?:yes|no)</td></tr>', html))
    assert parts["Sections' text"] == str(TEXT_WORDS) and parts["Cover page"] != "0"
    whole = int(re.search(r"Whole file</th><td>([\d,]+)</td>", html).group(1).replace(",", ""))
    assert whole == sum(int(words.replace(",", "")) for words in parts.values())
    assert re.search(r"Cover page</th><td>\d+</td><td>no</td>", html)
    assert re.search(r"Headings[^<]*</th><td>\d+</td><td>yes</td>", html)


def test_export_page_counts_each_sections_text_notes_and_heading(app, world, person, own):
    with app.app_context():
        section = Section.get_by_id(own)
        revisions.save(section, User.get(User.login == "lead"), "Три слова здесь[^1].\n\n[^1]: A/HRC/43/10, п. 5.",
                       "", section.head_revision().number)
    html = shown(person("member").get(f"/reports/{world['report']}/export").text)
    # 3 words, 3 in the note, and the heading "1.1 Civil and political rights section": 6
    assert re.search(r"Civil and political rights section</a></td> <td> <span class=\"words\">Words: 3 of 500</span> "
                     r"</td> <td>3</td><td>6</td>", html)
    assert re.search(r"1\. Civil and political rights</th><td>3</td><td>3</td><td>11</td>", html)


def final_export(client, world, **form):
    return client.post(f"/reports/{world['report']}/export", data={"format": "docx", "annex": "", **form})


def test_a_final_file_over_the_limit_needs_the_coordinators_confirmation(app, world, person):
    set_report(world, word_limit=TEXT_WORDS - 1)
    coordinator = person("coordinator")
    refused = final_export(coordinator, world)
    page = shown(refused.text)
    assert refused.status_code == 400 and Export.select().count() == 0
    assert f"the file has {TEXT_WORDS} words, 1 {OVER} 7" in page and 'id="over_limit-errors" role="alert"' in page
    assert 'checked id="format-1"' in page  # the form is refilled: Word, as asked
    assert final_export(coordinator, world, draft="y").status_code == 302  # a draft may be over the limit
    assert final_export(coordinator, world, over_limit="y").status_code == 302
    assert Export.select().count() == 2


@pytest.mark.parametrize("name", ["member", "reviewer"])
def test_only_the_coordinator_can_confirm(app, world, person, name):
    """Anyone makes a final file of a fully approved report; over the limit, no one but the coordinator."""
    for section_id in world["sections"].values():
        assert step(person("lead" if section_id == world["sections"]["own"] else "other"), section_id,
                    "submit").status_code == 302
        assert step(person("reviewer"), section_id, "approve").status_code == 302
    set_report(world, word_limit=TEXT_WORDS - 1)
    client = person(name)
    assert 'name="over_limit"' not in client.get(f"/reports/{world['report']}/export").text
    refused = final_export(client, world, approved_only="y", over_limit="y")
    assert refused.status_code == 400 and "Only the coordinator can make a final file over the limit" in refused.text
    assert Export.select().count() == 0
    assert final_export(person("coordinator"), world, approved_only="y", over_limit="y").status_code == 302


def test_freezing_over_the_limit_needs_the_confirmation(app, world, person):
    own = world["sections"]["own"]
    assert step(person("lead"), own, "submit").status_code == 302
    assert step(person("reviewer"), own, "approve").status_code == 302
    set_report(world, word_limit=3)
    coordinator, url = person("coordinator"), f"/reports/{world['report']}/freeze"
    refused = coordinator.post(url, data={"note": "to OHCHR", "leave_out": "y", "annex": ""})
    page = shown(refused.text)
    assert refused.status_code == 400 and Submission.select().count() == 0
    assert "the file has 4 words, 1 over the limit of 3" in page and 'value="to OHCHR"' in page
    assert 'name="over_limit"' in page
    frozen = coordinator.post(url, data={"note": "to OHCHR", "leave_out": "y", "annex": "", "over_limit": "y"})
    assert frozen.status_code == 302 and Submission.get().words == 4
    assert person("reviewer").post(url, data={"leave_out": "y", "over_limit": "y"}).status_code == 403
    assert Section.get_by_id(own).status == Section.APPROVED
