def test_lead_sees_overview(world, client, login):
    assert login("lead").status_code == 302
    page = client.get(f"/reports/{world['report']}")
    assert page.status_code == 200
    assert "Women&#39;s rights section" in page.text
