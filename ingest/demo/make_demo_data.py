#!/usr/bin/env python3
"""Write the bundled demo listings for Birmingham Career Pathways.

Every organisation and listing here is a fictional sample. Dates are written around the
fixed ANCHOR day; the site moves them by (today - ANCHOR) at ingest so the demo never
looks stale. Standard library only, seeded, so re-running reproduces byte-identical files:

    .venv/bin/python ingest/demo/make_demo_data.py
"""
from __future__ import annotations

import csv
import html
import importlib.util
import io
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ANCHOR = date(2026, 11, 1)
SEED = 20261101
HERE = Path(__file__).resolve().parent
FINAL = "Sample listing for the demo; not a real opening."


def _load_taxonomy():
    """Load tracker/taxonomy.py by path, so the tracker package (and Flask) is not imported."""
    path = HERE.parents[1] / "tracker" / "taxonomy.py"
    spec = importlib.util.spec_from_file_location("_demo_taxonomy", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TAXONOMY = _load_taxonomy()
KIND_LABEL = {t.slug: t.label for t in TAXONOMY.KINDS}
PATHWAY_LABEL = {t.slug: t.label for t in TAXONOMY.PATHWAYS}

# ---------------------------------------------------------------------------- places
# key: (neighbourhood or None, city, ZIP, fictional-but-plausible streets)
PLACES = {
    "downtown": ("Downtown", "Birmingham", "35203", ["3rd Ave N", "1st Ave N", "Morris Ave", "20th St N"]),
    "southside": ("Southside", "Birmingham", "35205", ["University Blvd", "6th Ave S", "20th St S"]),
    "fivepoints": ("Five Points South", "Birmingham", "35205", ["11th Ave S", "Magnolia Ave S"]),
    "avondale": ("Avondale", "Birmingham", "35222", ["41st St S", "5th Ave S"]),
    "woodlawn": ("Woodlawn", "Birmingham", "35212", ["1st Ave N", "55th Pl N"]),
    "ensley": ("Ensley", "Birmingham", "35218", ["Avenue E", "19th St Ensley"]),
    "titusville": ("Titusville", "Birmingham", "35211", ["6th Ave SW", "Center Way SW"]),
    "norwood": ("Norwood", "Birmingham", "35234", ["Norwood Blvd", "12th Ave N"]),
    "eastlake": ("East Lake", "Birmingham", "35206", ["1st Ave S", "Division Ave"]),
    "westend": ("West End", "Birmingham", "35211", ["Tuscaloosa Ave SW", "Cotton Ave SW"]),
    "crestwood": ("Crestwood", "Birmingham", "35210", ["Crestwood Blvd", "Montclair Rd"]),
    "highlandpark": ("Highland Park", "Birmingham", "35205", ["Highland Ave S", "Cliff Rd S"]),
    "smithfield": ("Smithfield", "Birmingham", "35204", ["8th Ave W", "Center St N"]),
    "collegeville": ("Collegeville", "Birmingham", "35207", ["33rd Ave N", "Hooper City Rd"]),
    "kingston": ("Kingston", "Birmingham", "35212", ["Kingston Ave", "8th Ave N"]),
    "fountainheights": ("Fountain Heights", "Birmingham", "35204", ["16th Ave N", "11th Ct N"]),
    "homewood": (None, "Homewood", "35209", ["18th St S", "Oxmoor Rd"]),
    "hoover16": (None, "Hoover", "35216", ["Lorna Rd", "Columbiana Rd"]),
    "hoover26": (None, "Hoover", "35226", ["Municipal Dr", "Ross Bridge Pkwy"]),
    "hoover44": (None, "Hoover", "35244", ["Riverchase Pkwy", "Galleria Blvd"]),
    "bessemer20": (None, "Bessemer", "35020", ["2nd Ave N", "19th St N"]),
    "bessemer22": (None, "Bessemer", "35022", ["Academy Dr", "Eastern Valley Rd"]),
    "fairfield": (None, "Fairfield", "35064", ["Gary Ave", "Valley Rd"]),
    "centerpoint": (None, "Center Point", "35215", ["Center Point Pkwy", "Polly Reed Rd"]),
    "trussville": (None, "Trussville", "35173", ["Main St", "Chalkville Mountain Rd"]),
    "vestavia": (None, "Vestavia Hills", "35216", ["Montgomery Hwy", "Rocky Ridge Rd"]),
    "mtnbrook": (None, "Mountain Brook", "35213", ["Church St", "Overbrook Rd"]),
    "irondale": (None, "Irondale", "35210", ["1st Ave N", "20th St S"]),
    "tarrant": (None, "Tarrant", "35217", ["Pinson Valley Pkwy", "Ketona Rd"]),
    "midfield": (None, "Midfield", "35228", ["Bessemer Rd", "Woodward Rd"]),
    "gardendale": (None, "Gardendale", "35071", ["Main St", "Fieldstown Rd"]),
    "pelham": (None, "Pelham", "35124", ["Pelham Pkwy", "County Rd 52"]),
    "alabaster": (None, "Alabaster", "35007", ["1st St N", "Kent Dairy Rd"]),
    "leeds": (None, "Leeds", "35094", ["Parkway Dr", "9th St"]),
}
WEST_SIDE = {"ensley", "westend", "titusville", "fairfield", "midfield", "bessemer20", "bessemer22"}
MAX_ROUTES = [1, 3, 5, 6, 8, 17, 20, 22, 23, 25, 28, 39, 44, 45, 48]

# ----------------------------------------------------------------------- organisations
# All fictional. key: (name, places it works from)
ORGS = {
    # public-sector style (RSS)
    "sps": ("Southside Public Schools Partnership", ["southside", "fivepoints", "highlandpark", "downtown"]),
    "rusc": ("Ridgeline Unified Schools Consortium", ["ensley", "westend", "titusville", "fairfield", "midfield"]),
    "rccy": ("Red Clay County Youth Services Office", ["downtown", "smithfield", "centerpoint"]),
    "mcyw": ("Magic City Youth Works", ["downtown", "woodlawn", "collegeville"]),
    "vltw": ("Valley Line Transit Works", ["downtown", "westend"]),
    "rnln": ("Redbud Neighborhood Library Network", ["avondale", "eastlake", "norwood", "fountainheights"]),
    "sdpr": ("Steelworks District Parks & Recreation Board", ["eastlake", "crestwood", "kingston", "tarrant", "irondale"]),
    "rccf": ("Red Clay County Finance Office", ["downtown"]),
    "nstc": ("Northstar School Technology Cooperative", ["norwood", "collegeville", "gardendale", "centerpoint"]),
    "cpsa": ("Civic Pathways Public Service Academy", ["downtown", "bessemer22", "homewood"]),
    "grwb": ("Greenfield Regional Water Board", ["downtown", "leeds", "trussville"]),
    # training providers (Atom)
    "fstc": ("Foundry Skills Training Collaborative", ["downtown", "southside", "bessemer20", "hoover44"]),
    "kah": ("Keystone Apprenticeship Hub", ["smithfield", "tarrant", "fairfield", "pelham"]),
    "fpff": ("First Paycheck Financial Futures", ["downtown", "homewood"]),
    "bpcw": ("Bright Path Career Workshops", ["woodlawn", "ensley", "centerpoint", "alabaster"]),
    "htbc": ("Highland Tech Bootcamp Collective", ["highlandpark", "avondale", "hoover16"]),
    "tbsc": ("Tradeworks Building Skills Center", ["fairfield", "irondale", "bessemer22"]),
    "srsl": ("Summit Ridge Summer STEM Lab", ["southside", "vestavia", "mtnbrook", "trussville"]),
    "odrs": ("Open Door Resume Studio", ["fivepoints", "westend"]),
    "rltc": ("Railyard Logistics Training Center", ["tarrant", "bessemer22", "midfield"]),
    # employers (Greenhouse JSON)
    "rmch": ("Red Mountain Community Health", ["southside", "highlandpark", "ensley", "centerpoint"]),
    "vvfc": ("Valley View Family Clinics", ["westend", "titusville", "hoover26", "alabaster"]),
    "rbrp": ("Riverbend Rehabilitation Partners", ["homewood", "vestavia"]),
    "mcsl": ("Magnolia Crest Senior Living", ["crestwood", "gardendale", "pelham"]),
    "sapc": ("Sixth Avenue Pharmacy Cooperative", ["smithfield", "fivepoints", "irondale"]),
    "sdc": ("Southside Dental Collaborative", ["southside", "homewood"]),
    "rml": ("Ridgeview Medical Labs", ["southside", "hoover44"]),
    "fam": ("Forge & Anvil Manufacturing", ["bessemer20", "fairfield", "leeds"]),
    "ivl": ("Iron Valley Logistics", ["tarrant", "bessemer22", "pelham"]),
    "chg": ("Copperline Hotel Group", ["downtown", "hoover44", "fivepoints"]),
    "qhcu": ("Quarry Hill Community Credit Union", ["woodlawn", "homewood", "trussville"]),
    "bwit": ("Brightwire IT Services", ["avondale", "downtown"]),
    "eml": ("Ember Media Lab", ["avondale", "downtown"]),
    "nes": ("Northgate Engineering Studio", ["downtown", "hoover16"]),
    # community partners (CSV)
    "vtbc": ("Vulcan Trail Builders Co-op", ["highlandpark", "eastlake", "leeds"]),
    "wcga": ("Woodlawn Community Garden Alliance", ["woodlawn", "kingston"]),
    "enyc": ("Ensley Neighbors Youth Council", ["ensley"]),
    "tac": ("Titusville Arts Collective", ["titusville", "downtown"]),
    "elmc": ("East Lake Mentoring Circle", ["eastlake", "crestwood"]),
    "kfrc": ("Kingston Family Resource Center", ["kingston", "norwood"]),
    "amg": ("Avondale Makers Guild", ["avondale"]),
    "fhfp": ("Fountain Heights Food Pantry Network", ["fountainheights", "collegeville", "smithfield"]),
    "lsel": ("Little Sprouts Early Learning Center", ["westend", "fairfield", "midfield"]),
    "mcsv": ("Magic City Serves Volunteer Network", ["downtown", "fivepoints"]),
}

# ------------------------------------------------------------------ shared phrasing
LEARN = {
    "teaching": ["You'll learn how teachers plan a lesson, manage a room and keep every student engaged.", "You'll see what it takes to become a certified teacher and leave with a classroom reference."],
    "counseling": ["You'll learn how counselors help students with schedules, stress and college plans.", "You'll practice active listening and learn when and how to refer someone for more help."],
    "paraprofessional": ["You'll learn classroom routines, small-group reading support and how aides team up with teachers.", "Your hours count as classroom experience for paraprofessional and teaching jobs."],
    "facilities": ["You'll learn safe tool use, how work orders are tracked and what keeps a building running.", "You'll pick up basic maintenance skills that lead to HVAC, electrical and facilities careers."],
    "finance": ["You'll learn how a real budget is built and get comfortable with Microsoft Excel, invoices and reconciliations.", "You'll learn the basics of payroll, purchasing and keeping accurate financial records."],
    "operations": ["You'll learn office systems, scheduling and the customer service skills every workplace needs.", "You'll leave knowing how to run a front desk, manage records and use Microsoft Excel and shared calendars."],
    "information-technology": ["You'll learn to troubleshoot laptops, reset accounts and write clear IT help desk tickets.", "You'll pick up networking basics, some coding and how IT teams support hundreds of users."],
    "healthcare": ["You'll learn patient privacy rules, infection control and how a care team communicates.", "You'll see what nursing, pharmacy and therapy careers look like day to day."],
    "skilled-trades": ["You'll learn tool safety, reading simple drawings and the basics of electrical, plumbing and HVAC work.", "Every hour counts toward the hands-on experience that apprenticeships ask for."],
    "manufacturing": ["You'll learn lean production, quality checks and how to read a work order.", "You'll get safety training and see how machinists, welders and technicians build careers."],
    "transportation-logistics": ["You'll learn inventory systems, shipping and receiving, and forklift safety.", "You'll see how routes are planned and how a warehouse moves thousands of orders a week."],
    "hospitality": ["You'll learn customer service, food safety and how to stay calm when it gets busy.", "You'll build the teamwork and guest-service skills hotels, restaurants and venues look for."],
    "arts-media": ["You'll learn to plan a project, edit your work and present it in a portfolio.", "You'll finish with a portfolio piece and learn how creative teams give and take feedback."],
    "business-marketing": ["You'll learn how small businesses find customers, track sales and use social media.", "You'll practice customer service, a short sales pitch and the basics of marketing."],
    "public-service": ["You'll learn how local government serves residents and what public safety careers look like.", "You'll meet public servants and learn how city and county hiring works."],
    "human-services": ["You'll learn how community programs support families, from childcare to food access.", "You'll practice patience, communication and the childcare basics employers value."],
    "stem": ["You'll learn lab safety, careful data collection and how engineers solve real problems.", "You'll use real equipment and present your findings at the end."],
    "agriculture-environment": ["You'll learn about soil, plants, watersheds and green careers in Alabama.", "You'll work outdoors and learn how parks, trails and farms are cared for."],
}
BRING = [
    "Bring a photo ID and a copy of your resume if you have one. No resume yet? We'll help you write one.",
    "Wear closed-toe shoes and bring a water bottle.",
    "If you are under 18, bring a permission form signed by a parent or guardian.",
    "You'll need a photo ID and Social Security card for hiring paperwork.",
    "No experience needed. We're looking for curiosity and reliability.",
    "Bring a laptop if you have one; loaners are available.",
    "Interview skills practice is included before you start.",
    "Bilingual (English/Spanish) applicants are encouraged to apply.",
    "First-generation college students and young people who are out of school are welcome.",
]
DUTY_HEADINGS = {"work": ["What you'll do", "Your day-to-day", "On the job", "What we'll ask of you"],
                 "learn": ["What you'll do", "What's covered", "Highlights", "During the program"]}
TRAINING_TIMES = [((10, 12), "weekday evenings"), ((12, 15), "evenings and Saturdays"),
                  ((15, 20), "weekday mornings"), ((25, 30), "weekdays, 9 a.m.–3 p.m."),
                  ((30, 40), "weekdays, 8 a.m.–4 p.m.")]
AGE_PLAN = {
    "job": ["16+", "16+", "18+", "18+", "none", "none", "16-24"],
    "internship": ["gr-rising", "gr-hs", "16-24", "18+", "16+", "none", "none", "18-24"],
    "apprenticeship": ["18+", "18+", "16+", "18-24", "none"],
    "job-shadowing": ["gr-hs", "gr-rising", "16+", "none", "14-18"],
    "training": ["16+", "18+", "16-24", "none", "17+"],
    "workshop": ["16-24", "14-18", "none", "none", "16-21"],
    "summer-program": ["14-18", "14-18", "gr-rising", "16-19", "none"],
    "volunteer": ["14-18", "16+", "none", "none", "16+", "18+"],
}
PAY_PLAN = {
    "job": ["hour"] * 5 + [None],
    "internship": ["hour"] * 4 + ["stipend"] * 2 + ["unpaid", None],
    "apprenticeship": ["hour"] * 5 + [None],
    "job-shadowing": ["unpaid"] * 4 + [None],
    "volunteer": ["unpaid"] * 5 + [None],
    "training": ["unpaid"] * 2 + ["stipend"] * 2 + ["hour", None],
    "workshop": ["unpaid"] * 3 + ["stipend", None],
    "summer-program": ["stipend"] * 4 + ["hour"] * 3 + ["unpaid", None],
}
HOURLY = {"job": [11, 12, 12.5, 13, 13.5, 14, 15, 15.25, 16, 17.5, 18],
          "internship": [10.5, 11, 12, 12.5, 13, 14, 15],
          "apprenticeship": [15, 16.5, 17, 18, 19.25, 20, 22],
          "summer-program": [10.5, 11, 12, 12.5], "training": [12, 13.5, 15]}
STIPENDS = {"internship": [500, 750, 1000, 1200, 1500], "summer-program": [300, 500, 750, 1000],
            "training": [250, 300, 500], "workshop": [50, 75, 100]}
SHADOW_TIMES = ["One day, 8:30 a.m.–2:30 p.m.", "One weekday morning, 9 a.m.–noon",
                "Half day, 1–4 p.m.", "One day, 7:30 a.m.–1 p.m."]
VOLUNTEER_TIMES = [("Saturdays, 9 a.m.–noon", "weekends"),
                   ("Two weekday afternoons a week, 3:30–5:30 p.m.", "after school"),
                   ("Flexible weekend shifts", "weekends"), ("One evening a week, 5–8 p.m.", "school year"),
                   ("Once a month, Saturday mornings", "weekends")]
# (schedule text, weekday the sessions fall on, number of weekly sessions)
PART_TIME = [((10, 15), "after school"), ((12, 20), "after school"), ((15, 20), "school year"),
             ((10, 12), "weekends"), ((12, 16), "weekends"), ((15, 25), "after school and weekends"),
             ((20, 25), "school year")]
WORKSHOP_TIMES = [("One Saturday session, 10 a.m.–1 p.m.", 5, 1), ("One evening, 5:30–7:30 p.m.", 1, 1),
                  ("Two Tuesday evenings, 6–8 p.m.", 1, 2), ("Four Thursday evenings, 5:30–7 p.m.", 3, 4)]


# ---------------------------------------------------------------------- the records
@dataclass
class Listing:
    title: str
    kind: str
    paths: tuple
    org: str
    blurb: str
    duties: tuple
    opts: dict
    source: str = ""
    n: int = 0
    age: str = "none"
    pay: tuple | None = None
    mode: str = "on-site"
    place: str = ""
    address: str = ""
    hours: tuple | None = None
    schedule: str = ""
    season: str | None = None
    start: date | None = None
    end: date | None = None
    deadline: date | None = None
    posted: date | None = None
    transport: str | None = None
    url: str = ""
    extras: dict = field(default_factory=dict)


def L(title, kind, paths, org, blurb, duties, **opts):
    assert kind in KIND_LABEL and org in ORGS, (title, kind, org)
    paths = tuple(paths.split())
    assert all(p in PATHWAY_LABEL for p in paths), (title, paths)
    return Listing(title, kind, paths, org, blurb, tuple(duties.split("|")), opts)


def money(x):
    return f"${x:,.2f}" if x % 1 else f"${x:,.0f}"


def long_date(d):
    return f"{d:%B} {d.day}, {d.year}"


def dates_text(start, end):
    if end is None or end == start:
        return long_date(start)
    if start.year == end.year:
        return f"{start:%B} {start.day} – {end:%B} {end.day}, {end.year}"
    return f"{long_date(start)} – {long_date(end)}"


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def next_weekday(d, weekday):
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def age_bounds(spec):
    """Return (min_age, max_age, grades) for an age spec like '16+', '16-24', 'gr-hs'."""
    if spec == "none":
        return None, None, None
    if spec.startswith("gr-"):
        return None, None, (11, 12)
    if spec.endswith("+"):
        return int(spec[:-1]), None, None
    low, high = spec.split("-")
    return int(low), int(high), None


def age_line(spec):
    low, high, grades = age_bounds(spec)
    if spec == "gr-rising":
        return "Rising juniors and seniors (grades 11–12)."
    if spec == "gr-hs":
        return "High school juniors and seniors (grades 11–12)."
    if high:
        return f"Ages {low}–{high}."
    return f"Must be {low} or older." if low < 18 else f"{low} and older."


def pay_text(pay):
    if pay is None:
        return None
    if pay[0] == "unpaid":
        return "Unpaid"
    if pay[0] == "stipend":
        return f"{money(pay[1])} stipend"
    span = money(pay[1]) + (f"–{money(pay[2])}" if len(pay) > 2 and pay[2] else "")
    return f"{span}/hour" if pay[0] == "hour" else f"{span} a year"


def hours_text(hours):
    return str(hours[0]) if hours[0] == hours[1] else f"{hours[0]}–{hours[1]}"


def summer_dates(rng):
    start = next_weekday(date(2027, 6, 1), 0) + timedelta(weeks=rng.choice([0, 0, 1, 2]))
    end = start + timedelta(weeks=rng.choice([1, 2, 4, 6, 7]), days=-3)
    return start, min(end, date(2027, 7, 30))


# ---------------------------------------------------------------- attribute passes
def draw(decks, plan, kind, rng):
    """Deal from a shuffled deck per (plan, kind) so each kind gets its plan's exact mix."""
    deck = decks.setdefault((id(plan), kind), [])
    if not deck:
        deck.extend(plan[kind])
        rng.shuffle(deck)
    return deck.pop()


def base_attributes(item, rng, addresses, decks):
    """Pick age, pay, mode, place and transport: things that do not depend on the deadline."""
    o = item.opts
    item.pay = o.get("pay")
    if item.pay is None:
        choice = draw(decks, PAY_PLAN, item.kind, rng)
        if choice == "hour":
            low = rng.choice(HOURLY[item.kind])
            high = min(24, low + rng.choice([1, 1.5, 2, 3])) if rng.random() < 0.2 else None
            item.pay = ("hour", low, high)
        elif choice == "stipend":
            item.pay = ("stipend", rng.choice(STIPENDS[item.kind]))
        elif choice == "unpaid":
            item.pay = ("unpaid",)
    item.age = o.get("age") or draw(decks, AGE_PLAN, item.kind, rng)
    if item.pay and item.pay[0] == "year" and item.age not in ("18+", "none"):
        item.age = "18+"
    item.mode = {"r": "remote", "h": "hybrid"}.get(o.get("mode"), "on-site")
    item.place = o.get("place") or rng.choice(ORGS[item.org][1])
    key = (item.org, item.place)
    if key not in addresses:
        addresses[key] = f"{rng.randint(1, 39) * 100 + rng.choice([0, 4, 10, 15, 21, 33])} {rng.choice(PLACES[item.place][3])}"
    item.address = addresses[key]
    item.transport = o.get("transport")
    if item.transport is None and item.mode != "remote" and rng.random() < 0.24:
        birmingham = PLACES[item.place][1] in ("Birmingham", "Homewood", "Bessemer", "Fairfield", "Tarrant")
        options = ["Transportation provided."]
        if birmingham:
            options += [f"Near MAX bus route {rng.choice(MAX_ROUTES)}.", "Bus passes provided.",
                        f"Bus passes provided; near MAX bus route {rng.choice(MAX_ROUTES)}."]
        if item.place in WEST_SIDE:
            options.append("Transportation provided from Ensley Park.")
        item.transport = rng.choice(options)
    seasonal = item.kind in ("job", "internship") and ("Summer" in item.title or o.get("season") == "summer")
    summer = item.kind == "summer-program" or seasonal
    item.season = "summer" if summer else None


def assign_deadlines(files, rng):
    """Spread deadlines: one already past per file, ~15% rolling, some within 7 and 30 days."""
    everything = [item for items in files.values() for item in items]
    for items in files.values():
        eligible = [i for i in items if i.kind not in ("summer-program", "workshop", "job-shadowing")]
        past = rng.choice(eligible)
        past.deadline = ANCHOR - timedelta(days=rng.randint(3, 10))
        past.posted = past.deadline - timedelta(days=rng.randint(12, 30))
    rest = [i for i in everything if i.deadline is None]
    rng.shuffle(rest)
    rolling = round(len(everything) * 0.15)
    for number, item in enumerate(rest):
        if number < rolling:
            item.deadline = None
        elif number < rolling + 9:
            item.deadline = ANCHOR + timedelta(days=rng.randint(2, 7))
        elif number < rolling + 40:
            item.deadline = ANCHOR + timedelta(days=rng.randint(8, 30))
        else:
            item.deadline = ANCHOR + timedelta(days=rng.randint(31, 120))
        item.posted = ANCHOR - timedelta(days=rng.randint(1, 45))


def schedule_attributes(item, rng):
    """Hours, schedule text, season and start/end dates (which follow the deadline)."""
    after = (item.deadline if item.deadline and item.deadline > ANCHOR else ANCHOR + timedelta(days=rng.randint(10, 40)))
    kind, summer = item.kind, item.season == "summer"
    if summer:
        item.start, item.end = summer_dates(rng)
    if kind == "job" and item.pay and item.pay[0] == "year":
        item.hours, item.season = (40, 40), item.season or "year-round"
        item.schedule = "40 hours a week, Monday–Friday, year-round"
    elif kind in ("job", "internship", "summer-program") and summer:
        item.hours = rng.choice([(15, 20), (20, 25), (25, 30), (30, 35)] + ([(35, 40)] if kind == "job" else []))
        item.schedule = f"{hours_text(item.hours)} hours a week, summer"
    elif kind in ("job", "internship"):
        item.hours, item.season = rng.choice(PART_TIME)
        item.schedule = f"{hours_text(item.hours)} hours a week, {item.season}"
    elif kind == "apprenticeship":
        item.hours, item.season = rng.choice([(32, 40), (40, 40)]), "year-round"
        item.schedule = f"{hours_text(item.hours)} hours a week, year-round, plus one evening class a week"
        item.start = next_weekday(after + timedelta(days=rng.randint(7, 30)), 0)
    elif kind == "job-shadowing":
        words = (item.title + item.blurb).lower()
        item.schedule = SHADOW_TIMES[1] if "morning" in words else SHADOW_TIMES[0] if "day" in words else rng.choice(SHADOW_TIMES)
        if item.deadline:
            item.start = next_weekday(after + timedelta(days=rng.randint(4, 12)), rng.randint(0, 4))
        else:
            item.schedule = "By appointment, weekday mornings"
    elif kind == "volunteer":
        item.schedule, item.season = item.opts.get("sched") or rng.choice(VOLUNTEER_TIMES)
    elif kind == "training":
        item.hours, item.season = rng.choice(TRAINING_TIMES)
        item.schedule = f"{hours_text(item.hours)} hours a week, {item.season}"
        item.start = next_weekday(after + timedelta(days=rng.randint(5, 20)), 0)
        weeks = item.opts.get("weeks", rng.choice([3, 6, 8, 10, 12]))
        if weeks == 0:  # a two-day course
            item.hours, item.season, item.schedule = None, None, "Two days, 8 a.m.–4:30 p.m."
        item.end = item.start + (timedelta(days=1) if weeks == 0 else timedelta(weeks=weeks, days=-3))
    elif kind == "workshop":
        text, weekday, sessions = WORKSHOP_TIMES[item.opts["sched"]] if "sched" in item.opts else rng.choice(WORKSHOP_TIMES)
        item.schedule = text
        item.start = next_weekday(after + timedelta(days=rng.randint(2, 9)), weekday)
        item.end = item.start + timedelta(weeks=sessions - 1)
    if item.start and not summer and kind not in ("training", "workshop", "job-shadowing"):
        item.end = None


# ------------------------------------------------------------------------ rendering
def where_line(item):
    _, city, zip_code, _ = PLACES[item.place]
    if item.mode == "remote":
        return "Remote."
    if item.mode == "hybrid":
        days = "two" if item.n % 2 else "three"
        return f"Hybrid — {days} days a week at {item.address}, {city}, AL {zip_code}."
    return f"On-site at {item.address}, {city}, AL {zip_code}."


def location_name(item):
    neighbourhood, city, zip_code, _ = PLACES[item.place]
    return f"{neighbourhood}, {city}, AL {zip_code}" if neighbourhood else f"{city}, AL {zip_code}"


def canonical_lines(item):
    lines = []
    if item.age != "none":
        lines.append("Who can apply: " + age_line(item.age))
    if item.pay:
        lines.append(f"Pay: {pay_text(item.pay)}.")
    lines.append(f"Apply by: {long_date(item.deadline)}." if item.deadline
                 else "Applications accepted on a rolling basis.")
    lines.append("Where: " + where_line(item))
    lines.append(f"Schedule: {sentence(item.schedule)}")
    if item.start and item.kind != "apprenticeship":
        lines.append(f"Dates: {dates_text(item.start, item.end)}.")
    if item.transport:
        lines.append("Getting there: " + item.transport)
    return lines


def sentence(text):
    return text if text.endswith(".") else text + "."


def lower_first(text):
    return text[0].lower() + text[1:]


def description_html(item, rng, canonical=True):
    """HTML paragraphs; feeds carry the canonical lines, structured sources a schedule note."""
    parts = [f"<p>{item.blurb}</p>"]
    if item.opts.get("messy") == "script":
        parts.append("<p onclick=\"alert('hi')\">Tap here to open the volunteer handbook.</p>"
                     "<script>alert(1)</script>")
    if rng.random() < 0.55:
        items = "".join(f"<li>{d}</li>" for d in item.duties)
        group = "learn" if item.kind in ("training", "workshop", "summer-program", "job-shadowing") else "work"
        parts.append(f"<p><strong>{rng.choice(DUTY_HEADINGS[group])}</strong></p><ul>{items}</ul>")
    else:
        duties = [lower_first(d) for d in item.duties]
        parts.append(f"<p>You'll {', '.join(duties[:-1])}, and {duties[-1]}.</p>")
    parts.append(f"<p>{rng.choice(LEARN[item.paths[0]])}</p>")
    if not canonical or rng.random() < 0.7:
        parts.append(f"<p>{rng.choice(BRING)}</p>")
    if canonical:
        parts += [f"<p>{line}</p>" for line in canonical_lines(item)]
    else:
        parts.append(f"<p><strong>Schedule:</strong> {sentence(item.schedule)}</p>")
    parts.append(f"<p>{FINAL}</p>")
    return "\n".join(parts)


def description_text(item, rng):
    """Plain-text paragraphs (blank line between), as a partner would paste them."""
    paras = [item.blurb]
    if rng.random() < 0.5:
        paras.append("What you'll do:\n" + "\n".join(f"- {d}" for d in item.duties))
    else:
        duties = [lower_first(d) for d in item.duties]
        paras.append(f"You'll {', '.join(duties[:-1])}, and {duties[-1]}.")
    paras += [rng.choice(LEARN[item.paths[0]]), rng.choice(BRING), f"When: {sentence(item.schedule)}",
              "Questions? Reach out through the apply link.", FINAL]
    return "\n\n".join(paras)


def rfc822(d, rng):
    moment = datetime(d.year, d.month, d.day, rng.choice([12, 13, 14, 15, 16, 17, 18, 19]), 0, 0, tzinfo=timezone.utc)
    return format_datetime(moment, usegmt=True)


def stamp(d, rng, offset_hours):
    moment = datetime(d.year, d.month, d.day, rng.randint(7, 17), rng.choice([0, 5, 15, 30, 42]), rng.randint(0, 59))
    if offset_hours == 0:
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return moment.replace(tzinfo=timezone(timedelta(hours=offset_hours))).isoformat()


def xml_text(value):
    return escape(value, {'"': "&quot;"})


def write_rss(items, rng, path):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:joblisting="http://www.neogov.com/namespaces/JobListing">',
           "<channel>",
           "<title>Magic City Youth Works: Public Service Jobs &amp; Internships (sample)</title>",
           "<link>https://example.org/youth-jobs</link>",
           "<description>Fictional sample feed of public-sector-style jobs, internships and programs "
           "for ages 16–25 in Greater Birmingham. Not real openings.</description>",
           "<language>en-us</language>",
           f"<lastBuildDate>{format_datetime(datetime(2026, 10, 31, 22, 0, tzinfo=timezone.utc), usegmt=True)}</lastBuildDate>"]
    for item in items:
        guid, job_id = item.extras["guid"], item.extras["job_id"]
        body = description_html(item, rng)
        body_xml = f"<![CDATA[{body}]]>" if item.n % 2 == 0 else xml_text(body)
        cats = [KIND_LABEL[item.kind]] + [PATHWAY_LABEL[p] for p in item.paths]
        out += ["<item>",
                f'  <guid isPermaLink="false">{guid}</guid>',
                f"  <title>{xml_text(item.title)}</title>",
                f"  <link>{xml_text(item.url)}</link>",
                f"  <pubDate>{rfc822(item.posted, rng)}</pubDate>",
                f"  <description>{body_xml}</description>"]
        out += [f"  <category>{xml_text(c)}</category>" for c in cats]
        out += [f"  <joblisting:department>{xml_text(ORGS[item.org][0])}</joblisting:department>",
                f"  <joblisting:location>{xml_text(location_name(item))}</joblisting:location>",
                f"  <joblisting:jobId>{job_id}</joblisting:jobId>",
                "</item>"]
    out += ["</channel>", "</rss>", ""]
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_atom(items, rng, path):
    entries, newest = [], ""
    for item in items:
        offset = -6 if item.n % 3 else 0
        published = stamp(item.posted, rng, offset)
        updated = published if item.n % 4 else stamp(
            min(item.posted + timedelta(days=rng.randint(1, 4)), ANCHOR - timedelta(days=1)), rng, offset)
        newest = max(newest, datetime.fromisoformat(updated.replace("Z", "+00:00")).astimezone(timezone.utc).isoformat())
        cats = [KIND_LABEL[item.kind]] + [PATHWAY_LABEL[p] for p in item.paths]
        entry = ["  <entry>",
                 f"    <id>tag:example.org,2026:training/{item.n:03d}</id>",
                 f"    <title>{xml_text(item.title)}</title>",
                 f'    <link rel="alternate" type="text/html" href="{xml_text(item.url)}"/>',
                 f"    <published>{published}</published>",
                 f"    <updated>{updated}</updated>",
                 f"    <author><name>{xml_text(ORGS[item.org][0])}</name></author>"]
        entry += [f'    <category term="{xml_text(c)}"/>' for c in cats]
        entry += [f'    <content type="html">{xml_text(description_html(item, rng))}</content>', "  </entry>"]
        entries += entry
    feed_updated = datetime.fromisoformat(newest).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom">',
           "  <title>Foundry Skills Training Collaborative: Training, Workshops &amp; Summer Programs (sample)</title>",
           "  <subtitle>Fictional sample feed for the Birmingham Career Pathways demo. Not real openings.</subtitle>",
           "  <id>tag:example.org,2026:training</id>",
           f"  <updated>{feed_updated}</updated>",
           '  <link rel="self" type="application/atom+xml" href="https://example.org/training/feed.atom"/>',
           '  <link rel="alternate" type="text/html" href="https://example.org/training"/>',
           "  <author><name>Foundry Skills Training Collaborative</name></author>"]
    path.write_text("\n".join(out + entries + ["</feed>", ""]), encoding="utf-8", newline="\n")


