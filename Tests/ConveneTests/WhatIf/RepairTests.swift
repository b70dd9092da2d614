import Foundation
import Testing
@testable import Convene

/// The what-if's repair (`WhatIfSearch`): it moves only what must move, and what it returns is a
/// calendar by the evaluator's own judgement; and the whole what-if agrees with brute force on
/// small random cases (status and what-if optimum).
@Suite("What-if repair")
struct RepairTests {
    /// Forty one-day meetings at one venue with one room, each preferring its own working day of
    /// January–March 2018 and allowed anywhere in that quarter, at GVA or NY (one room each); M12
    /// must start at least 3 days after M09 ends (hard). The baseline holds each on its preferred
    /// day at GVA: cost 0.
    static func meetings() throws -> (Scenario, CalendarFile) {
        var events: [String] = []
        var assignments: [String] = []
        var d = day("2018-01-02")
        for i in 0..<40 {
            while d.weekday == .sat || d.weekday == .sun { d = d + 1 }
            let id = String(format: "M%02d", i)
            events.append(#"{"id": "\#(id)", "days": 1, "venues": ["GVA", "NY"], "window": {"earliest": "2018-01-01", "latest": "2018-03-31"}, "preferredStart": "\#(d.iso)"}"#)
            assignments.append(#"{"event": "\#(id)", "start": "\#(d.iso)", "end": "\#(d.iso)", "venue": "GVA", "days": 1}"#)
            d = d + 1
        }
        let venues = #"[{"id": "GVA", "city": "Geneva", "rooms": 1}, {"id": "NY", "city": "New York", "rooms": 1}]"#
        let json = scenarioJSON(name: "meetings", horizon: ("2018-01-01", "2018-03-31"), venues: venues, events: events,
                                constraints: [#"{"id": "m12-after-m09", "type": "precedence", "before": "M09", "after": "M12", "minDays": 3}"#])
        let scenario = try readScenario(json)
        let calendar = #"{"format": "calendar/1", "scenario": "meetings", "status": "optimal", "cost": 0, "assignments": [\#(assignments.joined(separator: ", "))]}"#
        let file = try CalendarFile.read(Array(calendar.utf8))
        return (scenario, file)
    }

    @Test("a change the calendar absorbs locally moves only the events that must move")
    func absorbsLocally() throws {
        let (scenario, baseline) = try Self.meetings()
        #expect(Evaluator(scenario).check(baseline).hardOK)
        // M05 (Tuesday 9 January) pinned onto M06's day at GVA, the next: the one room is taken.
        // Every working day to late February is taken at GVA, but M05's own day is now free:
        // M06 takes it (1 day of disturbance + 1 of preferredStart) rather than go to NY (10).
        // With M05's own day late (1): what-if cost 3, and nothing else moves.
        let a = try WhatIf(scenario: scenario, baseline: baseline, changes: [Change(event: "M05", kind: .pin(start: day("2018-01-10"), venue: "GVA"))])
            .solve(limits: Limits(timeLimit: 30))
        #expect(a.solution.status == .optimal)
        #expect(a.moved.map(\.event).sorted() == ["M05", "M06"])
        #expect(a.whatIfCost == 3)
        // M09 (Monday 15 January) pinned to Wednesday 17th, date only: M12 (Thursday 18th) must
        // start 3 days after M09 ends, on Monday 22nd at the earliest; M09 itself goes to NY
        // that day (M11 holds GVA). A few events near M12 make room; the rest of the quarter stays.
        let b = try WhatIf(scenario: scenario, baseline: baseline, changes: [Change(event: "M09", kind: .pin(start: day("2018-01-17"), venue: nil))])
            .solve(limits: Limits(timeLimit: 30))
        #expect(b.solution.status == .optimal)
        let movedB = b.moved.map(\.event)
        #expect(movedB.contains("M09") && movedB.contains("M12"), "\(movedB)")
        #expect(Set(movedB).isSubset(of: ["M09", "M10", "M11", "M12", "M13", "M14", "M15", "M16"]) && movedB.count <= 4, "\(movedB)")
        let report = Evaluator(scenario).check(b.solution.calendarFile(scenario))
        #expect(report.hardOK && report.complete)
    }

    @Test("the repair frees the pinned event and what it breaks, no more, when that is enough")
    func repairFreesLittle() throws {
        let (scenario, baseline) = try Self.meetings()
        let w = WhatIf(scenario: scenario, baseline: baseline, changes: [Change(event: "M05", kind: .pin(start: day("2018-01-10"), venue: "GVA"))])
        let search = try Self.search(w)
        let s0 = search.applyPins()
        // M05 on M06's day (10 January) at GVA: the room's two events, nothing else.
        #expect(search.broken(s0).map { scenario.events[$0].id } == ["M05", "M06"])
        let r = try #require(search.repair())
        #expect(r.free.map { scenario.events[$0].id } == ["M05", "M06"])
        #expect(Evaluator(scenario).evaluate(r.schedule).hardOK)
    }

    static func search(_ w: WhatIf, limits: Limits = Limits(timeLimit: 30)) throws -> WhatIfSearch {
        let evaluator = Evaluator(w.scenario)
        let base = evaluator.schedule(from: w.baseline).0
        let pins = try w.pins(baseline: base)
        return WhatIfSearch(scenario: w.scenario, evaluator: evaluator, base: base, pins: pins,
                            setup: w.searchSetup(pins: pins, base: base, evaluator: evaluator), limits: limits, effort: .standard)
    }

    /// A random what-if of seed `seed`: the random scenario, its optimal calendar as the
    /// baseline, and one event pinned (a shift of 1 to 4 days either way, or another venue).
    static func randomWhatIf(_ seed: UInt64) -> WhatIf? {
        let generated = RandomScenario.make(seed: seed)
        guard let scenario = try? ScenarioReader.read(Array(generated.json.utf8)),
              let solved = try? Solver.solve(scenario, limits: Limits(timeLimit: 10)), solved.schedule != nil else { return nil }
        let baseline = solved.calendarFile(scenario)
        var rng = SplitMix64(seed: seed &* 7919)
        let placed = baseline.assignments
        guard !placed.isEmpty else { return nil }
        let a = placed[rng.int(0...(placed.count - 1))]
        let e = scenario.eventIndex(a.event)!
        let others = scenario.events[e].venues.map { scenario.venues[$0].id }.filter { $0 != a.venue }
        let change: Change
        if !others.isEmpty, rng.int(0...2) == 0 {
            change = Change(event: a.event, kind: .pin(start: nil, venue: others[rng.int(0...(others.count - 1))]))
        } else {
            let n = rng.int(1...4) * (rng.int(0...1) == 0 ? 1 : -1)
            change = Change(event: a.event, kind: .shift(n))
        }
        return WhatIf(scenario: scenario, baseline: baseline, changes: [change])
    }

    @Test("a repaired calendar always passes the evaluator, pins kept and its cost the search's")
    func repairedPassesEvaluator() throws {
        var repaired = 0
        for seed in UInt64(1)...120 {
            guard let w = Self.randomWhatIf(seed) else { continue }
            let search = try Self.search(w)
            guard let r = search.repair() else { continue }
            repaired += 1
            let report = search.evaluator.evaluate(r.schedule)
            #expect(report.hardOK && report.complete, "seed \(seed): \(report.hard.map(\.rule))")
            for (e, _) in search.pins { #expect(r.schedule[e].map { search.setup.admits!(e, $0) } == true, "seed \(seed): pin broken") }
            let d = w.disturbanceOf(r.schedule, base: search.base, pins: search.pins)
            #expect(Cost.matches(report.cost + d, r.objective), "seed \(seed): cost \(report.cost) + \(d) vs \(r.objective)")
        }
        // Most random what-ifs of one pinned event are infeasible (tight windows): a few dozen remain.
        #expect(repaired >= 20, "only \(repaired) random what-ifs repaired")
    }

    /// Every calendar of `w` by enumeration: the least what-if cost (scenario cost +
    /// disturbance) over the calendars meeting every hard rule and the pins; nil when too large.
    static func bruteWhatIf(_ w: WhatIf, limit: Int = 300_000) -> (feasible: Bool, cost: Double?)? {
        let scenario = w.scenario
        let brute = BruteForce(scenario, limit: limit)
        let evaluator = Evaluator(scenario)
        let base = evaluator.schedule(from: w.baseline).0
        guard let pins = try? w.pins(baseline: base) else { return nil }
        var domains = scenario.events.indices.map { brute.candidates($0) }
        for (e, pin) in pins {
            domains[e] = domains[e].filter { p in (pin.start.map { $0 == p.start } ?? true) && (pin.venue.map { $0 == p.venue } ?? true) }
        }
        // The enumerator of the solver agreement tests, every hard rule and every venue's rooms kept.
        let hard = scenario.constraints.filter(\.hard)
        let rooms = Set(scenario.venues.indices.filter { scenario.venues[$0].rooms != nil })
        var best: Double? = nil, nodes = 0
        let done = brute.search(domains, hard: hard, rooms: rooms, nodes: &nodes) { schedule in
            let report = evaluator.evaluate(schedule)
            guard report.hardOK else { return false }
            let c = report.cost + w.disturbanceOf(schedule, base: base, pins: pins)
            if best.map({ c < $0 }) ?? true { best = c }
            return false
        }
        return done ? (best != nil, best) : nil
    }

    @Test("the what-if agrees with brute force on small random cases: status and what-if optimum")
    func bruteForceAgreement() throws {
        var compared = 0, infeasible = 0, moved = 0
        for seed in UInt64(1)...160 {
            guard let w = Self.randomWhatIf(seed), let brute = Self.bruteWhatIf(w) else { continue }
            let a = try w.solve(limits: Limits(timeLimit: 20), explain: false)
            compared += 1
            if !brute.feasible {
                infeasible += 1
                #expect(a.solution.status == .infeasible, "seed \(seed): brute force finds no calendar; the what-if says \(a.solution.status)")
                continue
            }
            if a.moved.count > 1 { moved += 1 }
            #expect(a.solution.status == .optimal, "seed \(seed): brute force finds \(brute.cost!); the what-if says \(a.solution.status)")
            #expect(a.whatIfCost == brute.cost, "seed \(seed): what-if cost \(a.whatIfCost.map(formatNumber) ?? "-"), brute force \(formatNumber(brute.cost!))")
        }
        #expect(compared >= 80, "only \(compared) random what-ifs compared")
        #expect(infeasible >= 3, "only \(infeasible) infeasible random what-ifs")
        #expect(moved >= 5, "only \(moved) random what-ifs move an event besides the pinned one")
    }
}
