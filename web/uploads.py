"""Routes that take more than the app's MAX_CONTENT_LENGTH (an image, a Word file, a long paste), and answers in
JSON to the scripts that ask.

A route's own limit must hold before its view runs: the CSRF check and the request hooks read the form first, and
would refuse the body with the app's limit. So the request asks the matched view for its limit."""
from flask import Request, current_app, request

MB = 1024 * 1024
FORM_ROOM = 64 * 1024  # the form's other fields (its token, a description) and the multipart boundaries


def accepts(limit: str | int):
    """Marks a view (below @bp.route) as taking requests of up to `limit`: a number of bytes, or the name of a
    whole-number setting in megabytes (the file's size, with room for the form around it). A form field may be
    as large (a pasted page's HTML is one field)."""
    def mark(view):
        view.upload_limit = limit  # copied onto the wrappers of later decorators (functools.wraps)
        return view

    return mark


class UploadRequest(Request):
    def _route_limit(self) -> int | None:
        if not current_app or not self.endpoint:
            return None
        limit = getattr(current_app.view_functions.get(self.endpoint), "upload_limit", None)
        return current_app.config[limit] * MB + FORM_ROOM if isinstance(limit, str) else limit

    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is None and (limit := self._route_limit()):
            return limit
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value

    @property
    def max_form_memory_size(self) -> int | None:
        if self._max_form_memory_size is None and (limit := self._route_limit()):
            return limit
        return super().max_form_memory_size

    @max_form_memory_size.setter
    def max_form_memory_size(self, value: int | None) -> None:
        self._max_form_memory_size = value


def wants_json() -> bool:
    """Whether the request is a script's that reads JSON (it sent Accept: application/json), not a page's."""
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"
