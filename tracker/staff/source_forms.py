"""The form that adds or edits a source: where it is, its format, and defaults for its entries."""
from __future__ import annotations

import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import lazy_gettext as _
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from tracker import taxonomy
from tracker.i18n import gettext as translated

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # ingest.retrieve's cap on any source


def stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class CheckboxList(SelectMultipleField):
    """Several choices as a list of checkboxes (usable without JavaScript)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def public_host_problem(url: str) -> str | None:
    """Return why the server must not fetch ``url`` (an address inside this network), or None.

    Staff type these addresses, and the server fetches them: an address on the server
    itself or on the private network would let a staff page reach what the internet
    cannot (server-side request forgery). Tests and a laptop demo allow them with
    SOURCES_ALLOW_PRIVATE_HOSTS. A host that does not resolve now is allowed: the
    check or the first fetch will say so.
    """
    if current_app.config.get("SOURCES_ALLOW_PRIVATE_HOSTS"):
        return None
    host = urlsplit(url).hostname or ""
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return None
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            return str(_("This address is inside the server's own network; only public addresses can be sources."))
    return None


class SourceForm(FlaskForm):
    name = StringField(_("Name"), filters=[stripped], validators=[
        DataRequired(_("Give the source a name staff will recognise.")),
        Length(max=120, message=_("Use at most 120 characters."))])
    format = SelectField(_("Format"), default="auto")
    url = StringField(_("Address (URL)"), filters=[stripped], validators=[
        Optional(), Length(max=2000, message=_("Use at most 2,000 characters.")),
        Regexp(r"^https?://[^\s/]+", message=_("Enter an address starting with http:// or https://."))],
        render_kw={"inputmode": "url", "autocomplete": "off", "spellcheck": "false"})
    upload = FileField(_("Or upload a file"))
    # A file uploaded with "Check" and kept for "Save": a name in the uploads folder, never a path.
    uploaded = HiddenField(validators=[Optional(), Regexp(r"^[0-9a-f]{16}-[\w.-]{1,100}$")])
    enabled = BooleanField(_("Fetch this source on every ingest run"), default=True)
    organisation = StringField(_("Organisation"), filters=[stripped], validators=[Optional(), Length(max=300)])
    kind = SelectField(_("Kind"), default="")
    pathways = CheckboxList(_("Career pathways"), validate_choice=True)
    city = StringField(_("City"), filters=[stripped], validators=[Optional(), Length(max=120)])
    state = StringField(_("State"), filters=[stripped, lambda v: v.upper() if isinstance(v, str) else v], validators=[
        Optional(), Regexp(r"^[A-Z]{2}$", message=_("Use the two-letter code, like AL."))], render_kw={"size": 2})
    zip = StringField(_("ZIP code"), filters=[stripped], validators=[
        Optional(), Regexp(r"^\d{5}$", message=_("Use five digits, like 35203."))],
        render_kw={"inputmode": "numeric", "size": 5})
    check = SubmitField(_("Check now"))
    save = SubmitField(_("Save"))

    def __init__(self, formats: tuple[str, ...], current_location: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.current_location = current_location
        self.format.choices = [SelectChoice(f, _("Detect from the content") if f == "auto" else f) for f in formats]
        self.kind.choices = [SelectChoice("", _("As each entry says"))] + [
            SelectChoice(term.slug, translated(term.label)) for term in taxonomy.KINDS]
        self.pathways.choices = [SelectChoice(term.slug, translated(term.label)) for term in taxonomy.PATHWAYS]

    def validate_url(self, field: StringField) -> None:
        if field.data:
            problem = public_host_problem(field.data)
            if problem:
                raise ValidationError(problem)

    def validate_upload(self, field: FileField) -> None:
        if field.data and field.data.filename:
            field.data.stream.seek(0, 2)
            size = field.data.stream.tell()
            field.data.stream.seek(0)
            if size > MAX_UPLOAD_BYTES:
                raise ValidationError(_("The file is larger than 20 MB."))
            if size == 0:
                raise ValidationError(_("The file is empty."))

    def has_new_location(self) -> bool:
        return bool(self.url.data or (self.upload.data and self.upload.data.filename) or self.uploaded.data)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.has_new_location() and not self.current_location:
            self.url.errors = [*self.url.errors, str(_("Enter the source's address, or upload a file."))]
            return False
        return valid

    def defaults(self, keep_from: dict[str, Any] | None = None) -> dict[str, Any]:
        """Return the defaults this form sets (and ``rebase_dates_from`` kept from the old ones)."""
        return {"organisation": self.organisation.data or None, "kind": self.kind.data or None,
                "pathways": list(self.pathways.data or []), "city": self.city.data or None,
                "state": self.state.data or None, "zip": self.zip.data or None,
                "rebase_dates_from": (keep_from or {}).get("rebase_dates_from")}
