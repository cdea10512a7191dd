"""The staff area's forms: fields, and the messages shown beside them when input is wrong."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Regexp, ValidationError

from tracker.staff import passwords
from tracker.staff.models import ADMIN, EDITOR, VIEWER

ROLE_CHOICES = [SelectChoice(VIEWER, _("Viewer: sees the dashboards")),
                SelectChoice(EDITOR, _("Editor: also manages sources and corrects listings")),
                SelectChoice(ADMIN, _("Admin: also manages staff accounts"))]


def normal_email(value: Any) -> Any:
    """Compare addresses without case or surrounding spaces."""
    return value.strip().lower() if isinstance(value, str) else value


def email_field(label: Any) -> EmailField:
    return EmailField(label, filters=[normal_email], validators=[
        InputRequired(_("Enter an e-mail address.")),
        Length(max=254, message=_("An e-mail address has at most 254 characters.")),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_("Enter an e-mail address like name@example.org.")),
    ], render_kw={"autocomplete": "email"})


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class LoginForm(FlaskForm):
    email = email_field(_("E-mail address"))
    password = PasswordField(_("Password"), validators=[InputRequired(_("Enter your password."))],
                             render_kw={"autocomplete": "current-password"})


class NewPasswordMixin:
    """A new password typed twice, checked against the password rules."""

    new_password = PasswordField(_("New password"), validators=[InputRequired(_("Choose a password."))],
                                 render_kw={"autocomplete": "new-password", "minlength": passwords.MIN_LENGTH})
    confirm = PasswordField(_("New password again"), validators=[
        InputRequired(_("Type the password again.")),
        EqualTo("new_password", _("The two passwords are not the same."))],
        render_kw={"autocomplete": "new-password"})
    # Set by the form's owner: the account's e-mail and name, which a password must not contain.
    owner_email = ""
    owner_name = ""

    def validate_new_password(self, field: PasswordField) -> None:
        problem = passwords.problem(field.data or "", self.owner_email, self.owner_name)
        if problem:
            raise ValidationError(problem)


class ChangePasswordForm(NewPasswordMixin, FlaskForm):
    current_password = PasswordField(_("Current password"), validators=[InputRequired(_("Enter your current password."))],
                                     render_kw={"autocomplete": "current-password"})


class InviteForm(FlaskForm):
    email = email_field(_("Their e-mail address"))
    role = SelectField(_("Role"), choices=ROLE_CHOICES, default=VIEWER)


class AcceptInviteForm(NewPasswordMixin, FlaskForm):
    name = StringField(_("Your name"), filters=[lambda v: v.strip() if isinstance(v, str) else v], validators=[
        DataRequired(_("Enter your name.")), Length(max=120, message=_("Use at most 120 characters."))],
        render_kw={"autocomplete": "name"})

    def validate_new_password(self, field: PasswordField) -> None:
        self.owner_name = self.name.data or ""
        super().validate_new_password(field)


class AccountForm(FlaskForm):
    role = SelectField(_("Role"), choices=ROLE_CHOICES)
    active = BooleanField(_("Account can log in"))
