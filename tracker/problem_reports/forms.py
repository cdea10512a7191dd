"""The public "report a problem" form: a reason, optional words, and a field only robots fill in."""
from __future__ import annotations

from flask_babel import lazy_gettext as _
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from flask_wtf import FlaskForm
from tracker.problem_reports.models import BROKEN_LINK, CLOSED, DETAILS_LIMIT, SCAM, UNSUITABLE, WRONG_DETAILS

REASON_CHOICES = [
    SelectChoice(CLOSED, _("It is closed or the place is filled")),
    SelectChoice(WRONG_DETAILS, _("Some details are wrong")),
    SelectChoice(BROKEN_LINK, _("The apply link does not work")),
    SelectChoice(UNSUITABLE, _("It is not suitable for young people")),
    SelectChoice(SCAM, _("It looks like a scam")),
]


class ReportForm(FlaskForm):
    reason = RadioField(_("What is wrong?"), choices=REASON_CHOICES,
                        validators=[InputRequired(_("Choose what is wrong with this listing."))])
    details = TextAreaField(_("Anything else we should know? (optional)"), validators=[
        Length(max=DETAILS_LIMIT, message=_("Use at most 1,000 characters."))],
        render_kw={"rows": 4, "maxlength": DETAILS_LIMIT})
    # Hidden from people (off screen, out of the tab order); form-filling robots fill it in.
    website = StringField(_("Leave this field empty"), render_kw={"tabindex": "-1", "autocomplete": "off"})

    def is_robot(self) -> bool:
        return bool((self.website.data or "").strip())
