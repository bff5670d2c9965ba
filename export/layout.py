"""What an exported file's bytes depend on besides its Document: the modules that lay it out and the files the PDF
reads (its stylesheet, template and fonts). The export cache keys each file by a digest of them all, so a change
to any one, after a deployment, makes new files rather than serving ones built by the old code."""
import hashlib
from functools import cache
from pathlib import Path

from export import document, pdf, word
from text import lengths, markup

MODULES = (document, pdf, word, markup, lengths)


def files() -> list[Path]:
    return [*(Path(module.__file__) for module in MODULES), pdf.STYLESHEET,
            *sorted((pdf.TEMPLATES / pdf.TEMPLATE).parent.glob("*.html")),
            *sorted((pdf.STATIC_DIR / "fonts").glob("*.ttf"))]


@cache  # the files change only with a deployment, which restarts the app
def digest() -> str:
    """A missing file is an error, never skipped: skipping it would keep old files after a change."""
    combined = hashlib.sha256()
    for path in files():
        combined.update(path.read_bytes())
    return combined.hexdigest()
