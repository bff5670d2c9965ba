"""Compare and review show a change as the text prints, the source diff one link away (?view=source), and a
section never approved as new text (issue 20)."""
import re

import pytest

from coalition import revisions
from models import Section, User
from tests.helpers import without_source_lines

HX = {"HX-Request": "true"}
OLD = ("## Рекомендации\n\nКоалиция отмечает, что закон о собраниях **не изменён** с прошлого цикла.\n\n"
       "- Отменить разрешительный порядок проведения собраний.\n")
NEW = ("## Рекомендации\n\nКоалиция отмечает, что закон о собраниях **не изменён** с прошлого цикла.\n\n"
       "- Отменить разрешительный порядок проведения собраний.\n- Освободить задержанных участников мирных акций.\n")


@pytest.fixture
def own(world, login):
    """The own section with a third revision that adds a list item; signed in as its lead."""
    section = Section.get_by_id(world["sections"]["own"])
    lead = User.get(User.login == "lead")
    revisions.save(section, lead, OLD, "third", 2)
    revisions.save(section, lead, NEW, "fourth", 3)
    login("lead")
    return section.id


def inserted(page: str) -> str:
    return " ".join(re.findall(r"<ins>(.*?)</ins>", page, re.S))


def test_compare_shows_the_change_as_it_prints(client, own):
    page = client.get(f"/sections/{own}/compare?old=3&new=4").text
    assert '<div class="prose formatted-diff"' in page and "<h2>Рекомендации</h2>" in page
    assert "<strong>не изменён</strong>" in page and "## " not in page and "**" not in page
    assert "Освободить задержанных" in inserted(page) and "<del>" not in page.split("formatted-diff")[1]
    assert '<span class="visually-hidden">[inserted: </span>' in page
    assert f'href="/sections/{own}/compare?old=3&amp;new=4&amp;view=source"' in page


def test_the_source_view_is_one_link_away_and_links_back(client, own):
    page = client.get(f"/sections/{own}/compare?old=3&new=4&view=source").text
    assert '<div class="diff"' in page and "formatted-diff" not in page
    assert "- Освободить задержанных" in inserted(page)
    assert f'href="/sections/{own}/compare?old=3&amp;new=4"' in page


@pytest.mark.parametrize("view", ["", "&view=source"])
def test_the_htmx_fragment_in_either_view(client, own, view):
    fragment = client.get(f"/sections/{own}/compare?old=3&new=4{view}", headers=HX).text
    assert fragment.lstrip().startswith('<div id="diff">') and "<html" not in fragment
    assert 'hx-target="#diff"' in fragment and "Освободить" in inserted(fragment)


def approve(section_id: int, number: int) -> None:
    Section.update(status=Section.APPROVED, approved_number=number).where(Section.id == section_id).execute()


def test_review_shows_the_change_since_the_approved_revision_as_it_prints(client, own):
    approve(own, 3)
    page = client.get(f"/sections/{own}/review").text
    assert "Changes since the approved revision 3 (now revision 4)" in page
    assert '<div class="prose formatted-diff"' in page and "Освободить задержанных" in inserted(page)
    assert f'href="/sections/{own}/review?view=source"' in page
    source = client.get(f"/sections/{own}/review?view=source").text
    assert '<div class="diff"' in source and "- Освободить задержанных" in inserted(source)
    assert f'href="/sections/{own}/review"' in source


def test_a_section_never_approved_is_reviewed_as_new_text(client, own):
    page = without_source_lines(client.get(f"/sections/{own}/review").text)
    assert "New text: revision 4; nothing approved yet" in page and "never approved" in page
    assert "<h2>Рекомендации</h2>" in page and "<li>Освободить задержанных участников мирных акций.</li>" in page
    main = page.split('class="prose"')[1].split("</article>")[0]
    assert "<ins>" not in main and "<del>" not in main
    source = client.get(f"/sections/{own}/review?view=source").text
    assert "- Освободить задержанных" in source and "<ins>" not in source.split("New text")[1].split("</div>")[0]
