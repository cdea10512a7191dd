"""The controlled vocabularies every part of the site shares: kinds, pathways, statuses.

Slugs are stable identifiers stored in the database, the index, URLs and the API; labels
are what people read. Add to these lists freely; never rename a slug.
"""
from __future__ import annotations

from dataclasses import dataclass


def N_(text: str) -> str:
    """Mark ``text`` for translation and return it unchanged.

    Labels stay English here because the search index, the API and ingest read them;
    pages translate them when they show them (tracker/filters.py, ``|tr`` in templates).
    """
    return text


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    description: str = ""


KINDS: tuple[Term, ...] = (
    Term("internship", N_("Internship"), N_("Time-limited work experience, often for students.")),
    Term("job", N_("Job"), N_("A paid position, part-time or full-time.")),
    Term("apprenticeship", N_("Apprenticeship"), N_("Paid work with structured training toward a credential.")),
    Term("job-shadowing", N_("Job shadowing"), N_("Watch a professional at work for a day or a few days.")),
    Term("training", N_("Training / certificate"), N_("A course that leads to a certificate or credential.")),
    Term("workshop", N_("Workshop / skill-building"), N_("Resume, interview, soft-skill and other short sessions.")),
    Term("summer-program", N_("Summer program"), N_("A program that runs over the summer break.")),
    Term("volunteer", N_("Volunteer"), N_("Unpaid service that builds experience and references.")),
)


@dataclass(frozen=True)
class Pathway(Term):
    # True for the high-demand careers inside the school district that EmpowerED named.
    district: bool = False
    # Legacy National Career Clusters (as used by O*NET) that feed this pathway.
    clusters: tuple[str, ...] = ()


PATHWAYS: tuple[Pathway, ...] = (
    Pathway("teaching", N_("Teaching"), N_("Classroom teachers, tutors and instructors."),
            district=True, clusters=("Education & Training",)),
    Pathway("counseling", N_("Counseling & student support"), N_("School counselors, social workers and student support staff."),
            district=True, clusters=("Education & Training", "Human Services")),
    Pathway("paraprofessional", N_("Paraprofessional"), N_("Classroom aides and instructional assistants."),
            district=True, clusters=("Education & Training",)),
    Pathway("facilities", N_("Facilities management"), N_("Keeping buildings safe, clean and running."),
            district=True, clusters=("Architecture & Construction",)),
    Pathway("finance", N_("Finance"), N_("Accounting, payroll, budgeting and banking."),
            district=True, clusters=("Finance",)),
    Pathway("operations", N_("Operations"), N_("Administration, logistics, purchasing and office work."),
            district=True, clusters=("Business Management & Administration",)),
    Pathway("information-technology", N_("Information technology"), N_("Computers, networks, software and help desks."),
            district=True, clusters=("Information Technology",)),
    Pathway("healthcare", N_("Healthcare"), N_("Patient care, nursing, pharmacy and health support roles."),
            clusters=("Health Science",)),
    Pathway("skilled-trades", N_("Construction & skilled trades"), N_("Electrical, plumbing, HVAC, carpentry and welding."),
            clusters=("Architecture & Construction",)),
    Pathway("manufacturing", N_("Manufacturing"), N_("Production, machining, quality and maintenance."),
            clusters=("Manufacturing",)),
    Pathway("transportation-logistics", N_("Transportation & logistics"), N_("Driving, warehousing, supply chain and transit."),
            clusters=("Transportation, Distribution & Logistics",)),
    Pathway("hospitality", N_("Hospitality & tourism"), N_("Food service, hotels, events and recreation."),
            clusters=("Hospitality & Tourism",)),
    Pathway("arts-media", N_("Arts, media & communications"), N_("Design, video, journalism and performing arts."),
            clusters=("Arts, Audio/Video Technology & Communications",)),
    Pathway("business-marketing", N_("Business, marketing & sales"), N_("Retail, sales, marketing and entrepreneurship."),
            clusters=("Marketing", "Business Management & Administration")),
    Pathway("public-service", N_("Government & public safety"), N_("City and county services, law, fire and emergency response."),
            clusters=("Government & Public Administration", "Law, Public Safety, Corrections & Security")),
    Pathway("human-services", N_("Human services"), N_("Child care, social services and community work."),
            clusters=("Human Services",)),
    Pathway("stem", N_("Science & engineering"), N_("Research, engineering and lab work."),
            clusters=("Science, Technology, Engineering & Mathematics",)),
    Pathway("agriculture-environment", N_("Agriculture & environment"), N_("Food, parks, conservation and green jobs."),
            clusters=("Agriculture, Food & Natural Resources",)),
)

# What a listing says about pay.
PAID, UNPAID, PAY_UNKNOWN = "paid", "unpaid", "unknown"
PAY_STATUSES: tuple[Term, ...] = (
    Term(PAID, N_("Paid")), Term(UNPAID, N_("Unpaid")), Term(PAY_UNKNOWN, N_("Pay not stated")),
)
PAY_PERIODS = ("hour", "week", "month", "year", "total")

ONSITE, REMOTE, HYBRID = "onsite", "remote", "hybrid"
WORK_MODES: tuple[Term, ...] = (
    Term(ONSITE, N_("On-site")), Term(REMOTE, N_("Remote")), Term(HYBRID, N_("Hybrid")),
)

KIND_SLUGS = frozenset(term.slug for term in KINDS)
PATHWAY_SLUGS = frozenset(term.slug for term in PATHWAYS)
WORK_MODE_SLUGS = frozenset(term.slug for term in WORK_MODES)
PAY_STATUS_SLUGS = frozenset(term.slug for term in PAY_STATUSES)


def label(vocabulary: tuple[Term, ...], slug: str | None) -> str:
    """Return the human label for a slug, or the slug itself when unknown."""
    for term in vocabulary:
        if term.slug == slug:
            return term.label
    return slug or ""


def pathway(slug: str) -> Pathway | None:
    """Return the pathway with this slug, if any."""
    return next((p for p in PATHWAYS if p.slug == slug), None)