DEPARTMENTS = {"healthcare": "Clinical Services", "information-technology": "Information Technology",
               "finance": "Finance", "operations": "Operations", "stem": "Engineering & Labs",
               "manufacturing": "Production", "skilled-trades": "Maintenance & Trades",
               "transportation-logistics": "Logistics", "hospitality": "Guest Services",
               "business-marketing": "Marketing", "arts-media": "Creative Studio"}
METADATA_IDS = {"Opportunity Type": 4150001, "Career Pathway": 4150002, "Minimum Age": 4150003,
                "Maximum Age": 4150004, "Grades": 4150005, "Pay": 4150006, "Work Mode": 4150007,
                "Application Deadline": 4150008, "Hours Per Week": 4150009, "Transportation": 4150010}


def write_greenhouse(items, rng, path):
    departments = sorted({i.opts.get("dept") or DEPARTMENTS[i.paths[0]] for i in items})
    cities = sorted({PLACES[i.place][1] for i in items})
    jobs = []
    for item in items:
        offset = -5 if list(ORGS).index(item.org) % 3 else -6
        published = stamp(item.posted, rng, offset)
        updated_day = min(item.posted + timedelta(days=rng.choice([0, 0, 1, 3, 6])), ANCHOR - timedelta(days=1))
        updated = stamp(updated_day, rng, offset)
        if updated < published:
            updated = published
        low, high, grades = age_bounds(item.age)
        dept = item.opts.get("dept") or DEPARTMENTS[item.paths[0]]
        city = PLACES[item.place][1]
        body = description_html(item, rng, canonical=False)
        deadline = item.deadline.isoformat() if item.deadline else None
        meta = [("Opportunity Type", KIND_LABEL[item.kind], "single_select"),
                ("Career Pathway", [PATHWAY_LABEL[p] for p in item.paths], "multi_select"),
                ("Minimum Age", low, "number"), ("Maximum Age", high, "number"),
                ("Grades", f"{grades[0]}-{grades[1]}" if grades else None, "short_text"),
                ("Pay", pay_text(item.pay), "short_text"),
                ("Work Mode", {"on-site": "On-site", "remote": "Remote", "hybrid": "Hybrid"}[item.mode], "single_select"),
                ("Application Deadline", deadline, "date"),
                ("Hours Per Week", item.hours[1] if item.hours else None, "number"),
                ("Transportation", item.transport, "short_text")]
        jobs.append({
            "id": item.extras["gh_id"],
            "internal_job_id": item.extras["gh_id"] - 2_100_000_000,
            "title": item.title,
            "absolute_url": item.url,
            "updated_at": updated,
            "first_published": published,
            "company_name": ORGS[item.org][0],
            "location": {"name": location_name(item)},
            "content": html.escape(body, quote=True).replace("&#x27;", "&#39;"),
            "departments": [{"id": 88001 + departments.index(dept), "name": dept}],
            "offices": [{"id": 52001 + cities.index(city), "name": city, "location": f"{city}, Alabama"}],
            "metadata": [{"id": METADATA_IDS[n], "name": n, "value": v, "value_type": t} for n, v, t in meta],
            "application_deadline": deadline,
        })
    data = {"jobs": jobs, "meta": {"total": len(jobs)}}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")


