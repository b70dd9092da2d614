#!/usr/bin/env python3
"""cpsat_whatif.py: the spec's what-if by OR-Tools CP-SAT (docs/formats.md, "What-if"): some
events of a baseline calendar pinned or shifted, the rest re-planned at the scenario's cost plus
the disturbance (move weight × days moved, venue-change weight per change of venue, over the
events that are not pinned and that the baseline holds), hinted with the baseline.

    cpsat_whatif.py SCENARIO --baseline CAL (--shift ID=N | --pin ID=DATE[@VENUE] | --pin ID=@VENUE)...
                    [--move-weight 1] [--venue-change-weight 10] [--time-limit 60] [--workers 2] [--out CAL]

The last line on standard output is one JSON object:
{"status", "whatif_cost", "cost", "disturbance", "moved", "bound", "wall_s"}; exit statuses as
cpsat_solve.py's.
"""

import argparse
import json
import sys
import time
from datetime import date, timedelta

import scenario1 as S


def pins(a, base) -> dict:
    """{event id: test of a placement} for every --shift and --pin."""
    out = {}
    for text in a.shift:
        eid, n = text.split("=", 1)
        if eid not in base:
            raise SystemExit(f"--shift {text}: the baseline does not hold {eid}")
        day = base[eid][0] + timedelta(days=int(n))
        out[eid] = lambda p, day=day: p.start == day
    for text in a.pin:
        eid, what = text.split("=", 1)
        d, _, v = what.partition("@")
        day = date.fromisoformat(d) if d else None
        out[eid] = lambda p, day=day, v=v or None: (day is None or p.start == day) and (v is None or p.venue == v)
    return out


def main(argv=None) -> int:
    t0 = time.perf_counter()
    ap = argparse.ArgumentParser(description="A what-if of a scenario/1 file by CP-SAT.")
    ap.add_argument("scenario")
    ap.add_argument("--baseline", required=True)
    ap.add_argument("--shift", action="append", default=[])
    ap.add_argument("--pin", action="append", default=[])
    ap.add_argument("--move-weight", type=int, default=1)
    ap.add_argument("--venue-change-weight", type=int, default=10)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    import model as M
    try:
        sc = S.load(a.scenario)
        base = S.read_calendar(a.baseline)
    except (S.BadInput, KeyError, TypeError, ValueError) as e:
        for line in (e.problems if isinstance(e, S.BadInput) else [f"{e!r}"]):
            print(line, file=sys.stderr)
        return 2
    keep = pins(a, base)
    m = M.Model(sc)
    out = {"status": "infeasible", "whatif_cost": None, "cost": None, "disturbance": None, "moved": None,
           "bound": None, "wall_s": None}
    allowed = {e.id: [keep[e.id](p) if e.id in keep else True for p in m.options[e.id]] for e in sc.events}
    if m.empty or any(not any(ok) for ok in allowed.values()):
        out["wall_s"] = round(time.perf_counter() - t0, 3)
        print(json.dumps(out))
        return 1
    disturbance = []  # (coefficient in 1/scale, literal)
    for e in sc.events:
        for p, x, ok in zip(m.options[e.id], m.x[e.id], allowed[e.id]):
            if not ok:
                m.m.Add(x == 0)
            elif e.id not in keep and e.id in base:
                s, v, _ = base[e.id]
                d = a.move_weight * abs((p.start - s).days) + (a.venue_change_weight if p.venue != v else 0)
                if d:
                    disturbance.append((d * m.scale, x))
    m.m.Minimize(sum(k * v for k, v in m.terms + disturbance))
    m.hint(base)
    solver, status = M.solve(m, a.time_limit, a.workers)
    out["status"] = status
    code = M.EXIT[status]
    if status in ("optimal", "feasible"):
        chosen = m.chosen(solver)
        cost, broken, soft = S.evaluate(sc, chosen)
        moved = [i for i, p in chosen.items() if i in base and (p.start != base[i][0] or p.venue != base[i][1])]
        dist = sum((a.move_weight * abs((chosen[i].start - base[i][0]).days)
                    + (a.venue_change_weight if chosen[i].venue != base[i][1] else 0))
                   for i in moved if i not in keep)
        if broken:
            print(f"bug: the model's calendar breaks {broken}", file=sys.stderr)
            code = 70
        out.update(whatif_cost=S.number(cost + dist), cost=S.number(cost), disturbance=dist, moved=len(moved),
                   bound=S.number(M.bound(solver, m, cost + dist)))
        if a.out:
            doc = S.calendar(sc, chosen, status, cost, soft)
            doc["whatif"] = {"cost": out["whatif_cost"], "disturbance": dist}
            with open(a.out, "w", encoding="utf-8") as f:
                f.write(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    out["wall_s"] = round(time.perf_counter() - t0, 3)
    print(json.dumps(out))
    return code


if __name__ == "__main__":
    sys.exit(main())
