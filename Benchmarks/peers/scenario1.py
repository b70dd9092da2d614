"""scenario/1 for the CP-SAT peer: reading a file, working days, the placements of an event,
and an evaluator of a chosen calendar (docs/formats.md, in this repository).

Standard library only. The peer is a benchmark opponent, not a validator: it reads the files
`convene` accepts, checks the structure it relies on (and refuses the rest with exit status 2),
and leaves the rest of "bad input" (ids that name nothing, cycles, uniqueness) to `convene`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class BadInput(Exception):
    """A file the peer cannot read; one message per problem."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------

def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise BadInput([f"a JSON object has the key {k!r} twice" for k in keys if keys.count(k) > 1][:1])
    return dict(pairs)


def _no_constant(name):
    raise BadInput([f"{name} is not a JSON number"])


def read_json(path: str):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise BadInput([f"{path}: not UTF-8 ({e})"])
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise BadInput([f"{path}: not JSON ({e})"])


def _date(x, path, problems):
    try:
        if isinstance(x, str) and len(x) == 10:
            return date.fromisoformat(x)
    except ValueError:
        pass
    problems.append(f"{path}: expected a date YYYY-MM-DD, found {x!r}")
    return None


def _frac(x) -> Fraction:
    return Fraction(str(x)) if isinstance(x, float) else Fraction(x)


@dataclass
class Venue:
    id: str
    city: str
    weekend: set
    closed: set
    unavailable: list  # of (start, end)
    rooms: int | None

    def works(self, d: date) -> bool:
        if WEEKDAYS[d.weekday()] in self.weekend or d in self.closed:
            return False
        return not any(a <= d <= b for a, b in self.unavailable)


@dataclass
class Event:
    id: str
    kind: str
    lengths: list  # of Fraction: [0], [1/2], [n] or min..max
    venues: list
    earliest: date
    latest: date
    contiguous: bool
    start_weekdays: set | None
    fixed: dict | None
    preferred: date | None

    @property
    def milestone(self) -> bool:
        return self.lengths == [0]


@dataclass
class External:
    id: str
    category: str
    place: str
    start: date | None
    end: date | None


@dataclass
class Scenario:
    name: str
    first: date
    last: date
    venues: dict
    events: list
    externals: list
    constraints: list
    preferred_weight: int

    def event(self, eid: str) -> Event:
        return self.by_id[eid]

    def __post_init__(self):
        self.by_id = {e.id: e for e in self.events}

    def works(self, venue: str | None, d: date) -> bool:
        if not (self.first <= d <= self.last):
            return False
        if venue is None:  # a milestone held nowhere: Monday to Friday
            return d.weekday() < 5
        return self.venues[venue].works(d)


