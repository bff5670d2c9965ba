"""Images for a section's text: the upload page (it works without JavaScript; the editor's image dialog posts the
same form and reads JSON), the upload, and the image itself, for whoever may read its section."""
from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.exceptions import HTTPException

from coalition import images
from models import Image
from text.markup import image_markdown
from views import get_section
from web.uploads import accepts, wants_json

bp = Blueprint("images", __name__)


@bp.route("/sections/<int:section_id>/images/new")
@login_required
def new(section_id: int):
    """The upload form, for those who may edit the section."""
    section = get_section(section_id, check_edit=True)
    return render_template("images/new.html", section=section)


@bp.route("/sections/<int:section_id>/images", methods=["POST"])
@accepts("IMAGE_MAX_MB")
@login_required
def upload(section_id: int):
    """Keep the image; answer with the line that shows it in the text (JSON for the editor's dialog, else a
    page), or say why it was refused, the form refilled."""
    section = get_section(section_id, check_edit=True)
    file = request.files.get("file")
    alt = request.form.get("alt", "")
    try:
        image = images.store(section, current_user, file.read() if file else b"", alt)
    except images.Refused as error:
        return _refused(section, error, alt)
    line, url = image_markdown(image.id, image.alt), url_for("images.show", image_id=image.id)
    if wants_json():
        return jsonify(markdown=line, url=url), 201
    return render_template("images/new.html", section=section, image=image, image_line=line)


@bp.errorhandler(413)
def too_large(error):
    """A body past the route's limit, refused before the form (and the view's own checks) is read: the image's
    limit in words, to whoever may upload there; to anyone else, what the view would have answered."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    try:
        section = get_section(request.view_args["section_id"], check_edit=True)
    except HTTPException as refusal:  # raised in an error handler, it would become a 500
        return current_app.handle_user_exception(refusal)
    return _refused(section, images.too_large())


def _refused(section, error: images.Refused, alt: str = ""):
    status = 413 if isinstance(error, images.TooLarge) else 400
    if wants_json():
        return jsonify(error=str(error)), status
    return render_template("images/new.html", section=section, image_error=str(error), image_alt=alt), status


@bp.route("/images/<int:image_id>")
@login_required
def show(image_id: int):
    """The image's bytes, to whoever may read its section (410 once the section is removed, like its pages)."""
    image = Image.get_or_none(Image.id == image_id) or abort(404)
    get_section(image.section_id)
    return Response(bytes(image.data), mimetype=image.content_type)
