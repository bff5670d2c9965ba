"""Behind a reverse proxy (PROXY_COUNT): the client's address comes from X-Forwarded-For, and only then."""
import hashlib
import hmac

from models import AuditEvent
from tests.helpers import PASSWORD

FORWARDED = {"X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https"}


def source_of(address: str) -> str:
    return hmac.new(b"test", address.encode(), hashlib.sha256).hexdigest()[:12]


def login(client):
    return client.post("/login", data={"login": "member", "password": PASSWORD}, headers=FORWARDED)


def last_source() -> str:
    return AuditEvent.select().order_by(AuditEvent.id.desc()).get().source


def test_behind_a_proxy_the_forwarded_address_counts(make_app, world):
    client = make_app(PROXY_COUNT=1).test_client()
    assert login(client).status_code == 302
    assert last_source() == source_of("203.0.113.5")


def test_without_a_proxy_a_forwarded_header_is_ignored(app, world):
    client = app.test_client()
    assert login(client).status_code == 302
    assert last_source() == source_of("127.0.0.1")
