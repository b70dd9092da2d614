#!/usr/bin/env python3
"""cpsat_solve.py: the best calendar of a scenario/1 file by OR-Tools CP-SAT, the peer that
`convene-bench --peer cpsat` races against Convene (Benchmarks/peers/README.md).

    cpsat_solve.py SCENARIO [--time-limit 60] [--workers 2] [--out CAL] [--hint CAL] [--log]

The last line on standard output is one JSON object:
{"status", "cost", "bound", "wall_s", "build_s", "solve_s", "events", "options"}.
Exit status 0 optimal or feasible, 1 infeasible, 2 refused input, 3 unknown, 70 a bug (the
evaluator disagrees with the model).
"""

import argparse
import json
import sys
import time

import scenario1 as S


def main(argv=None) -> int:
    t0 = time.perf_counter()
    ap = argparse.ArgumentParser(description="The best calendar of a scenario/1 file by CP-SAT.")
    ap.add_argument("scenario")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", help="write the calendar (calendar/1) there")
    ap.add_argument("--hint", help="a calendar/1 to start from")
    ap.add_argument("--log", action="store_true", help="CP-SAT's search log on standard output")
    a = ap.parse_args(argv)
    import model as M  # after the arguments: --help works without ortools
    try:
        sc = S.load(a.scenario)
    except (S.BadInput, KeyError, TypeError, ValueError) as e:
        for line in (e.problems if isinstance(e, S.BadInput) else [f"{a.scenario}: {e!r}"]):
            print(line, file=sys.stderr)
        return 2
    m = M.Model(sc)
    out = {"status": None, "cost": None, "bound": None, "wall_s": None, "build_s": None, "solve_s": None,
           "events": len(sc.events), "options": sum(len(o) for o in m.options.values())}
    if m.empty:
        print(f"no placement at all for {', '.join(m.empty)}", file=sys.stderr)
        out.update(status="infeasible", wall_s=round(time.perf_counter() - t0, 3))
        print(json.dumps(out))
        return 1
    if a.hint:
        m.hint(S.read_calendar(a.hint))
    t1 = time.perf_counter()
    solver, status = M.solve(m, a.time_limit, a.workers, a.log)
    t2 = time.perf_counter()
    out.update(status=status, build_s=round(t1 - t0, 3), solve_s=round(t2 - t1, 3))
    code = M.EXIT[status]
    if status in ("optimal", "feasible"):
        chosen = m.chosen(solver)
        cost, broken, soft = S.evaluate(sc, chosen)
        objective = solver.ObjectiveValue() / m.scale
        if broken or objective < cost or (status == "optimal" and objective != cost):
            print(f"bug: the model's calendar breaks {broken} or its objective {objective} is not its cost {cost}", file=sys.stderr)
            code = 70
        out.update(cost=S.number(cost), bound=S.number(M.bound(solver, m, cost)))
        if a.out:
            with open(a.out, "w", encoding="utf-8") as f:
                f.write(json.dumps(S.calendar(sc, chosen, status, cost, soft), indent=1, ensure_ascii=False) + "\n")
    elif status == "unknown":
        out.update(bound=S.number(M.bound(solver, m, None)))
    out["wall_s"] = round(time.perf_counter() - t0, 3)
    print(json.dumps(out))
    return code


if __name__ == "__main__":
    sys.exit(main())
