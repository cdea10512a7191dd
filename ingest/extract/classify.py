"""Guess a listing's kind and career pathways from its categories, title and text."""
from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from ingest.extract._prefilter import Prefiltered
from tracker.taxonomy import KINDS, PATHWAYS

_I = r"(?i)"  # most rules ignore case; "IT", "CNA", "CDL", "STEM" must be capitals

# Kind rules by name, each (pattern, kind). Order decides, not position in the title:
# "Summer Internship" is an internship and "Volunteer Training" is training for volunteers.
_KIND_RULE_LIST: tuple[tuple[str, str, str], ...] = (
    # Federal Pathways "Recent Graduates" posts and other graduate hires are jobs, even
    # where their text talks about internships and training.
    ("recent-graduates", _I + r"\brecent[- ](?:college\s+)?grad(?:uate)?s?\b", "job"),
    ("job-shadowing", _I + r"\bjob[- ]shadow(?:ing|s)?\b|\bshadow(?:ing)?\s+days?\b|\bjob\s+shadowing\b",
     "job-shadowing"),
    # Work-study in the French sense (alternance): a paid contract split between employer and school.
    ("apprenticeship", _I + r"\bapprentice(?:s|ship|ships)?\b|\bpre-apprenticeship\b|\balternance\b"
     r"|\bwork[- ]study\s+contract\b", "apprenticeship"),
    # Federal "Student Trainee" and "Student Cooperative" posts are internships; so are
    # co-ops and fellowships.
    ("internship", _I + r"\bintern(?:s|ship|ships)?\b|\bco-?op\b|\bstudent\s+(?:trainee|co-?operative)s?\b"
     r"|\bfellowships?\b", "internship"),
    ("volunteer", _I + r"\bvolunteer(?:s|ing)?\b", "volunteer"),
    ("workshop", _I + r"\bworkshops?\b|\bseminars?\b|\binfo(?:rmation)?\s+sessions?\b|\bjob\s+fair\b", "workshop"),
    # "Paid training" and "with training" describe a job, not a course.
    ("training", _I + r"\bboot\s?camps?\b|\bcertificates?\b|\bcertifications?\b|(?<!paid )(?<!with )\btraining\b"
     r"|\bcourses?\b", "training"),
    ("summer-program", _I + r"\bsummer\s+(?:camps?|programs?|academy|institute|youth\s+employment)\b", "summer-program"),
    ("job", _I + r"\bfull[- ]time\b|\bpart[- ]time\b|\bnow\s+hiring\b|\bseasonal\b|\bcontract(?:or)?\b", "job"),
    # In a description a word of a kind is often about something else: "credit for volunteer
    # work", "paid on-the-job training", "a degree or certificate". There only these count.
    ("volunteer-post", _I + r"\bvolunteer\s+(?:position|opportunit(?:y|ies)|role|roles|basis|only|shift|program)\b"
     r"|\bthis\s+is\s+an?\s+(?:unpaid\s+)?volunteer\b|\bvolunteers?\s+(?:needed|wanted)\b|\bunpaid\s+volunteer\b",
     "volunteer"),
    ("course", _I + r"\btraining\s+(?:program|course)s?\b|\bboot\s?camps?\b|\bcertificat(?:e|ion)\s+(?:program|course)s?\b"
     r"(?!\s+(?:is\s+|are\s+)?(?:provided|included|paid))|\b(?:this|the|our|a|an)\s+(?:[\w-]+\s+){0,3}(?:course|class)\s+(?:that|which|prepares|covers|teaches"
     r"|leads)\b|\btuition\b", "training"),
)
KIND_RULES: tuple[tuple[str, str], ...] = tuple((pattern, slug) for _, pattern, slug in _KIND_RULE_LIST)
_TITLE_ORDER = ("recent-graduates", "job-shadowing", "apprenticeship", "internship", "volunteer", "workshop",
                "training", "summer-program", "job")
# Descriptions of jobs often promise "on-the-job training": there a job signal outranks training.
_DESCRIPTION_ORDER = ("recent-graduates", "job-shadowing", "apprenticeship", "internship", "volunteer-post",
                      "workshop", "summer-program", "job", "course")
