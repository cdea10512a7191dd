"""Career pathways: what the work is, and a ladder of rungs with today's listings on each."""
from __future__ import annotations

import csv
import statistics
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tracker import search, taxonomy
from tracker.clock import site_today
from tracker.listings import ResultPage, facet_counts, find_listings
from tracker.query import ListingQuery
from tracker.taxonomy import N_

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content" / "pathways.toml"
OCCUPATIONS = HERE / "data" / "onet_career_clusters.csv"
# Fewer stated rates than this say too little to call "typical".
MIN_PAY_SAMPLES = 3


@dataclass(frozen=True)
class Rung:
    slug: str
    title: str
    what: str
    kinds: tuple[str, ...]


# From first look to first job; each rung is made of kinds of opportunity.
# Titles and texts are marked for translation (N_) and translated where shown (``|tr``).
LADDER: tuple[Rung, ...] = (
    Rung("explore", N_("Explore"), N_("Try the work for a day or a summer: camps, workshops and volunteering."),
         ("summer-program", "workshop", "volunteer")),
    Rung("shadow", N_("Job shadowing"), N_("Spend a day beside someone who does the job."), ("job-shadowing",)),
    Rung("intern", N_("Internship"), N_("Do real work for a few weeks or months, often paid."), ("internship",)),
    Rung("train", N_("Training or apprenticeship"), N_("Earn a certificate, or get paid while you learn a trade."),
         ("training", "apprenticeship")),
    Rung("job", N_("Entry-level job"), N_("A paid job that starts the career."), ("job",)),
)
SKILL_BUILDING = ("workshop", "training")


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    cluster: str


@dataclass(frozen=True)
class PathwayContent:
    work: str
    skills: tuple[str, ...]
    credentials: tuple[str, ...]
    occupations: tuple[Occupation, ...]


@dataclass
class RungView:
    rung: Rung
    results: ResultPage
    query: ListingQuery


@dataclass
class TypicalPay:
    median_cents: int
    low_cents: int
    high_cents: int
    samples: int


@dataclass
class PathwayPage:
    pathway: taxonomy.Pathway
    content: PathwayContent
    age: int | None
    rungs: list[RungView] = field(default_factory=list)
    skill_building: RungView | None = None
    typical_pay: TypicalPay | None = None


@lru_cache(maxsize=1)
def _occupation_titles() -> dict[str, Occupation]:
    with OCCUPATIONS.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        # A few rows list two clusters joined with "; ": the first names the occupation's home.
        return {row["Code"]: Occupation(row["Code"], row["Occupation"], row["Career Cluster"].split("; ")[0])
                for row in rows}


# The languages the page text is written in; English keys have no suffix ("work", "work_es").
LANGUAGES = ("en", "es")


@lru_cache(maxsize=len(LANGUAGES))
def load_content(lang: str = "en") -> dict[str, PathwayContent]:
    """Read every pathway's page text in ``lang``; each slug must be a known pathway, each text translated."""
    data = tomllib.loads(CONTENT.read_text(encoding="utf-8"))
    titles = _occupation_titles()
    unknown = set(data) - taxonomy.PATHWAY_SLUGS
    if unknown:
        raise ValueError(f"{CONTENT}: unknown pathways {sorted(unknown)}")
    for slug, entry in data.items():
        for key in ("work", "skills", "credentials"):
            for other in LANGUAGES[1:]:
                translated = entry.get(f"{key}_{other}")
                if not translated or (isinstance(translated, list) and len(translated) != len(entry[key])):
                    raise ValueError(f"{CONTENT}: [{slug}] needs {key}_{other}, one for each of {key}")
    suffix = "" if lang not in LANGUAGES[1:] else f"_{lang}"
    return {
        slug: PathwayContent(work=entry["work" + suffix], skills=tuple(entry["skills" + suffix]),
                             credentials=tuple(entry["credentials" + suffix]),
                             occupations=tuple(titles[code] for code in entry["occupations"] if code in titles))
        for slug, entry in data.items()
    }


def pathway_index(age: int | None) -> list[tuple[taxonomy.Pathway, int]]:
    """Return every pathway with its open opportunities (open to ``age`` when given), most first."""
    counts = facet_counts(ListingQuery(age=age), "pathways")
    ranked = [(p, counts.get(p.slug, 0)) for p in taxonomy.PATHWAYS]
    return sorted(ranked, key=lambda item: -item[1])  # stable: ties keep the district's order


def pathway_page(slug: str, age: int | None, per_rung: int = 3, lang: str = "en") -> PathwayPage | None:
    """Return the page for one pathway in ``lang``, or None when there is no such pathway."""
    pathway = taxonomy.pathway(slug)
    content = load_content(lang).get(slug)
    if pathway is None or content is None:
        return None
    page = PathwayPage(pathway=pathway, content=content, age=age)
    for rung in LADDER:
        query = ListingQuery(pathways=(slug,), kinds=rung.kinds, age=age, sort="deadline")
        page.rungs.append(RungView(rung, find_listings(query, page_length=per_rung, facets=False), query))
    skills = ListingQuery(pathways=(slug,), kinds=SKILL_BUILDING, age=age, sort="deadline")
    page.skill_building = RungView(Rung("skills", N_("Build your skills"), "", SKILL_BUILDING),
                                   find_listings(skills, page_length=per_rung, facets=False), skills)
    page.typical_pay = typical_pay(slug)
    return page


def typical_pay(slug: str) -> TypicalPay | None:
    """Return the middle and range of stated hourly pay in a pathway's paid work, when enough is known."""
    query = ListingQuery(pathways=(slug,), kinds=("job", "internship", "apprenticeship"))
    rates = sorted(search.hourly_rates(query, site_today()))
    if len(rates) < MIN_PAY_SAMPLES:
        return None
    return TypicalPay(median_cents=round(statistics.median(rates)), low_cents=rates[0], high_cents=rates[-1],
                      samples=len(rates))
