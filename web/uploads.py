"""Routes that take a file larger than the app's MAX_CONTENT_LENGTH, and answers in JSON to the scripts that ask.

A route's own limit must hold before its view runs: the CSRF check and the request hooks read the form first, and
would refuse the body with the app's limit. So the request asks the matched view for its limit."""
from flask import Request, current_app, request

MB = 1024 * 1024
FORM_ROOM = 64 * 1024  # the form's other fields (its token, a description) and the multipart boundaries


def larger_upload(setting: str):
    """Marks a view as taking a file of up to `setting` megabytes (a whole-number setting), below @bp.route."""
    def mark(view):
        view.upload_limit_setting = setting
        return view

    return mark


class UploadRequest(Request):
    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is None and current_app and self.endpoint:
            setting = getattr(current_app.view_functions.get(self.endpoint), "upload_limit_setting", None)
            if setting:
                return current_app.config[setting] * MB + FORM_ROOM
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


def wants_json() -> bool:
    """Whether the request is a script's that reads JSON (it sent Accept: application/json), not a page's."""
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"
