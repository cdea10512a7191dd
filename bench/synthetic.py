"""Synthetic listings with realistic text and field distributions, for the benchmarks.

Deterministic (seeded) so runs compare; nothing here is used by the site.
"""
from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterator

import sqlalchemy as sa

from tracker import taxonomy
from tracker.geo import zip_point

ROLES = ["Intern", "Assistant", "Apprentice", "Aide", "Technician", "Clerk", "Associate", "Trainee",
         "Coordinator", "Helper", "Specialist", "Volunteer", "Counselor", "Tutor", "Mentor"]
FIELDS = ["Nursing", "IT Help Desk", "HVAC", "Welding", "Payroll", "Classroom", "Facilities", "Pharmacy",
          "Warehouse", "Marketing", "Video Production", "Lab", "Customer Service", "Coding", "Childcare",
          "Lifeguard", "Accounting", "Dental", "Electrical", "Culinary", "Parks", "Transit", "Library",
          "Graphic Design", "Network", "Phlebotomy", "Forklift", "Retail", "Office", "Data Entry"]
ORGS = ["Red Mountain Community Health", "Magic City Youth Works", "Vulcan Trail Builders", "Southside Schools Partnership",
        "Iron Valley Logistics", "Brightwire IT Services", "Valley View Family Clinics", "Quarry Hill Credit Union",
        "Forge & Anvil Manufacturing", "Woodlawn Garden Alliance", "Ridgeline Unified Schools", "Sloss Street Media"]
PLACES = [("Birmingham", "35203"), ("Birmingham", "35205"), ("Birmingham", "35211"), ("Birmingham", "35222"),
          ("Hoover", "35244"), ("Bessemer", "35020"), ("Homewood", "35209"), ("Fairfield", "35064"),
          ("Center Point", "35215"), ("Trussville", "35173"), ("Vestavia Hills", "35216"), ("Irondale", "35210")]
WORDS = ("learn help team patients students customers safety schedule training skills equipment records "
         "community support office weekly mentor project hands-on experience certificate shift reliable "
         "communication computer software repair maintain inventory clean organize teach assist report "
         "lead plan budget data system network building repair summer school year weekend evening").split()


SYLLABLES = ["ba", "ker", "lo", "mi", "tan", "ro", "sel", "vi", "dor", "fa", "nu", "pre", "ques", "tor", "win",
             "al", "ben", "cor", "den", "el", "gra", "hol", "im", "jo", "kin", "lar", "mon", "nel", "op", "pul"]
# Real descriptions follow Zipf's law: a few words everywhere, thousands rarely. Half the
# words come from the common job vocabulary above, half from a long tail of 5,000.
TAIL = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "s", "ing", "er", "ed", "al")][:5000]


_ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, len(TAIL) + 1)))


def _description(rng: random.Random, words: int = 150) -> str:
    common = [rng.choice(WORDS) for _ in range(words // 2)]
    rare = rng.choices(TAIL, cum_weights=_ZIPF, k=words - len(common))
    mixed = common + rare
    rng.shuffle(mixed)
    return " ".join(mixed)


@dataclass(frozen=True)
class SyntheticListing:
    number: int
    title: str
    organisation: str
    description: str
    kind: str
    pathways: tuple[str, ...]
    min_age: int | None
    max_age: int | None
    pay_text: str | None
    work_mode: str
    city: str
    zip: str
    deadline: date | None
    posted: datetime


def listings(count: int, seed: int = 2026, today: date | None = None) -> Iterator[SyntheticListing]:
    """Yield ``count`` listings; descriptions run about 150 words."""
    rng = random.Random(seed)
    today = today or date.today()
    kinds = [k.slug for k in taxonomy.KINDS]
    pathways = [p.slug for p in taxonomy.PATHWAYS]
    for number in range(count):
        city, zip_code = rng.choice(PLACES)
        min_age = rng.choice([None, None, 14, 16, 16, 16, 17, 18, 18, 18, 21])
        max_age = rng.choice([None, None, None, 18, 19, 21, 24, 25]) if min_age else None
        if max_age is not None and min_age is not None and max_age < min_age:
            max_age = None
        pay = rng.choice([None, "Unpaid", f"${rng.randint(10, 22)}.{rng.choice(['00', '50'])}/hour",
                          f"${rng.randint(28, 48)},000 a year", f"${rng.choice([300, 500, 750, 1000])} stipend"])
        words = _description(rng)
        yield SyntheticListing(
            number=number,
            title=f"{rng.choice(FIELDS)} {rng.choice(ROLES)}",
            organisation=rng.choice(ORGS),
            description=f"<p>{words.capitalize()}.</p>",
            kind=rng.choice(kinds),
            pathways=tuple(rng.sample(pathways, rng.choice([1, 1, 2]))),
            min_age=min_age, max_age=max_age, pay_text=pay,
            work_mode=rng.choice(["onsite"] * 7 + ["remote", "hybrid", "hybrid"]),
            city=city, zip=zip_code,
            deadline=None if rng.random() < 0.15 else today + timedelta(days=rng.randint(1, 120)),
            posted=datetime.now(timezone.utc) - timedelta(days=rng.randint(0, 60), minutes=number),
        )


def bulk_insert(app, count: int, seed: int = 7) -> None:  # type: ignore[no-untyped-def]
    """Put ``count`` synthetic listings straight into the app's database, in batches."""
    from tracker.data_stamp import touch_data_stamp
    from tracker.extensions import db
    from tracker.models import Listing, Source

    rng = random.Random(seed)
    with app.app_context():
        source = Source(name=f"bulk-{seed}", format="csv", location="-")
        db.session.add(source)
        db.session.commit()
        batch = []
        for item in listings(count, seed=seed):
            point = zip_point(item.zip) if item.work_mode != "remote" else None
            hourly = rng.choice([None, 11, 12, 13, 15, 17, 20])
            grades = rng.choice([None, None, None, (11, 12), (9, 12), (12, 12)])
            batch.append(dict(
                source_id=source.id, external_id=str(item.number), status="active", title=item.title,
                organisation=item.organisation, description=item.description, kind=item.kind,
                pathways=list(item.pathways), min_age=item.min_age, max_age=item.max_age,
                min_grade=grades[0] if grades else None, max_grade=grades[1] if grades else None,
                pay_status="paid" if hourly else rng.choice(["unpaid", "unknown"]),
                pay_min=hourly, pay_period="hour" if hourly else None,
                hours_per_week=rng.choice([None, 10, 15, 20, 30, 40]),
                season=rng.choice([None, None, "summer", "school year"]),
                work_mode=item.work_mode, city=item.city, zip=item.zip,
                latitude=point.latitude if point else None, longitude=point.longitude if point else None,
                deadline=item.deadline, posted_at=item.posted, first_seen_at=item.posted,
                last_seen_at=item.posted, updated_at=item.posted, content_hash=str(item.number)))
            if len(batch) == 5000:
                db.session.execute(sa.insert(Listing), batch)
                batch = []
        if batch:
            db.session.execute(sa.insert(Listing), batch)
        touch_data_stamp()
        db.session.commit()
