"""Hostile input on every route: whatever a script sends, the answer is never a 500 nor a stack trace, a
template expression is never evaluated, a save adds at most one revision, and the database still answers.

Hypothesis draws the values for every POST form, every GET query and the CSV upload. Three kinds of value
are also tested one by one below, on every route they can reach: integers beyond a 32-bit column, the NUL
character (PostgreSQL cannot store it), and a line break in `next` (not a field the draws name).
"""
import io
from pathlib import Path
from urllib.parse import quote_from_bytes, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from models import Draft, PendingImport, Revision, User
from tests.helpers import PASSWORD, sign_in
from tests.web.routes import endpoints, example_url
from tests.web.test_csrf import FORMS

SAMPLE = (Path(__file__).parent.parent / "data" / "upr_info_sample.csv").read_bytes()
TOO_LARGE = "What you sent is too large. Nothing was saved"
HOSTILE = settings(max_examples=25, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])
HOSTILE_QUERY = settings(HOSTILE, max_examples=10)  # the GET routes: many, and one kind of input each

# A form each route accepts as it is, so that a hostile value in one field gets past the others' checks.
RECOMMENDATION = {"number": "118.12", "document": "A/HRC/43/10", "cycle": "3", "text": "Ratify the Protocol.",
                  "states": "Germany", "response": "supported", "themes": "Torture", "affected_groups": "All",
                  "sdgs": "16", "group": "0"}
VALID = {
    **FORMS,
    "auth.login": {"login": "coordinator", "password": "not the password"},
    "sections.edit": {"body": "A new text.", "note": "why", "base": "2", "editor": "tab-1", "action": "save"},
    "drafts.keep": {"body": "A draft.", "note": "why", "base": "2", "editor": "tab-1"},
    "sections.resolve": {"origin": "1", "theirs": "2", "mine": "My text.", "note": "why", "editor": "tab-1",
                         "choice-0": "edit", "edited-0": "Edited."},
    "review.move": {"action": "submit", "note": "Ready.", "number": "2"},
    "comments.create": {"revision": "2", "paragraph": "-1", "body": "A point."},
    "recommendations.assess": {"status": "partially", "justification": "Why.", "sources": "A source."},
    "recommendations.new": RECOMMENDATION,
    "recommendations.edit": {**RECOMMENDATION, "number": "142.45"},
    "report.settings": {"title": "Joint submission", "short_title": "JS", "country": "Kazakhstan",
                        "mechanism": "UPR", "cycle": "4", "session": "46", "deadline": "2025-01-31",
                        "language": "ru", "word_limit": "5000", "coordinating_organisation": "0", "contact": "c",
                        "coalition_description": "About us.", "notes_style": "footnotes"},
    "presence.section": {"editing": "1", "base": "2"},
    "history.restore": {"note": "Back to the first text."},
    "submissions.freeze": {"note": "Sent.", "leave_out": "y", "annex": "theme"},
    "imports.preview": {"action": "import", "column-0": "number", "column-1": "text"},
    "exports.report": {"format": "docx", "draft": "y", "annex": ""},
    "exports.section": {"format": "docx"},
}
SAVES = {"sections.edit", "sections.resolve", "history.restore"}  # the routes that may add a revision
NUMERIC = {"sections.edit": ["base"], "drafts.keep": ["base"], "sections.resolve": ["origin", "theirs"],
           "comments.create": ["revision", "paragraph"], "review.move": ["number"], "presence.section": ["base"],
           "recommendations.new": ["group"], "recommendations.edit": ["group"],
           "report.settings": ["word_limit", "coordinating_organisation"]}
# Read at import: endpoints() builds an app, which would point the models at its own database mid-test.
GET_ROUTES = endpoints("GET")
QUERY = ["q", "page", "group", "status", "type", "before", "old", "new", "kind", "theme", "response", "person",
         "seen", "draft", "next", "format"]

SQL = ["' OR 1=1 --", "'); DROP TABLE revision; --", "1; SELECT pg_sleep(10) --", '" OR ""="', "%' --",
       "1 UNION SELECT password_hash FROM \"user\" --", "\\", "%_%", "*/ /*"]
# Each would show one of EVALUATED if a template evaluated it (the tpl markers make "49" unambiguous).
TEMPLATES = ["tpl{{ 7*7 }}tpl", "tpl{{ 7*'7' }}tpl", "{% raw %}", "{% endraw %}", "{{ config }}", "${7*7}",
             "{{ ''.__class__.__mro__ }}", "%(limit)s %s %n {0}", "{#", "<%= 7*7 %>"]
