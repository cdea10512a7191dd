"""Every search filter, declared once.

A declaration names the filter's ListingQuery field and URL parameter, the values it
takes and the message when a value is refused, its words (in chips, "without …" links,
facet labels and the results heading), how the search form offers it, its facet counts,
and the engine mask that applies it (tracker/search/masks.py). ListingQuery.from_args,
to_args and describe, the chips, the JSON serializer, the OpenAPI document, the search
form and the engine all read FILTERS; so does tracker/reading.py, which reads the words
people type for a filter (its `said` table) into the filter. To add a filter: add a field to ListingQuery,
a Filter here, its mask in tracker/search/masks.py, and its tests.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tracker import taxonomy
from tracker.i18n import gettext, money, or_list
from tracker.taxonomy import N_, Term

if TYPE_CHECKING:
    from tracker.query import ListingQuery

MIN_AGE_ASKED, MAX_AGE_ASKED = 12, 99
GRADES = tuple(range(6, 13))
SEASONS: tuple[Term, ...] = (Term("summer", N_("Summer")), Term("school-year", N_("During the school year")))
SEASON_SLUGS = frozenset(s.slug for s in SEASONS)
DEFAULT_MILES = 10
# Getting there without a car (issue #18). "bus" comes from the operator's transit feed
# (GTFS_URL; ingest/transit.py): with no feed no listing has it, so the form offers only
# transport provided.
ACCESS: tuple[Term, ...] = (Term("bus", N_("Reachable by bus")), Term("transport", N_("Transport provided")))
# How results can be ordered, with the words of each sort link.
SORTS: tuple[Term, ...] = (Term("relevance", N_("Best match")), Term("deadline", N_("Deadline soonest")),
                           Term("newest", N_("Newest")), Term("nearest", N_("Nearest")))
NEAREST = "nearest"

# What people type for each filter, in English and Spanish (issue #18: "paid summer
# internship" found nothing while the Paid, Summer and Internship filters found five).
# tracker/reading.py reads these words in a search's text into the filter, keeps the
# other words as text, and the page says what it read with a link to search the word
# instead. Matching ignores case and accents ("pasantia" is "pasantía") and takes a hyphen
# for a space; a longer phrase wins ("summer program" is a kind, not summer + program).
# "#" is a number the filter must take: "16 year old" is age 16, "near 35203" a ZIP code
# the site can place. Words in quotes are never read. Deliberately absent: "job" (people
# say "summer job" for any summer work; it is dropped with the glue words below instead)
# and "senior"/"junior" alone ("senior center", "junior developer").
Said = dict[Any, tuple[str, ...]]
KIND_SAID: Said = {
    "internship": ("internship", "internships", "intern", "interns", "pasantía", "pasantías", "práctica",
                   "prácticas", "prácticas profesionales"),
    "apprenticeship": ("apprenticeship", "apprenticeships", "apprentice", "apprentices", "aprendiz", "aprendices",
                       "programa de aprendizaje"),
    "job-shadowing": ("job shadowing", "job shadow", "shadowing", "shadow day", "observación laboral",
                      "observación de empleo"),
    "training": ("training", "trainings", "certificate", "certificates", "certification", "certificado",
                 "certificados", "certificación", "capacitación", "course", "courses", "curso", "cursos"),
    "workshop": ("workshop", "workshops", "skill building", "taller", "talleres"),
    "summer-program": ("summer program", "summer programs", "summer camp", "summer camps", "programa de verano",
                       "programas de verano", "campamento de verano"),
    "volunteer": ("volunteer", "volunteers", "volunteering", "voluntariado", "voluntario", "voluntaria",
                  "voluntarios", "voluntarias"),
}
PAY_SAID: Said = {
    "paid": ("paid", "paying", "stipend", "stipends", "with pay", "pagado", "pagada", "pagados", "pagadas",
             "remunerado", "remunerada", "remunerados", "remuneradas", "con sueldo", "con paga", "estipendio"),
    "unpaid": ("unpaid", "not paid", "no pay", "sin paga", "sin sueldo", "sin pago", "no pagado", "no pagada",
               "no remunerado", "no remunerada"),
}
MODE_SAID: Said = {
    "remote": ("remote", "remotely", "online", "virtual", "from home", "work from home", "wfh", "remoto", "remota",
               "remotos", "remotas", "a distancia", "en línea", "desde casa"),
    "hybrid": ("hybrid", "híbrido", "híbrida", "híbridos", "híbridas"),
    "onsite": ("on site", "onsite", "in person", "presencial", "presenciales"),
}
SEASON_SAID: Said = {
    "summer": ("summer", "summertime", "verano"),
    "school-year": ("school year", "during the school year", "during school", "after school", "año escolar",
                    "durante el año escolar", "después de clases", "después de la escuela"),
}
ACCESS_SAID: Said = {"transport": ("transport provided", "transportation provided", "rides provided",
                                   "transporte incluido", "con transporte")}
AGE_SAID: Said = {"#": ("# year old", "# years old", "# year olds", "# yr old", "# yo", "#yo", "age #", "aged #",
                        "i am #", "im #", "# años", "tengo # años", "de # años", "edad #")}
GRADE_SAID: Said = {
    9: ("freshman", "freshmen", "noveno grado"), 10: ("sophomore", "sophomores", "décimo grado"),
    11: ("juniors", "high school junior", "high school juniors", "undécimo grado", "onceavo grado"),
    12: ("seniors", "high school senior", "high school seniors", "duodécimo grado", "doceavo grado"),
    "#": ("grade #", "#th grade", "#th grader", "#th graders", "# grade", "grado #", "# grado", "#o grado",
          "#vo grado", "#mo grado"),
}
# Pathways are only suggested, never read: "nursing" searched as a word finds nursing
# listings in every pathway (and its synonyms), which the Healthcare filter would narrow.
# A search that finds nothing offers the pathway its words name (tracker/listings.py).
PATHWAY_SAID: Said = {
    "teaching": ("teaching", "teacher", "teachers", "tutor", "tutoring", "maestro", "maestra", "docente", "enseñanza"),
    "counseling": ("counseling", "counselor", "social work", "consejero", "consejera", "trabajo social"),
    "paraprofessional": ("paraprofessional", "teacher aide", "classroom aide", "paraprofesional"),
    "facilities": ("facilities", "maintenance", "custodian", "janitor", "mantenimiento", "conserje"),
    "finance": ("finance", "accounting", "banking", "bank", "payroll", "finanzas", "contabilidad", "banco"),
    "operations": ("operations", "office", "administration", "clerical", "oficina", "administración"),
    "information-technology": ("information technology", "computer", "computers", "coding", "software", "tech",
                               "help desk", "informática", "tecnología", "computación", "programación"),
    "healthcare": ("healthcare", "health care", "health", "medical", "nursing", "nurse", "hospital", "pharmacy",
                   "salud", "médico", "enfermería", "enfermera", "farmacia"),
    "skilled-trades": ("construction", "trades", "electrician", "plumbing", "carpentry", "welding", "hvac",
                       "construcción", "electricista", "plomería", "carpintería", "soldadura"),
    "manufacturing": ("manufacturing", "factory", "machining", "machinist", "manufactura", "fábrica"),
    "transportation-logistics": ("transportation", "logistics", "warehouse", "driving", "driver", "logística",
                                 "almacén", "chofer"),
    "hospitality": ("hospitality", "restaurant", "hotel", "food service", "tourism", "hostelería", "restaurante",
                    "turismo"),
    "arts-media": ("art", "arts", "media", "design", "video", "music", "journalism", "arte", "diseño", "música",
                   "periodismo"),
    "business-marketing": ("business", "marketing", "sales", "retail", "negocios", "ventas", "mercadeo"),
    "public-service": ("government", "public safety", "police", "fire", "law", "gobierno", "policía", "bomberos"),
    "human-services": ("human services", "child care", "childcare", "community", "servicios sociales", "guardería",
                       "comunidad"),
    "stem": ("science", "engineering", "engineer", "research", "lab", "ciencia", "ciencias", "ingeniería",
             "laboratorio"),
    "agriculture-environment": ("agriculture", "environment", "farm", "parks", "garden", "agricultura",
                                "medio ambiente", "granja", "jardín"),
}
NEAR_SAID: Said = {"#": ("near #", "close to #", "around #", "in #", "zip #", "cerca de #", "en #", "#")}
# Read and set aside, with no filter: the site cannot know where "me" is (a ZIP code can).
IGNORED_SAID = ("near me", "close to me", "around me", "nearby", "cerca de mí", "cerca de mi")
# Left alone unless some words were read; then dropped, so "paid jobs for juniors" is the
# Paid filter and grade 11 rather than those filters and a search for "jobs for".
GLUE_WORDS = frozenset("""a an and or for the in of with to that are is am i im me my some any looking find want need
    job jobs work opportunity opportunities position positions program programs
    un una unos unas y o para de del el la los las en con que busco quiero trabajo trabajos empleo empleos
    oportunidad oportunidades programa programas""".split())


@dataclass(frozen=True)
class Filter:
    """One search filter: see the module's docstring."""

    field: str  # the ListingQuery field
    param: str  # its URL parameter: short, because people share and print these links
    legend: str  # N_(): the form's heading for it
    description: str  # for the API document
    words: Callable[[ListingQuery], str]  # the filter in force: chips, "without …", facet labels
    refused: Callable[[str], str]  # the message when a URL value is ignored (given the value)
    terms: tuple[Term, ...] = ()  # a choice filter's vocabulary (several may be chosen)
    options: tuple[int, ...] = ()  # the numbers the form offers, counted as facets
    low: int | None = None  # a number filter taking any whole number in [low, high] ...
    high: int | None = None  # ... rather than only its options
    option_words: Callable[[int], str] | None = None  # one option on the form
    phrase: Callable[[ListingQuery], str] | None = None  # in the results heading (None: words)
    any_words: str = ""  # N_(): the form's "any" choice
    hint: str = ""  # N_(): a note under it on the form
    # How the form's filters offer it: checkboxes, radios, select, "distance" (radios of
    # `miles` once a ZIP code is given); "top": only in the form's first row.
    widget: str = "radios"
    repeatable: bool = False  # a number filter that takes several of its options (any of them matches)
    # What people type for each value (see KIND_SAID above); tracker/reading.py reads it.
    said: Said = dataclass_field(default_factory=dict, compare=False)
    reads_said: bool = True  # False: its words are only suggested when a search finds nothing
    facet: str | None = None  # key of its counts in results.facets (None: not counted)
    mask: str = ""  # the engine mask that applies it (tracker/search/masks.py MASKS)

    @property
    def is_choice(self) -> bool:
        return bool(self.terms)

    @property
    def slugs(self) -> frozenset[str]:
        return frozenset(term.slug for term in self.terms)

    def accepts(self, value: int) -> bool:
        """Say whether a number filter takes ``value``."""
        if self.low is not None and self.high is not None:
            return self.low <= value <= self.high
        return value in self.options

    def choices(self) -> list[tuple[Any, str]]:
        """Return (value, words) of each choice the form offers, in the reader's language."""
        if self.terms:
            return [(term.slug, gettext(term.label)) for term in self.terms]
        return [(option, self.option_words(option) if self.option_words else str(option)) for option in self.options]


