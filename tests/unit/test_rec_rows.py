"""csv_files.check, row by row: rows written once per recommending State become one recommendation, the response and
the number as the file wrote them, and unknown responses given a meaning once for the whole file."""
from coalition.recommendations.csv_files import Problem, check, guess_mapping, read

DOC = "A/HRC/43/10"
TORTURE = "Ratify the Optional Protocol to the Convention against Torture"
# A research dataset, one row per recommending State, in no particular order (lines 2 to 13): 12 rows, 5
# recommendations with 3, 2, 4, 2 and 1 States.
PER_STATE = f"""Paragraph,Document,Recommendation,Recommending State,Response
118.1,{DOC},{TORTURE},France,Supported
118.10,{DOC},Protect journalists and human rights defenders,Norway,Supported in part
118.1,{DOC},{TORTURE},Germany,Supported
118.2,{DOC},Abolish the death penalty,"Spain; Italy",Rejected
Para 118.10,{DOC},Protect journalists and human rights defenders,Sweden,Supported in part
118.1.,{DOC},"{TORTURE.replace(" the ", "  the ", 1)}",Chile,Supported
118.10,{DOC},Protect journalists and human rights defenders,Holy See,Supported in part
118.2,{DOC},Abolish the death penalty,Italy,Rejected
118.11,{DOC},Guarantee the independence of judges,Brazil,Поддержано
118.10,{DOC},Protect journalists and human rights defenders,"Korea, Republic of",Supported in part
118.11,{DOC},Guarantee the independence of judges,Canada,Поддержано
118.12,{DOC},Adopt a law against discrimination,Kenya,Noted
"""


def checked_rows(data: str, responses=None, existing=frozenset()):
    table = read(data.encode())
    return check(table, guess_mapping(table.headers), set(existing), set(), responses)


def test_one_row_per_state_becomes_one_recommendation_with_all_its_states():
    checked = checked_rows(PER_STATE)
    assert checked.problems == []
    assert [(c.number, c.states) for c in checked.new] == [
        ("118.1", ["France", "Germany", "Chile"]),
        ("118.10", ["Norway", "Sweden", "Holy See", "Korea, Republic of"]),
        ("118.2", ["Spain", "Italy"]),  # Italy twice: once
        ("118.11", ["Brazil", "Canada"]),
        ("118.12", ["Kenya"])]
    assert [len(c.states) for c in checked.new] == [3, 4, 2, 2, 1]
    assert [(c.line, c.also) for c in checked.new] == [(2, [4, 7]), (3, [6, 8, 11]), (5, [9]), (10, [12]), (13, [])]
    assert [c.response for c in checked.new] == ["supported", "partially", "noted", "supported", "noted"]
    assert checked.new[0].text == TORTURE  # the first row's, as written


def test_the_same_number_with_another_text_or_response_is_still_a_duplicate():
    data = PER_STATE + (f"118.1,{DOC},Ratify the Convention on Enforced Disappearance,Spain,Supported\n"  # 14
                        f"118.12,{DOC},Adopt a law against discrimination,Peru,Supported\n"  # 15
                        f"118.12,A/HRC/43/11,Adopt a law against discrimination,Peru,Noted\n")  # 16: another document
    checked = checked_rows(data)
    assert checked.problems == [Problem(14, "duplicate", "2"), Problem(15, "duplicate", "13")]
    assert [c.key for c in checked.new][-1] == ("A/HRC/43/11", "118.12")
    assert checked.new[4].states == ["Kenya"]


def test_rows_of_a_recommendation_the_report_has_are_skipped_together():
    checked = checked_rows(PER_STATE, existing={(DOC, "118.1")})
    assert [(c.number, c.states) for c in checked.existing] == [("118.1", ["France", "Germany", "Chile"])]
    assert [c.number for c in checked.new] == ["118.10", "118.2", "118.11", "118.12"]


def test_numbers_and_responses_as_written_are_kept_for_the_preview():
    checked = checked_rows(PER_STATE)
    assert [(c.number, c.number_as_written) for c in checked.new] == [
        ("118.1", ""), ("118.10", ""), ("118.2", ""), ("118.11", ""), ("118.12", "")]  # each first row's
    first = checked_rows("Number,Text,Response\nPara 124.1,One,Rejected\n124.10,Two,Supported\n"
                         "\"124,2\",Three,partially supported\n124.3.,Four,\n").new
    assert [(c.number, c.number_as_written) for c in first] == [
        ("124.1", "Para 124.1"), ("124.10", ""), ("124.2", "124,2"), ("124.3", "124.3.")]
    assert [(c.response, c.response_as_written) for c in first] == [
        ("noted", "Rejected"), ("supported", ""), ("partially", ""), ("", "")]


def test_a_number_that_is_not_one_is_a_problem_as_written():
    checked = checked_rows("Number,Text\nPara 124,One\n124.1.2.3,Two\n")
    assert checked.problems == [Problem(2, "bad_number", "Para 124"), Problem(3, "bad_number", "124.1.2.3")]


UNKNOWN = "Number,Text,Response\n1.1,One,Pending\n1.2,Two,Deferred\n1.3,Three,Pending\n1.4,Four,Accepted\n"


def test_an_unknown_response_is_a_problem_of_each_row_and_listed_once():
    checked = checked_rows(UNKNOWN)
    assert checked.problems == [Problem(2, "bad_response", "Pending"), Problem(3, "bad_response", "Deferred"),
                                Problem(4, "bad_response", "Pending")]
    assert checked.unknown_responses == ["Pending", "Deferred"]
    assert [c.number for c in checked.new] == ["1.4"]


def test_the_coordinators_meaning_holds_for_every_row_that_writes_it():
    half = checked_rows(UNKNOWN, {"Pending": "noted"})
    assert half.problems == [Problem(3, "bad_response", "Deferred")]
    assert half.unknown_responses == ["Pending", "Deferred"]  # still offered, with the meaning chosen
    done = checked_rows(UNKNOWN, {"Pending": "noted", "Deferred": ""})
    assert done.problems == []
    assert [(c.number, c.response, c.response_as_written) for c in done.new] == [
        ("1.1", "noted", "Pending"), ("1.2", "", "Deferred"), ("1.3", "noted", "Pending"),
        ("1.4", "supported", "Accepted")]