CSV_COLUMNS = ["id", "title", "organization", "opportunity_type", "career_pathways", "description", "min_age",
               "max_age", "grades", "paid", "pay", "work_mode", "address", "city", "state", "zip",
               "application_deadline", "start_date", "end_date", "hours_per_week", "schedule",
               "transportation", "apply_url", "posted_date"]


def csv_row(item, rng):
    low, high, grades = age_bounds(item.age)
    _, city, zip_code, _ = PLACES[item.place]
    description = description_text(item, rng)
    if item.n % 4 == 3:  # some partners paste simple HTML instead of plain text
        description = description_html(item, rng, canonical=False)
    paid = "" if item.pay is None else ("no" if item.pay[0] == "unpaid" else "yes")
    pay = "" if item.pay is None or item.pay[0] == "unpaid" else pay_text(item.pay)
    remote = item.mode == "remote" and item.n % 2 == 0  # some remote rows leave the address out
    iso = lambda d: d.isoformat() if d else ""  # noqa: E731
    return {
        "id": item.extras["csv_id"], "title": item.title, "organization": ORGS[item.org][0],
        "opportunity_type": item.kind if item.n % 3 == 0 else KIND_LABEL[item.kind],
        "career_pathways": ";".join(PATHWAY_LABEL[p] for p in item.paths), "description": description,
        "min_age": low or "", "max_age": high or "", "grades": f"{grades[0]}-{grades[1]}" if grades else "",
        "paid": paid, "pay": pay, "work_mode": item.mode, "address": "" if remote else item.address,
        "city": city, "state": "AL", "zip": "" if remote else zip_code,
        "application_deadline": iso(item.deadline), "start_date": iso(item.start), "end_date": iso(item.end),
        "hours_per_week": item.hours[1] if item.hours else "", "schedule": item.schedule,
        "transportation": item.transport or "", "apply_url": item.url, "posted_date": iso(item.posted),
    }


