"""The app factory, its request hooks, and the command line (init-db, create-user, seed-demo)."""
import copy
import hashlib
import logging
import os
import re
import time
from datetime import timedelta

import click
import dotenv
from flask import Flask, abort, current_app, g, render_template, request, session
from flask.helpers import get_load_dotenv
from flask_babel import get_locale, get_translations, lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from markupsafe import Markup
from peewee import DatabaseError, DataError, OperationalError
from werkzeug.exceptions import BadRequest, SecurityError, ServiceUnavailable
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter
from werkzeug.security import safe_join

import config
import models
from coalition import failures, first_run, login_sessions, notices
from coalition.inbox import unread_count
from coalition.permissions import (
    can_edit,
    can_manage,
    can_restore,
    can_review,
    can_see_people,
    can_submit,
    can_suggest,
)
from coalition.vocabulary import ASSESSMENT_NAMES, IMAGE_MISSING, RESPONSE_NAMES, STATUS_NAMES, count_rule
from text.markup import render, screen_blocks
from views import accent_stylesheet, coalition_report, nav_area, newest_report
from views.tracker import links_for
from web import rate_limits  # noqa: F401  (registers the database:// storage, Flask-Limiter's default here)
from web.extensions import babel, csrf, limiter, login_manager, select_language
from web.security import add_security_headers
from web.uploads import UploadRequest, wants_json

STATIC_VERSION_LENGTH = 10  # hex digits of the file's SHA-256
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}  # requests that read: they never write, a sign-in's last_seen included


class CoalitionApp(Flask):
    request_class = UploadRequest  # an upload route's own limit (web/uploads.py)

    def log_exception(self, exc_info) -> None:
        """An unhandled error is logged with where it happened, not its message (see failures.py)."""
        self.logger.error("%s %s failed: %s", request.method, request.path, failures.describe(exc_info[1]))


class BoundedIntConverter(IntegerConverter):
    """<int:…> up to the largest 32-bit id, the most an id column holds on every database."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults, then the settings (environment over instance/settings.env), or test_config."""
    # Everything the app and its commands write (the SQLite database and its -wal and -shm, the instance folder,
    # backups, archives, exported files) holds drafts, hashes and addresses: for the app's own user alone.
    os.umask(0o077)
    app = CoalitionApp(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, mode=0o700, exist_ok=True)
    app.config.from_mapping(config.DEFAULTS)
    if test_config is None:
        _mention_flask_env_files()
        try:
            app.config.from_mapping(config.from_environment(app.instance_path))
        except config.ConfigError as error:
            return _refusing_app(app, error)
    else:
        app.config.from_mapping(test_config)

    # The logs hold no one's text, password or address, whatever level an operator sets. Two libraries
    # would write them: peewee every query with its values at DEBUG, Flask-Limiter the client's address
    # and the login typed at INFO (the audit log records refused sign-ins instead, with a keyed hash).
    logging.getLogger("peewee").setLevel(logging.INFO)
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)
    app.permanent_session_lifetime = timedelta(minutes=app.config["IDLE_TIMEOUT_MINUTES"])
    if app.config["PROXY_COUNT"]:
        # Behind nginx or Caddy: the client's address (rate limits, audit) and https come from the proxy.
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    # Ids past what the database stores are not routed (a 404), rather than an error deep in a query.
    app.url_map.converters["int"] = BoundedIntConverter
    database = models.open_database(app.config["DATABASE_URL"])
    models.db.initialize(database)
    _init_extensions(app)
    _register_blueprints(app)
    _register_request_hooks(app, database)
    _version_static_urls(app)
    notices.init_app(app)
    _register_error_pages(app)
    _register_cli(app)
    if test_config is None:
        _announce_first_run(app)
    return app


