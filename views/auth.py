"""Signing in and out, and the interface language."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

import audit
from extensions import limiter
from forms import LanguageForm, LoginForm
from models import AuditEvent, User
from passwords import hash_password, needs_rehash, verify_password
from views import safe_next

bp = Blueprint("auth", __name__)


def _account_key() -> str:
    return "account:" + request.form.get("login", "").strip().casefold()[:64]


def _refused(limit) -> None:
    """A sign-in refused by a limit goes to the audit log, naming the account only if it exists."""
    audit.record_once(AuditEvent.LOGIN_THROTTLED, subject=User.get_or_none(
        User.login == request.form.get("login", "").strip()[:64]))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"], on_breach=_refused)
# Per account too, against guessing from many addresses; only failures count, so a person is never
# locked out by their own sign-ins, and a stranger needs many attempts to lock them out for a while.
@limiter.limit(lambda: current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"], methods=["POST"], key_func=_account_key,
               deduct_when=lambda response: response.status_code != 302, on_breach=_refused)
def login():
    """Sign in with login and password; one answer for every kind of failure."""
    if current_user.is_authenticated:
        return redirect(url_for("report.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = User.get_or_none(User.login == form.login.data.strip())
        right = verify_password(user.password_hash if user else None, form.password.data)
        if right and user.active:
            if needs_rehash(user.password_hash):
                User.update(password_hash=hash_password(form.password.data)).where(User.id == user.id).execute()
            session.clear()  # a fresh session at every sign-in
            session.permanent = True  # so that it expires after IDLE_TIMEOUT_MINUTES without a request
            login_user(user)
            audit.record(AuditEvent.LOGIN, actor=user)
            return redirect(safe_next(request.args.get("next"), url_for("report.home")))
        # The account is named only if it exists: a password typed into the login field is not kept.
        audit.record(AuditEvent.LOGIN_FAILED, subject=user, detail="inactive" if right else "")
        flash(_("Wrong login or password."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Sign out and forget the session."""
    audit.record(AuditEvent.LOGOUT, actor=current_user)
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
            User.update(language=form.language.data).where(User.id == current_user.id).execute()
    return redirect(safe_next(request.form.get("next"), url_for("report.home")))