def write_csv(rows, path):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


# -------------------------------------------------------------------------- the data
# One line per listing: L(title, kind, pathways, organisation, blurb, "duty|duty|duty", **overrides).
# Overrides: mode="r"/"h" (remote/hybrid; default on-site), age, pay, place, season, dept, weeks,
# sched (volunteers: (text, season); workshops: an index into WORKSHOP_TIMES),
# messy="script" (an unsafe <script> and onclick the site must sanitize).
RSS = [
    L("Classroom Aide Intern – Summer Reading Academy", "internship", "paraprofessional teaching", "sps", "Spend your summer helping rising first and second graders catch up on reading. You'll work alongside a certified teacher and a lead paraprofessional in a small, friendly classroom.", "Read aloud with small groups|Set up learning centers and materials|Track reading minutes on a simple chart"),
    L("Student Tutor – After-School Math Lab", "job", "teaching", "rusc", "Good at math and patient with younger kids? Tutor middle schoolers in fractions and pre-algebra in our after-school Math Lab. Training and a lesson guide are provided.", "Tutor one-on-one and in groups of three|Check homework and explain mistakes kindly|Log attendance and progress each session"),
    L("Teacher Cadet Job Shadow Day", "job-shadowing", "teaching", "sps", "Thinking about teaching? Follow a high school English or science teacher for a full school day, sit in on planning time and ask everything you want to know about becoming a teacher.", "Observe three class periods|Join a teacher planning meeting|Talk with a new teacher about certification"),
    L("Future Educators Summer Institute", "summer-program", "teaching", "rusc", "A summer institute for teens who might want to teach. Mornings are workshops on lesson planning and public speaking; afternoons you co-teach a camp class for elementary students.", "Plan and teach a 20-minute mini-lesson|Practice classroom management with a coach|Visit a college education program"),
    L("Paraprofessional Apprentice (Instructional Assistant)", "apprenticeship", "paraprofessional", "rusc", "Earn while you learn to become an instructional assistant. Apprentices work in a K–5 classroom four days a week and take one evening class a week toward the paraprofessional credential.", "Support small-group reading and math|Help students with special needs during transitions|Prepare materials and grade simple assignments", age="18+"),
    L("Special Education Classroom Assistant", "job", "paraprofessional", "sps", "A full-time role supporting students with disabilities in a self-contained classroom. A great first job for someone patient and steady who is curious about special education or therapy careers.", "Help students with daily routines and learning activities|Follow each student's support plan|Keep the lead teacher informed through the day", pay=("year", 28000, 31000)),
    L("Pre-K Classroom Helper (Volunteer)", "volunteer", "paraprofessional human-services", "rccy", "Volunteer in a pre-K classroom two mornings a week. You'll read stories, help with art projects and learn the basics of childcare and early learning.", "Read picture books with small groups|Help at snack and clean-up time|Supervise the playground with staff", sched=("Two weekday mornings a week, 8:30–11:30 a.m.", "school year")),
    L("School Counseling Office Intern", "internship", "counseling", "sps", "Work in a busy high school counseling office. Help ninth graders with schedules, organize college fair materials and see how counselors support students every day.", "Greet students and book appointments|Prepare college and scholarship handouts|Help plan a financial aid night for families"),
    L("Peer Mentor – Ninth Grade Success Team", "job", "counseling", "rusc", "Paid peer mentors meet with small groups of ninth graders to help them settle into high school, stay organized and keep their grades up. Mentor training happens before you start.", "Lead weekly check-ins with four to six students|Share study and time-management tips|Flag concerns to the school counselor"),
    L("Shadow a School Social Worker", "job-shadowing", "counseling human-services", "rccy", "Spend a morning with a county school social worker. Learn how they connect families with food, housing and health services, and how confidentiality works in a helping profession.", "Sit in on a team meeting (with consent)|Tour a family resource room|Ask about social work degrees and licensing"),
    L("Youth Crisis Text Line Volunteer", "volunteer", "counseling", "rccy", "After 30 hours of free training, volunteer from home answering texts from teens who need someone to talk to. A supervisor is online for every shift.", "Respond to texts using active listening|Follow safety steps and escalate when needed|Complete one four-hour shift a week", mode="r", age="18+", sched=("One four-hour shift a week, evenings or weekends", "weekends")),
    L("Student Support Assistant (Attendance Outreach)", "job", "counseling operations", "sps", "Help students get back to class. This full-time assistant calls families, tracks attendance data and helps the counseling team plan home visits and incentives.", "Call and text families about absences|Update attendance records in Microsoft Excel|Organize attendance celebrations", pay=("year", 30000, 34000)),
    L("Facilities Maintenance Helper – Summer Crew", "job", "facilities", "rusc", "Join the summer crew that gets school buildings ready for August. You'll paint, move furniture, change filters and learn from experienced maintenance technicians.", "Paint classrooms and hallways|Move and assemble furniture|Help replace ceiling tiles, filters and light fixtures"),
    L("Custodial Technician Trainee", "job", "facilities", "sps", "Full-time custodial role with paid training in floor care, safe chemical use and building checks. Custodial staff can move up into maintenance and facilities supervisor jobs.", "Clean and set up classrooms and common areas|Run floor machines safely|Report repairs through the work-order system", pay=("year", 28500, None)),
    L("HVAC Apprentice – School Buildings", "apprenticeship", "facilities skilled-trades", "rusc", "Learn heating, ventilation and air conditioning on the job across 20 school buildings. Apprentices are paired with a licensed HVAC technician and attend related classes paid for by the partnership.", "Help service boilers and rooftop units|Replace filters and belts|Record readings and repairs"),
    L("Grounds & Landscaping Crew Member", "job", "facilities agriculture-environment", "sdpr", "Keep parks and ball fields looking great. Work outside on a small crew mowing, trimming, planting and picking up litter at neighborhood parks.", "Operate mowers and trimmers after training|Plant and mulch flower beds|Prepare fields for weekend games"),
    L("Facilities Work-Order Intern", "internship", "facilities operations", "rusc", "See the business side of keeping schools running. Help the facilities office sort work orders, track supplies and map which buildings need repairs first.", "Enter and update work orders|Build a repair-priority spreadsheet|Ride along on building inspections", mode="h"),
    L("Building Operations Job Shadow", "job-shadowing", "facilities", "grwb", "Shadow a building operator at a water treatment plant for a day. See pumps, control rooms and the safety systems that keep clean water flowing to the region.", "Tour the control room and pump station|Learn lockout/tagout basics|Talk about operator certification"),
    L("Payroll Clerk Intern", "internship", "finance", "rccf", "Learn how hundreds of public employees get paid on time. Interns help the payroll team check timesheets, answer simple questions and prepare reports.", "Check timesheets for missing entries|Scan and file payroll forms|Build summary tables in Microsoft Excel", mode="h"),
    L("Accounts Payable Assistant", "job", "finance", "rccf", "A full-time, entry-level accounting job. Match invoices to purchase orders, process vendor payments and learn public-sector accounting from a supportive team.", "Match invoices and receipts|Enter payments in the accounting system|Answer vendor calls and emails", pay=("year", 32000, 36000)),
    L("Budget Office Summer Intern", "internship", "finance", "rccf", "Work with budget analysts on next year's county budget. Perfect if you like numbers, spreadsheets and understanding where tax dollars go.", "Compare department spending to budget|Make charts for a public budget guide|Attend a budget hearing", mode="h"),
    L("Treasury Office Job Shadow Day", "job-shadowing", "finance", "rccf", "Spend a day with the treasury team and see how public money is collected, invested and tracked. A good match for students interested in accounting, banking or business.", "Watch how daily deposits are balanced|Learn what an audit is|Meet staff who started in entry-level roles"),
    L("School Bookkeeping Assistant (Part-Time)", "job", "finance operations", "sps", "Help school bookkeepers track fundraising, field trip money and club accounts. You'll learn receipts, deposits and reconciliations.", "Count and record deposits with a staff member|Enter receipts in a spreadsheet|Organize monthly reports", mode="h"),
    L("Purchasing & Warehouse Intern", "internship", "operations transportation-logistics", "rusc", "See how a school system buys and delivers everything from pencils to pianos. Split your time between the purchasing office and the central warehouse.", "Compare vendor quotes|Check in deliveries and update inventory|Help plan delivery routes to schools"),
    L("  Front Office   Receptionist – School Year ", "job", "operations", "sps", "Be the friendly first face visitors see. Answer phones, sign in guests and help families find what they need. Great customer service experience for a future office or healthcare career.", "Answer phones and greet visitors|Check visitor IDs and print badges|Sort mail and deliveries"),
    L("Records & Data Entry Clerk", "job", "operations", "rccy", "A full-time clerk job digitizing and organizing county youth program records. Accuracy and comfort with Microsoft Excel matter more than experience.", "Scan and index paper files|Enter data and check it for errors|Keep confidential records secure", mode="h", pay=("year", 29000, None)),
    L("Youth Office Assistant", "job", "operations business-marketing", "mcyw", "Help run Magic City Youth Works' hiring season. Schedule interviews, answer questions from teens and employers, and keep shared calendars up to date.", "Schedule orientation sessions|Answer the youth jobs hotline|Update applicant tracking sheets", mode="h"),
    L("Event Operations Volunteer – Fall Festival", "volunteer", "operations hospitality", "sdpr", "Help put on the park board's fall festival. Volunteers set up tents, run the info booth and help families find activities.", "Set up and break down tents and tables|Staff the information booth|Help with crowd flow and recycling", sched=("One Saturday, 8 a.m.–4 p.m., plus a Friday setup evening", "weekends")),
    L("IT Help Desk Intern", "internship", "information-technology", "nstc", "Answer IT help desk tickets from teachers and students. Reset passwords, fix printers and learn how a real IT team tracks and solves problems.", "Log and close help desk tickets|Troubleshoot laptops and printers|Write short how-to guides", mode="h"),
    L("Student Laptop Repair Technician", "job", "information-technology", "nstc", "A part-time job repairing student laptops: screens, keyboards and chargers. We teach you everything; bring patience and steady hands.", "Diagnose and repair student laptops|Track the parts inventory|Reimage devices before they go back to schools"),
    L("Network Cabling Apprentice", "apprenticeship", "information-technology skilled-trades", "nstc", "Run and test the cables that connect classrooms to the internet. Apprentices learn low-voltage wiring, networking basics and safety while working toward an industry certification.", "Pull and terminate network cable|Label and test connections|Install wireless access points with a technician"),
    L("Coding Camp Counselor", "summer-program", "information-technology teaching", "nstc", "Teach younger kids to code games and animations at a summer coding camp. You'll get a week of training in block coding and simple Python before campers arrive.", "Lead small groups of campers|Help debug student projects|Run end-of-week demo days"),
    L("Data & GIS Mapping Intern", "internship", "information-technology public-service", "grwb", "Make maps that help crews fix water lines faster. Learn GIS mapping software and data cleanup alongside the water board's data team.", "Clean and update map data|Make maps for field crews|Present a final project to managers", mode="h"),
    L("Library Tech Buddy (Virtual Volunteer)", "volunteer", "information-technology", "rnln", "Help neighbors learn technology over video calls: setting up email, joining a telehealth visit or filling out an online job application.", "Host one-on-one video help sessions|Write simple step-by-step guides|Log questions so staff can plan classes", mode="r", messy="script"),
    L("Shadow a Network Administrator", "job-shadowing", "information-technology", "nstc", "See the server room and watch a network administrator keep thousands of devices online. Ask about IT careers, certifications and college options.", "Tour the data center|Watch a network outage drill|Learn about IT certifications"),
    L("Junior Firefighter Explorer Program", "training", "public-service", "cpsa", "Train with firefighters and EMTs. Explorers learn first aid, CPR, hose handling and what it takes to join a fire department.", "Practice CPR and first aid|Learn fire safety and equipment|Help with community safety events"),
    L("Local Government Summer Youth Fellowship", "summer-program", "public-service", "mcyw", "Six weeks inside local government. Fellows rotate through planning, parks and communications offices and finish by presenting an idea to improve their neighborhood.", "Rotate through three departments|Attend public meetings|Research and present a neighborhood project", age="16-24"),
    L("911 Dispatch Job Shadow", "job-shadowing", "public-service", "cpsa", "Sit beside a 911 dispatcher in listen-only mode and see how emergency calls are answered and routed. Learn about dispatcher training and shift work.", "Listen to live calls with a trainer|Learn how emergency calls are mapped|Ask about dispatcher certification"),
    L("Youth Court Volunteer", "volunteer", "public-service counseling", "cpsa", "Serve as a juror, clerk or advocate in a youth court where teens decide fair, restorative consequences for first-time offenses.", "Complete a short legal training|Serve on youth court panels twice a month|Help write restorative agreements", sched=("Two Tuesday evenings a month, 5–7 p.m.", "school year")),
    L("Lifeguard – Neighborhood Pools", "job", "hospitality public-service", "sdpr", "Keep swimmers safe at neighborhood pools. We pay for your lifeguard certification if you can swim 300 yards and tread water for two minutes.", "Watch the pool and enforce safety rules|Respond to emergencies using your training|Help with swim lessons", season="summer", age="16+", pay=("hour", 13, None)),
    L("Summer Day Camp Counselor", "summer-program", "human-services teaching", "sdpr", "Lead games, crafts and field trips for campers ages 6–12 at a park day camp. Perfect for anyone interested in teaching, recreation or childcare.", "Lead a group of 10 to 12 campers|Plan arts, crafts and sports|Keep campers safe on field trips"),
    L("Bus Operator Trainee (CDL)", "training", "transportation-logistics public-service", "vltw", "Get paid while you earn your commercial driver's license (CDL). After classroom and behind-the-wheel training, trainees drive bus routes with a mentor.", "Complete CDL classroom and road training|Learn pre-trip safety inspections|Give riders friendly customer service", age="21+", pay=("hour", 17.25, None)),
    L("Transit Customer Service Intern", "internship", "transportation-logistics operations", "vltw", "Answer rider questions by phone and chat from home: routes, schedules and lost items. Learn customer service and how a transit system plans service.", "Answer calls and chats from riders|Log complaints and compliments|Help update route information online", mode="r"),
    L("Water Quality Lab Summer Intern", "internship", "stem agriculture-environment", "grwb", "Test drinking water samples alongside lab chemists. Learn lab safety, sampling and how science keeps a whole region healthy.", "Collect water samples with field staff|Run basic lab tests|Record data carefully"),
    L("Library Page (Shelving Assistant)", "job", "operations", "rnln", "A part-time job keeping the library organized. Shelve books, help patrons find items and prepare materials for storytime and homework help.", "Shelve books and media accurately|Help patrons at the self-checkout|Prepare craft kits for children's programs"),
]