def _announce_first_run(app: Flask) -> None:
    """A server on a database with no account prints where the first coordinator is made (first_run.py)."""
    command = click.get_current_context(silent=True)
    if command is not None and command.info_name != "run":
        return  # a command of the flask CLI, not a server
    base = app.config["PUBLIC_URL"]
    try:
        with app.app_context():
            models.db.connect(reuse_if_open=True)
            first_run.announce(app.config["SECRET_KEY"], base)
    except DatabaseError:
        pass  # no tables yet: init-db comes first, and the server says so at the first request
    finally:
        models.db.close()


def _refusing_app(app: Flask, error: config.ConfigError) -> Flask:
    """Settings the app cannot start with. A server (gunicorn) refuses to start. The flask command still lists
    the project's commands and shows their help, and running one, or the server, says in one line what to set."""
    if os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn/"):
        # Raised, the error would be logged with its traceback by every worker. The one line goes to gunicorn's
        # log instead, and the worker exits with gunicorn's "failed to boot" status, which stops the server
        # rather than booting worker after worker.
        logging.getLogger("gunicorn.error").error("%s", error)
        raise SystemExit(3)
    context = click.get_current_context(silent=True)
    if context is None:
        raise error
    if not isinstance(context.command, click.Group):
        raise click.ClickException(str(error))  # loaded by flask run, shell or routes, to be used at once
    from ops import commands

    for command in commands.ALL:
        app.cli.add_command(_refused(command, str(error)))
    return app


def _refused(command: click.Command, message: str) -> click.Command:
    """The command with its name, options and help, which stops with the message before it asks for anything
    (a password, a confirmation) or checks a file: an eager option that --help alone comes before."""
    def refuse(context, option, value):
        raise click.ClickException(message)

    refused = copy.copy(command)
    refused.params = [click.Option(["--refused"], is_flag=True, hidden=True, is_eager=True, expose_value=False,
                                   callback=refuse), *command.params]
    return refused


def _mention_flask_env_files() -> None:
    """python-dotenv, installed to read instance/settings.env, also makes the flask command load a .env or
    .flaskenv from this folder or any above it into the environment, where it overrides settings.env. The
    project has no such file, so one found is someone else's: say so rather than use it unannounced."""
    if click.get_current_context(silent=True) is None or not get_load_dotenv():
        return
    for name in (".flaskenv", ".env"):
        found = dotenv.find_dotenv(name, usecwd=True)
        if found:
            click.echo(f"Note: flask read {found} into the environment, over instance/settings.env.", err=True)


def _init_extensions(app: Flask) -> None:
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_language)
    # Templates translate some hundred strings a page, and Flask-Babel finds the translations anew for each through
    # the app and request contexts: the templates' callables keep them for the request's locale instead.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _template_translations().ugettext(s),
        ngettext=lambda s, p, n: _template_translations().ungettext(s, p, n),
        pgettext=lambda c, s: _template_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _template_translations().unpgettext(c, s, p, n), newstyle=True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.session_protection = "basic"


def _template_translations():
    """Flask-Babel's translations for the request, kept on its own context beside the locale they are for (which
    force_locale changes for a while, as the e-mails sent in each person's language do)."""
    context = g.get("_flask_babel")
    kept = getattr(context, "template_translations", None)
    if kept is not None and kept[0] is getattr(context, "babel_locale", None):
        return kept[1]
    translations = get_translations()
    context = g.get("_flask_babel")
    if context is not None:  # outside a request Flask-Babel has no context, and its translations are the null ones
        context.template_translations = (getattr(context, "babel_locale", None), translations)
    return translations


@login_manager.user_loader
def load_user(user_id: str):
    """The session's person, while its record on the server is open (see login_sessions.py)."""
    token = session.get("sid")
    if re.fullmatch(r"[0-9]{1,18}", user_id) is None or not isinstance(token, str):
        return None  # a session from before server-side sessions, or a forged one: sign in again
    renewed = g.get("cookie_renewed")
    cookie_age = timedelta(seconds=time.time() - renewed) if isinstance(renewed, int) else None
    config = current_app.config
    return login_sessions.person(int(user_id), token, timedelta(minutes=config["IDLE_TIMEOUT_MINUTES"]),
                                 timedelta(hours=config["SESSION_MAX_HOURS"]), cookie_age,
                                 renew=request.method not in SAFE_METHODS)