def load(path: str) -> Scenario:
    doc = read_json(path)
    problems: list[str] = []
    if not isinstance(doc, dict) or doc.get("format") != "scenario/1":
        raise BadInput([f"{path}: not a scenario/1 file"])
    for key in ("name", "horizon", "venues", "events"):
        if doc.get(key) is None:
            problems.append(f"{path}: {key}: missing")
    if problems:
        raise BadInput(problems)
    first = _date(doc["horizon"].get("start"), "horizon.start", problems)
    last = _date(doc["horizon"].get("end"), "horizon.end", problems)
    venues = {}
    for i, v in enumerate(doc["venues"]):
        unavailable = []
        for j, r in enumerate(v.get("unavailable") or []):
            unavailable.append((_date(r.get("start"), f"venues[{i}].unavailable[{j}].start", problems),
                                _date(r.get("end"), f"venues[{i}].unavailable[{j}].end", problems)))
        venues[v["id"]] = Venue(
            id=v["id"], city=v.get("city") or v["id"],
            weekend=set(v["weekend"] if v.get("weekend") is not None else ["sat", "sun"]),
            closed={_date(d, f"venues[{i}].closed", problems) for d in v.get("closed") or []},
            unavailable=unavailable,
            rooms=int(v["rooms"]) if v.get("rooms") is not None else None)
    events = []
    for i, e in enumerate(doc["events"]):
        p = f"events[{i}]"
        d = e.get("days")
        if isinstance(d, dict):
            lengths = [Fraction(n) for n in range(int(d["min"]), int(d["max"]) + 1)]
        elif isinstance(d, (int, float)) and not isinstance(d, bool) and (d in (0, 0.5) or (d >= 1 and float(d).is_integer())):
            lengths = [_frac(d)]
        else:
            problems.append(f"{p}.days: expected 0, 0.5, a whole number or {{min,max}}, found {d!r}")
            continue
        window = e.get("window") or {}
        fixed = e.get("fixed")
        if fixed is not None:
            fixed = {"start": _date(fixed.get("start"), f"{p}.fixed.start", problems), "venue": fixed.get("venue"),
                     "days": _frac(fixed["days"]) if fixed.get("days") is not None else None}
        events.append(Event(
            id=e["id"], kind=e.get("kind") or "", lengths=lengths, venues=list(e.get("venues") or []),
            earliest=_date(window["earliest"], f"{p}.window.earliest", problems) if window.get("earliest") else first,
            latest=_date(window["latest"], f"{p}.window.latest", problems) if window.get("latest") else last,
            contiguous=e.get("contiguous", True) is not False,
            start_weekdays=set(e["startWeekdays"]) if e.get("startWeekdays") is not None else None,
            fixed=fixed,
            preferred=_date(e["preferredStart"], f"{p}.preferredStart", problems) if e.get("preferredStart") else None))
    externals = []
    for i, x in enumerate(doc.get("external") or []):
        s, t = x.get("start"), x.get("end")
        externals.append(External(
            id=x["id"], category=x.get("category", ""), place=x.get("place", ""),
            start=_date(s, f"external[{i}].start", problems) if s is not None else None,
            end=_date(t, f"external[{i}].end", problems) if t is not None else None))
    for i, c in enumerate(doc.get("constraints") or []):
        if c.get("type") not in ("totalDays", "monthlyQuota", "precedence", "chain", "noOverlap",
                                 "minSpacing", "rotation", "avoidExternal"):
            problems.append(f"constraints[{i}].type: unknown type {c.get('type')!r}")
        if c.get("hard") is False and not c.get("weight"):
            problems.append(f"constraints[{i}].weight: a soft rule needs a weight")
    if problems:
        raise BadInput(problems)
    weight = (doc.get("objective") or {}).get("preferredStartWeight")
    return Scenario(name=doc["name"], first=first, last=last, venues=venues, events=events,
                    externals=externals, constraints=list(doc.get("constraints") or []),
                    preferred_weight=1 if weight is None else int(weight))


# ------------------------------------------------------------------------------------------
# Placements
# ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Placement:
    """One way to hold an event: its start, venue (None for a milestone held nowhere), length,
    and the dates it occupies (none for a milestone)."""
    event: str
    start: date
    end: date
    venue: str | None
    days: Fraction
    dates: tuple = field(default=())

    def key(self):
        """The spec's order: start, end, id by code points."""
        return (self.start, self.end, self.event)


def placements(sc: Scenario, ev: Event) -> list:
    """Every placement of `ev` that its window, the horizon, the working days, contiguity,
    startWeekdays and fixed allow."""
    lo, hi = max(ev.earliest, sc.first), min(ev.latest, sc.last)
    out = []
    for venue in (ev.venues or [None]):
        if venue is not None and venue not in sc.venues:
            continue
        d = lo
        while d <= hi:
            s, d = d, d + timedelta(days=1)
            if not sc.works(venue, s) or (ev.start_weekdays is not None and WEEKDAYS[s.weekday()] not in ev.start_weekdays):
                continue
            if ev.fixed is not None and (ev.fixed["start"] != s or (ev.venues and ev.fixed["venue"] != venue)):
                continue
            for n in ev.lengths:
                if ev.fixed is not None and ev.fixed["days"] is not None and ev.fixed["days"] != n:
                    continue
                if n == 0:
                    out.append(Placement(ev.id, s, s, venue, n))
                    continue
                dates, t = [], s
                while len(dates) < math.ceil(n) and t <= hi:
                    if sc.works(venue, t):
                        dates.append(t)
                    t += timedelta(days=1)
                if len(dates) < math.ceil(n):
                    break  # longer lengths cannot fit either
                if ev.contiguous and (dates[-1] - s).days != len(dates) - 1:
                    continue
                out.append(Placement(ev.id, s, dates[-1], venue, n, tuple(dates)))
    return out


