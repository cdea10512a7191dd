"""The controlled vocabularies every part of the site shares: kinds, pathways, statuses.

Slugs are stable identifiers stored in the database, the index, URLs and the API; labels
are what people read. Add to these lists freely; never rename a slug.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    slug: str
    label: str
    description: str = ""


KINDS: tuple[Term, ...] = (
    Term("internship", "Internship", "Time-limited work experience, often for students."),
    Term("job", "Job", "A paid position, part-time or full-time."),
    Term("apprenticeship", "Apprenticeship", "Paid work with structured training toward a credential."),
    Term("job-shadowing", "Job shadowing", "Watch a professional at work for a day or a few days."),
    Term("training", "Training / certificate", "A course that leads to a certificate or credential."),
    Term("workshop", "Workshop / skill-building", "Resume, interview, soft-skill and other short sessions."),
    Term("summer-program", "Summer program", "A program that runs over the summer break."),
    Term("volunteer", "Volunteer", "Unpaid service that builds experience and references."),
)


@dataclass(frozen=True)
class Pathway(Term):
    # True for the high-demand careers inside the school district that EmpowerED named.
    district: bool = False
    # Legacy National Career Clusters (as used by O*NET) that feed this pathway.
    clusters: tuple[str, ...] = ()


PATHWAYS: tuple[Pathway, ...] = (
    Pathway("teaching", "Teaching", "Classroom teachers, tutors and instructors.",
            district=True, clusters=("Education & Training",)),
    Pathway("counseling", "Counseling & student support", "School counselors, social workers and student support staff.",
            district=True, clusters=("Education & Training", "Human Services")),
    Pathway("paraprofessional", "Paraprofessional", "Classroom aides and instructional assistants.",
            district=True, clusters=("Education & Training",)),
    Pathway("facilities", "Facilities management", "Keeping buildings safe, clean and running.",
            district=True, clusters=("Architecture & Construction",)),
    Pathway("finance", "Finance", "Accounting, payroll, budgeting and banking.",
            district=True, clusters=("Finance",)),
    Pathway("operations", "Operations", "Administration, logistics, purchasing and office work.",
            district=True, clusters=("Business Management & Administration",)),
    Pathway("information-technology", "Information technology", "Computers, networks, software and help desks.",
            district=True, clusters=("Information Technology",)),
    Pathway("healthcare", "Healthcare", "Patient care, nursing, pharmacy and health support roles.",
            clusters=("Health Science",)),
    Pathway("skilled-trades", "Construction & skilled trades", "Electrical, plumbing, HVAC, carpentry and welding.",
            clusters=("Architecture & Construction",)),
    Pathway("manufacturing", "Manufacturing", "Production, machining, quality and maintenance.",
            clusters=("Manufacturing",)),
    Pathway("transportation-logistics", "Transportation & logistics", "Driving, warehousing, supply chain and transit.",
            clusters=("Transportation, Distribution & Logistics",)),
    Pathway("hospitality", "Hospitality & tourism", "Food service, hotels, events and recreation.",
            clusters=("Hospitality & Tourism",)),
    Pathway("arts-media", "Arts, media & communications", "Design, video, journalism and performing arts.",
            clusters=("Arts, Audio/Video Technology & Communications",)),
    Pathway("business-marketing", "Business, marketing & sales", "Retail, sales, marketing and entrepreneurship.",
            clusters=("Marketing", "Business Management & Administration")),
    Pathway("public-service", "Government & public safety", "City and county services, law, fire and emergency response.",
            clusters=("Government & Public Administration", "Law, Public Safety, Corrections & Security")),
    Pathway("human-services", "Human services", "Child care, social services and community work.",
            clusters=("Human Services",)),
    Pathway("stem", "Science & engineering", "Research, engineering and lab work.",
            clusters=("Science, Technology, Engineering & Mathematics",)),
    Pathway("agriculture-environment", "Agriculture & environment", "Food, parks, conservation and green jobs.",
            clusters=("Agriculture, Food & Natural Resources",)),
)

# How results are counted in words: (one, many).
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "internship": ("internship", "internships"),
    "job": ("job", "jobs"),
    "apprenticeship": ("apprenticeship", "apprenticeships"),
    "job-shadowing": ("job-shadowing opportunity", "job-shadowing opportunities"),
    "training": ("training program", "training programs"),
    "workshop": ("workshop", "workshops"),
    "summer-program": ("summer program", "summer programs"),
    "volunteer": ("volunteer role", "volunteer roles"),
}

# What a listing says about pay.
PAID, UNPAID, PAY_UNKNOWN = "paid", "unpaid", "unknown"
PAY_STATUSES: tuple[Term, ...] = (
    Term(PAID, "Paid"), Term(UNPAID, "Unpaid"), Term(PAY_UNKNOWN, "Pay not stated"),
)
PAY_PERIODS = ("hour", "week", "month", "year", "total")

ONSITE, REMOTE, HYBRID = "onsite", "remote", "hybrid"
WORK_MODES: tuple[Term, ...] = (
    Term(ONSITE, "On-site"), Term(REMOTE, "Remote"), Term(HYBRID, "Hybrid"),
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