def _register_blueprints(app: Flask) -> None:
    from views import (
        account,
        audit_log,
        auth,
        comments,
        design,
        downloads,
        drafts,
        feed,
        help,
        history,
        images,
        imports,
        inbox,
        organisations,
        outline,
        people,
        presence,
        removed,
        report,
        reviewing,
        sections,
        suggestions,
        tracker,
        versions,
        word,
    )

    for module in (auth, report, outline, sections, drafts, history, presence, downloads, reviewing, comments, feed,
                   versions, audit_log, tracker, imports, removed, people, organisations, account, help, images,
                   word, suggestions, inbox, design):
        app.register_blueprint(module.bp)


def htmx_swap() -> bool:
    """Whether htmx asks for a fragment to swap in. A history restore (back button) needs the whole page, like
    a boosted link does."""
    return request.headers.get("HX-Request") == "true" and not (
        request.headers.get("HX-Boosted") or request.headers.get("HX-History-Restore-Request"))


def _register_request_hooks(app: Flask, database) -> None:
    @app.before_request
    def keep_session_alive():
        # The signed cookie says when it was last renewed, which load_user counts as the session's last use: a
        # page that only reads writes nothing. Renewing it every few minutes, not on every answer, still ends a
        # session after the idle timeout (within that margin) without racing requests undoing each other's flashes.
        if "_user_id" in session:
            now = int(time.time())
            g.cookie_renewed = session.get("renewed")
            if now - session.get("renewed", 0) > login_sessions.RENEWAL.total_seconds():
                session["renewed"] = now

    @app.before_request
    def refuse_nul_characters():
        # No text anywhere holds a NUL, and PostgreSQL cannot store one: refuse the request at the door.
        fields = [*request.args.items(multi=True), *request.form.items(multi=True)]
        names = [upload.filename or "" for _, upload in request.files.items(multi=True)]
        if any("\x00" in text for text in [value for _, value in fields] + names):
            abort(400)

    @app.before_request
    def open_connection():
        g.htmx = htmx_swap()
        database.connect(reuse_if_open=True)

    @app.teardown_request
    def close_connection(exc):
        if not database.is_closed():
            database.close()

    @app.context_processor
    def template_globals():
        return {"can_edit": can_edit, "can_restore": can_restore, "can_manage": can_manage,
                "can_see_people": can_see_people, "can_suggest": can_suggest,
                "can_submit": can_submit, "can_review": can_review, "newest_report": newest_report,
                "languages": config.LANGUAGES, "status_names": STATUS_NAMES, "assessment_names": ASSESSMENT_NAMES,
                "response_names": RESPONSE_NAMES, "count_rule": count_rule,
                "current_language": str(get_locale()), "htmx_url": app.config["HTMX_URL"],
                "htmx_integrity": app.config["HTMX_INTEGRITY"], "unread_count": unread_count,
                "accent_stylesheet": accent_stylesheet, "coalition_report": coalition_report, "nav_area": nav_area}

    @app.template_filter("markdown")
    def markdown_filter(source: str, id_prefix: str = "", report_id: int | None = None) -> Markup:
        """Sanitised by nh3 inside render; a section's text (report_id given) links the recommendations it cites."""
        links = links_for(report_id, source) if report_id else None
        return Markup(render(source, id_prefix, links, image_note=str(IMAGE_MISSING)))

    @app.template_filter("screen_blocks")
    def screen_blocks_filter(html: Markup) -> list[tuple[int | None, Markup]]:
        """A rendering (already sanitised) cut into its top-level blocks, to set comments beside each."""
        return [(line, Markup(piece)) for line, piece in screen_blocks(str(html))]

    app.after_request(add_security_headers)