def select_events(sc: Scenario, sel) -> list:
    if sel == "all":
        return list(sc.events)
    if isinstance(sel, list):
        sel = {"ids": sel}
    if "ids" in sel:
        return [e for e in sc.events if e.id in set(sel["ids"])]
    if "kind" in sel:
        return [e for e in sc.events if e.kind == sel["kind"]]
    return [e for e in sc.events if e.kind in set(sel["kinds"])]


def select_externals(sc: Scenario, sel) -> list:
    """The dated externals a selector names (an undated one never clashes)."""
    dated = [x for x in sc.externals if x.start is not None]
    if sel == "all":
        return dated
    if isinstance(sel, list):
        sel = {"ids": sel}
    if "ids" in sel:
        return [x for x in dated if x.id in set(sel["ids"])]
    if "category" in sel:
        return [x for x in dated if x.category == sel["category"]]
    return [x for x in dated if x.category in set(sel["categories"])]


def city(sc: Scenario, venue: str | None):
    return sc.venues[venue].city if venue is not None else None


def clash_count(sc: Scenario, p: Placement, externals: list, buffer: int, same_place: bool) -> int:
    """The (external, date) pairs of placement `p` that an avoidExternal rule counts."""
    n = 0
    for x in externals:
        if same_place and x.place not in (p.venue, city(sc, p.venue)):
            continue
        a, b = x.start - timedelta(days=buffer), x.end + timedelta(days=buffer)
        n += sum(1 for d in p.dates if a <= d <= b)
    return n


def month_days(p: Placement) -> dict:
    """Days counted per month "YYYY-MM": 0.5 for a half day, else 1 per occupied date."""
    out: dict = {}
    for d in p.dates:
        m = d.isoformat()[:7]
        out[m] = out.get(m, 0) + (Fraction(1, 2) if p.days == Fraction(1, 2) else 1)
    return out


# ------------------------------------------------------------------------------------------
# The evaluator: the spec's amounts of a complete calendar, from the chosen placements
# ------------------------------------------------------------------------------------------

def _distance(v, lo, hi) -> Fraction:
    if lo is not None and v < _frac(lo):
        return _frac(lo) - v
    if hi is not None and v > _frac(hi):
        return v - _frac(hi)
    return Fraction(0)


def _ordered(chosen: dict, events: list) -> list:
    return sorted((chosen[e.id] for e in events if not e.milestone), key=Placement.key)


