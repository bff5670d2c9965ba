"""Pictures for sections' texts (`![alt](/images/<id>)`): an upload is kept only if Pillow reads it as a PNG or a
JPEG within the size and pixel limits; it is turned upright by its EXIF orientation and encoded again from its
pixels alone, so that nothing of its metadata is stored (activists' photos carry where they were taken: EXIF GPS,
XMP, IPTC, PNG text chunks, comments, camera serial numbers)."""
import hashlib
import io
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from PIL import Image as Pillow, ImageFile, ImageOps, UnidentifiedImageError

from coalition import activity
from models import Activity, Image, db

MB = 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo decodes to 160 MB: past this, refused before decoding
MAX_ALT = 300  # the column's length
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
JPEG_QUALITY = 90  # encoded again (to drop the metadata) with no loss a reader would see
_STRICT = threading.Lock()  # around Pillow's one global for truncated files (see _strict)


class Refused(Exception):
    """The upload is not kept; str() says why, translated, for the person."""


class TooLarge(Refused):
    """More bytes than the limit (an answer of 413)."""


@dataclass(frozen=True)
class Cleaned:
    content_type: str
    data: bytes  # the pixels encoded again, without metadata
    width: int
    height: int


def max_bytes() -> int:
    return current_app.config["IMAGE_MAX_MB"] * MB


def store(section, user, data: bytes, alt: str) -> Image:
    """Keep the picture for the section's text (the caller has checked that the person may edit it), and say so
    in the report's feed; Refused (TooLarge) with the reason when it cannot be kept."""
    alt = " ".join(alt.split())
    if not alt:
        raise Refused(_("Describe the image in a few words (its alternative text): people who cannot see it, and "
                        "screen readers, read this instead."))
    if len(alt) > MAX_ALT:
        raise Refused(_("The description of the image is too long: at most %(count)d characters.", count=MAX_ALT))
    if not data:
        raise Refused(_("Choose an image file (PNG or JPEG) to upload."))
    if len(data) > current_app.config["IMAGE_MAX_MB"] * MB:
        raise too_large()
    cleaned = clean(data)
    with db.atomic():
        image = Image.create(section=section.id, uploaded_by=user.id, content_type=cleaned.content_type,
                             data=cleaned.data, width=cleaned.width, height=cleaned.height, alt=alt,
                             sha256=hashlib.sha256(cleaned.data).hexdigest(), size=len(cleaned.data))
        activity.record(Activity.IMAGE, user, section.report_id, section, detail=str(image.id))
    return image


def too_large() -> TooLarge:
    return TooLarge(_("The image is larger than %(count)d MB. Make it smaller (fewer pixels, or saved as JPEG) and "
                      "try again.", count=current_app.config["IMAGE_MAX_MB"]))


def clean(data: bytes, max_pixels: int = MAX_PIXELS) -> Cleaned:
    """The picture upright and encoded again from its pixels alone; Refused unless Pillow reads it as a PNG or a
    JPEG (whatever its name or the browser says) of at most max_pixels."""
    try:
        with _strict(), warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(io.BytesIO(data), formats=list(CONTENT_TYPES)) as picture:
                # Only the header is read so far: the pixels are decoded after the check.
                if picture.width * picture.height > max_pixels:
                    raise _too_many_pixels(picture.width, picture.height, max_pixels)
                kind = picture.format
                upright = ImageOps.exif_transpose(picture)
                pixels = upright.convert(_mode(kind, picture))
    except (Pillow.DecompressionBombError, Pillow.DecompressionBombWarning) as error:
        raise Refused(_("The image has too many pixels: at most %(count)d megapixels.",
                        count=max_pixels // 1_000_000)) from error
    except UnidentifiedImageError as error:
        raise Refused(_("Only PNG and JPEG images can be uploaded (not SVG, GIF, PDF or other files). Save or "
                        "export the picture as PNG or JPEG and try again.")) from error
    except (OSError, SyntaxError, ValueError) as error:  # Pillow's ways of saying a file is cut short or broken
        raise Refused(_("The image could not be read: the file seems damaged. Save it again as PNG or JPEG and "
                        "try again.")) from error
    pixels.info = {}  # the encoders write what info holds (comments, colour profiles): nothing of the upload
    out = io.BytesIO()
    if kind == "JPEG":
        pixels.save(out, "JPEG", quality=JPEG_QUALITY)
    else:
        pixels.save(out, "PNG")
    return Cleaned(CONTENT_TYPES[kind], out.getvalue(), pixels.width, pixels.height)


@contextmanager
def _strict():
    """A file cut short is refused, not filled with grey: WeasyPrint, once imported, tells Pillow to accept such
    files (a module-wide setting), which is put back afterwards."""
    with _STRICT:
        accepting, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = accepting


def _mode(kind: str, picture) -> str:
    """The pixel format to encode: what JPEG and PNG both show everywhere, transparency kept in a PNG."""
    if picture.mode in ("1", "L"):
        return "L"
    if kind == "PNG" and picture.has_transparency_data:
        return "RGBA"
    return "RGB"


def _too_many_pixels(width: int, height: int, max_pixels: int) -> Refused:
    return Refused(_("The image has too many pixels (%(width)d × %(height)d): at most %(count)d megapixels. Make it "
                     "smaller and try again.", width=width, height=height, count=max_pixels // 1_000_000))
