"""Larger requests where a view asks for them: a Word file to import, a long paste. The app's MAX_CONTENT_LENGTH
stays the rule; a view marked @accepts(size) raises it for itself alone, before anything reads the form (the CSRF
check does, first)."""
from flask import current_app, request


def accepts(size: int):
    """Mark a view as taking requests (and form fields) up to `size` bytes."""

    def mark(view):
        view.max_content_length = size  # copied onto the wrappers of later decorators (functools.wraps)
        return view

    return mark


def raise_limit() -> None:
    """A before_request hook, registered ahead of the CSRF check."""
    size = getattr(current_app.view_functions.get(request.endpoint), "max_content_length", None)
    if size:
        request.max_content_length = size
        request.max_form_memory_size = size  # a pasted page's HTML is one form field
