"""Write synthetic listings as local feeds in the four demo formats."""
from __future__ import annotations

import csv
import json
from email.utils import format_datetime
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape

from bench.synthetic import SyntheticListing
from tracker import taxonomy


def _lines(item: SyntheticListing) -> str:
    lines = [item.description]
    if item.min_age and item.max_age:
        lines.append(f"<p>Who can apply: Ages {item.min_age}–{item.max_age}.</p>")
    elif item.min_age:
        lines.append(f"<p>Who can apply: Must be {item.min_age} or older.</p>")
    if item.pay_text:
        lines.append(f"<p>Pay: {item.pay_text}.</p>")
    if item.deadline:
        lines.append(f"<p>Apply by: {item.deadline:%B} {item.deadline.day}, {item.deadline.year}.</p>")
    where = {"remote": "Remote", "hybrid": f"Hybrid — two days a week in {item.city}, AL {item.zip}"}.get(
        item.work_mode, f"On-site at 100 Main St, {item.city}, AL {item.zip}")
    lines.append(f"<p>Where: {where}.</p>")
    return "".join(lines)


def _labels(item: SyntheticListing) -> list[str]:
    return [taxonomy.label(taxonomy.KINDS, item.kind)] + [taxonomy.label(taxonomy.PATHWAYS, p) for p in item.pathways]


def write_rss(path: Path, items: Sequence[SyntheticListing]) -> None:
    body = "".join(
        f"<item><guid isPermaLink=\"false\">{i.number}</guid><title>{escape(i.title)}</title>"
        f"<link>https://example.org/rss/{i.number}</link><pubDate>{format_datetime(i.posted)}</pubDate>"
        f"<description>{escape(_lines(i))}</description>"
        + "".join(f"<category>{escape(c)}</category>" for c in _labels(i))
        + f"<joblisting:department>{escape(i.organisation)}</joblisting:department>"
        f"<joblisting:location>{escape(i.city)}, AL {i.zip}</joblisting:location></item>"
        for i in items)
    path.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
                    'xmlns:joblisting="http://www.neogov.com/namespaces/JobListing"><channel>'
                    f"<title>Bench RSS</title><link>https://example.org/</link><description>b</description>{body}"
                    "</channel></rss>", encoding="utf-8")


def write_atom(path: Path, items: Sequence[SyntheticListing]) -> None:
    body = "".join(
        f"<entry><id>tag:example.org,2026:{i.number}</id><title>{escape(i.title)}</title>"
        f"<link rel=\"alternate\" href=\"https://example.org/atom/{i.number}\"/>"
        f"<published>{i.posted.isoformat()}</published><updated>{i.posted.isoformat()}</updated>"
        f"<author><name>{escape(i.organisation)}</name></author>"
        + "".join(f"<category term=\"{escape(c)}\"/>" for c in _labels(i))
        + f"<content type=\"html\">{escape(_lines(i))}</content></entry>"
        for i in items)
    path.write_text('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    "<title>Bench Atom</title><id>tag:example.org,2026:bench</id>"
                    f"<updated>2026-11-01T00:00:00Z</updated>{body}</feed>", encoding="utf-8")


def write_greenhouse(path: Path, items: Sequence[SyntheticListing]) -> None:
    jobs = [{
        "id": i.number, "title": i.title, "absolute_url": f"https://example.org/gh/{i.number}",
        "updated_at": i.posted.isoformat(), "first_published": i.posted.isoformat(), "company_name": i.organisation,
        "location": {"name": f"{i.city}, AL {i.zip}"}, "content": escape(i.description),
        "metadata": [
            {"name": "Opportunity Type", "value": taxonomy.label(taxonomy.KINDS, i.kind)},
            {"name": "Career Pathway", "value": [taxonomy.label(taxonomy.PATHWAYS, p) for p in i.pathways]},
            {"name": "Minimum Age", "value": i.min_age}, {"name": "Maximum Age", "value": i.max_age},
            {"name": "Pay", "value": i.pay_text}, {"name": "Work Mode", "value": i.work_mode},
            {"name": "Application Deadline", "value": i.deadline.isoformat() if i.deadline else None},
        ],
    } for i in items]
    path.write_text(json.dumps({"jobs": jobs, "meta": {"total": len(jobs)}}), encoding="utf-8")


def write_csv(path: Path, items: Sequence[SyntheticListing]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "title", "organization", "opportunity_type", "career_pathways", "description",
                         "min_age", "max_age", "pay", "work_mode", "city", "state", "zip",
                         "application_deadline", "apply_url", "posted_date"])
        for i in items:
            writer.writerow([i.number, i.title, i.organisation, i.kind, ";".join(i.pathways), i.description,
                             i.min_age or "", i.max_age or "", i.pay_text or "", i.work_mode, i.city, "AL", i.zip,
                             i.deadline.isoformat() if i.deadline else "", f"https://example.org/csv/{i.number}",
                             i.posted.date().isoformat()])


WRITERS = {"rss": write_rss, "atom": write_atom, "greenhouse": write_greenhouse, "csv": write_csv}


def write_sources(folder: Path, items: Sequence[SyntheticListing]) -> Path:
    """Split ``items`` over one file per format and write a sources file naming them."""
    shares = [items[n::len(WRITERS)] for n in range(len(WRITERS))]
    entries = []
    for (fmt, write), share in zip(WRITERS.items(), shares):
        name = f"bench.{fmt}"
        write(folder / name, share)
        entries.append(f'[[source]]\nname = "Bench {fmt}"\nformat = "{fmt}"\nlocation = "{name}"\n')
    path = folder / "sources.toml"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path
