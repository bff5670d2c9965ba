"""What the log says about an error: its type and where it happened (files, lines, functions), never
its message or values, which could quote a draft, a comment or a person's name."""
import traceback


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}\n" + "".join(traceback.format_tb(error.__traceback__)).rstrip()