EVALUATED = [b"tpl49tpl", b"tpl7777777tpl", b"Config {", b"Config &#123;", b"&lt;class"]
UNICODE = ["Қазақстан Республикасы", "حقوق الإنسان", "זכויות אדם", "\u202eevil\u202c", "👩🏽‍⚖️🏳️‍🌈",
           "a\u200bb\u200c\u200d\ufeffc", "\ufffd", "\U0010ffff", "\ufdd0", "İı ß ǅ", "\ud800", "\udfff x"]
CONTROL = ["\x01", "\x08", "\x0b\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028\u2029", "\r", "\r\n\r\n", "\t"]
# In range of a 32-bit column: what lies beyond is tested as a known failure below.
NUMBERS = ["-1", "0", "-0", "+1", "2147483647", "-2147483648", "1e309", "NaN", "inf", "-inf", "0x10",
           "1_000", " 2 ", "٣", "１２", "1.5", "", "None", "[]", "9" * 5000]  # int() refuses over 4300 digits
INVALID_UTF8 = [b"\xff", b"\xfe\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xe2\x82", b"\x80", b"\xf4\x90\x80\x80"]
LONG_UNITS = ["a", "қ", "👩‍⚖️", "[", "*", "> ", "- ", "|", "`", "<", "&", "\n", "[rec:1.1]", "**a", "{{", "'", "x "]

snippet = st.sampled_from(SQL + TEMPLATES + UNICODE + CONTROL + NUMBERS)
short_text = st.one_of(snippet, st.lists(snippet, max_size=6).map("".join),
                       st.text(st.characters(exclude_characters="\x00"), max_size=40))