ATOM = [
    L("CNA Certificate Course (Certified Nursing Assistant)", "training", "healthcare", "fstc", "Become a certified nursing assistant (CNA) in eight weeks. Classroom lessons, a skills lab and clinical hours at a partner senior living community prepare you for the state exam.", "Learn vital signs, bathing and safe patient transfers|Practice skills in our lab|Complete supervised clinical hours", age="17+", weeks=8),
    L("Phlebotomy Technician Certificate", "training", "healthcare", "fstc", "Learn to draw blood safely and confidently. This evening course includes 100 practice draws and help scheduling your national certification exam.", "Study anatomy and infection control|Practice on training arms|Complete a clinical externship", age="18+"),
    L("IT Help Desk Certificate", "training", "information-technology", "htbc", "A 10-week course that prepares you for entry-level IT help desk jobs. Build and repair a PC, learn networking basics and practice real help desk tickets.", "Build and troubleshoot a computer|Set up user accounts and networks|Practice customer service on mock tickets", mode="h", weeks=10),
    L("Intro to Coding: Build Your First Website", "workshop", "information-technology arts-media", "htbc", "No experience? No problem. In this live online coding workshop you'll write HTML and CSS and publish a one-page website about something you love.", "Learn HTML and CSS basics|Style your page with colors and fonts|Publish your site for free", mode="r"),
    L("Python Coding Summer Academy", "summer-program", "information-technology stem", "htbc", "Spend your summer learning Python, the coding language behind data science and web apps. Work in teams to build a game or app and present it on demo day.", "Learn variables, loops and functions|Build a team project|Meet working software developers"),
    L("Forklift Operator Certification", "training", "transportation-logistics manufacturing", "rltc", "Earn your forklift operator card in two days. Classroom safety training plus hands-on driving time on sit-down and stand-up forklifts.", "Learn load limits and safety rules|Practice driving and stacking pallets|Pass the written and driving evaluation", age="18+", weeks=0),
    L("CDL Class A Prep Course", "training", "transportation-logistics", "rltc", "Prepare for the Class A commercial driver's license (CDL) permit and road test. Includes study sessions, practice tests and 40 hours behind the wheel.", "Study for the CDL permit test|Learn pre-trip inspections|Practice backing and road driving", age="18+"),
    L("Warehouse Skills Fast Track", "training", "transportation-logistics", "rltc", "Three weeks of hands-on warehouse training: scanners, inventory, shipping and receiving, and workplace safety. Finish with interviews at local warehouses that are hiring.", "Use handheld scanners and inventory software|Pack and ship orders accurately|Earn a workplace safety card", weeks=3),
    L("OSHA 10-Hour Construction Safety Class", "training", "skilled-trades", "tbsc", "Earn the 10-hour construction safety card many job sites ask for. Taught by experienced tradespeople with real stories from the field.", "Learn fall protection and ladder safety|Spot electrical hazards|Understand your rights on a job site", weeks=0),
    L("Electrical Pre-Apprenticeship", "training", "skilled-trades", "tbsc", "Get ready for an electrical apprenticeship. Learn basic circuits, hand and power tools and trade math, then tour jobsites with local contractors.", "Wire switches and outlets on training boards|Practice trade math|Prepare for apprenticeship interviews"),
    L("Carpentry Apprentice – Year One", "apprenticeship", "skilled-trades", "kah", "Build houses and learn a trade. First-year carpentry apprentices frame walls, hang doors and learn to read plans while earning a raise every six months.", "Measure, cut and frame|Install doors, windows and trim|Attend related classes two evenings a month"),
    L("Electrician Apprentice", "apprenticeship", "skilled-trades", "kah", "Work under a licensed electrician on homes and small businesses while you complete classroom hours toward your journeyman license.", "Run conduit and pull wire|Install panels, outlets and lighting|Follow the electrical code"),
    L("Plumbing Apprentice", "apprenticeship", "skilled-trades facilities", "kah", "Learn plumbing from the ground up: water lines, drains and fixtures in new buildings and repair jobs. Tools are provided for your first year.", "Dig and lay pipe with your crew|Install sinks, toilets and water heaters|Learn to read plumbing plans"),
    L("Welding Apprentice", "apprenticeship", "manufacturing skilled-trades", "kah", "Weld structural steel in a fabrication shop. Learn MIG and stick welding, blueprint reading and quality checks while earning full-time pay.", "Prep and weld steel parts|Read blueprints and weld symbols|Inspect welds for quality"),
    L("CNC Machining Apprentice", "apprenticeship", "manufacturing", "kah", "Run computer-controlled (CNC) machines that cut precise metal parts. We teach setup, measuring and basic programming.", "Load and run CNC machines|Measure parts with calipers and micrometers|Learn basic G-code"),
    L("Pharmacy Technician Apprenticeship", "apprenticeship", "healthcare", "kah", "Work in a community pharmacy while you study to become a certified pharmacy technician. Tuition is covered and you earn a raise when you pass the exam.", "Count and label prescriptions under supervision|Help customers at the counter|Handle inventory and insurance questions"),
    L("Resume Writing Workshop for Health Careers", "workshop", "healthcare", "bpcw", "Leave with a finished one-page resume aimed at healthcare jobs like CNA, patient care technician and pharmacy technician.", "Turn school and volunteer work into resume bullets|Choose a clean format|Get one-on-one feedback"),
    L("Interview Skills Bootcamp: Mock Interviews with Employers", "workshop", "business-marketing hospitality", "bpcw", "Practice real interview questions with hiring managers from local hotels, restaurants and stores. Get feedback on your answers, your handshake and your follow-up email.", "Practice common interview questions|Learn to talk about your strengths|Do two mock interviews with feedback", mode="h"),
    L("Money Basics: Budgeting Your First Paycheck", "workshop", "finance", "fpff", "Learn where your paycheck goes: taxes, direct deposit, budgeting apps and saving for something that matters to you. Financial literacy made practical.", "Read a sample pay stub|Build a simple budget|Set a savings goal", mode="r"),
    L("Banking & Credit 101", "workshop", "finance", "fpff", "What's a credit score and why does it matter? This online workshop covers checking accounts, credit cards, student loans and avoiding scams.", "Compare bank account options|Learn how credit scores work|Spot common money scams", mode="r", sched=2),
    L("Bank Teller Training Certificate", "training", "finance", "fpff", "A six-week course that prepares you for bank teller and member service jobs. Learn cash handling, customer service and bank security procedures.", "Practice cash handling and balancing a drawer|Learn customer service scripts|Interview with partner credit unions", weeks=6),
    L("Microsoft Excel for the Workplace", "training", "operations finance", "fstc", "Go from beginner to confident in Microsoft Excel. Learn formulas, sorting, charts and pivot tables used in offices, clinics and warehouses.", "Write basic formulas and functions|Build charts and pivot tables|Complete a workplace project", mode="h"),
    L("Customer Service Certificate", "training", "business-marketing hospitality", "fstc", "Earn a customer service certificate employers recognize. Role-play difficult customers, learn point-of-sale basics and practice phone etiquette.", "Handle complaints calmly|Use a point-of-sale system|Practice professional phone and email", mode="h"),
    L("Soft Skills Saturday: Showing Up, Speaking Up", "workshop", "operations", "bpcw", "A hands-on workshop on the soft skills every employer asks for: being on time, talking with a supervisor, teamwork and handling feedback.", "Practice workplace conversations|Learn to manage your time|Work through real-world scenarios", sched=0),
    L("Resume Lab for Teens", "workshop", "business-marketing", "odrs", "Our coaches say it best:&nbsp;“Your resume is your first handshake.” Don’t worry if you’ve never written one — we’ll build it together, line by line, on a video call.", "Pick the right resume template|Describe school, sports and volunteer work|Save and share your resume as a PDF", mode="r"),
    L("Professional Online Profile Workshop", "workshop", "arts-media business-marketing", "odrs", "Build a professional online profile and a simple digital portfolio. Learn what employers see when they search your name and how to make a great first impression.", "Write a short professional bio|Choose a profile photo that works|Clean up your public posts", mode="r"),
    L("Future Nurses Summer Camp", "summer-program", "healthcare", "fstc", "A summer camp for teens curious about nursing. Practice CPR, take blood pressure in the skills lab and meet nurses from different specialties.", "Practice CPR and first aid|Take vital signs in the skills lab|Shadow a nurse for a morning"),
    L("Robotics & Engineering Summer Lab", "summer-program", "stem manufacturing", "srsl", "Design, build and program robots in a summer lab. Teams compete in a final challenge judged by local engineers.", "Design and build a robot with your team|Program sensors and motors|Present your design to judges"),
    L("Environmental Science Summer Field Program", "summer-program", "agriculture-environment stem", "srsl", "Spend the summer outdoors testing creek water, identifying plants and mapping trails. Field days end with time to swim and relax.", "Test water quality in local creeks|Identify native plants and insects|Map trails with GPS"),
    L("Teacher Academy Summer Workshop", "summer-program", "teaching paraprofessional", "bpcw", "A summer program for teens who want to teach or work as classroom aides. Learn how kids learn, practice teaching and earn a certificate of completion.", "Observe a summer school classroom|Plan and teach a short lesson|Learn about teaching careers"),
    L("Childcare Basics & CPR Certificate", "training", "human-services", "fstc", "Learn safe childcare: infant and child CPR, first aid, healthy snacks and age-appropriate activities. Great for babysitting, daycare or camp jobs.", "Earn infant and child CPR certification|Plan age-appropriate activities|Learn safe sleep and allergy basics", weeks=3),
    L("Lifeguard Certification Course", "training", "hospitality public-service", "fstc", "Earn your lifeguard certification with water rescue, CPR and first aid training. Graduates get priority interviews for summer pool jobs.", "Practice water rescues|Earn CPR and first aid certification|Pass the swim skills test", age="16+", weeks=3),
    L("Food Handler Card & Kitchen Basics", "training", "hospitality", "fstc", "Earn a food handler card and learn knife skills, kitchen safety and teamwork in a real commercial kitchen.", "Learn safe food temperatures|Practice knife skills|Work a shift in a teaching kitchen", weeks=3),
    L("Facilities Maintenance Technician Certificate", "training", "facilities skilled-trades", "tbsc", "Learn the basics of keeping buildings running: minor plumbing and electrical repairs, painting, HVAC filters and work orders.", "Make basic plumbing and electrical repairs|Patch and paint walls|Track jobs with a work-order system"),
    L("Careers in School Counseling Info Session", "workshop", "counseling", "bpcw", "Curious about becoming a school counselor or social worker? Hear from counselors about their day, the degrees you need and how to start volunteering now.", "Hear from three working counselors|Ask questions in a live Q&A|Map out a college plan", mode="r", sched=1),
    L("HVAC Fundamentals Certificate", "training", "skilled-trades facilities", "tbsc", "Learn how heating and air conditioning systems work and how to service them safely. Includes preparation for the refrigerant handling certification exam.", "Learn how HVAC systems move heat|Use gauges and meters safely|Practice on training units"),
]

