"""What an exported file's bytes depend on besides its Document: the modules that lay it out, the files the PDF
reads (its stylesheet, template and fonts) and the installed fonts it falls back on. The export cache keys each file
by a digest of them all, so a change to any one, after a deployment, makes new files rather than serving ones built
by the old code, or ones that printed empty boxes before the fallback fonts were installed."""
import hashlib
from functools import cache
from pathlib import Path

from export import document, glyphs, pdf, word
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
    # The fallback fonts are Debian's packages: their files' names, sizes and times (which dpkg keeps from the
    # package) change with what is installed, without reading 150 MB of them at every start.
    for face in glyphs.fallback_fonts():
        stat = face.path.stat()
        combined.update(f"{face.path}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return combined.hexdigest()
