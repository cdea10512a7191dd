"""The forms editors use on a listing: correct its fields, hide it with a reason."""
from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, IntegerField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from tracker import taxonomy
from tracker.i18n import gettext as translated
from tracker.staff.source_forms import CheckboxList, stripped

PERIOD_NAMES = {"hour": _("an hour"), "week": _("a week"), "month": _("a month"), "year": _("a year"),
                "total": _("in total")}


def _blank(label: Any) -> SelectChoice:
    return SelectChoice("", label)


def _none_if_blank(value: Any) -> Any:
    return None if value in ("", None) else value


class CorrectionForm(FlaskForm):
    kind = SelectField(_("Kind"))
    pathways = CheckboxList(_("Career pathways"))
    min_age = IntegerField(_("Youngest age"), validators=[Optional(), NumberRange(10, 99, _("Use an age from 10 to 99."))])
    max_age = IntegerField(_("Oldest age"), validators=[Optional(), NumberRange(10, 99, _("Use an age from 10 to 99."))])
    min_grade = IntegerField(_("Lowest grade"), validators=[Optional(), NumberRange(0, 12, _("Use a grade from 0 (kindergarten) to 12."))])
    max_grade = IntegerField(_("Highest grade"), validators=[Optional(), NumberRange(0, 12, _("Use a grade from 0 (kindergarten) to 12."))])
    pay_status = SelectField(_("Pay"))
    pay_min = DecimalField(_("Pay from ($)"), places=2, validators=[Optional(), NumberRange(0, 1_000_000, _("Use an amount of 0 or more."))])
    pay_max = DecimalField(_("Pay up to ($)"), places=2, validators=[Optional(), NumberRange(0, 1_000_000, _("Use an amount of 0 or more."))])
    pay_period = SelectField(_("Paid per"))
    address = StringField(_("Street address"), filters=[stripped, _none_if_blank], validators=[Optional(), Length(max=300)])
    city = StringField(_("City"), filters=[stripped, _none_if_blank], validators=[Optional(), Length(max=120)])
    state = StringField(_("State"), filters=[stripped, _none_if_blank, lambda v: v.upper() if isinstance(v, str) else v],
                        validators=[Optional(), Regexp(r"^[A-Z]{2}$", message=_("Use the two-letter code, like AL."))])
    zip = StringField(_("ZIP code"), filters=[stripped, _none_if_blank],
                      validators=[Optional(), Regexp(r"^\d{5}$", message=_("Use five digits, like 35203."))])
    deadline = DateField(_("Application deadline"), validators=[Optional()])
    work_mode = SelectField(_("Where the work is done"))
    apply_url = StringField(_("Apply link"), filters=[stripped, _none_if_blank], validators=[
        Optional(), Length(max=2000, message=_("Use at most 2,000 characters.")),
        Regexp(r"^https?://[^\s/]+\S*$", message=_("Enter an address starting with http:// or https://."))])

    FIELDS = ("kind", "pathways", "min_age", "max_age", "min_grade", "max_grade", "pay_status", "pay_min", "pay_max",
              "pay_period", "address", "city", "state", "zip", "deadline", "work_mode", "apply_url")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.kind.choices = [SelectChoice(t.slug, translated(t.label)) for t in taxonomy.KINDS]
        self.pathways.choices = [SelectChoice(t.slug, translated(t.label)) for t in taxonomy.PATHWAYS]
        self.pay_status.choices = [SelectChoice(t.slug, translated(t.label)) for t in taxonomy.PAY_STATUSES]
        self.pay_period.choices = [_blank(_("not stated"))] + [SelectChoice(p, PERIOD_NAMES[p]) for p in taxonomy.PAY_PERIODS]
        self.work_mode.choices = [_blank(_("not stated"))] + [SelectChoice(t.slug, translated(t.label)) for t in taxonomy.WORK_MODES]

    def values(self) -> dict[str, Any]:
        """The corrected listing's values, field by field."""
        values = {name: self[name].data for name in self.FIELDS}
        values["pathways"] = list(values["pathways"] or [])
        # "Not stated" is the empty choice; the listing holds None.
        values["pay_period"] = values["pay_period"] or None
        values["work_mode"] = values["work_mode"] or None
        return values

    def validate_max_age(self, field: IntegerField) -> None:
        _in_order(self.min_age.data, field.data, _("The oldest age must not be below the youngest."))

    def validate_max_grade(self, field: IntegerField) -> None:
        _in_order(self.min_grade.data, field.data, _("The highest grade must not be below the lowest."))

    def validate_pay_max(self, field: DecimalField) -> None:
        _in_order(self.pay_min.data, field.data, _("The top of the pay range must not be below its bottom."))


def _in_order(low: Any, high: Any, message: Any) -> None:
    if low is not None and high is not None and high < low:
        raise ValidationError(message)


class HideForm(FlaskForm):
    reason = TextAreaField(_("Why hide it?"), filters=[stripped], validators=[
        DataRequired(_("Say why, so other editors know (for example: the post is filled, or a scam).")),
        Length(max=500, message=_("Use at most 500 characters."))], render_kw={"rows": 3})
