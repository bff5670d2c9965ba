"""A cache for functions of a text: pages count the same texts again and again (revisions never change)."""
import functools
import hashlib
import threading
from collections import OrderedDict


def by_digest(maxsize: int):
    """Like functools.lru_cache for a function whose first argument is a text, keyed by the text's SHA-256: the
    cache keeps no texts, so its memory stays small however long they are."""

    def decorate(function):
        results: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(function)
        def cached(text: str, *args, **kwargs):
            key = (hashlib.sha256(text.encode()).digest(), args, tuple(sorted(kwargs.items())))
            with lock:
                if key in results:
                    results.move_to_end(key)
                    return results[key]
            value = function(text, *args, **kwargs)
            with lock:
                results[key] = value
                if len(results) > maxsize:
                    results.popitem(last=False)
            return value

        return cached

    return decorate
