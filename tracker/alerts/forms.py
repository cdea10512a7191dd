"""The alerts' forms: fields, and the messages shown beside them when input is wrong."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField, SelectChoice, StringField
from wtforms.validators import InputRequired, Length, Regexp

from tracker.alerts.models import DAILY, WEEKLY


def normal_email(value: Any) -> Any:
    """Compare addresses without case or surrounding spaces."""
    return value.strip().lower() if isinstance(value, str) else value


def schedule_field() -> RadioField:
    return RadioField(_("How often"), default=DAILY, choices=[
        SelectChoice(DAILY, _("Once a day, when there is something new")),
        SelectChoice(WEEKLY, _("Once a week, when there is something new"))],
                      validators=[InputRequired(_("Choose how often."))])


class SubscribeForm(FlaskForm):
    email = EmailField(_("Your e-mail address"), filters=[normal_email], validators=[
        InputRequired(_("Enter an e-mail address.")),
        Length(max=254, message=_("An e-mail address has at most 254 characters.")),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_("Enter an e-mail address like name@example.org.")),
    ], render_kw={"autocomplete": "email"})
    schedule = schedule_field()
    # A field people never see: a form that fills it was sent by a robot (nothing is stored or sent).
    website = StringField(_("Leave this empty"), render_kw={"autocomplete": "off", "tabindex": "-1"})


class ScheduleForm(FlaskForm):
    schedule = schedule_field()


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