def long_text(most: int):
    return st.builds(lambda unit, length: (unit * length)[:length], st.sampled_from(LONG_UNITS),
                     st.integers(most // 10, most))


def fits_an_integer_column(sent: bytes) -> bool:
    """False for what int() reads as a number beyond 32 bits (snippets joined can make one: "2147483647" "0")."""
    try:
        return abs(int(sent.decode("utf-8", "replace"))) < 2**31
    except ValueError:
        return True


def values(longest: int):
    """Field values as sent: UTF-8 (lone surrogates too, which makes it invalid), or bytes that are not UTF-8."""
    return st.one_of((short_text | long_text(longest)).map(lambda s: s.encode("utf-8", "surrogatepass")),
                     st.lists(st.sampled_from(INVALID_UTF8), min_size=1, max_size=3).map(b"".join)
                     ).filter(fits_an_integer_column)


form_value = values(100_000)  # a long textarea
query_value = values(4_000)  # about what a proxy lets through in a URL
# Sent unencoded after the fields: raw bytes, broken escapes, empty pairs.
raw_tail = st.sampled_from([b"", b"&\xff\xfe=\xed\xa0\x80", b"&body=%ZZ%", b"&&==&", b"&=x", b"&x", b";a=1&+=+"])


def encode(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return b"&".join(quote_from_bytes(k).encode() + b"=" + quote_from_bytes(v).encode() for k, v in pairs)


@st.composite
def hostile_pairs(draw, fields: dict, names: list[str]):
    """The fields, each kept, made hostile, left out or sent twice; and a few more fields of any name."""
    pairs = []
    for name, good in fields.items():
        how = draw(st.sampled_from(["keep", "hostile", "hostile", "leave out", "twice"]))
        if how != "leave out":
            pairs.append((name.encode(), str(good).encode() if how == "keep" else draw(form_value)))
        if how == "twice":
            pairs.append((name.encode(), draw(form_value)))
    extra_name = st.sampled_from(names).map(str.encode) | query_value
    return pairs + draw(st.lists(st.tuples(extra_name, form_value), max_size=3))


def stays_on_site(location: str) -> bool:
    """Read the way browsers do: tabs and line breaks dropped, backslashes as slashes."""
    seen = location.replace("\\", "/").translate({9: None, 10: None, 13: None}).strip()
    parts = urlsplit(seen)
    return not seen.startswith("//") and parts.netloc in ("", "localhost") and parts.scheme in ("", "http", "https")


def assert_survived(response, where: str = ""):
    assert response.status_code < 500, (where, response.status_code)
    assert b"Traceback" not in response.data, where
    for evaluated in EVALUATED:
        assert evaluated not in response.data, (where, evaluated)
    assert stays_on_site(response.headers.get("Location", "")), (where, response.headers["Location"])


@pytest.fixture
def client_for(app, world):
    """client_for(endpoint): the coordinator's (the role allowed the most), nobody's for the sign-in form."""
    coordinator = app.test_client()
    assert sign_in(coordinator, "coordinator").status_code == 302

    def client(endpoint: str):
        if endpoint == "auth.login":
            return app.test_client()
        if endpoint == "auth.logout":
            sign_in(coordinator, "coordinator")  # again: the example before signed out
        return coordinator

    return client


def target(app, world, endpoint: str) -> str:
    """The route's URL; an import preview gets an upload of its own (a finished import deletes it)."""
    if endpoint == "imports.preview":
        pending = PendingImport.create(report=world["report"], user=User.get(User.login == "coordinator"),
                                       data=SAMPLE, filename="sample.csv")
        return f"/imports/{pending.id}"
    return example_url(app, endpoint, world)[1]  # the same URL for a GET and a POST


def revisions_of(section_id: int) -> int:
    return Revision.select().where(Revision.section == section_id).count()


def post(client, url: str, pairs, tail: bytes = b"", query: bytes = b""):
    return client.post(url + ("?" + query.decode() if query else ""), data=encode(pairs) + tail,
                       content_type="application/x-www-form-urlencoded")


@pytest.mark.parametrize("endpoint", endpoints("POST"))
@HOSTILE
@given(data=st.data())
def test_no_form_value_breaks_a_post_route(app, world, client_for, endpoint, data):
    own = world["sections"]["own"]
    fields = VALID.get(endpoint, {})
    pairs = data.draw(hostile_pairs(fields, [*fields, "choice-0", "edited-0", "column-0", "csrf_token", "action"]))
    query = data.draw(st.lists(st.tuples(st.sampled_from(QUERY).map(str.encode), query_value), max_size=3))
    before = revisions_of(own)
    response = post(client_for(endpoint), target(app, world, endpoint), pairs, data.draw(raw_tail),
                    encode(query))
    assert_survived(response)
    added = revisions_of(own) - before  # the database still answers
    assert added == 0 or (added == 1 and endpoint in SAVES), added


@pytest.mark.parametrize("endpoint", GET_ROUTES)
@HOSTILE_QUERY
@given(data=st.data())
def test_no_query_breaks_a_get_route(app, world, client_for, endpoint, data):
    names = st.sampled_from(QUERY).map(str.encode) | query_value
    query = data.draw(st.lists(st.tuples(names, query_value), max_size=5))
    response = client_for(endpoint).get(f"{example_url(app, endpoint, world)[1]}?{encode(query).decode()}")
    assert_survived(response)


csv_cell = (short_text | long_text(5_000)).map(lambda s: '"' + s.replace('"', '""') + '"') | st.sampled_from(
    ["=cmd|' /C calc'!A0", "@SUM(1)", '"unclosed'])
csv_file = st.one_of(
    st.lists(st.lists(csv_cell, min_size=1, max_size=4).map(",".join), min_size=1, max_size=5).flatmap(
        lambda rows: st.sampled_from(["utf-8", "utf-8-sig", "cp1251", "utf-16"]).map(
            lambda codec: ("number,text\n" + "\n".join(rows)).encode(codec, "replace"))),
    st.binary(max_size=300))


# A file name travels in the multipart header as UTF-8, which has no lone surrogate (U+D800): no browser can send one,
# and the test client cannot encode it either.
@HOSTILE
@given(content=csv_file,
       filename=st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=300)
       | snippet.filter(lambda s: s.isprintable()))
def test_no_file_breaks_the_import(world, client_for, content, filename):
    client = client_for("imports.upload")
    response = client.post(f"/reports/{world['report']}/recommendations/import",
                           data={"file": (io.BytesIO(content), filename)})
    assert_survived(response)
    if response.status_code == 302:
        assert_survived(client.get(response.headers["Location"]))


# Values beyond a 32-bit integer column (PostgreSQL's "integer"), a 64-bit one (SQLite's) and both.
BEYOND = ["2147483648", "-2147483649", "99999999999999999999"]
QUERY_NUMBERS = {"activity.feed": ["before", "group", "person", "seen"], "audit.index": ["before"],
                 "history.compare": ["old", "new"], "history.index": ["page"],
                 "recommendations.index": ["page", "group"]}


# From here, values PostgreSQL refuses and SQLite stores, route by route: on both databases (the draws above, on
# SQLite only, are about the app's own handling).
@pytest.mark.both_databases
@pytest.mark.parametrize("endpoint", sorted(NUMERIC))
def test_a_number_beyond_the_database_range_in_a_form(app, world, client_for, endpoint):
    for field in NUMERIC[endpoint]:
        for number in BEYOND:
            before = revisions_of(world["sections"]["own"])
            response = post(client_for(endpoint), target(app, world, endpoint),
                            [(k.encode(), str(v).encode()) for k, v in {**VALID[endpoint], field: number}.items()])
            assert_survived(response, field)
            assert revisions_of(world["sections"]["own"]) - before in (0, 1)


@pytest.mark.both_databases
@pytest.mark.parametrize("endpoint", sorted(QUERY_NUMBERS))
def test_a_number_beyond_the_database_range_in_a_query(app, world, client_for, endpoint):
    for name in QUERY_NUMBERS[endpoint]:
        for number in BEYOND:
            assert_survived(client_for(endpoint).get(f"{example_url(app, endpoint, world)[1]}?{name}={number}"), name)


def with_ids(app, endpoint: str, value: int) -> str:
    """The route's URL with every id in its path set to value."""
    rule = next(app.url_map.iter_rules(endpoint))
    return app.url_map.bind("localhost").build(endpoint, dict.fromkeys(rule.arguments, value))


def routes_with_ids(app) -> list[tuple[str, str]]:
    """(endpoint, method) of every route with an id in its path (a one-time link's token is not a number)."""
    return [(rule.endpoint, "GET" if "GET" in rule.methods else "POST") for rule in app.url_map.iter_rules()
            if rule.arguments and rule.endpoint != "static" and "token" not in rule.arguments]


@pytest.mark.both_databases
def test_an_id_beyond_the_database_range_is_not_found(app, world, client_for):
    for endpoint, method in routes_with_ids(app):
        for number in (2**31, 2**63, 10**20):
            response = client_for(endpoint).open(with_ids(app, endpoint, number), method=method)
            assert_survived(response, endpoint)
            assert response.status_code == 404, (endpoint, number, response.status_code)


def test_a_negative_id_is_not_even_routed(app, client_for):
    for endpoint, method in routes_with_ids(app):
        assert client_for(endpoint).open(with_ids(app, endpoint, -1), method=method).status_code == 404, endpoint


@pytest.mark.both_databases
@pytest.mark.parametrize("endpoint", sorted(VALID))
def test_a_nul_character_in_a_form(app, world, client_for, endpoint):
    for field in VALID[endpoint]:
        before = revisions_of(world["sections"]["own"])
        response = post(client_for(endpoint), target(app, world, endpoint),
                        [(k.encode(), str(v).encode()) for k, v in {**VALID[endpoint], field: "a\x00b"}.items()])
        assert_survived(response, field)
        assert revisions_of(world["sections"]["own"]) - before in (0, 1)


@pytest.mark.both_databases
def test_a_nul_character_in_a_query(app, world, client_for):
    query = "&".join(f"{name}=a%00b" for name in QUERY)
    for endpoint in set(GET_ROUTES) - {"recommendations.index"}:  # that one is the next test's
        assert_survived(client_for(endpoint).get(f"{example_url(app, endpoint, world)[1]}?{query}"), endpoint)


@pytest.mark.both_databases
@pytest.mark.parametrize("name", ["q", "theme"])
def test_a_nul_character_in_the_recommendation_search(world, client_for, name):
    assert_survived(client_for("recommendations.index").get(f"/reports/{world['report']}/recommendations?{name}=a%00b"))


@pytest.mark.both_databases
def test_a_nul_character_in_an_uploaded_file_name(world, client_for):
    response = client_for("imports.upload").post(f"/reports/{world['report']}/recommendations/import",
                                                 data={"file": (io.BytesIO(b"number,text\n1.1,x\n"), "a\x00b.csv")})
    assert_survived(response)


@pytest.mark.parametrize("sent", [{"path": "/language", "data": {"language": "ru", "next": "/\n"}},
                                  {"path": "/login?next=/%0D%0ASet-Cookie:%20x=1",
                                   "data": {"login": "coordinator", "password": PASSWORD}}])
def test_a_line_break_in_next_is_not_followed(app, world, sent):
    assert_survived(app.test_client().post(sent["path"], data=sent["data"]))


TEN_MB = 10 * 1024 * 1024


@pytest.mark.parametrize(("endpoint", "field"), [("sections.edit", "body"), ("sections.preview", "body"),
                                                 ("imports.upload", "file"), ("auth.login", "password")])
def test_ten_megabytes_are_refused_with_the_friendly_page(make_app, world, endpoint, field):
    app = make_app(RATELIMIT_ENABLED=True)  # the sign-in's limit per account reads the form too
    client = app.test_client()
    if endpoint != "auth.login":
        assert sign_in(client, "coordinator").status_code == 302
    big = (io.BytesIO(b"x" * TEN_MB), "big.csv") if field == "file" else "x" * TEN_MB
    before = revisions_of(world["sections"]["own"])
    response = client.post(example_url(app, endpoint, world)[1], data={**VALID.get(endpoint, {}), field: big})
    assert response.status_code == 413
    assert TOO_LARGE in response.text and "<html" in response.text
    assert revisions_of(world["sections"]["own"]) == before
    assert not PendingImport.select().exists() and not Draft.select().exists()
    if endpoint == "auth.login":
        assert client.get("/").headers["Location"].startswith("/login")  # not signed in