# Prefiltered: a rule runs only where its words occur (see _prefilter); same matches.
_KIND_PATTERNS = {name: (Prefiltered(re.compile(pattern)), slug) for name, pattern, slug in _KIND_RULE_LIST}
_KIND_ALIASES = {
    "full time": "job", "part time": "job", "regular": "job", "temporary": "job", "employment": "job",
    "intern": "internship", "volunteering": "volunteer", "apprentice": "apprenticeship",
    "job shadow": "job-shadowing", "training": "training", "certificate": "training",
    "contract": "job", "contractor": "job",
}

# (pattern, pathway slug, weight). Weight 2 for words that name the field outright,
# 1 for words that also turn up in passing ("computer skills", "city").
PATHWAY_RULES: tuple[tuple[str, str, int], ...] = (
    (_I + r"\bteach(?:er|ers|ing)\b(?!\s*(?:'s\s+)?(?:aides?|assistants?))|\btutor(?:s|ing)?\b|\binstructors?\b",
     "teaching", 2),
    (_I + r"\beducation\b|\bclassroom\b", "teaching", 1),
    # A camp counselor looks after campers; that is recreation, not counseling.
    (_I + r"(?<!camp )\bcounsel(?:or|ors|ing|lor)\b|\bsocial\s+work(?:ers?)?\b|\bmental\s+health\b", "counseling", 2),
    (_I + r"\bcamp\s+counsel(?:or|ors|lor)s?\b", "hospitality", 2),
    (_I + r"\bparaprofessionals?\b|\bpara-?educators?\b|\bteach(?:er|ing)(?:'s)?\s+(?:aides?|assistants?)\b"
     r"|\binstructional\s+assistants?\b|\bclassroom\s+aides?\b", "paraprofessional", 3),
    (_I + r"\bcustodi(?:an|ans|al)\b|\bjanitor(?:ial)?\b"
     r"|\bfacilities\s+(?:management|maintenance|technician|assistant)s?\b|\bgroundskeep(?:er|ers|ing)\b", "facilities", 2),
    # "our facility" and "equipment maintenance" turn up in any description.
    (_I + r"\bmaintenance\b|\bfacilit(?:y|ies)\b", "facilities", 1),
    (_I + r"\baccount(?:ing|ant|ants)\b|\bpayroll\b|\bbank\s+tellers?\b|\btellers?\b|\bfinanc(?:e|ial)\b"
     r"|\bbookkeep(?:ing|er)\b|\bbanking\b|\btrading\b|\btraders?\b|\baccounts\s+(?:payable|receivable)\b"
     r"|\baudit(?:or|ors|ing)?\b|\bbudget\s+analysts?\b|\beconomists?\b", "finance", 2),
    (_I + r"\boperations\b", "operations", 1),
    (_I + r"\boffice\s+(?:assistant|clerk|aide)s?\b|\badministrative\b|\bclerks?\b|\bclerical\b"
     r"|\bpurchasing\b|\breceptionist\b|\bdata\s+entry\b|\boffice\s+automation\b|\brecruit(?:er|ers|ing)\b"
     r"|\b(?:project|program)\s+manag\w+", "operations", 2),
    (r"(?<![\w-])IT(?![\w-])", "information-technology", 2),
    (_I + r"\baccount\s?(?:manag\w+|executives?)\b", "business-marketing", 2),
    (_I + r"\bhelp\s?desk\b|\bsoftware\b|\bcoding\b|\bprogramming\b|\bcyber\w*\b|\bweb\s+develop\w*\b"
     r"|\bcomputer\s+(?:science|networks?|repair|support)\b"
     r"|\bnetwork\s+(?:admin\w*|engineer\w*|security|technician|support)\b"
     r"|\binformation\s+technology\b|\bdata\s+(?:science|analy\w+)\b|\btech\s+support\b", "information-technology", 2),
    (_I + r"\bcomputers?\b", "information-technology", 1),
    (_I + r"\bsoftware\s+(?:engineer|develop)\w*|\bsite\s+reliability\b|\bdev\s?ops\b|\bsalesforce\b"
     r"|\bsolutions?\s+architects?\b|\bdevelopers?\b|\bsystems?\s+administrat\w+|\bdata\s+(?:products?|engineer\w*"
     r"|platforms?)\b|\btech\s+(?:graduates?|interns?|analysts?|consult\w*)\b", "information-technology", 2),
    (r"\b(?:SWE|SRE)s?\b", "information-technology", 2),
    (_I + r"\btechnology\b", "information-technology", 1),
    (_I + r"\bnurs(?:e|es|ing)\b|\bmedical\b|\bpharmac(?:y|ist|ists)\b|\bpatients\b|\bphlebotom(?:y|ist)\b"
     r"|\bparamedics?\b|\bdental\b|\bhospital\b|\bhealth\s?care\b|\bclinical\b|\bcommunity\s+health\b"
     r"|\bhealth\s+workers?\b", "healthcare", 2),
    (r"\b(?:CNA|EMT)s?\b", "healthcare", 2),
    (_I + r"\bpatient\b", "healthcare", 1),  # also the adjective: "be patient with children"
    (_I + r"\bhvac\b|\belectrician\w*\b|\belectrical\b|\bplumb(?:ing|er|ers)\b|\bcarpent(?:ry|er|ers)\b"
     r"|\bweld(?:ing|er|ers)\b|\bconstruction\b|\bmasonry\b", "skilled-trades", 2),
    (_I + r"\bmanufactur(?:ing|er|ers)\b|\bmachinists?\b|\bcnc\b|\bfabrication\b|\bassembly\s+line\b"
     r"|\bquality\s+(?:assurance|control)\b",
     "manufacturing", 2),
    (_I + r"\bassembly\b|\bproduction\b", "manufacturing", 1),
    (r"\bCDL\b", "transportation-logistics", 2),
    (_I + r"\bforklift\b|\bwarehouse\b|\blogistics\b|\btransit\b|\bsupply\s+chain\b"
     r"|\bdrivers?\b(?!['\u2019]s?\s+licen[cs]e)(?!\s+licen[cs]e)|\bshipping\b|\btransportation\b",
     "transportation-logistics", 2),
    (_I + r"\bhospitality\b|\bhotels?\b|\brestaurants?\b|\bculinary\b|\blifeguards?\b|\brecreation\b"
     r"|\bfood\s+service\b|\bkitchen\b|\bcooks?\b|\bbarista\b", "hospitality", 2),
    (_I + r"\bwriters?\b", "arts-media", 1),
    (_I + r"\bgraphic\s+design\b|\bdesign(?:er|ers)?\b|\bvideo\b|\bjournalism\b|\bmedia\b|\bphotograph\w*\b"
     r"|\bfilm\b|\bmusic\b|\btheat(?:er|re)\b|\bartists?\b", "arts-media", 2),
    (_I + r"\barts?\b", "arts-media", 1),
    (_I + r"\bretail\b|\bsales\b|\bmarketing\b|\bentrepreneur\w*\b|\bcashiers?\b", "business-marketing", 2),
    (_I + r"\bbusiness\b|\bcustomer\s+service\b", "business-marketing", 1),
    (_I + r"\bpolice\b|\bfire\s?fight\w*\b|\bfire\s+(?:department|rescue|station)\b|\bgovernment\b|\blegal\b"
     r"|\bparalegals?\b|\blaw\b|\bcourts?\b|\bpublic\s+safety\b|\bcity\s+of\b"
     r"|\bsecurity\s+(?:officers?|guards?)\b|\bpolicy\s+analysts?\b|\bpublic\s+policy\b|\bforeign\s+(?:affairs|service)\b"
     r"|\binternational\s+relations\b|\bintelligence\s+(?:specialists?|analysts?)\b|\bgovernance\b", "public-service", 2),
    (_I + r"\bcity\b|\bcounty\b|\bfire\b", "public-service", 1),
    (_I + r"\bchild\s?care\b|\bday\s?care\b|\bsocial\s+services\b|\bcommunity\s+outreach\b|\bcase\s+manag\w+\b"
     r"|\byouth\s+development\b|\byouth\s+programs?\b|\bchild\s+and\s+youth\b|\bvictim\s+advoca\w+|\bsexual\s+assault\b"
     r"|\bmentor(?:s|ing)?\b", "human-services", 2),
    # A software, site-reliability or data engineer works in IT, not in engineering as a science.
    (_I + r"(?<!software )(?<!reliability )(?<!data )(?<!platform )(?<!network )(?<!systems )(?<!solutions )"
     r"(?<!devops )(?<!computer )\bengineer(?:ing|s)?\b|\blab(?:orator(?:y|ies))?\b|\bresearch\b"
     r"|\bscien(?:ce|ces|tist|tists|tific)\b", "stem", 2),
    (r"\bSTEM\b", "stem", 2),
    (_I + r"\bagricultur\w*\b|\bgarden(?:s|ing)?\b|\bparks\b|\benvironment(?:al)?\b|\bconservation\b"
     r"|\burban\s+farm\w*\b|\bfarm(?:s|ing)?\b|\bsustainab\w+\b|\bforestry\b|\blandscap\w+\b|\bfood\s+safety\b"
     r"|\bclimate\b",
     "agriculture-environment", 2),
    (_I + r"\bpark\b", "agriculture-environment", 1),
)
_PATHWAY_PATTERNS = tuple((Prefiltered(re.compile(p)), slug, w) for p, slug, w in PATHWAY_RULES)
TITLE_WEIGHT, TEXT_WEIGHT = 3, 1
MIN_SCORE = 2  # one passing mention in a description is not enough
MAX_PATHWAYS = 3
_TEXT_HITS_CAP = 3  # a long description repeating "patient" should not drown the title


