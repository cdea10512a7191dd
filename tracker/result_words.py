"""How a search's results are named in words: "34 paid remote internships" (ListingQuery.describe)."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from tracker.i18n import gettext, ngettext


def quality_words(vocabulary: Mapping[str, Callable[[], str]], slug: str) -> str:
    """Return how a choice qualifies the noun ("paid"), in the reader's language."""
    words = vocabulary.get(slug)
    return words() if words else slug


def kind_noun(slug: str, count: int) -> str:
    """Return how ``count`` listings of a kind are called: 'internship', 'internships'."""
    words = KIND_NOUNS.get(slug)
    return words(count) if words else slug


# How results are counted in words, one function per kind so each plural is translatable.
KIND_NOUNS: dict[str, Callable[[int], str]] = {
    "internship": lambda n: ngettext("internship", "internships", n),
    "job": lambda n: ngettext("job", "jobs", n),
    "apprenticeship": lambda n: ngettext("apprenticeship", "apprenticeships", n),
    "job-shadowing": lambda n: ngettext("job-shadowing opportunity", "job-shadowing opportunities", n),
    "training": lambda n: ngettext("training program", "training programs", n),
    "workshop": lambda n: ngettext("workshop", "workshops", n),
    "summer-program": lambda n: ngettext("summer program", "summer programs", n),
    "volunteer": lambda n: ngettext("volunteer role", "volunteer roles", n),
}
# The words that qualify the noun: "paid internships", "remote jobs", "summer programs".
PAY_WORDS: dict[str, Callable[[], str]] = {
    "paid": lambda: gettext("paid"), "unpaid": lambda: gettext("unpaid"),
    "unknown": lambda: gettext("pay not stated"),
}
MODE_WORDS: dict[str, Callable[[], str]] = {
    "onsite": lambda: gettext("on-site"), "remote": lambda: gettext("remote"), "hybrid": lambda: gettext("hybrid"),
}
SEASON_WORDS: dict[str, Callable[[], str]] = {
    "summer": lambda: gettext("summer"), "school-year": lambda: gettext("school-year"),
}
