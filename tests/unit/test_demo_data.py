"""The demo's data files (ops/demo_data/): every revision file belongs to a section and every section has its
files, and the recommendations file passes the import's check."""
import re
import shutil

import pytest

from coalition.recommendations import tallies
from ops import demo
from text.cycles import cycle_number


def test_every_section_has_its_revisions_and_every_file_a_section():
    content = demo.load()
    expected = {demo.DATA / name for name in ("coalition.toml", "recommendations.csv", "workflow.toml")}
    for group in content["groups"]:
        for section in group["sections"]:
            assert section["revisions"], section["title"]
            folder = demo.DATA / "revisions" / group["key"] / section["key"]
            expected |= {folder / f"{n:02}.md" for n in range(1, len(section["revisions"]) + 1)}
    found = {path for path in demo.DATA.rglob("*") if path.is_file()}
    assert found == expected  # no orphan file, none missing


def test_recommendations_pass_the_import_check():
    groups = {group["name"] for group in demo.load()["groups"]}
    checked = demo.check_recommendations(groups)
    rows = demo.recommendation_rows()
    assert checked.problems == [] and checked.existing == []
    assert [c.number for c in checked.new] == [row["number"] for row in rows]
    assert all(row["status"] in tallies.STATUSES for row in rows)


def test_the_demo_report_tracks_the_cycle_before_its_own():
    report = demo.load()["report"]
    assert "tracked_cycle" not in report  # the default: the cycle before the report's
    assert {cycle_number(row["cycle"]) for row in demo.recommendation_rows()} == {cycle_number(report["cycle"]) - 1}


def test_every_citation_in_the_texts_is_a_demo_recommendation():
    numbers = {row["number"] for row in demo.recommendation_rows()}
    for group in demo.load()["groups"]:
        for section in group["sections"]:
            cited = set(re.findall(r"\[rec:([\d.]+)\]", section["revisions"][-1]["body"]))
            assert cited <= numbers, section["title"]


@pytest.mark.parametrize("opening", ["author: lead\nnote: x\n\nText", "---\nauthor: lead\n---\nText",
                                     "---\nauthor: editor\nnote: x\n---\nText", "---\nauthor: lead\nnote: x\n---"])
def test_a_revision_without_its_author_and_note_is_refused(tmp_path, opening):
    (tmp_path / "01.md").write_text(opening, encoding="utf-8")
    with pytest.raises(ValueError):
        demo.section_history(tmp_path)


def test_a_gap_in_the_revision_files_is_refused(tmp_path):
    source = demo.DATA / "revisions" / "civil" / "assembly"
    shutil.copy(source / "01.md", tmp_path / "01.md")
    shutil.copy(source / "02.md", tmp_path / "03.md")
    with pytest.raises(ValueError, match="01.md, 02.md"):
        demo.section_history(tmp_path)


def test_a_revision_file_reads_as_its_author_note_and_text(tmp_path):
    (tmp_path / "01.md").write_text("---\nauthor: member\nnote: Таблица: данные 2023 года\n---\n\nТекст.\n",
                                    encoding="utf-8")
    assert demo.section_history(tmp_path) == [{"author": "member", "note": "Таблица: данные 2023 года",
                                               "body": "Текст.\n"}]


def test_the_workflow_names_known_sections_and_goes_forward_in_time():
    content = demo.load()
    sections = {f"{g['key']}/{s['key']}" for g in content["groups"] for s in g["sections"]}
    steps = demo.workflow()
    assert {step["section"] for step in steps if "section" in step} <= sections
    assert [step["days_ago"] for step in steps] == sorted((step["days_ago"] for step in steps), reverse=True)


@pytest.mark.parametrize("change, problem", [("days_ago = 3.0", "too early"), ('do = "delete"', "no such action")])
def test_a_step_out_of_order_or_unknown_is_refused(tmp_path, change, problem):
    steps = '[[step]]\ndays_ago = 2.0\nby = "lead"\ndo = "submit"\n\n[[step]]\nby = "lead"\n'
    defaults = {"days_ago": "days_ago = 1.0", "do": 'do = "approve"'}
    defaults[change.split(" ")[0]] = change
    (tmp_path / "workflow.toml").write_text(steps + "\n".join(defaults.values()), encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        demo.workflow(tmp_path)


@pytest.mark.parametrize("pair", [["пять", "шесть"], ["один", "три"]])  # missing; twice in the text
def test_a_suggested_change_must_find_its_words_once(pair):
    assert demo.replaced("один, два, один", [["два", "три"]]) == "один, три, один"
    with pytest.raises(ValueError, match="exactly once"):
        demo.replaced("один, два, один", [pair])
