"""The body limits are set in two places, the app and nginx's site file: nginx must let through everything the
app takes, with room for the app to refuse a larger body with its own page (413), on every route that takes one."""
import re
from pathlib import Path

from web.uploads import FORM_ROOM, MB

SITE = (Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "upr-editor.conf").read_text()
UPLOADS = re.search(r"location ~ (\S+) \{\s*client_max_body_size (\d+)m;", SITE)


def megabytes(directive: str) -> int:
    return int(directive) * MB


def upload_routes(app):
    """Each route marked @accepts, with a path like the browser's, and its limit in bytes."""
    for rule in app.url_map.iter_rules():
        limit = getattr(app.view_functions[rule.endpoint], "upload_limit", None)
        if limit is not None:
            path = re.sub(r"<int:\w+>", "7", rule.rule)
            yield path, app.config[limit] * MB + FORM_ROOM if isinstance(limit, str) else limit


def test_nginx_takes_a_little_more_than_the_app_everywhere(app):
    everywhere = re.search(r"^    client_max_body_size (\d+)m;", SITE, re.MULTILINE)
    assert megabytes(everywhere.group(1)) > app.config["MAX_CONTENT_LENGTH"]


def test_nginx_lets_each_upload_route_take_its_own_larger_limit(app):
    routes = list(upload_routes(app))
    assert {path.rsplit("/", 1)[1] for path, _ in routes} == {"images", "import", "paste"}
    pattern, size = re.compile(UPLOADS.group(1)), megabytes(UPLOADS.group(2))
    for path, limit in routes:
        assert pattern.match(path), f"nginx applies its general limit to {path}"
        assert limit < size, f"{path} takes {limit} bytes; nginx lets through {size}"
