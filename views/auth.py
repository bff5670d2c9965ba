"""Signing in and out, the interface language, and the one-time links: accepting an invitation, setting a
new password with a reset link, and making the first coordinator's account on a new deployment."""
from functools import partial

from flask import (
    Blueprint,
    abort,
    after_this_request,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale, gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from coalition import access_links, accounts, audit, first_run
from coalition.passwords import hash_password, verify_password
from coalition.vocabulary import password_error
from models import AccessLink, AuditEvent, User
from views import safe_next
from web import rate_limits
from web.extensions import limiter
from web.forms import LanguageForm, LoginForm, NewPasswordForm, WelcomeForm

bp = Blueprint("auth", __name__)


# A browser that signed in to an account lately is let through that account's limit on failed sign-ins (never
# the per-address one): strangers guessing a known login cannot lock its owner out. The cookie names the
# accounts by id, signed; it signs no one in.
KNOWN_BROWSER_COOKIE = "known_browser"
KNOWN_BROWSER_SECONDS = 30 * 24 * 3600
KNOWN_BROWSER_ACCOUNTS = 5  # a shared office computer


def _refused(limit=None) -> None:
    """A sign-in refused by a limit goes to the audit log, naming the account only if it exists."""
    audit.record_once(AuditEvent.LOGIN_THROTTLED, subject=User.get_or_none(
        User.login == request.form.get("login", "").strip()[:64]))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], on_breach=_refused)
def login():
    """Sign in with login and password; one answer for every kind of failure."""
    if current_user.is_authenticated:
        return redirect(url_for("report.home"))
    form = LoginForm()
    if form.validate_on_submit():
        typed = form.login.data
        # Refused before the password is checked, and alike for logins that exist and logins that do not.
        blocked = rate_limits.account_blocked(typed)
        if blocked and not _known_browser(typed):
            _refused()
            abort(429)
        user = User.get_or_none(User.login == typed)
        right = verify_password(user.password_hash if user else None, form.password.data)
        if right and user.active:
            _sign_in(user, detail="past the account's limit, on a browser it used" if blocked else "",
                     password=form.password.data)
            return redirect(safe_next(request.args.get("next"), url_for("report.home")))
        accounts.sign_in_failed(typed, user, inactive=right, count=rate_limits.account_failed)
        flash(_("Wrong login or password."), "error")
    return render_template("auth/login.html", form=form, first_run=first_run.needed())


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out: the session ends on the server too, so a copy of the cookie signs no one in."""
    accounts.sign_out(current_user, session["sid"])
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/language", methods=["POST"])
def language():
    """Switch the interface language, remembered for the person or the browser session."""
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
        if current_user.is_authenticated:
            accounts.choose_language(current_user, form.language.data)
    return redirect(safe_next(request.form.get("next"), url_for("report.home")))


@bp.route("/welcome/<token>", methods=["GET", "POST"])
@limiter.limit("30 per hour", methods=["POST"])
def welcome(token: str):
    """An invited person chooses a login and password; the account gets the roles the invitation names."""
    link = _usable(token, AccessLink.INVITE)
    form = WelcomeForm(data={"display_name": link.display_name, "language": str(get_locale())})
    if form.validate_on_submit():
        made = _make_account(form, partial(access_links.accept, token), _("Welcome! Your account is ready."))
        if made:
            return made
    if form.errors:  # used in another tab a moment ago: that is the answer, not what the form held
        link = _usable(token, AccessLink.INVITE)
    reviewer, groups = access_links.grants(link)
    return render_template("auth/welcome.html", form=form, link=link, reviewer=reviewer, groups=groups), (
        400 if form.errors else 200)


@bp.route("/setup/<token>", methods=["GET", "POST"])
@limiter.limit("30 per hour", methods=["POST"])
def setup(token: str):
    """On a database with no account, the first coordinator's account, by the token printed on the console."""
    if not first_run.token_matches(current_app.config["SECRET_KEY"], token) or not first_run.needed():
        abort(_gone())
    form = WelcomeForm(data={"language": str(get_locale())})
    if form.validate_on_submit():
        made = _make_account(form, first_run.create_coordinator,
                             _("Your coordinator's account is ready. Now set up the report."))
        if made:
            return made
    return render_template("auth/setup.html", form=form), 400 if form.errors else 200


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit("30 per hour", methods=["POST"])
def reset(token: str):
    """A new password from a reset link: every session of the account ends, and this one begins."""
    link = _usable(token, AccessLink.RESET)
    person = User.get_by_id(link.user_id)
    form = NewPasswordForm()
    if form.validate_on_submit():
        problem = password_error(form.new.data, person.login)
        if problem:
            form.new.errors.append(problem)
        else:
            try:
                user = access_links.set_password(token, hash_password(form.new.data))
            except access_links.LinkUnusable:  # used in another tab, or withdrawn, a moment ago
                abort(_gone())
            if user.active:
                _sign_in(user)
                flash(_("Your new password is set. You are signed out everywhere else."), "success")
                return redirect(url_for("report.home"))
            flash(_("Your new password is set, but your account is switched off: ask the coordinator."), "info")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, person=person), 400 if form.errors else 200


def _make_account(form: WelcomeForm, create, welcome: str):
    """The account the form describes, made by create(login, name, password hash, language) if the password
    passes the rules: the person is signed in and sent on. None, the form holding the reason, if refused."""
    problem = password_error(form.new.data, form.login.data)
    if problem:
        form.new.errors.append(problem)
        return None
    try:
        user = create(form.login.data, form.display_name.data.strip(), hash_password(form.new.data),
                      form.language.data)
    except (access_links.LinkUnusable, first_run.AccountsExist):  # used in another tab a moment ago
        abort(_gone())
    except access_links.LoginTaken:
        form.login.errors.append(_("Someone has this login already. Choose another."))
        return None
    _sign_in(user)
    flash(welcome, "success")
    return redirect(url_for("report.home"))


def _usable(token: str, kind: str) -> AccessLink:
    """The link the token opens; or the page that says it does not work (410), whatever the reason."""
    try:
        return access_links.find(token, kind)
    except access_links.LinkUnusable:
        abort(_gone())


def _gone():
    return make_response(render_template("auth/link_gone.html"), 410)


def _sign_in(user: User, detail: str = "", password: str | None = None) -> None:
    session.clear()  # a fresh session at every sign-in, whoever was signed in on this browser before
    session.permanent = True  # so that it expires after IDLE_TIMEOUT_MINUTES without a request
    session["sid"] = accounts.sign_in(user, password, detail)
    login_user(user)
    known = _signer().dumps(([user.id] + [i for i in _known_ids() if i != user.id])[:KNOWN_BROWSER_ACCOUNTS])

    @after_this_request
    def remember_browser(response):
        response.set_cookie(KNOWN_BROWSER_COOKIE, known, max_age=KNOWN_BROWSER_SECONDS, httponly=True,
                            secure=current_app.config["SESSION_COOKIE_SECURE"], samesite="Lax")
        return response


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=KNOWN_BROWSER_COOKIE)


def _known_ids() -> list[int]:
    """The accounts this browser signed in to within KNOWN_BROWSER_SECONDS (30 days)."""
    try:
        ids = _signer().loads(request.cookies.get(KNOWN_BROWSER_COOKIE, ""), max_age=KNOWN_BROWSER_SECONDS)
    except BadSignature:
        return []
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def _known_browser(login: str) -> bool:
    ids = _known_ids()
    return bool(ids) and User.select().where(User.login == login, User.id.in_(ids)).exists()