def _choice(field: str, param: str, terms: tuple[Term, ...], legend: str, name: str, description: str,
            phrase: Callable[[ListingQuery], str] | None = None, said: Said | None = None,
            reads_said: bool = True) -> Filter:
    return Filter(field=field, param=param, legend=legend, description=description, terms=terms, said=said or {},
                  reads_said=reads_said,
                  words=lambda q: gettext(name), widget="checkboxes", facet=field, mask=field, phrase=phrase,
                  refused=lambda values: gettext("Ignored %(param)s=%(values)s: not a known choice.", param=param,
                                                 values=values))


FILTERS: tuple[Filter, ...] = (
    _choice("kinds", "kind", taxonomy.KINDS, N_("Kind of opportunity"), N_("the kind filter"),
            "Kind of opportunity; repeat for several (any of them matches).", said=KIND_SAID),
    _choice("pathways", "pathway", taxonomy.PATHWAYS, N_("Career pathway"), N_("the pathway filter"),
            "Career pathway; repeat for several (any of them matches).",
            phrase=lambda q: gettext("in %(pathways)s", pathways=or_list(
                [gettext(taxonomy.label(taxonomy.PATHWAYS, p)) for p in q.pathways])), said=PATHWAY_SAID,
            reads_said=False),
    Filter(field="age", param="age", legend=N_("I am (age)"), description="Only listings open to someone this old.",
           low=MIN_AGE_ASKED, high=MAX_AGE_ASKED, widget="top", mask="eligibility", said=AGE_SAID,
           words=lambda q: gettext("age %(age)s", age=q.age),
           refused=lambda value: gettext("Ignored age “%(age)s”: enter an age from %(low)s to %(high)s.",
                                         age=value[:20], low=MIN_AGE_ASKED, high=MAX_AGE_ASKED)),
    # Several grades at once: a counselor's class of juniors and seniors is grade=11&grade=12.
    Filter(field="grades", param="grade", legend=N_("School grade"), widget="checkboxes", mask="eligibility",
           description="Only listings open to a student in this school grade; repeat for several (any of them "
                       "matches). A listing that states ages only is open to a grade when it takes an age a "
                       "student in that grade usually has (grade + 5 or grade + 6: Alabama's kindergarten entry "
                       "at 5 by September 1).", options=GRADES, repeatable=True, said=GRADE_SAID, facet="grades",
           any_words=N_("Any grade"), option_words=lambda g: gettext("Grade %(grade)s", grade=g),
           words=lambda q: gettext("grade %(grade)s", grade=q.grades[0]) if len(q.grades) == 1 else
           gettext("grades %(grades)s", grades=or_list([str(g) for g in q.grades])),
           refused=lambda value: gettext("Ignored the grade: choose a grade from 6 to 12.")),
    _choice("pay", "pay", taxonomy.PAY_STATUSES, N_("Pay"), N_("the pay filter"),
            "Paid, unpaid or not stated; repeat for several.", said=PAY_SAID),
    Filter(field="min_hourly", param="minpay", legend=N_("Pays at least"), low=1, high=100, options=(10, 12, 15, 18, 20),
           description="Only listings paying at least this many whole dollars an hour (or not saying).",
           any_words=N_("Any pay"), hint=N_("Listings that don't state an hourly rate stay in."),
           option_words=lambda p: gettext("%(amount)s an hour or more", amount=money(Decimal(p))),
           words=lambda q: gettext("at least %(amount)s an hour", amount=money(Decimal(q.min_hourly or 0))),
           phrase=lambda q: gettext("paying at least %(amount)s an hour (or not saying)", amount=money(q.min_hourly)),
           refused=lambda value: gettext("Ignored the pay filter: enter whole dollars an hour, from 1 to 100."),
           facet="min_hourly", mask="min_hourly"),
    _choice("work_modes", "mode", taxonomy.WORK_MODES, N_("Where you work"), N_("the place of work filter"),
            "On-site, remote or hybrid; repeat for several.", said=MODE_SAID),
    _choice("seasons", "season", SEASONS, N_("When"), N_("the season filter"),
            "Summer or during the school year; repeat for several.", said=SEASON_SAID),
    _choice("access", "access", ACCESS, N_("Getting there"), N_("the getting-there filter"),
            "Reachable by bus (a stop with service within a walk of the listing's exact place, from the "
            "transit feed) or transport provided; repeat for both (either matches).",
            phrase=lambda q: or_list([gettext("reachable by bus") if a == "bus" else gettext("with transport provided")
                                      for a in q.access]), said=ACCESS_SAID),
    Filter(field="max_hours", param="hours", legend=N_("Hours a week"), options=(10, 20, 30),
           description="Only listings asking at most this many hours a week (or not saying).",
           any_words=N_("Any hours"), hint=N_("Listings that don't state hours stay in."),
           option_words=lambda h: gettext("Up to %(hours)s hours", hours=h),
           words=lambda q: gettext("up to %(hours)s hours a week", hours=q.max_hours),
           refused=lambda value: gettext("Ignored the hours filter: choose up to 10, 20 or 30 hours a week."),
           facet="max_hours", mask="max_hours"),
    Filter(field="near", param="near", legend=N_("Near ZIP code"), options=(5, 10, 25, 50), widget="distance",
           said=NEAR_SAID,
           description="A 5-digit ZIP code in the area served: only listings within `miles` of it, or remote.",
           hint=N_("Remote opportunities are included."),
           option_words=lambda m: gettext("Within %(miles)s miles", miles=m),
           words=lambda q: gettext("within %(miles)s miles of %(zip)s", miles=q.miles, zip=q.near),
           phrase=lambda q: gettext("within %(miles)s miles of %(zip)s or remote", miles=q.miles, zip=q.near),
           refused=lambda value: gettext("Ignored ZIP code “%(zip)s”: we don't know where it is. "
                                         "Enter a 5-digit Alabama ZIP code.", zip=value),
           facet="miles", mask="near"),
    Filter(field="deadline_within", param="deadline", legend=N_("Application deadline"), options=(7, 30),
           description="Only listings whose application deadline is within this many days.", any_words=N_("Any time"),
           option_words=lambda d: gettext("This week") if d == 7 else gettext("Within 30 days"),
           words=lambda q: gettext("closing this week") if q.deadline_within == 7 else gettext("closing within 30 days"),
           refused=lambda value: gettext("Ignored the deadline filter: choose this week or this month."),
           facet="deadline_within", mask="deadline_within"),
    Filter(field="posted_within", param="posted", legend=N_("Posted"), options=(7, 30),
           description="Only listings posted within this many days.", any_words=N_("Any time"),
           option_words=lambda d: gettext("In the last 7 days") if d == 7 else gettext("In the last 30 days"),
           words=lambda q: gettext("posted in the last %(days)s days", days=q.posted_within),
           refused=lambda value: gettext("Ignored the posted filter: choose the last 7 or 30 days."),
           facet="posted_within", mask="posted_within"),
)
BY_FIELD: dict[str, Filter] = {f.field: f for f in FILTERS}
BY_PARAM: dict[str, Filter] = {f.param: f for f in FILTERS}
CHOICE_FILTERS: tuple[Filter, ...] = tuple(f for f in FILTERS if f.is_choice)
NUMBER_FILTERS: tuple[Filter, ...] = tuple(f for f in FILTERS if not f.is_choice and f.field != "near")
BY_FACET: dict[str, Filter] = {f.facet: f for f in FILTERS if f.facet is not None}
# The filters the form's filter panel offers (age and the ZIP code sit in its first row).
PANEL_FILTERS: tuple[Filter, ...] = tuple(f for f in FILTERS if f.widget != "top")
