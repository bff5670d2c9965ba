"""Running one costly function (building a PDF or DOCX) in a child process with a time and a memory limit, so that
a text that is slow or huge to lay out fails with a reason instead of holding a worker and its memory.

The child is forked from a fork server: a process of its own, started at the first build, with one thread and
WeasyPrint, its fonts and their cache already loaded. So a child starts at once, and no lock that another thread of
the app held at the fork (a worker serves requests and builds in threads) can leave it hanging. It only computes
(no database, no log). Its memory is limited by RLIMIT_AS above what it shares with its parent at the
fork, so the limit is what the build itself may add; past it an allocation fails (MemoryError) or the kernel
kills the child, and either way the parent hears why. Knows nothing of Flask or the database.
"""
import multiprocessing
import resource

from coalition import failures

_FORK = multiprocessing.get_context("forkserver")
_FORK.set_forkserver_preload(["export.pdf", "export.word"])
_PAGE = resource.getpagesize()


class Failed(Exception):
    """The function raised; the message says what and where (failures.describe), never with its values."""


class OutOfTime(Failed):
    """The function did not finish within its time."""


class OutOfMemory(Failed):
    """The function needed more memory than it was allowed."""


def run(function, args: tuple, seconds: float, megabytes: int):
    """function(*args), computed in a child process given `seconds` and `megabytes` more memory than it starts
    with; the function (a module's own), its arguments and its return value must be picklable."""
    receiving, sending = _FORK.Pipe(duplex=False)
    child = _FORK.Process(target=_child, args=(sending, function, args, megabytes), daemon=True)
    child.start()
    sending.close()
    try:
        if not receiving.poll(seconds):
            raise OutOfTime(f"took longer than {seconds} s")
        kind, value = receiving.recv()
    except EOFError:  # the child died without a word: the kernel's answer to memory it could not have
        raise OutOfMemory(f"ended without an answer (out of memory?) within {megabytes} MB") from None
    finally:
        child.kill()
        child.join()
        receiving.close()
    if kind == "memory":
        raise OutOfMemory(f"needed more than {megabytes} MB")
    if kind == "error":
        raise Failed(value)
    return value


def _child(sending, function, args: tuple, megabytes: int) -> None:
    limit = _address_space() + megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        outcome = ("done", function(*args))
    except MemoryError:
        outcome = ("memory", None)
    except Exception as error:
        outcome = ("error", failures.describe(error))
    sending.send(outcome)


def _address_space() -> int:
    """This process's virtual memory now, in bytes (Linux)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * _PAGE
