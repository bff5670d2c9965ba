"""htmx requests get fragments, errors aimed at the message area, and whole pages on history restore."""
HX = {"HX-Request": "true"}


def test_htmx_error_is_retargeted_to_messages(world, client, login):
    login("other")
    answer = client.post(f"/sections/{world['sections']['own']}/preview", data={"body": "x"}, headers=HX)
    assert answer.status_code == 403
    assert answer.headers["HX-Retarget"] == "#messages"
    assert "<html" not in answer.text and "permission" in answer.text


def test_history_restore_gets_the_whole_page(world, client, login):
    login("lead")
    url = f"/sections/{world['sections']['own']}/history"
    assert "<html" not in client.get(url, headers=HX).text
    assert "<html" in client.get(url, headers={**HX, "HX-History-Restore-Request": "true"}).text


def test_error_page_without_htmx_is_a_whole_page(world, client, login):
    login("lead")
    answer = client.get("/sections/9999")
    assert answer.status_code == 404
    assert "<html" in answer.text and "HX-Retarget" not in answer.headers
