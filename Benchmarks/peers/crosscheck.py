#!/usr/bin/env python3
"""crosscheck.py: two CP-SAT peers on the same files, status and cost compared.

    crosscheck.py --other DIR [--random N] [--seed S] [--time-limit 10] [FILE.json ...]

Runs `cpsat_solve.py` of this folder and of DIR (another peer's folder, e.g. a reference
model) on each FILE and on N small random scenarios (every rule type, hard and soft, half days,
milestones, lengths to choose, rooms, outside events; written to a temporary folder), and prints
one Markdown row per file. Where both prove their answer (optimal or infeasible), the status and
cost must be the same; exit status 1 when they are not.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))


def random_scenario(rng: random.Random, n: int) -> dict:
    first = date(2017, 5, 1)
    day = lambda k: (first + timedelta(days=k)).isoformat()
    venues = [
        {"id": "GVA", "city": "Geneva", "closed": [day(rng.randrange(21))], "rooms": rng.choice([1, 2, None])},
        {"id": "PAL", "city": "Geneva", "weekend": ["sun"], "rooms": 1},
        {"id": "NY", "city": "New York", "unavailable": [{"start": day(8), "end": day(9), "reason": "x"}]},
    ]
    venues = [{k: v for k, v in x.items() if v is not None} for x in venues]
    kinds = ["a", "b"]
    events = []
    for i in range(rng.randint(3, 5)):
        e = {"id": f"E{i}", "kind": rng.choice(kinds),
             "days": rng.choice([0, 0.5, 1, 2, 2, 3, {"min": 1, "max": 3}]),
             "venues": rng.sample(["GVA", "PAL", "NY"], rng.randint(1, 2))}
        if e["days"] == 0 and rng.random() < 0.5:
            e["venues"] = []
        if rng.random() < 0.5:
            a = rng.randrange(14)
            e["window"] = {"earliest": day(a), "latest": day(a + rng.randint(5, 14))}
        if rng.random() < 0.2:
            e["contiguous"] = False
        if rng.random() < 0.2:
            e["startWeekdays"] = rng.sample(["mon", "tue", "wed", "thu", "fri"], 3)
        if rng.random() < 0.4:
            e["preferredStart"] = day(rng.randrange(21))
        events.append(e)
    external = [{"id": f"X{i}", "category": rng.choice(["GFMD", "HRC"]), "place": rng.choice(["Geneva", "NY", "Rabat"]),
                 "start": day(s), "end": day(s + rng.randint(0, 2))} for i, s in enumerate(rng.sample(range(21), 2))]
    ids = [e["id"] for e in events]

    def soft(c):
        if rng.random() < 0.6:
            c["hard"] = False
            c["weight"] = rng.randint(1, 5)
        return c

    rules = []
    for k in range(rng.randint(2, 5)):
        t = rng.choice(["totalDays", "monthlyQuota", "precedence", "chain", "noOverlap", "minSpacing", "rotation", "avoidExternal"])
        c = {"id": f"r{k}", "type": t}
        sel = rng.choice(["all", {"kind": "a"}, {"kinds": ["a", "b"]}, {"ids": rng.sample(ids, 2)}])
        if isinstance(sel, dict) and "kind" in sel and not any(e["kind"] == "a" for e in events):
            sel = "all"
        if t == "totalDays":
            c.update(events=sel, min=rng.choice([2, 3.5, 5]), max=rng.choice([6, 8, None]))
        elif t == "monthlyQuota":
            c.update(events=sel, quota={"2017-05": rng.choice([3, 4.5, 6])}, mode=rng.choice(["exactly", "atLeast", "atMost"]))
        elif t == "precedence":
            b, a = rng.sample(ids, 2)
            c.update(before=b, after=a, minDays=rng.choice([1, 2, -1]), maxDays=rng.choice([None, 7]))
        elif t == "chain":
            c.update(events=rng.sample(ids, 3), minDays=rng.choice([1, 2]))
        elif t == "noOverlap":
            c.update(events=sel, travelDays=rng.choice([0, 1, 2]))
        elif t == "minSpacing":
            c.update(events=sel, days=rng.choice([1, 3]))
        elif t == "rotation":
            c.update(events=sel, maxPerVenue={"GVA": 1} if rng.random() < 0.5 else None,
                     minPerVenue={"NY": 1} if rng.random() < 0.3 else None)
        else:
            c.update(events=sel, external=rng.choice(["all", {"category": "GFMD"}]),
                     bufferDays=rng.choice([0, 1]), scope=rng.choice(["anyPlace", "samePlace"]))
        rules.append(soft({k: v for k, v in c.items() if v is not None}))
    return {"format": "scenario/1", "name": f"random-{n}", "horizon": {"start": day(0), "end": day(20)},
            "venues": venues, "events": events, "external": external, "constraints": rules,
            "objective": {"preferredStartWeight": rng.choice([1, 2])}}


def run(folder: str, path: str, limit: float) -> dict:
    py = os.environ.get("CONVENE_PEER_PYTHON", sys.executable)
    p = subprocess.run([py, os.path.join(folder, "cpsat_solve.py"), path, "--time-limit", str(limit), "--workers", "2"],
                       capture_output=True, text=True)
    for line in reversed(p.stdout.splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return {"status": f"error (exit {p.returncode})", "cost": None, "note": p.stderr.strip()[-200:]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--other", required=True, help="the folder of the other peer's cpsat_solve.py")
    ap.add_argument("--random", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=10)
    a = ap.parse_args()
    files = list(a.files)
    if a.random:
        tmp = tempfile.mkdtemp(prefix="crosscheck-")
        rng = random.Random(a.seed)
        for n in range(a.random):
            path = os.path.join(tmp, f"random-{a.seed}-{n}.json")
            with open(path, "w") as f:
                json.dump(random_scenario(rng, n), f, indent=1)
            files.append(path)
    proven = {"optimal", "infeasible"}
    bad = 0
    print("| file | this peer | cost | other peer | cost | agree |")
    print("|---|---|--:|---|--:|---|")
    for path in files:
        mine, other = run(HERE, path, a.time_limit), run(a.other, path, a.time_limit)
        both = mine["status"] in proven and other["status"] in proven
        same = mine["status"] == other["status"] and mine.get("cost") == other.get("cost")
        verdict = "yes" if same else ("NO" if both else "refused by the other (bad input)" if other["status"] == "invalid" else "not both proven")
        bad += verdict == "NO"
        cost = lambda r: "-" if r.get("cost") is None else r["cost"]
        print(f"| {os.path.basename(path)} | {mine['status']} | {cost(mine)} | {other['status']} | {cost(other)} | {verdict} |",
              flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
