"""A person's own account: their name, language and address for notices, and their password."""
from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coalition import accounts
from coalition.passwords import hash_password, verify_password
from coalition.vocabulary import password_error
from models import MailChoice
from web.extensions import limiter
from web.forms import AccountForm, PasswordForm

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("", methods=["GET", "POST"])
@login_required
def settings():
    form = AccountForm(obj=current_user, email_choice=MailChoice.of(current_user))
    if form.validate_on_submit():
        accounts.save_settings(current_user, accounts.Settings(form.display_name.data, form.language.data,
                                                               form.email.data or "", form.email_choice.data))
        session["language"] = form.language.data
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("account.settings"))
    return _page(form, PasswordForm(formdata=None), 400 if form.errors else 200)


@bp.route("/password", methods=["POST"])
@login_required
# Against someone at an unlocked laptop guessing the current password; per person, not per address.
@limiter.limit("10 per hour", key_func=lambda: f"password:{current_user.id}",
               deduct_when=lambda response: response.status_code != 302)
def password():
    """A new password ends every other session of the person; this one goes on."""
    form = PasswordForm()
    if form.validate_on_submit():
        problem = password_error(form.new.data, current_user.login)
        if not verify_password(current_user.password_hash, form.current.data):
            form.current.errors.append(_("This is not your current password."))
        elif problem:
            form.new.errors.append(problem)
        else:
            accounts.change_password(current_user, hash_password(form.new.data), keeping=session["sid"])
            flash(_("Your password is changed. You are signed out everywhere else."), "success")
            return redirect(url_for("account.settings"))
    return _page(AccountForm(formdata=None, obj=current_user), form, 400)


def _page(account_form, password_form, status: int):
    return render_template("account/settings.html", form=account_form, password_form=password_form), status