def amount(sc: Scenario, c: dict, chosen: dict) -> Fraction:
    """The amount of rule `c` (0 when it holds) over a complete calendar `chosen`: {id: Placement}."""
    t = c["type"]
    if t == "precedence":
        b, a = chosen[c["before"]], chosen[c["after"]]
        return _distance(Fraction((a.start - b.end).days), c.get("minDays", 1) if c.get("minDays") is not None else 1, c.get("maxDays"))
    if t == "chain":
        ids = c["events"]
        lo = c.get("minDays") if c.get("minDays") is not None else 1
        return sum((_distance(Fraction((chosen[ids[k + 1]].start - chosen[ids[k]].end).days), lo, None)
                    for k in range(len(ids) - 1)), Fraction(0))
    events = select_events(sc, c["events"])
    if t == "totalDays":
        return _distance(sum((chosen[e.id].days for e in events), Fraction(0)), c.get("min"), c.get("max"))
    if t == "monthlyQuota":
        counted: dict = {}
        for p in (chosen[e.id] for e in events if not e.milestone):
            for m, n in month_days(p).items():
                counted[m] = counted.get(m, 0) + n
        mode, total = c.get("mode") or "exactly", Fraction(0)
        for m, q in c["quota"].items():
            v, q = Fraction(counted.get(m, 0)), _frac(q)
            total += abs(v - q) if mode == "exactly" else max(Fraction(0), q - v) if mode == "atLeast" else max(Fraction(0), v - q)
        return total
    order = _ordered(chosen, events)
    if t in ("noOverlap", "minSpacing"):
        total = Fraction(0)
        for i in range(len(order)):
            for j in range(i + 1, len(order)):
                p, q = order[i], order[j]
                if t == "minSpacing":
                    need = int(c["days"])
                else:
                    need = 1 + (int(c.get("travelDays") or 0) if city(sc, p.venue) != city(sc, q.venue) else 0)
                total += max(0, need - (q.start - p.end).days)
        return total
    if t == "rotation":
        total = Fraction(sum(1 for p, q in zip(order, order[1:]) if p.venue == q.venue))
        counts: dict = {}
        for p in order:
            counts[p.venue] = counts.get(p.venue, 0) + 1
        for v, n in (c.get("minPerVenue") or {}).items():
            total += max(0, int(n) - counts.get(v, 0))
        for v, n in (c.get("maxPerVenue") or {}).items():
            total += max(0, counts.get(v, 0) - int(n))
        return total
    if t == "avoidExternal":
        xs = select_externals(sc, c["external"])
        buffer, same = int(c.get("bufferDays") or 0), (c.get("scope") or "anyPlace") == "samePlace"
        return Fraction(sum(clash_count(sc, p, xs, buffer, same) for p in order))
    raise ValueError(t)


def evaluate(sc: Scenario, chosen: dict):
    """(cost, hard rules broken, [(rule id, amount, weight)] of the soft costs) of a complete calendar."""
    cost, broken, soft = Fraction(0), [], []
    for c in sc.constraints:
        a = amount(sc, c, chosen)
        if a == 0:
            continue
        if c.get("hard", True) is False:
            cost += int(c["weight"]) * a
            soft.append((c["id"], a, int(c["weight"])))
        else:
            broken.append(c["id"])
    for e in sc.events:
        if e.preferred is not None:
            a = abs((chosen[e.id].start - e.preferred).days)
            if a and sc.preferred_weight:
                cost += sc.preferred_weight * a
                soft.append((f"preferredStart:{e.id}", Fraction(a), sc.preferred_weight))
    for v in sc.venues.values():
        if v.rooms is None:
            continue
        taken: dict = {}
        for p in chosen.values():
            if p.venue == v.id:
                for d in p.dates:
                    taken[d] = taken.get(d, 0) + 1
        if any(n > v.rooms for n in taken.values()):
            broken.append(f"rooms:{v.id}")
    return cost, broken, soft


def number(x: Fraction):
    """A JSON number: whole ones without a fraction."""
    return int(x) if x.denominator == 1 else float(x)


def calendar(sc: Scenario, chosen: dict, status: str, cost: Fraction, soft: list) -> dict:
    """A calendar/1 document of a complete calendar, assignments in the spec's order."""
    return {
        "format": "calendar/1",
        "scenario": sc.name,
        "status": status,
        "cost": number(cost),
        "assignments": [{"event": p.event, "start": p.start.isoformat(), "end": p.end.isoformat(),
                         "venue": p.venue, "days": number(p.days)}
                        for p in sorted(chosen.values(), key=Placement.key)],
        "violations": [{"constraint": r, "amount": number(a), "weight": w, "detail": ""} for r, a, w in soft],
    }


def read_calendar(path: str) -> dict:
    """{event id: (start, venue, days or None)} of a calendar/1 file."""
    doc = read_json(path)
    out = {}
    for a in doc.get("assignments") or []:
        out[a["event"]] = (date.fromisoformat(a["start"]), a.get("venue"),
                           _frac(a["days"]) if a.get("days") is not None else None)
    return out
