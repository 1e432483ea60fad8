"""Deterministic synthetic news sources for the benchmark (about 700 words each), with direct,
partial and reported quotes, glossary terms, named initiatives, people and relative dates."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

FIRST = ["Maria", "Omar", "Li", "Anna", "James", "Priya", "Kenji", "Fatima", "Lucas", "Sofia", "Chen", "Ivan"]
LAST = ["Lopez", "Haddad", "Wei", "Novak", "Carter", "Natarajan", "Sato", "Khan", "Moreau", "Rossi", "Zhao", "Petrov"]
ROLES = ["trade minister", "foreign minister", "spokesperson for the ministry", "senior analyst", "chief executive",
         "ambassador", "regulator"]
COUNTRIES = ["China", "the United States", "India", "Brazil", "Japan", "Germany", "Australia", "Canada"]
ORGS = ["Huawei", "TikTok", "ByteDance", "Reuters", "Microsoft", "Tencent"]
PROGRAMS = ["Clean Network", "Digital Silk Road", "Open Data Pact", "Secure Cable Initiative", "Trusted Cloud Plan",
            "Safe Apps Program"]
TERMS = ["data security", "mass surveillance", "backdoors", "undersea cables", "cloud services", "5G networks",
         "unilateralism", "data localisation", "critical infrastructure", "supply chains", "encryption"]
WHEN = ["on Tuesday", "last month", "last year", "earlier this week", "in August", "on Sept. 8", "yesterday"]
FILLER = ("The dispute has drawn in companies and governments across several continents, and officials on all "
          "sides say the outcome will shape how networks are built for years. Analysts note that the rules are "
          "still vague and that enforcement remains unclear. ")


def source(i: int, rng: random.Random) -> str:
    p1 = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    p2 = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    role1, role2 = rng.choice(ROLES), rng.choice(ROLES)
    c1, c2 = rng.sample(COUNTRIES, 2)
    prog1, prog2 = rng.sample(PROGRAMS, 2)
    t = rng.sample(TERMS, 6)
    org = rng.choice(ORGS)
    w1, w2 = rng.sample(WHEN, 2)
    published = dt.date(2020, 1, 1) + dt.timedelta(days=i % 700)
    paras = [
        f"{c1} unveiled the {prog1} {w1}, and called on other countries to join it.",
        f"The initiative, announced by {role1} {p1}, is a response to the {prog2} that {c2} launched {w2}.",
        f"\u201cWe will protect {t[0]} and oppose {t[1]},\u201d {p1} said. \u201cNo country should be bullied.\u201d",
        f"{p2}, a {role2}, called the move \u201ca dangerous step for {t[2]}.\u201d",
        f"{org} said it would keep its {t[3]} open, according to a statement seen by Reuters.",
        f"Sources told Reuters the talks had stalled over {t[4]}.",
        f"The idea is to secure {t[5]}; protect {t[0]}; and guard undersea cables.",
        f"\"The rules are unclear,\" {p2} told reporters. \"We need more detail.\"",
    ]
    while sum(len(p.split()) for p in paras) < 700:
        paras.append(FILLER * 2 + f"{p1} met officials from {c2} in {rng.choice(['May', 'June', 'July'])}.")
    return (f"---\ntitle: Synthetic story {i:04d} on {prog1}\npublisher: Bench Wire\n"
            f"published: {published.isoformat()}\n---\n\n" + "\n\n".join(paras) + "\n")


def write_sources(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"story-{i:04d}.md"
        p.write_text(source(i, rng), encoding="utf-8")
        out.append(p)
    return out