def _norm(value: str) -> str:
    """Return a category or label folded for comparison."""
    return re.sub(r"[\s_\-/&]+", " ", value.casefold()).strip()


def _pathway_names() -> dict[str, str]:
    """Return folded slug, label and cluster names mapped to pathway slugs."""
    uses = Counter(c for p in PATHWAYS for c in p.clusters)
    # A cluster name ("Health Science") identifies a pathway only when one pathway uses it.
    clusters = {_norm(c): p.slug for p in PATHWAYS for c in p.clusters if uses[c] == 1}
    return clusters | {_norm(p.label): p.slug for p in PATHWAYS} | {_norm(p.slug): p.slug for p in PATHWAYS}


def _lookup(names: dict[str, str], category: str) -> str | None:
    """Return the slug a category names, allowing a plural ("Internships")."""
    key = _norm(category)
    return names.get(key) or (names.get(key[:-1]) if key.endswith("s") else None)


_KIND_NAMES = {_norm(t.slug): t.slug for t in KINDS} | {_norm(t.label): t.slug for t in KINDS} | _KIND_ALIASES
_PATHWAY_NAMES = _pathway_names()
_PATHWAY_ORDER = {p.slug: i for i, p in enumerate(PATHWAYS)}


def _first_kind(text: str, order: tuple[str, ...] = _TITLE_ORDER) -> str | None:
    """Return the kind of the first rule in order that matches text."""
    for name in order:
        pattern, slug = _KIND_PATTERNS[name]
        if pattern.search(text):
            return slug
    return None