def _version_static_urls(app: Flask) -> None:
    """Every static URL carries its file's content hash (style.css?v=…): nginx lets browsers keep static files
    for a year without asking again (deploy/nginx/upr-editor.conf), and a changed file has a new URL."""
    versions: dict[str, str | None] = {}  # filename -> hash, read once per process

    def version(filename: str) -> str | None:
        if filename not in versions:
            path = safe_join(app.static_folder, filename)
            if path is None or not os.path.isfile(path):
                versions[filename] = None
            else:
                with open(path, "rb") as file:
                    versions[filename] = hashlib.file_digest(file, "sha256").hexdigest()[:STATIC_VERSION_LENGTH]
        return versions[filename]

    @app.url_defaults
    def add_static_version(endpoint, values):
        if endpoint == "static" and "v" not in values and (found := version(values.get("filename", ""))):
            values["v"] = found

    # A self-hosted htmx or toolbar (HTMX_URL=/static/htmx.min.js) is named in the config, not by url_for:
    # versioned here.
    folder = app.static_url_path + "/"
    for setting in ("HTMX_URL", "TOOLBAR_URL"):
        url = app.config[setting]
        if url.startswith(folder) and "?" not in url and (found := version(url.removeprefix(folder))):
            app.config[setting] = f"{url}?v={found}"


def _register_error_pages(app: Flask) -> None:
    messages = {
        400: _l("The request could not be understood. Go back and try again."),
        403: _l("You do not have permission to do this."),
        404: _l("There is nothing at this address."),
        405: _l("This address does not accept that kind of request."),
        410: _l("The coordinator removed this section from the report. Anything you were writing in it is kept "
                "as your draft, and comes back if the coordinator brings the section back."),
        413: _l("What you sent is too large. Nothing was saved; shorten it and try again."),
        429: _l("Too many attempts. Wait a minute and try again."),
        503: _l("The server is busy. Nothing was lost; go back and try again in a moment."),
        500: _l("Something went wrong on our side. Nothing you wrote was shown to anyone; try again."),
    }

    def error_page(error):
        code = getattr(error, "code", 500) or 500
        if isinstance(error, CSRFError):
            message = _l("Your session form has expired. Reload the page and try again; "
                         "copy your text first if you were writing.")
        else:
            message = messages.get(code, messages[500])
        if wants_json():  # a script's request (an image upload): it shows the message itself
            return {"error": str(message)}, code
        # Asked of the request itself: CSRF and rate limits refuse before the hooks have run.
        if not htmx_swap():
            return render_template("errors/error.html", code=code, message=message), code
        # An htmx request's error goes to the page's message area, wherever it was aimed.
        headers = {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
        return render_template("errors/_message.html", message=message), code, headers

    def database_busy(error):
        # SQLite's and PostgreSQL's messages name tables and columns, never the values being written.
        app.logger.warning("database error: %s", str(error).splitlines()[0][:200])
        # The page must not ask the database again (who is signed in, their language): it is down.
        g._login_user = login_manager.anonymous_user()
        return error_page(ServiceUnavailable())

    def unknown_host(error):
        # A Host header that is not ours (TRUSTED_HOSTS): no page, since none of its links can be built.
        message = str(_l("This server does not answer to that address."))
        return message, 400, {"Content-Type": "text/plain; charset=utf-8"}

    def out_of_range(error):
        # A number too large for the database (SQLite: OverflowError, PostgreSQL: DataError) is bad input.
        return error_page(BadRequest())

    for code in messages:
        app.register_error_handler(code, error_page)
    app.register_error_handler(SecurityError, unknown_host)
    app.register_error_handler(OverflowError, out_of_range)
    app.register_error_handler(DataError, out_of_range)
    app.register_error_handler(CSRFError, error_page)
    app.register_error_handler(OperationalError, database_busy)


def _register_cli(app: Flask) -> None:
    from ops import commands

    for command in commands.ALL:
        app.cli.add_command(command)

    @app.shell_context_processor
    def shell_context():
        return {"models": models, "current_user": current_user}

