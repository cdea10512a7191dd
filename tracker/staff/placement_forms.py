"""The form editors enter the 30% goal's figures with: one school year, district or one school."""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from tracker.placements.store import school_year_start
from tracker.staff.source_forms import stripped


class PlacementForm(FlaskForm):
    school_year = StringField(_("School year"), filters=[stripped], validators=[
        InputRequired(_("Give the school year, like 2024-25."))], render_kw={"inputmode": "numeric", "size": 7})
    school = StringField(_("School"), filters=[stripped], validators=[Optional(), Length(max=120)])
    juniors_seniors = IntegerField(_("Juniors and seniors enrolled"), validators=[
        InputRequired(_("Give the number of juniors and seniors enrolled.")),
        NumberRange(0, 1_000_000, _("Use a whole number, 0 or more."))], render_kw={"inputmode": "numeric"})
    completed = IntegerField(_("Of them, completed an internship or work-based-learning placement"), validators=[
        InputRequired(_("Give how many completed a placement.")),
        NumberRange(0, 1_000_000, _("Use a whole number, 0 or more."))], render_kw={"inputmode": "numeric"})
    source = StringField(_("Where the figures come from"), filters=[stripped], validators=[
        InputRequired(_("Say where the figures come from (a report, a data request…).")),
        Length(max=300, message=_("Use at most 300 characters."))])
    source_url = StringField(_("Web address of the source"), filters=[stripped], validators=[
        Optional(), Length(max=2000, message=_("Use at most 2,000 characters.")),
        Regexp(r"^https?://\S+$", message=_("Enter an address starting with http:// or https://, or leave it empty."))],
        render_kw={"inputmode": "url", "spellcheck": "false"})

    def validate_school_year(self, field: StringField) -> None:
        if school_year_start(field.data or "") is None:
            raise ValidationError(_("Write the school year as 2024-25."))

    def validate_completed(self, field: IntegerField) -> None:
        enrolled = self.juniors_seniors.data
        if field.data is not None and isinstance(enrolled, int) and field.data > enrolled:
            raise ValidationError(_("More completed a placement (%(completed)s) than were enrolled (%(enrolled)s): "
                                    "check both numbers.", completed=field.data, enrolled=enrolled))