GREENHOUSE = [
    L("Patient Care Technician (CNA)", "job", "healthcare", "rmch", "Join our nursing team as a patient care technician. If you hold your CNA certification, you'll help patients with daily care, take vital signs and work closely with registered nurses.", "Take and record vital signs|Help patients bathe, eat and move safely|Report changes to the nurse", pay=("year", 33000, 38000), dept="Nursing"),
    L("Weekend Nursing Assistant", "job", "healthcare", "mcsl", "Work weekends helping residents at our senior living community. Current CNA certification or enrollment in a CNA course is required.", "Help residents with meals and daily care|Join residents for activities and walks|Keep rooms tidy and safe", age="17+", dept="Nursing"),
    L("Student Nurse Extern", "internship", "healthcare", "rmch", "For nursing students who have finished their first clinical semester. Work one-on-one with a preceptor nurse on a medical-surgical unit this summer.", "Provide patient care under supervision|Practice charting|Attend weekly learning sessions", age="18+", season="summer", dept="Nursing"),
    L("Medical Assistant Apprentice", "apprenticeship", "healthcare", "vvfc", "Train on the job to become a certified medical assistant. You'll room patients, take histories and learn clinic workflows while we pay for your classes.", "Room patients and take vital signs|Update health records|Prepare exam rooms"),
    L("Patient Access Representative", "job", "healthcare operations", "vvfc", "Be the first person patients meet. Check them in, verify insurance and schedule follow-ups with a warm, professional manner and strong customer service.", "Check in patients|Verify insurance information|Schedule appointments", pay=("year", 31000, None), dept="Patient Access", transport="Near MAX bus route 3."),
    L("Shadow a Physical Therapist", "job-shadowing", "healthcare", "rbrp", "See how physical therapists help people recover from injuries and surgery. Observe sessions, tour the therapy gym and ask about PT school.", "Observe therapy sessions|Tour the rehab gym|Talk with a therapist about PT school", dept="Rehabilitation"),
    L("Rehab Aide", "job", "healthcare", "rbrp", "A part-time rehab aide job helping therapists set up equipment, clean treatment areas and guide patients through their exercises.", "Set up and clean equipment|Guide patients through exercises|Keep the clinic stocked", dept="Rehabilitation"),
    L("Pharmacy Technician Trainee", "job", "healthcare", "sapc", "Start your pharmacy career. We train you on the job and pay for your pharmacy technician certification exam.", "Count and label prescriptions|Help customers at the register|Stock shelves and check dates", dept="Pharmacy"),
    L("Pharmacy Delivery Driver", "job", "transportation-logistics healthcare", "sapc", "Deliver prescriptions to homes and senior communities. A clean driving record and a valid driver's license are required; a company car is provided.", "Deliver orders on a planned route|Collect signatures|Keep the delivery log accurate", age="18+", dept="Pharmacy"),
    L("Dental Assistant Shadow Day", "job-shadowing", "healthcare", "sdc", "Spend a morning in a busy dental office. Watch dental assistants and hygienists at work and learn about short training programs that lead to dental careers.", "Observe patient visits|See how instruments are sterilized|Ask about dental assisting programs", dept="Dental"),
    L("Dental Office Summer Intern", "internship", "healthcare operations", "sdc", "Help our front office and clinical team during the busy summer season. Learn scheduling, patient check-in and how a dental practice runs.", "Confirm appointments by phone|Scan records|Restock treatment rooms", dept="Dental"),
    L("Lab Courier", "job", "transportation-logistics", "rml", "Pick up and deliver lab specimens between clinics and our lab. A good job for careful drivers who like being on the move.", "Drive a planned route of clinic pickups|Keep specimens at the right temperature|Scan every package in and out", age="18+"),
    L("Lab Assistant Summer Internship", "internship", "stem healthcare", "rml", "Work in a clinical lab this summer. Learn specimen processing, lab safety and quality control with our certified lab scientists.", "Label and sort specimens|Prepare supplies|Record temperature logs"),
    L("Health Careers Summer Academy", "summer-program", "healthcare", "rmch", "Explore nursing, pharmacy, imaging and therapy careers in one summer.&nbsp; Last year’s students called it “the best week of my summer” and we’re growing it to a full program.", "Rotate through four departments|Earn CPR certification|Present your health careers plan"),
    L("Wayfinding Ambassador (Volunteer)", "volunteer", "healthcare hospitality", "rmch", "Greet visitors and help them find their way around our clinic campus. Friendly volunteers make a hard day easier for patients and families.", "Greet patients and visitors|Escort people to appointments|Deliver flowers and mail", dept="Volunteer Services"),
    L("Senior Living Activities Volunteer", "volunteer", "healthcare human-services", "mcsl", "Lead games, music and crafts with residents. Many volunteers go on to careers in nursing, therapy and social work.", "Lead bingo, music or craft sessions|Visit with residents|Help with seasonal events", dept="Volunteer Services"),
    L("Dietary Aide", "job", "hospitality healthcare", "mcsl", "Serve meals and help in the kitchen of our senior living community. Flexible after-school and weekend shifts.", "Serve meals with a smile|Wash dishes and clean the kitchen|Follow special diet cards", dept="Dining Services"),
    L("Medical Billing Intern", "internship", "finance healthcare", "vvfc", "Learn how clinics get paid. Work remotely with our billing team on insurance claims, payment posting and patient questions.", "Post payments|Check claims for errors|Answer simple billing questions", mode="r", dept="Revenue Cycle"),
    L("Community Health Worker Trainee", "training", "healthcare human-services", "rmch", "Train to become a community health worker, connecting neighbors with care, food and housing help. Paid training with a job offer on completion.", "Learn health coaching and outreach|Practice home visit safety|Complete field hours with a mentor", dept="Community Health"),
    L("Clinical IT Help Desk Technician", "job", "information-technology healthcare", "rmch", "Keep nurses and doctors online. Answer IT help desk calls, set up computers and troubleshoot printers across our clinics.", "Answer help desk calls and tickets|Set up computers and printers|Reset accounts and passwords", mode="h", pay=("year", 40000, 48000)),
    L("IT Support Intern", "internship", "information-technology", "bwit", "Support small business clients with our IT team. Image laptops, set up accounts and learn cloud tools used by real companies.", "Set up laptops for new employees|Help users over chat and phone|Document fixes in the ticket system", mode="h"),
    L("Junior Web Developer Apprentice", "apprenticeship", "information-technology", "bwit", "Learn coding on real client projects. Apprentices build websites with HTML, CSS and JavaScript under a senior developer and attend a weekly class.", "Build and test web pages|Fix bugs with a mentor|Join daily stand-up meetings", mode="h"),
    L("Virtual Cybersecurity Job Shadow", "job-shadowing", "information-technology", "bwit", "Join our security team on a video call for a morning. See how analysts spot phishing, watch alerts and protect small businesses.", "Watch a phishing investigation|See a security dashboard|Ask about cybersecurity careers", mode="r"),
    L("Member Service Representative", "job", "finance business-marketing", "qhcu", "Help members open accounts, make deposits and solve problems. Full-time with benefits and paid training in banking and customer service.", "Open accounts and process deposits|Answer member questions|Explain savings and checking options", pay=("year", 32000, 35000), dept="Member Services"),
    L("Finance Intern", "internship", "finance", "qhcu", "Work with our finance team on budgets, reports and the monthly close. Strong Microsoft Excel skills are a plus but not required.", "Reconcile accounts|Build Excel reports|Help prepare the monthly close", mode="h"),
    L("Production Associate", "job", "manufacturing", "fam", "Build metal parts on our production line. We train you on safety, machines and quality. Steady hours and overtime available.", "Run production machines|Check parts for quality|Keep your station clean and safe", age="18+", pay=("hour", 17.5, None)),
    L("Quality Inspection Intern", "internship", "manufacturing stem", "fam", "Learn how manufacturers make sure every part is right. Use gauges, record data and help engineers solve quality problems.", "Measure parts with gauges|Record inspection data|Help with root-cause studies", dept="Quality"),
    L("Maintenance Mechanic Apprentice", "apprenticeship", "manufacturing skilled-trades", "fam", "Keep our machines running. Apprentices learn mechanical, hydraulic and electrical repair alongside experienced mechanics.", "Help with preventive maintenance|Troubleshoot motors and conveyors|Learn safe lockout procedures", dept="Maintenance"),
    L("Factory Floor Job Shadow", "job-shadowing", "manufacturing", "fam", "Walk the factory floor with a production supervisor. See welding, machining and assembly, and learn what manufacturing careers pay.", "Tour the production floor|Watch a welding demonstration|Meet apprentices"),
    L("Warehouse Associate (Forklift)", "job", "transportation-logistics", "ivl", "Pick, pack and load orders in our distribution center. Forklift training provided; experience is a plus.", "Pick and pack orders|Load trucks safely|Drive a forklift after certification", age="18+", transport="Shuttle from the Tarrant park-and-ride; transportation provided."),
    L("Dispatch & Logistics Coordinator Intern", "internship", "transportation-logistics operations", "ivl", "Work with dispatchers to plan truck routes and track shipments. Learn the logistics software real supply chains run on.", "Track shipments on a live map|Update delivery schedules|Call drivers and customers"),
    L("Hotel Front Desk Agent", "job", "hospitality", "chg", "Welcome guests, check them in and make their stay great. Flexible shifts and hotel discounts for team members.", "Check guests in and out|Answer phones and questions|Solve guest problems with a smile"),
    L("Banquet Server", "job", "hospitality", "chg", "Serve at weddings, conferences and galas. Great tips and pay for students who like fast-paced teamwork.", "Set tables and serve meals|Pour water and coffee|Break down rooms after events", dept="Banquets"),
    L("Social Media & Marketing Intern", "internship", "business-marketing arts-media", "chg", "Create posts, short videos and stories for our hotels. You'll learn social media scheduling, analytics and brand voice.", "Write and schedule posts|Film short videos|Track what works each week", mode="r"),
    L("Video Production Intern", "internship", "arts-media", "eml", "Help our small studio shoot and edit videos for nonprofits and local businesses. Learn cameras, lighting, sound and editing software.", "Set up cameras, lights and mics|Edit short videos|Organize footage and files", mode="h"),
    L("Graphic Design Summer Studio", "summer-program", "arts-media", "eml", "A summer studio for teens who love to draw and design. Learn design software, make posters and logos for real community clients.", "Learn design software basics|Create posters and logos|Present work to a real client"),
    L("Podcast Production Workshop", "workshop", "arts-media", "eml", "Learn to plan, record and edit a podcast episode in a short online workshop. Bring an idea; we'll supply the know-how.", "Plan an episode|Record clean audio|Edit and publish", mode="r"),
    L("Engineering Drafting Intern", "internship", "stem", "nes", "Help our engineers draw plans for roads, parks and buildings. Learn CAD software and how engineering projects go from idea to construction.", "Draft plans in CAD software|Visit job sites with engineers|Update project files", mode="h", dept="Engineering & Labs"),
    L("Girls in Engineering Summer Camp", "summer-program", "stem", "nes", "A hands-on summer camp for girls who like building and solving problems. Build bridges, test circuits and meet women engineers.", "Build and test a model bridge|Wire simple circuits|Meet engineers", age="14-18"),
    L("Facilities Electrical Helper", "job", "skilled-trades facilities", "rmch", "Assist our facilities electricians across clinic buildings. Learn wiring, lighting and safety while you work toward an apprenticeship.", "Carry and stage materials|Help replace lights and outlets|Keep tools and vans organized", age="18+", dept="Facilities"),
]

