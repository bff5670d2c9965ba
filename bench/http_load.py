"""The benchmarks' HTTP clients: signing in as a browser does (CSRF tokens from the page), timed request
loops on threads, and latency percentiles by request type."""
import html
import re
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import requests

from bench.big_coalition import PASSWORD

TIMEOUT = 60


def hidden(page: str, name: str) -> str:
    """A hidden input's value (the CSRF token, the editor's base revision)."""
    found = re.search(rf'<input\b[^>]*\bname="{name}"[^>]*\bvalue="([^"]*)"', page)
    if found is None:
        raise ValueError(f"no hidden input {name!r} on the page")
    return html.unescape(found.group(1))


def textarea(page: str, name: str) -> str:
    """A textarea's text, as a browser reads it (without the newline WTForms starts it with)."""
    found = re.search(rf'<textarea\b[^>]*\bname="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    if found is None:
        raise ValueError(f"no textarea {name!r} on the page")
    text = html.unescape(found.group(1))
    return text[2:] if text.startswith("\r\n") else text[1:] if text.startswith("\n") else text


def session() -> requests.Session:
    fresh = requests.Session()
    fresh.trust_env = False  # never through a proxy from the environment
    return fresh


def sign_in(base: str, login: str, password: str = PASSWORD, signed: requests.Session | None = None
            ) -> requests.Session:
    """A session (a new one, or `signed`) signed in as login (every bench account has coalition.PASSWORD), from the
    form with the Referer a browser sends: over HTTPS the app refuses a POST without it."""
    signed = signed or session()
    page = signed.get(f"{base}/login", timeout=TIMEOUT)
    answer = signed.post(f"{base}/login", allow_redirects=False, timeout=TIMEOUT, headers={"Referer": f"{base}/login"},
                         data={"login": login, "password": password, "csrf_token": hidden(page.text, "csrf_token")})
    if answer.status_code != 302:
        raise RuntimeError(f"{login} could not sign in: {answer.status_code}")
    return signed


def copy(signed: requests.Session) -> requests.Session:
    """Another connection pool for the same signed-in person (one per thread: Session is not thread-safe)."""
    twin = session()
    twin.cookies.update(signed.cookies)
    return twin


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie (nearest rank); 0 for none."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


class Recorder:
    """Answers by request type: status and seconds, from any number of threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.seconds = defaultdict(list)
        self.statuses = defaultdict(lambda: defaultdict(int))

    def timed(self, kind: str, send) -> requests.Response | None:
        """send() timed and recorded under kind; a connection error or timeout is recorded as status 0."""
        started = time.perf_counter()
        try:
            answer = send()
        except requests.RequestException:
            answer = None
        self.add(kind, answer.status_code if answer is not None else 0, time.perf_counter() - started)
        return answer

    def add(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.seconds[kind].append(seconds)
            self.statuses[kind][status] += 1

    def count(self, kind: str, *statuses: int) -> int:
        return sum(n for status, n in self.statuses[kind].items() if status in statuses)


def throughput(signed: requests.Session, url: str, threads: int, seconds: float, warmup: float) -> dict:
    """GET url from `threads` clients as fast as answers come, for `seconds` after `warmup`: requests per
    second, median latency and the number of answers that were not 200."""
    recorder = Recorder()
    start = time.monotonic() + warmup
    stop = start + seconds

    def client() -> None:
        own = copy(signed)
        while (now := time.monotonic()) < stop:
            if now < start:
                own.get(url, timeout=TIMEOUT)
            else:
                recorder.timed("get", lambda: own.get(url, timeout=TIMEOUT))

    with ThreadPoolExecutor(threads) as pool:
        for done in [pool.submit(client) for _ in range(threads)]:
            done.result()
    answered = recorder.seconds["get"]
    return {"rps": len(answered) / seconds, "p50": percentile(answered, 0.5),
            "errors": len(answered) - recorder.count("get", 200)}
