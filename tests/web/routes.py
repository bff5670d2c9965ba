"""The app's routes, read from its url_map, so that a new route is tested without editing a list."""
from app import create_app

_CONFIG = {"TESTING": True, "SECRET_KEY": "routes", "DATABASE_URL": "sqlite:///:memory:"}


def endpoints(method: str | None = None, exclude=()) -> list[str]:
    """Every endpoint (or those accepting `method`), except `exclude` and static files."""
    rules = create_app(_CONFIG).url_map.iter_rules()
    return sorted({r.endpoint for r in rules if r.endpoint != "static" and r.endpoint not in exclude
                   and (method is None or method in r.methods)})


def example_url(app, endpoint: str, world: dict, section: str = "own", **ids) -> tuple[str, str]:
    """(method, url) for an endpoint, its variables filled from the world fixture (or from `ids`)."""
    rule = next(app.url_map.iter_rules(endpoint))
    values = {"section_id": world["sections"][section], "report_id": world["report"], "number": 1,
              "export_token": "unknown",
              "submission_id": 1, "import_id": 1, "thread_id": world["thread"],
              "recommendation_id": world["recommendation"], "group_id": world["group"],
              "removal_id": world["removal"], "user_id": world["inactive"], "link_id": 1, "token": "unknown",
              "organisation_id": 1, "image_id": 1, "suggestion_id": 1, "notification_id": 1, **ids}
    missing = rule.arguments - values.keys()
    assert not missing, f"{endpoint}: add an example value for {sorted(missing)} in tests/web/routes.py"
    method = "GET" if "GET" in rule.methods else "POST"
    return method, app.url_map.bind("localhost").build(endpoint, {k: values[k] for k in rule.arguments})