CSV_ROWS = [
    L("Trail Crew Volunteer Day", "volunteer", "agriculture-environment", "vtbc", "Grab gloves and help us build and repair hiking trails on the ridge. Our motto is \"leave it better than you found it,\" and we mean it.", "Clear brush and fallen limbs|Build rock steps and drains|Pick up litter along the trail", sched=("Once a month, Saturday mornings", "weekends")),
    L("Summer Trail Building Crew", "summer-program", "agriculture-environment skilled-trades", "vtbc", "Spend the summer outdoors building trails, bridges and benches. Crew members learn tool safety, teamwork and basic carpentry, and earn a stipend.", "Build trail steps and bridges|Use hand tools safely|Lead a volunteer group by summer's end"),
    L("Urban Farm Intern", "internship", "agriculture-environment", "wcga", "Grow food for your neighborhood. Interns plant, harvest and sell vegetables, and learn how small farms make money.", "Plant and harvest crops|Run the farm stand|Track sales and harvest weights"),
    L("Saturday Harvest Volunteer", "volunteer", "agriculture-environment human-services", "wcga", "Help harvest and bag fresh vegetables that go to families in Woodlawn. No gardening experience needed, just energy and a good attitude.", "Harvest vegetables|Wash and bag produce|Help load the delivery van", sched=("Saturdays, 9 a.m.–noon", "weekends")),
    L("Farmers Market Youth Vendor Program", "summer-program", "business-marketing agriculture-environment", "wcga", "Run your own booth at a neighborhood farmers market. Learn pricing, customer service and marketing, and keep a share of your sales.", "Set up and run a market booth|Price and display products|Track sales and profits"),
    L("Youth Civic Leadership Fellowship", "internship", "public-service", "enyc", "Plan real projects for Ensley with other young leaders. Fellows learn public speaking, how local government works and how to organize neighbors.", "Plan a neighborhood project|Present to community meetings|Survey residents"),
    L("Neighborhood Cleanup Volunteer", "volunteer", "public-service agriculture-environment", "enyc", "Join monthly cleanups, plant flowers and help make Ensley shine. Gloves, bags, snacks and service-hour forms are provided.", "Pick up litter|Plant flowers in public spaces|Sign in volunteers", sched=("Once a month, Saturday mornings", "weekends")),
    L("Shadow a Community Organizer", "job-shadowing", "public-service", "enyc", "Follow a community organizer for a day: meetings, door-knocking and planning sessions. See how change happens block by block.", "Join a planning meeting|Knock on doors with a mentor|Debrief over lunch"),
    L("Mural Arts Summer Program", "summer-program", "arts-media", "tac", "Design and paint a public mural with professional artists. Teens learn design, color, scaling up a sketch and working as a team, and earn a stipend.", "Sketch mural designs|Prep walls and paint|Present the mural at a community unveiling"),
    L("Gallery Assistant Intern", "internship", "arts-media business-marketing", "tac", "Help run a small community gallery. Hang shows, greet visitors, sell art and promote events on social media.", "Help install exhibits|Greet visitors and handle sales|Post event updates online", mode="h"),
    L("Phone Photography Workshop", "workshop", "arts-media", "tac", "Learn to take great photos with the phone you already have. Lighting, composition and editing, plus a photo walk around Titusville.", "Learn lighting and composition|Take a neighborhood photo walk|Edit and share your best shots", sched=0),
    L("Theater Tech Crew Volunteer", "volunteer", "arts-media", "tac", "Work backstage on community theater shows. Learn lighting, sound and set building, and see how a show comes together.", "Hang and focus lights|Run sound cues|Build and paint sets"),
    L("Reading Buddies Volunteer Tutor", "volunteer", "teaching", "elmc", "Read with a first or second grader once a week. Reading buddies make a big difference, and you'll gain tutoring experience for college applications.", "Read with the same student weekly|Play word games|Share progress notes with teachers", sched=("One afternoon a week, 3:30–4:30 p.m.", "after school")),
    L("Shadow a Teacher for a Day", "job-shadowing", "teaching paraprofessional", "elmc", "Spend a school day with an elementary teacher and a classroom aide. See how lessons are taught and how aides support students who need extra help.", "Observe reading and math lessons|Help with a small group|Ask about teaching degrees"),
    L("After-School Program Assistant Intern", "internship", "paraprofessional human-services", "elmc", "Support kids in our after-school program with homework, games and snacks. Great experience for future teachers, aides and childcare workers.", "Help with homework|Lead games and activities|Keep attendance and sign-out records"),
    L("College & Career Planning Workshop", "workshop", "counseling", "elmc", "Meet counselors one-on-one to plan your next step: college, trade school, the military or a job. Bring your questions; we'll bring the answers.", "Build a college and career list|Learn about financial aid|Make a plan for the next 12 months", mode="h"),
    L("Peer Support Volunteer", "volunteer", "counseling", "kfrc", "Be a trusted listener for other teens in our drop-in center. Training covers listening skills, boundaries and when to get an adult.", "Welcome teens to the drop-in center|Listen and share resources|Help plan wellness events"),
    L("Family Resource Intern", "internship", "human-services counseling", "kfrc", "Help families find food, childcare and job resources. Interns answer calls, update resource lists and help at family events.", "Answer calls and walk-ins|Update the resource directory|Help run family events", mode="h"),
    L("Shadow a Case Manager", "job-shadowing", "human-services", "kfrc", "See how case managers help families through hard times. Shadow intake meetings (with consent) and learn about social work careers.", "Observe intake meetings|Learn how referrals work|Talk about social work degrees"),
    L("Free Tax Help Volunteer", "volunteer", "finance", "kfrc", "Help neighbors file their taxes for free. After training and a certification test, you'll prepare simple returns under supervision.", "Complete tax preparer training|Prepare simple returns with a reviewer|Greet and schedule clients", age="16+"),
    L("Financial Literacy for Teens", "workshop", "finance", "kfrc", "Money, explained. A friendly online workshop on budgeting, bank accounts, credit and saving, for teens with or without a job.", "Make a budget|Learn about bank accounts|Understand credit", mode="r"),
    L("Makerspace Intern", "internship", "stem manufacturing", "amg", "Help members use 3D printers, laser cutters and hand tools in our makerspace. Learn design software and run beginner workshops.", "Run 3D printers and laser cutters|Help members with projects|Teach beginner classes"),
    L("Intro to Welding Workshop", "workshop", "manufacturing skilled-trades", "amg", "Strike your first arc! A beginner welding workshop with safety gear provided. Find out if welding could be your career.", "Learn welding safety|Practice basic welds|Talk with working welders", sched=0),
    L("Woodshop Summer Camp", "summer-program", "skilled-trades", "amg", "Build a bench, a birdhouse and a bookshelf in two weeks. Learn safe tool use, measuring and finishing.", "Measure and cut wood safely|Use power tools with supervision|Build and finish three projects"),
    L("Shadow a Machinist", "job-shadowing", "manufacturing", "amg", "Spend a morning with a machinist who makes custom metal parts. See lathes and mills in action and learn about machining careers.", "Watch a part being made|Use measuring tools|Ask about machining programs"),
    L("Food Pantry Warehouse Volunteer", "volunteer", "transportation-logistics human-services", "fhfp", "Sort donations, pack boxes and keep our warehouse organized. Volunteers learn inventory and teamwork, and help feed thousands of neighbors.", "Sort and check donations|Pack grocery boxes|Keep shelves organized"),
    L("Pantry Operations Intern", "internship", "operations", "fhfp", "Learn how a food pantry runs: scheduling volunteers, tracking inventory and planning distributions. Microsoft Excel skills are a plus.", "Schedule volunteers|Track inventory in Excel|Help plan distribution days"),
    L("Delivery Route Volunteer", "volunteer", "transportation-logistics", "fhfp", "Deliver groceries to seniors and families who can't get to the pantry. Drive your own car or ride along with a driver.", "Load deliveries|Follow a planned route|Check in with each household", age="18+"),
    L("Childcare Assistant Intern", "internship", "human-services paraprofessional", "lsel", "Work with toddlers and preschoolers in our early learning center. Learn childcare basics, early literacy and classroom routines.", "Help with meals and naps|Read and play with children|Keep classrooms clean and safe"),
    L("Shadow an Early Childhood Teacher", "job-shadowing", "teaching", "lsel", "See what teaching four-year-olds is really like. Shadow a lead teacher through circle time, centers and outdoor play.", "Observe circle time and centers|Help with an art activity|Ask about early childhood degrees"),
    L("Summer Reading Camp Helper", "summer-program", "teaching paraprofessional", "lsel", "Help young kids keep reading over the summer. Camp helpers read aloud, lead games and help with crafts.", "Read aloud to small groups|Lead word games|Help with crafts and snacks"),
    L("Volunteer Coordinator Intern", "internship", "operations human-services", "mcsv", "Help match volunteers with nonprofits across the city. Learn scheduling, email outreach and event planning.", "Send volunteer reminders|Update the volunteer database|Help run volunteer fairs", mode="h"),
    L("Event Setup Volunteer", "volunteer", "hospitality operations", "mcsv", "Set up and run community events: 5Ks, festivals and fundraisers. Great for service hours and meeting new people.", "Set up tables and tents|Hand out water and T-shirts|Clean up after the event"),
    L("Shadow a Nurse", "job-shadowing", "healthcare", "rmch", "Follow a registered nurse in a community clinic for a morning. See patient care up close and learn about nursing school and CNA programs.", "Observe patient visits|Learn how nurses chart|Ask about nursing school"),
    L("Summer Jobs Orientation", "workshop", "operations", "mcyw", "Required for everyone starting a summer job with us: workplace rules, timesheets, direct deposit and how to talk to your supervisor.", "Complete hiring paperwork|Learn how to use timesheets|Practice workplace scenarios", mode="r", sched=1),
    L("Shadow a Building Maintenance Technician", "job-shadowing", "facilities", "mcyw", "Follow a maintenance technician through a morning of work orders. See plumbing, electrical and HVAC repairs and learn how to start a facilities career.", "Ride along on work orders|See an HVAC system up close|Ask about trade school"),
    L("Tech Refurb Volunteer", "volunteer", "information-technology", "amg", "Refurbish donated computers for families who need them. Learn to test parts, wipe drives and install software.", "Test and clean donated computers|Wipe and reinstall software|Pack computers for families"),
    L("Web Design for Nonprofits Intern", "internship", "information-technology arts-media", "mcsv", "Build and update websites for small nonprofits. Learn web design, coding basics and how to work with real clients, all from home.", "Update nonprofit websites|Design simple graphics|Meet clients by video", mode="r"),
    L("Interview Skills Night", "workshop", "business-marketing", "mcyw", "Practice interview skills with volunteers from local businesses. Dress how you like, bring your questions, and leave more confident.", "Practice answering common questions|Get feedback on your answers|Learn how to follow up", sched=1),
    L("  Summer   Lifeguard  &  Pool Crew ", "summer-program", "hospitality", "mcyw", "Guard, teach swim lessons and keep the pool running this summer. Certification is provided, and returning guards get a raise. Questions? Call us, text us, or just \"stop by the pool.\"", "Guard the pool|Help teach swim lessons|Check in swimmers and clean the deck", pay=("hour", 12, None), age="16+"),
    L("Youth Budget Committee", "volunteer", "finance public-service", "enyc", "Decide how to spend $10,000 on youth projects in Ensley. Committee members learn budgeting, public speaking and how public money is spent.", "Review project proposals|Build a budget|Present recommendations to the council", sched=("One evening a week, 5–8 p.m.", "school year")),
]


