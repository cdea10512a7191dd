"""Ashby posting API (``GET /posting-api/job-board/{board}``): ``{"apiVersion": "1", "jobs": [...]}``."""
from __future__ import annotations

from typing import Any

from ingest.parsers import ParseResult
from ingest.parsers._hints import employment_words, place_text, workplace_words
from ingest.parsers._json import board_entries, dicts, dig, load_json, require_list, text, texts
from ingest.parsers._markup import plain_html
from ingest.parsers._money import pay_text
from ingest.records import RawEntry

# Ashby lists equity and bonuses beside pay; only these are a wage or salary.
_PAY_TYPES = frozenset({"salary", "hourly", "wage", "stipend"})


def parse_ashby(content: bytes) -> ParseResult:
    """Parse an Ashby job board response."""
    jobs = require_list(load_json(content), "jobs", "an Ashby job board object")
    return board_entries(jobs, _entry, noun="job",
                         skip=lambda job: "is unlisted on the board" if job.get("isListed") is False else None)


def _entry(job: dict[str, Any]) -> RawEntry:
    fields: dict[str, str] = {}
    if pay := _pay(job.get("compensation")):
        fields["pay"] = pay
    if mode := workplace_words(job.get("workplaceType")) or ("remote" if job.get("isRemote") is True else None):
        fields["work_mode"] = mode
    schedule = employment_words(text(job.get("employmentType")))
    if schedule:
        fields["schedule"] = schedule
    address = dig(job, "address", "postalAddress") or {}
    place = place_text(text(address.get("streetAddress")), text(address.get("addressLocality")),
                       text(address.get("addressRegion")), text(address.get("postalCode")),
                       text(address.get("addressCountry")))
    return RawEntry(
        title=str(text(job.get("title"))),
        external_id=text(job.get("id")) or text(job.get("jobUrl")),
        url=text(job.get("applyUrl")) or text(job.get("jobUrl")),  # the apply form, as the board gives it
        description_html=text(job.get("descriptionHtml")) or plain_html(text(job.get("descriptionPlain"))),
        published=text(job.get("publishedAt")),
        updated=text(job.get("updatedAt")),
        categories=texts([job.get("department"), job.get("team"), schedule]),
        location_text=place or text(job.get("location")),
        fields=fields,
    )


def _pay(compensation: Any) -> str | None:
    for part in dicts(dig(compensation, "summaryComponents")):
        if str(part.get("compensationType", "salary")).lower() in _PAY_TYPES:
            written = pay_text(part.get("minValue"), part.get("maxValue"), part.get("interval"),
                               part.get("currencyCode"))
            if written:
                return written
    return text(dig(compensation, "scrapeableCompensationSalarySummary")) or text(
        dig(compensation, "compensationTierSummary"))
