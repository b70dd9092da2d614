"""The CP-SAT model of a scenario/1 file: one Boolean per placement of each event, exactly one
chosen; every rule's amount an integer expression over them (costs counted in 1/scale of a day,
scale 2 for half days). Used by cpsat_solve.py and cpsat_whatif.py.

Pair rules (noOverlap, minSpacing, rotation) need the spec's order (start, end, id): for each
pair that can come near, a literal says which is first, tied exactly to the lexicographic order
of (start, end) and the ids; the gap is then taken from the earlier one's end to the later
one's start. A soft amount is a variable bounded below by its definition; the objective pushes
it down, and the reported cost is always recomputed by scenario1.evaluate.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ortools.sat.python import cp_model

import scenario1 as S

STATUS = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible",
          cp_model.UNKNOWN: "unknown", cp_model.MODEL_INVALID: "invalid"}
EXIT = {"optimal": 0, "feasible": 0, "infeasible": 1, "unknown": 3, "invalid": 70}


class Model:
    def __init__(self, sc: S.Scenario):
        self.sc = sc
        self.m = cp_model.CpModel()
        self.options = {e.id: S.placements(sc, e) for e in sc.events}
        self.empty = [e.id for e in sc.events if not self.options[e.id]]
        self.scale = self._scale()
        self.terms = []  # (coefficient in 1/scale, literal or integer variable)
        self._order, self._start, self._end, self._venue, self._city = {}, {}, {}, {}, {}
        if self.empty:
            return
        self.x = {}
        for e in sc.events:
            self.x[e.id] = [self.m.NewBoolVar(f"{e.id}#{k}") for k in range(len(self.options[e.id]))]
            self.m.AddExactlyOne(self.x[e.id])
        self.day0 = sc.first
        self.span = (sc.last - sc.first).days + 1
        for c in sc.constraints:
            getattr(self, "_" + c["type"])(c)
        self._rooms()
        self._preferred()
        self.m.Minimize(sum(k * v for k, v in self.terms))

    # -- numbers ------------------------------------------------------------------------------

    def _scale(self) -> int:
        """The least multiple of 2 that makes every quota and totalDays bound whole."""
        scale = 2
        for c in self.sc.constraints:
            values = list((c.get("quota") or {}).values()) + [c.get(k) for k in ("min", "max") if c["type"] == "totalDays"]
            for v in values:
                if v is not None:
                    d = S._frac(v).denominator
                    scale = scale * d // math.gcd(scale, d)
        return scale

    def day(self, d) -> int:
        return (d - self.day0).days

    def weight(self, c) -> int | None:
        """None for a hard rule, else its weight."""
        return None if c.get("hard", True) is not False else int(c["weight"])

    def cost(self, c, lower_bounds, top):
        """Adds a soft rule's amount (an integer variable in [0, top], at least each bound, in
        units of 1/unit) to the objective, or makes a hard rule's bounds at most 0."""
        w = self.weight(c)
        if w is None:
            for b in lower_bounds:
                self.m.Add(b <= 0)
            return
        a = self.m.NewIntVar(0, max(0, int(top)), f"amount:{c['id']}")
        for b in lower_bounds:
            self.m.Add(a >= b)
        self.terms.append((w, a))

    # -- an event's values ----------------------------------------------------------------------

    def value(self, eid, f, cache, name):
        """An integer variable equal to f(placement) of the chosen placement."""
        if eid not in cache:
            vals = [f(p) for p in self.options[eid]]
            if len(set(vals)) == 1:
                cache[eid] = self.m.NewConstant(vals[0])
            else:
                v = self.m.NewIntVar(min(vals), max(vals), f"{name}:{eid}")
                self.m.Add(v == sum(k * x for k, x in zip(vals, self.x[eid])))
                cache[eid] = v
        return cache[eid]

    def start(self, eid):
        return self.value(eid, lambda p: self.day(p.start), self._start, "start")

    def end(self, eid):
        return self.value(eid, lambda p: self.day(p.end), self._end, "end")

    def venue(self, eid):
        names = sorted(self.sc.venues)
        return self.value(eid, lambda p: names.index(p.venue) if p.venue else -1, self._venue, "venue")

    def city(self, eid):
        names = sorted({v.city for v in self.sc.venues.values()})
        return self.value(eid, lambda p: names.index(S.city(self.sc, p.venue)) if p.venue else -1, self._city, "city")

    def bounds(self, eid, f):
        vals = [f(p) for p in self.options[eid]]
        return min(vals), max(vals)

    def first(self, i, j):
        """A literal: i comes before j in the spec's order (start, end, id); i, j are ids, i < j
        in the file's order. Exactly that: with (start, end) read as one key, ties to the id."""
        if (i, j) not in self._order:
            span = self.span + 1
            ki = self.start(i) * span + self.end(i)
            kj = self.start(j) * span + self.end(j)
            b = self.m.NewBoolVar(f"{i}<{j}")
            i_first_on_tie = i < j  # Python compares str by code points, as the spec does
            self.m.Add(ki + (0 if i_first_on_tie else 1) <= kj).OnlyEnforceIf(b)
            self.m.Add(kj + (1 if i_first_on_tie else 0) <= ki).OnlyEnforceIf(b.Not())
            self._order[(i, j)] = b
        return self._order[(i, j)]

    # -- rules ------------------------------------------------------------------------------------

    def _selected(self, c, milestones=False):
        return [e.id for e in S.select_events(self.sc, c["events"]) if milestones or not e.milestone]

    def _totalDays(self, c):
        ids = self._selected(c, milestones=True)
        v = sum(int(p.days * self.scale) * x for i in ids for p, x in zip(self.options[i], self.x[i]))
        lo, hi = c.get("min"), c.get("max")
        bounds = []
        if lo is not None:
            bounds.append(int(S._frac(lo) * self.scale) - v)
        if hi is not None:
            bounds.append(v - int(S._frac(hi) * self.scale))
        top = sum(max(p.days for p in self.options[i]) for i in ids) * self.scale + (int(S._frac(lo) * self.scale) if lo is not None else 0)
        self._scaled_cost(c, bounds, top)

    def _scaled_cost(self, c, bounds, top):
        """As cost(), for an amount counted in 1/scale of a day."""
        w = self.weight(c)
        if w is None:
            for b in bounds:
                self.m.Add(b <= 0)
            return
        a = self.m.NewIntVar(0, int(top), f"amount:{c['id']}")
        for b in bounds:
            self.m.Add(a >= b)
        self.terms.append((w, a))  # already in 1/scale

    def _monthlyQuota(self, c):
        ids = self._selected(c)
        mode = c.get("mode") or "exactly"
        bounds, top = [], 0
        for month, q in c["quota"].items():
            q = int(S._frac(q) * self.scale)
            v = sum(int(S.month_days(p).get(month, 0) * self.scale) * x
                    for i in ids for p, x in zip(self.options[i], self.x[i]) if S.month_days(p).get(month))
            most = sum(max(int(S.month_days(p).get(month, 0) * self.scale) for p in self.options[i]) for i in ids)
            if mode in ("exactly", "atLeast"):
                short = self.m.NewIntVar(0, max(q, 0), f"short:{c['id']}:{month}")
                self.m.Add(short >= q - v)
                bounds.append(short)
            if mode in ("exactly", "atMost"):
                excess = self.m.NewIntVar(0, max(most - q, 0), f"excess:{c['id']}:{month}")
                self.m.Add(excess >= v - q)
                bounds.append(excess)
            top += max(q, most)
        if self.weight(c) is None:
            for b in bounds:
                self.m.Add(b == 0)
        else:
            self._scaled_cost(c, [sum(bounds)] if bounds else [], top)

    def _link(self, c, before, after, lo, hi):
        d = self.start(after) - self.end(before)
        bounds = [lo - d] + ([d - hi] if hi is not None else [])
        self.cost(c, bounds, self.span + abs(lo) + (abs(hi) if hi is not None else 0))

    def _precedence(self, c):
        lo = int(c["minDays"]) if c.get("minDays") is not None else 1
        hi = int(c["maxDays"]) if c.get("maxDays") is not None else None
        self._scale_days(c, lambda: self._link(c, c["before"], c["after"], lo, hi))

    def _chain(self, c):
        lo = int(c["minDays"]) if c.get("minDays") is not None else 1
        ids = c["events"]
        self._scale_days(c, lambda: [self._link(c, ids[k], ids[k + 1], lo, None) for k in range(len(ids) - 1)])

    def _scale_days(self, c, build):
        """Runs build() with the cost terms it adds counted in whole days (× scale)."""
        n = len(self.terms)
        build()
        self.terms[n:] = [(k * self.scale, v) for k, v in self.terms[n:]]

    def _pairs(self, c, need):
        """noOverlap and minSpacing: for each pair, earlier one first, max(0, need − gap)."""
        ids = self._selected(c)
        bounds = []
        for a in range(len(ids)):
            for b in range(a + 1, len(ids)):
                i, j = ids[a], ids[b]
                n_lo, n_hi, n_expr = need(i, j)
                si, ei = self.bounds(i, lambda p: self.day(p.start)), self.bounds(i, lambda p: self.day(p.end))
                sj, ej = self.bounds(j, lambda p: self.day(p.start)), self.bounds(j, lambda p: self.day(p.end))
                if ei[1] + n_hi <= sj[0] or ej[1] + n_hi <= si[0]:
                    continue  # never nearer than the most that is needed, in either order
                o = self.first(i, j)
                if self.weight(c) is None:
                    self.m.Add(self.start(j) - self.end(i) >= n_expr).OnlyEnforceIf(o)
                    self.m.Add(self.start(i) - self.end(j) >= n_expr).OnlyEnforceIf(o.Not())
                    continue
                short = self.m.NewIntVar(0, self.span + n_hi, f"short:{c['id']}:{i}:{j}")
                self.m.Add(short >= n_expr - (self.start(j) - self.end(i))).OnlyEnforceIf(o)
                self.m.Add(short >= n_expr - (self.start(i) - self.end(j))).OnlyEnforceIf(o.Not())
                bounds.append(short)
        if bounds:
            total = self.m.NewIntVar(0, len(bounds) * (self.span + 1 + int(c.get("travelDays") or 0) + int(c.get("days") or 0)), f"amount:{c['id']}")
            self.m.Add(total == sum(bounds))
            self.terms.append((self.weight(c) * self.scale, total))

    def _disjoint(self, c, gap):
        """Redundant, for propagation: a hard rule that wants every pair `gap` ≥ 1 days apart
        (end of the earlier to start of the later) makes the spans [start, end + gap) of the
        selected events disjoint, as CP-SAT's no-overlap constraint propagates them."""
        if self.weight(c) is not None or gap < 1:
            return
        spans = []
        for i in self._selected(c):
            size = self.m.NewIntVar(gap, self.span + gap, f"size:{c['id']}:{i}")
            self.m.Add(size == self.end(i) + gap - self.start(i))
            spans.append(self.m.NewIntervalVar(self.start(i), size, self.end(i) + gap, f"span:{c['id']}:{i}"))
        if len(spans) > 1:
            self.m.AddNoOverlap(spans)

    def _noOverlap(self, c):
        travel = int(c.get("travelDays") or 0)
        self._disjoint(c, 1)

        def need(i, j):
            if travel == 0:
                return 1, 1, 1
            ci = {S.city(self.sc, p.venue) for p in self.options[i]}
            cj = {S.city(self.sc, p.venue) for p in self.options[j]}
            if len(ci) == 1 and ci == cj:
                return 1, 1, 1
            if not ci & cj:
                return 1 + travel, 1 + travel, 1 + travel
            same = self.m.NewBoolVar(f"same-city:{i}:{j}")
            self.m.Add(self.city(i) == self.city(j)).OnlyEnforceIf(same)
            return 1, 1 + travel, 1 + travel - travel * same

        self._pairs(c, need)

    def _minSpacing(self, c):
        n = int(c["days"])
        self._disjoint(c, n)
        self._pairs(c, lambda i, j: (n, n, n))

    def _rotation(self, c):
        ids = self._selected(c)
        hard = self.weight(c) is None
        amounts = []
        if len(ids) > 1:
            # position of each event in the spec's order: how many come before it
            pos = {}
            for i in ids:
                before = []
                for k in ids:
                    if k == i:
                        continue
                    before.append(self.first(k, i) if ids.index(k) < ids.index(i) else self.first(i, k).Not())
                pos[i] = self.m.NewIntVar(0, len(ids) - 1, f"pos:{c['id']}:{i}")
                self.m.Add(pos[i] == sum(before))
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    i, j = ids[a], ids[b]
                    vi = {p.venue for p in self.options[i]}
                    vj = {p.venue for p in self.options[j]}
                    if not vi & vj:
                        continue
                    same = self.m.NewBoolVar(f"same-venue:{i}:{j}")
                    self.m.Add(self.venue(i) != self.venue(j)).OnlyEnforceIf(same.Not())
                    for p, q in ((i, j), (j, i)):
                        nxt = self.m.NewBoolVar(f"next:{p}:{q}")
                        self.m.Add(pos[q] - pos[p] != 1).OnlyEnforceIf(nxt.Not())
                        if hard:
                            self.m.AddBoolOr([nxt.Not(), same.Not()])
                        else:
                            v = self.m.NewBoolVar(f"repeat:{p}:{q}")
                            self.m.AddBoolOr([nxt.Not(), same.Not(), v])
                            amounts.append(v)
        for key, sign in (("minPerVenue", 1), ("maxPerVenue", -1)):
            for venue, n in (c.get(key) or {}).items():
                count = cp_model.LinearExpr.Sum([x for i in ids for p, x in zip(self.options[i], self.x[i]) if p.venue == venue])
                if hard:
                    self.m.Add(count >= int(n) if sign == 1 else count <= int(n))
                else:
                    gap = self.m.NewIntVar(0, max(int(n), len(ids)), f"{key}:{c['id']}:{venue}")
                    self.m.Add(gap >= (int(n) - count) * sign)
                    amounts.append(gap)
        if amounts:
            self.terms += [(self.weight(c) * self.scale, v) for v in amounts]

    def _avoidExternal(self, c):
        xs = S.select_externals(self.sc, c["external"])
        buffer, same = int(c.get("bufferDays") or 0), (c.get("scope") or "anyPlace") == "samePlace"
        w = self.weight(c)
        for i in self._selected(c):
            for p, x in zip(self.options[i], self.x[i]):
                n = S.clash_count(self.sc, p, xs, buffer, same)
                if n and w is None:
                    self.m.Add(x == 0)
                elif n:
                    self.terms.append((w * n * self.scale, x))

    def _rooms(self):
        for v in self.sc.venues.values():
            if v.rooms is None:
                continue
            taking = {}
            for e in self.sc.events:
                for p, x in zip(self.options[e.id], self.x[e.id]):
                    if p.venue == v.id:
                        for d in p.dates:
                            taking.setdefault(d, []).append(x)
            for d, xs in taking.items():
                if len(xs) > v.rooms:
                    self.m.Add(sum(xs) <= v.rooms)

    def _preferred(self):
        w = self.sc.preferred_weight
        for e in self.sc.events:
            if e.preferred is not None and w:
                for p, x in zip(self.options[e.id], self.x[e.id]):
                    n = abs((p.start - e.preferred).days)
                    if n:
                        self.terms.append((w * n * self.scale, x))

    # -- reading a solution -------------------------------------------------------------------

    def chosen(self, solver) -> dict:
        return {e.id: next(p for p, x in zip(self.options[e.id], self.x[e.id]) if solver.BooleanValue(x))
                for e in self.sc.events}

    def hint(self, cal: dict):
        """Hints the placements of a calendar {id: (start, venue, days)}."""
        for e in self.sc.events:
            if e.id in cal:
                s, v, d = cal[e.id]
                for p, x in zip(self.options[e.id], self.x[e.id]):
                    self.m.AddHint(x, p.start == s and p.venue == v and (d is None or p.days == d))


def solve(model: Model, time_limit: float, workers: int, log=False):
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    solver.parameters.log_search_progress = bool(log)
    return solver, STATUS[solver.Solve(model.m)]


def bound(solver, model: Model, cost: Fraction | None) -> Fraction:
    """CP-SAT's proven lower bound, in days; never above the calendar found."""
    b = Fraction(math.ceil(solver.BestObjectiveBound() - 1e-6), model.scale)
    return min(b, cost) if cost is not None else b
