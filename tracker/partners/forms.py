"""The partner's form: one opportunity, the posting policy, and the messages beside each field."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import (BooleanField, DateField, DecimalField, IntegerField, RadioField, SelectChoice, SelectField,
                     StringField, TextAreaField)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from tracker import taxonomy
from tracker.clock import site_today
from tracker.filter_registry import SEASONS
from tracker.i18n import gettext as translated
from tracker.staff.forms import email_field
from tracker.staff.source_forms import CheckboxList, stripped

PAID, STIPEND, UNPAID = "paid", "stipend", "unpaid"
PAY_TYPES = (PAID, STIPEND, UNPAID)
PERIOD_NAMES = {"hour": _("an hour"), "week": _("a week"), "month": _("a month"), "year": _("a year"),
                "total": _("in total")}
HAVE_CERTIFICATE, CERTIFICATE_NOT_NEEDED = "have", "not-needed"
# The policy's confirmations, as stored with the submission and shown to reviewers.
POLICY_FIELDS = ("no_fees", "minimum_wage", "suitable_duties", "named_supervisor", "child_labor")
DESCRIPTION_MAX = 10_000


def _none_if_blank(value: Any) -> Any:
    return None if value in ("", None) else value


def _age(label: Any) -> IntegerField:
    return IntegerField(label, validators=[Optional(), NumberRange(14, 99, _("Use an age from 14 to 99."))],
                        render_kw={"inputmode": "numeric"})


def _grade(label: Any) -> IntegerField:
    return IntegerField(label, validators=[Optional(), NumberRange(0, 12, _("Use a grade from 0 (kindergarten) to 12."))],
                        render_kw={"inputmode": "numeric"})


def _confirm(label: Any, message: Any) -> BooleanField:
    return BooleanField(label, validators=[DataRequired(message)])


class SubmissionForm(FlaskForm):
    """One opportunity as a partner describes it (also the form that edits it)."""

    organisation = StringField(_("Organisation"), filters=[stripped], validators=[
        DataRequired(_("Enter the name of your organisation.")), Length(max=300, message=_("Use at most 300 characters."))],
        render_kw={"autocomplete": "organization"})
    contact_email = email_field(_("Your organisation's e-mail address"))
    supervisor = StringField(_("Supervisor's name"), filters=[stripped], validators=[
        DataRequired(_("Enter the name of the person who will supervise.")),
        Length(max=120, message=_("Use at most 120 characters."))])
    title = StringField(_("Title of the opportunity"), filters=[stripped], validators=[
        DataRequired(_("Enter a title, like “Summer office intern”.")),
        Length(max=300, message=_("Use at most 300 characters."))])
    kind = SelectField(_("Kind"), validators=[DataRequired(_("Choose the kind of opportunity."))])
    # Checked in validate_pathways: DataRequired would mark every box "required" for the browser.
    pathways = CheckboxList(_("Career pathways"))
    description = TextAreaField(_("Description"), filters=[stripped], validators=[
        DataRequired(_("Describe the opportunity: what the young person will do and learn.")),
        Length(max=DESCRIPTION_MAX, message=_("Use at most 10,000 characters."))], render_kw={"rows": 8})
    min_age = _age(_("Youngest age"))
    max_age = _age(_("Oldest age"))
    min_grade = _grade(_("Lowest grade"))
    max_grade = _grade(_("Highest grade"))
    pay_type = RadioField(_("Pay"), choices=[SelectChoice(PAID, _("Paid (wage or salary)")),
                                             SelectChoice(STIPEND, _("Stipend")), SelectChoice(UNPAID, _("Unpaid"))],
                          validators=[InputRequired(_("Say whether it is paid, has a stipend, or is unpaid."))])
    pay_amount = DecimalField(_("Amount ($)"), places=2, validators=[
        Optional(), NumberRange(0, 1_000_000, _("Use an amount of 0 or more."))], render_kw={"inputmode": "decimal"})
    pay_period = SelectField(_("Paid per"), default="")
    hours_per_week = IntegerField(_("Hours a week"), validators=[
        Optional(), NumberRange(1, 80, _("Use a number of hours from 1 to 80."))], render_kw={"inputmode": "numeric"})
    schedule_text = StringField(_("Days and times"), filters=[stripped, _none_if_blank], validators=[
        Optional(), Length(max=300, message=_("Use at most 300 characters."))])
    season = SelectField(_("Season"), default="")
    start_date = DateField(_("Starts on"), validators=[Optional()])
    end_date = DateField(_("Ends on"), validators=[Optional()])
    work_mode = RadioField(_("Where the work is done"),
                           validators=[InputRequired(_("Say whether the work is on-site, remote or hybrid."))])
    address = StringField(_("Street address"), filters=[stripped, _none_if_blank], validators=[
        Optional(), Length(max=300, message=_("Use at most 300 characters."))], render_kw={"autocomplete": "address-line1"})
    city = StringField(_("City"), filters=[stripped, _none_if_blank], validators=[
        Optional(), Length(max=120, message=_("Use at most 120 characters."))])
    zip = StringField(_("ZIP code"), filters=[stripped, _none_if_blank], validators=[
        Optional(), Regexp(r"^\d{5}$", message=_("Use five digits, like 35203."))],
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric"})
    transport_provided = BooleanField(_("We provide transportation"))
    nearest_bus = StringField(_("Nearest bus stop or route"), filters=[stripped, _none_if_blank], validators=[
        Optional(), Length(max=200, message=_("Use at most 200 characters."))])
    deadline = DateField(_("Application deadline"), validators=[Optional()])
    apply_url = StringField(_("Link to apply"), filters=[stripped, _none_if_blank], validators=[
        Optional(), Length(max=2000, message=_("Use at most 2,000 characters.")),
        Regexp(r"^https?://[^\s/]+\S*$", message=_("Enter an address starting with http:// or https://."))],
        render_kw={"inputmode": "url"})
    apply_instructions = TextAreaField(_("Or: how to apply"), filters=[stripped, _none_if_blank], validators=[
        Optional(), Length(max=2000, message=_("Use at most 2,000 characters."))], render_kw={"rows": 3})

    no_fees = _confirm(_("No one pays a fee to apply or to take part."),
                       _("Confirm that applying and taking part cost nothing."))
    minimum_wage = BooleanField(_("Paid work pays at least the minimum wage."))
    suitable_duties = _confirm(_("The duties are suitable and legal for the ages given."),
                               _("Confirm that the duties suit the ages given."))
    named_supervisor = _confirm(_("A named adult supervises the young people."),
                                _("Confirm that a named adult supervises."))
    child_labor = RadioField(_("Alabama child-labor certificate (for workers under 18)"),
                             choices=[SelectChoice(HAVE_CERTIFICATE, _("We hold the certificate")),
                                      SelectChoice(CERTIFICATE_NOT_NEEDED, _("Not needed: no one under 18 is employed, "
                                                                             "or the work is not employment"))],
                             validators=[InputRequired(_("Say whether you hold the certificate or it is not needed."))])
    # A field people never see (hidden by the stylesheet); a robot that fills every field fills it.
    website = StringField(_("Leave this empty"), render_kw={"autocomplete": "off", "tabindex": "-1"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind.choices = [SelectChoice("", translated("Choose…"))] + [
            SelectChoice(t.slug, translated(t.label)) for t in taxonomy.KINDS]
        self.pathways.choices = [SelectChoice(t.slug, translated(t.label)) for t in taxonomy.PATHWAYS]
        self.pay_period.choices = [SelectChoice("", translated("Choose…"))] + [
            SelectChoice(p, PERIOD_NAMES[p]) for p in taxonomy.PAY_PERIODS]
        self.season.choices = [SelectChoice("", translated("not stated"))] + [
            SelectChoice(t.slug, translated(t.label)) for t in SEASONS]
        self.work_mode.choices = [SelectChoice(t.slug, translated(t.label)) for t in taxonomy.WORK_MODES]

    @property
    def is_spam(self) -> bool:
        return bool((self.website.data or "").strip())

    def validate_pathways(self, field: CheckboxList) -> None:
        if not field.data:
            raise ValidationError(_("Choose at least one career pathway."))

    def validate_max_age(self, field: IntegerField) -> None:
        _in_order(self.min_age.data, field.data, _("The oldest age must not be below the youngest."))

    def validate_max_grade(self, field: IntegerField) -> None:
        _in_order(self.min_grade.data, field.data, _("The highest grade must not be below the lowest."))

    def validate_end_date(self, field: DateField) -> None:
        _in_order(self.start_date.data, field.data, _("The end must not be before the start."))

    def validate(self, extra_validators: Any = None) -> bool:
        """Check every field, then what an empty optional field means given the others."""
        valid = super().validate(extra_validators)
        for field, message in self._missing():
            field.errors.append(message)
            valid = False
        self._errors = None  # the form's error summary is worked out again
        return valid

    def _missing(self) -> list[tuple[Any, Any]]:
        """Optional fields left empty that the other answers make necessary (Optional() skips their checks)."""
        missing = []
        if self.pay_type.data in (PAID, STIPEND) and self.pay_amount.data is None and not self.pay_amount.errors:
            missing.append((self.pay_amount, _("Enter the amount.")))
        if (self.work_mode.data in ("onsite", "hybrid") and not self.zip.data and not self.city.data
                and not self.zip.errors):
            missing.append((self.zip, _("Give the ZIP code or the city where the work is done.")))
        if not self.apply_url.data and not self.apply_instructions.data and not self.apply_url.errors:
            missing.append((self.apply_url, _("Give a link to apply, or say how to apply.")))
        return missing

    def validate_pay_amount(self, field: DecimalField) -> None:
        if self.pay_type.data not in (PAID, STIPEND) or field.data is None:
            return
        wage = Decimal(str(current_app.config["PARTNER_MINIMUM_WAGE"]))
        if self.pay_type.data == PAID and self.pay_period.data == "hour" and field.data < wage:
            raise ValidationError(_("This is below the minimum wage of $%(wage)s an hour.", wage=f"{wage:.2f}"))

    def validate_pay_period(self, field: SelectField) -> None:
        if self.pay_type.data == PAID and not field.data:
            raise ValidationError(_("Choose how often this amount is paid."))

    def validate_minimum_wage(self, field: BooleanField) -> None:
        if self.pay_type.data == PAID and not field.data:
            raise ValidationError(_("Confirm that the pay is at least the minimum wage."))

    def validate_deadline(self, field: DateField) -> None:
        if field.data is not None and field.data < site_today():
            raise ValidationError(_("The deadline has passed: give a date from today on, or leave it empty."))

    def policy_answers(self) -> dict[str, Any]:
        """The posting policy's answers, for the reviewers."""
        return {name: self[name].data for name in POLICY_FIELDS}


def _in_order(low: Any, high: Any, message: Any) -> None:
    if low is not None and high is not None and high < low:
        raise ValidationError(message)


class ReasonForm(FlaskForm):
    """An editor's reason for rejecting a submission; the partner reads it."""

    reason = TextAreaField(_("Reason, sent to the partner"), filters=[stripped], validators=[
        DataRequired(_("Say why, so the partner can fix it (for example: the pay is below the minimum wage).")),
        Length(max=2000, message=_("Use at most 2,000 characters."))], render_kw={"rows": 4})


def field_values(form: SubmissionForm) -> list[tuple[str, str]]:
    """Every field as (name, value) pairs the way a browser posts them: the preview carries them."""
    pairs: list[tuple[str, str]] = []
    for field in form:
        if field.name in ("csrf_token", "website"):
            continue
        if field.type == "BooleanField":
            if field.data:
                pairs.append((field.name, "y"))
        elif field.type == "CheckboxList":
            pairs.extend((field.name, value) for value in field.data or [])
        elif isinstance(field.data, date):
            pairs.append((field.name, field.data.isoformat()))
        else:
            pairs.append((field.name, "" if field.data is None else str(field.data)))
    return pairs