def guess_kind(title: str, text: str, categories: tuple[str, ...] = ()) -> str | None:
    """Return the kind slug the categories, title or description point to, else None."""
    # Categories count only as whole names: "Education & Training" is a career cluster,
    # not a sign the listing is a training course.
    from_title = _first_kind(title) if isinstance(title, str) else None
    for category in (c for c in (categories or ()) if isinstance(c, str)):
        if found := _lookup(_KIND_NAMES, category):
            # A schedule ("Full-time") says the post is work; a title that names a kind
            # ("Summer Intern") says which.
            return from_title if found == "job" and from_title not in (None, "job") else found
    if from_title:
        return from_title
    return _first_kind(text, _DESCRIPTION_ORDER) if isinstance(text, str) else None


def _score(scores: Counter[str], text: str, multiplier: int, cap: int) -> None:
    """Add every pathway rule's weight for its hits in text (at most cap hits) to scores."""
    for pattern, slug, weight in _PATHWAY_PATTERNS:
        # Counting stops at cap: further matches cannot change the score.
        hits = sum(1 for _ in islice(pattern.finditer(text), cap))
        if hits:
            scores[slug] += weight * multiplier * hits


def guess_pathways(title: str, text: str, categories: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Return up to three pathway slugs, categories first, then by keyword score."""
    cats = [c for c in (categories or ()) if isinstance(c, str)]
    chosen: list[str] = []
    for category in cats:
        slug = _lookup(_PATHWAY_NAMES, category)
        if slug and slug not in chosen:
            chosen.append(slug)
    scores: Counter[str] = Counter()
    for field in [*cats, title if isinstance(title, str) else ""]:
        _score(scores, field, TITLE_WEIGHT, 1)
    _score(scores, text if isinstance(text, str) else "", TEXT_WEIGHT, _TEXT_HITS_CAP)
    ranked = sorted((slug for slug, score in scores.items() if score >= MIN_SCORE),
                    key=lambda slug: (-scores[slug], _PATHWAY_ORDER[slug]))
    chosen += [slug for slug in ranked if slug not in chosen]
    return tuple(chosen[:MAX_PATHWAYS])
