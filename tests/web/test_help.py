"""The help page: for everyone signed in, in their interface language, with the UN's word limit."""
import re

import pytest
from babel import Locale
from babel.numbers import format_decimal

import views.help
from models import User

# A phrase of each language's text, and its "In short" heading.
TEXTS = {"kk": ("Қысқаша", "бірлескен баяндамасы үшін БҰҰ лимиті"),
         "ru": ("Коротко", "Лимит ООН для совместного доклада"),
         "en": ("In short", "The UN limit for a joint submission")}


def test_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get("/help")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", ["member", "reviewer", "coordinator"])
def test_everyone_signed_in_reads_it(person, role):
    page = person(role).get("/help")
    assert page.status_code == 200 and page.text.count("<h1") == 1


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_text_follows_the_persons_language(person, language):
    User.update(language=language).where(User.login == "member").execute()
    page = person("member").get("/help").text
    heading, phrase = TEXTS[language]
    assert f'<div class="help" lang="{language}">' in page
    assert heading in page and phrase in page
    assert f"<strong>{format_decimal(5630, locale=language)} " in page  # 5 630 (a no-break space) or 5,630
    others = [TEXTS[other][1] for other in TEXTS if other != language]
    assert not any(other in page for other in others)


def test_switching_the_language_switches_the_text(person):
    client = person("member")
    assert client.post("/language", data={"language": "kk", "next": "/help"}).headers["Location"] == "/help"
    assert '<div class="help" lang="kk">' in client.get("/help").text
    client.post("/language", data={"language": "en", "next": "/help"})
    assert '<div class="help" lang="en">' in client.get("/help").text


def test_any_other_language_gets_english(person, monkeypatch):
    monkeypatch.setattr(views.help, "get_locale", lambda: Locale("fr"))
    page = person("member").get("/help").text
    assert '<div class="help" lang="en">' in page and "5,630 words" in page


def test_idle_timeout_is_the_configured_one(app, person):
    app.config["IDLE_TIMEOUT_MINUTES"] = 90  # read by the page on each request
    assert "after 90 minutes without any activity" in person("member").get("/help").text


def test_every_language_has_the_same_parts_each_in_the_contents(person):
    """The three texts keep the same headings in the same order (the inbox's, mentions', following and e-mail's
    included), and "On this page" links to each part."""
    client, parts = person("member"), {}
    for language in sorted(TEXTS):
        client.post("/language", data={"language": language, "next": "/help"})
        page = client.get("/help").text
        parts[language] = re.findall(r'<h[23] id="(help-[\w-]+)">', page)
        contents = re.search(r'<nav aria-labelledby="help-contents">.*?</nav>', page, re.S).group(0)
        linked = re.findall(r'<a href="#(help-[\w-]+)">', contents)
        assert linked == re.findall(r'<h2 id="(help-[\w-]+)">', page)[2:]  # after "In short" and the contents
    assert parts["en"] == parts["ru"] == parts["kk"]
    assert {"help-inbox", "help-mentions", "help-following", "help-email"} <= set(parts["en"])


def test_the_inbox_help_names_the_controls_as_the_pages_do(person, own):
    """The English help quotes the labels of the picker, following and the e-mail choice."""
    client = person("member")
    shown = client.get(f"/sections/{own}").text + client.get("/inbox").text + client.get("/account").text
    help_page = client.get("/help").text
    for label in ("Mention someone", "Follow this section", "What comes by e-mail"):
        assert f"“{label}”" in help_page and label in shown
