"""The recommendations tracker in Chromium: importing UPR Info's CSV, searching and filtering the list through
htmx, assessing a recommendation and seeing the statistics follow, who may assess, and citing a recommendation
in a section's text."""
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.steps import go_to, open_own_editor, save, sign_in

pytestmark = pytest.mark.browser
SAMPLE = Path(__file__).parents[1] / "data/upr_info_sample.csv"
OWN = "Civil and political rights section"
NOT_IMPLEMENTED_WHY = "Закон 2020 года сохранил разрешительный порядок; независимых расследований нет."
IMPLEMENTED_WHY = "Shelters opened in every region in 2023."
PARTIAL_WHY = "The 2020 law replaced permission with notification only on paper."


# --- helpers ---------------------------------------------------------------------------------------


def results(page):
    return page.locator("#results table.recommendations tbody tr")


def result_numbers(page):
    return [n.strip() for n in results(page).locator("td:first-child a").all_text_contents()]


def chart_value(page, label):
    """The "count (share%)" text the chart writes after the bar of `label`."""
    return page.get_by_role("img", name="Recommendations by implementation").locator(
        f"xpath=.//*[local-name()='text'][contains(@class, 'chart-label')][normalize-space()=\"{label}\"]"
        "/following-sibling::*[local-name()='text'][1]")


def chart_bar_width(page, status):
    return float(page.locator(f"svg.chart rect.bar-{status}").get_attribute("width"))


def assess(page, status, why):
    page.get_by_role("group", name="Implementation").get_by_label(status, exact=True).check()
    page.get_by_label("Why (Markdown)").fill(why)
    page.get_by_role("button", name="Save the assessment").click()


def history(page):
    return page.locator("ol.assessments > li")


def summary(share, count, stalled=0):
    return (f"{share}% of the {count} assessed recommendations are not implemented; a further {stalled}% are "
            "implemented only partly or formally, or show no progress.")


def filter_by(page, select_option):
    """Change a filter and wait for htmx to swap the results in."""
    with page.expect_response(lambda r: "/recommendations?" in r.url and "hx-request" in r.request.headers):
        select_option()


# --- import, search, filters, an assessment, the statistics ------------------------------------


