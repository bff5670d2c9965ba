"""A Word file imported into a section: its text becomes the person's draft, with the note naming the file, and
opens in the editor; nothing is a revision until they save it. Its pictures are stored through the function the
caller passes (the image store), and their addresses replace the reader's placeholders."""
import re
import secrets
from collections.abc import Callable

from coalition import images
from coalition.revisions import MAX_BODY_CHARS, body_problem, normalise
from models import Draft, db
from readers import word_file
from readers.word_file import Unreadable
from text.lengths import shorten

StoreImage = Callable[[bytes, str], str]  # (the picture's bytes, its alt text) -> its address, /images/<id>
NOTE_CHARS = 300  # a draft's note, as a revision's
# A picture's placeholder in the reader's Markdown; a "]" the text had is escaped, so this is never the text's.
PLACEHOLDER = re.compile(rf"(?<!\\)\]\({re.escape(word_file.PLACEHOLDER)}(\d+)\)")


class ImageRefused(Exception):
    """The image store would not keep a picture of the file; the message says why, in the person's language."""


def storing_images(user, section, undescribed: str) -> StoreImage:
    """The image store for a person's import into a section. A picture Word gave no description gets
    `undescribed`; the stored description is cut to the column's length (the text keeps the whole one)."""
    def store(data: bytes, alt: str) -> str:
        try:
            image = images.store(section, user, data, shorten(alt or undescribed, images.MAX_ALT))
        except images.Refused as error:
            raise ImageRefused(str(error)) from error
        return f"/images/{image.id}"

    return store


def import_file(user, section, data: bytes, note: str, store_image: StoreImage) -> Draft:
    """Read the file and make its text the person's draft of the section (replacing theirs), or raise: Unreadable
    (the file, or its text too long to be a section: "too_long", "control") or ImageRefused, changing nothing."""
    text = word_file.read(data)
    problem = body_problem(normalise(text.markdown))
    if problem:
        raise Unreadable(problem, limit=MAX_BODY_CHARS)
    head = section.head_revision()
    with db.atomic():  # a picture refused after others were stored takes them back with it
        addresses = [store_image(picture.data, picture.alt) for picture in text.images]
        body = PLACEHOLDER.sub(lambda found: f"]({addresses[int(found.group(1))]})", text.markdown)
        # A page of its own: a discarded draft (closed for no page) must not keep the import out.
        Draft.keep(user, section, normalise(body), note[:NOTE_CHARS], head.number if head else 0,
                   editor=secrets.token_urlsafe(12))
    return Draft.of(user, section)