def identifiers(files, rng):
    """Give every listing its source's ids and a unique apply URL on a reserved example domain."""
    guids = rng.sample(range(4_100_000, 4_999_999), len(files["rss"]))
    for item, guid in zip(files["rss"], guids):
        item.extras.update(guid=guid, job_id=f"26-{guid % 10000:04d}")
        item.url = f"https://example.org/youth-jobs/{item.extras['job_id']}/apply"
    for item in files["atom"]:
        item.url = f"https://apply.example.net/training/{item.n:03d}-{slugify(item.title)}"
    for item, gh_id in zip(files["greenhouse"], rng.sample(range(4_400_000, 4_999_999), len(files["greenhouse"]))):
        item.extras["gh_id"] = gh_id * 1000 + 2
        item.url = f"https://jobs.example.com/{slugify(ORGS[item.org][0])}/jobs/{item.extras['gh_id']}"
    for item in files["csv"]:
        item.extras["csv_id"] = f"P-{1000 + item.n}"
        item.url = (f"https://apply.example.net/partners/p-{1000 + item.n}" if item.n % 3 == 0
                    else f"https://example.org/partners/{slugify(ORGS[item.org][0])}/p-{1000 + item.n}")
    urls = [i.url for items in files.values() for i in items]
    assert len(urls) == len(set(urls)), "apply URLs must be unique"


TEMPLATE_ROW = {
    "id": "YOURORG-001", "title": "Weekend Community Garden Volunteer", "organization": "Your Organization Name",
    "opportunity_type": "Volunteer", "career_pathways": "Agriculture & environment;Human services",
    "description": "Help grow and share fresh food with neighbors.\n\nWhat you'll do:\n- Plant and harvest\n- Pack produce",
    "min_age": 14, "max_age": 18, "grades": "", "paid": "no", "pay": "", "work_mode": "on-site",
    "address": "1700 3rd Ave N", "city": "Birmingham", "state": "AL", "zip": "35203",
    "application_deadline": "2026-12-01", "start_date": "2027-01-09", "end_date": "2027-05-29",
    "hours_per_week": "", "schedule": "Saturdays, 9 a.m.–noon", "transportation": "Near MAX bus route 1.",
    "apply_url": "https://example.org/your-org/volunteer", "posted_date": "2026-10-15",
}


def main():
    rng = random.Random(SEED)
    files = {"rss": RSS, "atom": ATOM, "greenhouse": GREENHOUSE, "csv": CSV_ROWS}
    addresses, decks = {}, {}
    for source, items in files.items():
        for n, item in enumerate(items, 1):
            item.source, item.n = source, n
            base_attributes(item, rng, addresses, decks)
    assign_deadlines(files, rng)
    for items in files.values():
        for item in items:
            schedule_attributes(item, rng)
    identifiers(files, rng)
    write_rss(RSS, rng, HERE / "city_youth_jobs.rss")
    write_atom(ATOM, rng, HERE / "training_collaborative.atom")
    write_greenhouse(GREENHOUSE, rng, HERE / "health_careers_board.json")
    write_csv([csv_row(item, rng) for item in CSV_ROWS], HERE / "partner_opportunities.csv")
    write_csv([TEMPLATE_ROW], HERE / "partner_template.csv")
    print(f"wrote {sum(len(v) for v in files.values())} listings: "
          + ", ".join(f"{k} {len(v)}" for k, v in files.items()))


if __name__ == "__main__":
    main()