def test_import_filter_assess_and_chart(page, world):
    sign_in(page, "coordinator")
    go_to(page, "Recommendations")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendations of the last cycle")
    expect(page.locator("#results .hint").first).to_have_text("1 recommendation")

    page.get_by_role("link", name="Import from CSV").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import recommendations")
    page.get_by_label("CSV or Excel file").set_input_files(SAMPLE)
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import: upr_info_sample.csv")
    expect(page.get_by_text("12 rows · encoding: utf-8")).to_be_visible()
    guessed = {"State under Review": "(ignore)", "Recommendation": "Text", "Recommending State":
               "Recommending states", "Response": "Response of the State", "Action Category": "(ignore)",
               "Issues": "Themes", "Session": "(ignore)", "Cycle": "Cycle", "Document": "Document symbol"}
    mapping = page.locator("table.mapping")
    for header, meaning in guessed.items():
        select = mapping.get_by_label(header, exact=True)
        expect(select.locator("option:checked")).to_have_text(meaning)
    expect(page.locator("ul.problems")).to_have_count(0)
    # The world's 142.45 is in the file too (same document A/HRC/43/10): it is skipped, not imported twice.
    expect(page.get_by_role("heading", level=2, name=re.compile(r"new recommendation"))).to_have_text(
        "11 new recommendations")
    expect(page.get_by_text("1 is in the report already (same document and number) and will be skipped.")
           ).to_be_visible()
    preview = page.locator("table.recommendations tbody tr")
    expect(preview).to_have_count(11)
    row_88 = preview.filter(has_text="142.88")
    expect(row_88).to_contain_text("Дания, Чехия")
    expect(row_88).to_contain_text("Supported")
    expect(row_88).to_contain_text("Torture and other CID treatment, Detention")
    expect(row_88.locator("td").nth(3)).to_have_text(re.compile(r"^Усилить меры"))  # the number is cut off
    page.get_by_role("button", name="Import 11 recommendations").click()

    expect(page.locator("#messages")).to_contain_text("11 recommendations imported.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendations of the last cycle")
    expect(page.locator("#results .hint").first).to_have_text("12 recommendations")
    expect(results(page)).to_have_count(12)
    numbers = result_numbers(page)
    assert numbers.count("142.45") == 1, numbers
    assert numbers[:4] == ["142.1", "142.9", "142.12", "142.45"], f"not in the UN's order: {numbers}"
    list_url = page.url

    # Search as you type: htmx swaps the results in, the page stays, the address follows.
    page.evaluate("window.notReloaded = true")
    search = page.get_by_label("Search: number, text, state")
    with page.expect_request(lambda r: "hx-request" in r.headers and "q=" in r.url):
        search.press_sequentially("пыток", delay=30)
    expect(results(page)).to_have_count(1)
    expect(results(page).first).to_contain_text("142.88")
    expect(page.locator("#results .hint").first).to_have_text("1 recommendation")
    expect(page).to_have_url(re.compile(r"[?&]q="))
    assert parse_qs(urlsplit(page.url).query)["q"] == ["пыток"]
    assert page.evaluate("window.notReloaded"), "the search should swap the results in, not reload the page"

    search.fill("")
    expect(results(page)).to_have_count(12)

    theme = page.get_by_label(re.compile(r"^Theme"))
    filter_by(page, lambda: theme.select_option(label="Women's rights"))
    expect(results(page)).to_have_count(2)
    assert result_numbers(page) == ["142.102", "142.103"]
    assert parse_qs(urlsplit(page.url).query).get("theme") == ["Women's rights"]
    filter_by(page, lambda: page.get_by_label(re.compile(r"^Response of the State")).select_option(label="Supported"))
    expect(results(page)).to_have_count(1)
    assert result_numbers(page) == ["142.103"]
    filter_by(page, lambda: page.get_by_label(re.compile(r"^Response of the State")).select_option(label="Any"))
    filter_by(page, lambda: theme.select_option(label="Any"))
    expect(results(page)).to_have_count(12)
    assert page.evaluate("window.notReloaded"), "the filters should swap the results in, not reload the page"

    # Assess 142.88 as not implemented.
    search.fill("пыток")
    expect(results(page)).to_have_count(1)
    results(page).get_by_role("link", name="142.88").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recommendation 142.88")
    expect(page.locator("h1 .assessment")).to_have_text("Not assessed")
    expect(page.get_by_text("Not assessed yet.")).to_be_visible()
    assess(page, "Not implemented", NOT_IMPLEMENTED_WHY)
    expect(page.locator("#messages")).to_contain_text("The assessment is saved.")
    expect(page.locator("h1 .assessment")).to_have_text("Not implemented")
    expect(history(page)).to_have_count(1)
    expect(history(page).first.locator(".assessment")).to_have_text("Not implemented")
    expect(history(page).first).to_contain_text("Coordinator")
    expect(history(page).first.locator(".prose")).to_have_text(NOT_IMPLEMENTED_WHY)

    go_to(page, "Recommendations")
    row = results(page).filter(has=page.get_by_role("link", name="142.88", exact=True))
    expect(row.locator(".assessment")).to_have_text("Not implemented")
    page.get_by_role("link", name="Statistics").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics of the recommendations")
    stats_url = page.url
    expect(page.locator("p.summary")).to_have_text(summary(100, 1))
    expect(chart_value(page, "Not implemented")).to_have_text("1 (8%)")  # of all 12, as every share there
    expect(chart_value(page, "Implemented")).to_have_text("0 (0%)")
    expect(chart_value(page, "Not assessed")).to_have_text("11 (92%)")  # of all 12
    assert chart_bar_width(page, "not_implemented") == pytest.approx(32)

    # Assess another (142.103) as implemented: a share of all 12 of its own, the other's unchanged.
    page.goto(list_url)
    results(page).get_by_role("link", name="142.103", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Recommendation 142.103")
    assess(page, "Implemented", IMPLEMENTED_WHY)
    expect(page.locator("#messages")).to_contain_text("The assessment is saved.")
    expect(page.locator("h1 .assessment")).to_have_text("Implemented")

    page.goto(stats_url)
    expect(page.locator("p.summary")).to_have_text(summary(50, 2))
    expect(chart_value(page, "Not implemented")).to_have_text("1 (8%)")
    expect(chart_value(page, "Implemented")).to_have_text("1 (8%)")
    expect(chart_value(page, "Not assessed")).to_have_text("10 (83%)")
    assert chart_bar_width(page, "not_implemented") == pytest.approx(32)
    assert chart_bar_width(page, "implemented") == pytest.approx(32)
    # 142.103 is a supported recommendation; 142.88 too: one of the two is implemented.
    expect(page.get_by_text("Of the 2 assessed recommendations the State supported, 50% are implemented.")
           ).to_be_visible()


# --- who may assess --------------------------------------------------------------------------------


def test_member_assesses_only_their_groups_recommendations(pages, world):
    url = f"/recommendations/{world['recommendation']}"
    member = pages.new()
    sign_in(member, "member")
    member.goto(url)
    expect(member.get_by_role("heading", level=1)).to_contain_text("Recommendation 142.45")
    expect(member.get_by_role("heading", level=2, name="Assess the implementation")).to_be_visible()

    # A justification is required: the annex quotes it.
    member.get_by_role("group", name="Implementation").get_by_label("Partially implemented", exact=True).check()
    member.get_by_role("button", name="Save the assessment").click()
    expect(member.get_by_text("Say why: the annex quotes this justification.")).to_be_visible()
    expect(member.locator("h1 .assessment")).to_have_text("Not assessed")

    assess(member, "Partially implemented", PARTIAL_WHY)
    expect(member.locator("#messages")).to_contain_text("The assessment is saved.")
    expect(member.locator("h1 .assessment")).to_have_text("Partially implemented")
    expect(history(member)).to_have_count(1)
    expect(history(member).first).to_contain_text("Member")
    expect(history(member).first.locator(".prose")).to_have_text(PARTIAL_WHY)

    other = pages.new()
    sign_in(other, "other")  # in "Women's rights"; 142.45 belongs to "Civil and political rights"
    other.goto(url)
    expect(other.get_by_role("heading", level=1)).to_contain_text("Recommendation 142.45")
    expect(other.locator("h1 .assessment")).to_have_text("Partially implemented")  # they may read it
    expect(history(other)).to_have_count(1)
    expect(other.get_by_role("heading", name="Assess the implementation")).to_have_count(0)
    expect(other.get_by_role("button", name="Save the assessment")).to_have_count(0)
    expect(other.get_by_role("radio")).to_have_count(0)
    expect(other.get_by_label("Why (Markdown)")).to_have_count(0)

    # Even with a valid CSRF token from their own session, the server refuses the assessment.
    status = other.evaluate("""async (url) => {
        const body = new URLSearchParams({
            csrf_token: document.querySelector("input[name=csrf_token]").value,
            status: "implemented", justification: "Not ours to say."});
        const response = await fetch(url + "/assess", {method: "POST", body, redirect: "manual"});
        return response.status;
    }""", url)
    assert status == 403
    member.reload()
    expect(member.locator("h1 .assessment")).to_have_text("Partially implemented")
    expect(history(member)).to_have_count(1)


# --- citing a recommendation in a section ----------------------------------------------------------


def test_citation_in_the_editor_preview(page, world):
    sign_in(page, "member")
    page.goto(f"/recommendations/{world['recommendation']}")
    expect(page.get_by_text("No section cites it yet. Write [rec:142.45] in a section to cite it.")).to_be_visible()
    go_to(page, "Report")

    text = open_own_editor(page)
    preview = page.locator("#preview")
    expect(preview.locator("a.rec")).to_have_count(0)
    page.evaluate("window.notReloaded = true")
    body = ("Власти не выполнили рекомендацию [rec:142.45] о мирных собраниях.\n\n"
            "См. также [rec:999.1].")
    with page.expect_response(lambda r: r.url.endswith("/preview") and r.request.method == "POST"):
        text.fill(body)
    link = preview.get_by_role("link", name="142.45", exact=True)
    expect(link).to_have_attribute("href", f"/recommendations/{world['recommendation']}")
    expect(link).to_have_attribute("title", "Not assessed")
    warning = preview.locator("#preview-counts .warning")  # in the polite live region, with the word count
    expect(warning).to_contain_text("999.1")
    expect(warning).not_to_contain_text("142.45")
    expect(preview.locator(".rec-unknown")).to_have_text("[rec:999.1]")
    assert page.evaluate("window.notReloaded"), "the preview should be swapped in, not reload the page"

    save(page, "cites 142.45")
    expect(page.locator("#messages")).to_contain_text("Saved as revision 3")
    expect(page.get_by_role("heading", level=1)).to_contain_text(OWN)
    article = page.locator("article.prose")
    expect(article).to_contain_text("Власти не выполнили рекомендацию")
    expect(article.locator(".rec-unknown")).to_have_text("[rec:999.1]")
    article.get_by_role("link", name="142.45", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Recommendation 142.45")
    cited = page.get_by_role("heading", level=2, name="Cited in").locator("xpath=following-sibling::*[1]")
    expect(cited.get_by_role("link")).to_have_count(1)
    expect(cited.get_by_role("link", name=OWN)).to_have_attribute("href", f"/sections/{world['sections']['own']}")
    expect(page.get_by_text("No section cites it yet.")).to_have_count(0)
