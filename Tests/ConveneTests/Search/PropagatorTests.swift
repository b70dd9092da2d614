import Testing
@testable import Convene

// Issue 12: each of the learning core's propagators checked as Gecode checks its own
// (`test/int.hh`): on every placement of two or three events over a short horizon, the rule's own
// amount (the evaluator's `evaluate(...).amount == 0`) says which placements are solutions. Then
// - soundness at the root: propagation keeps every option some solution uses;
// - on each complete assignment (every event decided): propagation fails exactly when the
//   assignment is no solution (the propagators decide their rule once all its events are fixed).
// One scenario per rule type and seed, written as scenario/1 text and read by the real reader.

@Suite("each learning propagator agrees with its rule on every small placement")
struct PropagatorTests {
    /// A scenario of `events` (2 or 3) over two weeks at two venues in two cities, with `rule`.
    static func scenario(_ rng: inout SplitMix64, events n: Int, rule: String, rooms: Int? = nil) -> Scenario? {
        let lengths = ["1", "2", "0.5", "{\"min\": 1, \"max\": 2}"]
        var events: [String] = []
        for i in 0..<n {
            let days = lengths[rng.int(0...3)]
            let venues = rng.chance(50) ? "[\"GVA\", \"NY\"]" : (rng.chance(50) ? "[\"GVA\"]" : "[\"NY\"]")
            let lo = rng.int(0...3), hi = lo + rng.int(3...8)
            events.append("""
                {"id": "E\(i)", "kind": "k\(i % 2)", "days": \(days), "venues": \(venues),
                 "window": {"earliest": "2018-03-\(String(format: "%02d", 5 + lo))", "latest": "2018-03-\(String(format: "%02d", 5 + hi))"}}
                """)
        }
        let room = rooms.map { ", \"rooms\": \($0)" } ?? ""
        let json = """
            {"format": "scenario/1", "name": "propagator", "horizon": {"start": "2018-02-26", "end": "2018-03-18"},
             "venues": [{"id": "GVA", "city": "Geneva"\(room)}, {"id": "NY", "city": "New York"\(room)}],
             "events": [\(events.joined(separator: ","))],
             "constraints": [\(rule)]}
            """
        return try? ScenarioReader.read(Array(json.utf8))
    }

    /// The rules under test, one drawn per seed: every hard type the learning core posts.
    static func rule(_ rng: inout SplitMix64, kind: Int, events n: Int) -> (String, rooms: Int?) {
        let ids = (0..<n).map { "\"E\($0)\"" }.joined(separator: ", ")
        switch kind {
        case 0: return ("{\"id\": \"r\", \"type\": \"precedence\", \"before\": \"E0\", \"after\": \"E1\", \"minDays\": \(rng.int(-1...3)), \"maxDays\": \(rng.int(3...6))}", nil)
        case 1: return ("{\"id\": \"r\", \"type\": \"chain\", \"events\": [\(ids)], \"minDays\": \(rng.int(0...2))}", nil)
        case 2: return ("{\"id\": \"r\", \"type\": \"noOverlap\", \"events\": \"all\", \"travelDays\": \(rng.int(0...2))}", nil)
        case 3: return ("{\"id\": \"r\", \"type\": \"minSpacing\", \"events\": \"all\", \"days\": \(rng.int(1...4))}", nil)
        case 4: return ("{\"id\": \"r\", \"type\": \"totalDays\", \"events\": \"all\", \"min\": \(rng.int(1...3)), \"max\": \(rng.int(3...5))}", nil)
        case 5:
            let mode = ["exactly", "atLeast", "atMost"][rng.int(0...2)]
            return ("{\"id\": \"r\", \"type\": \"monthlyQuota\", \"events\": \"all\", \"quota\": {\"2018-03\": \(rng.int(1...4))}, \"mode\": \"\(mode)\"}", nil)
        case 6: return ("{\"id\": \"r\", \"type\": \"rotation\", \"events\": \"all\", \"minPerVenue\": {\"GVA\": 1}, \"maxPerVenue\": {\"NY\": \(rng.int(1...2))}}", nil)
        default: return ("{\"id\": \"r\", \"type\": \"totalDays\", \"events\": \"all\", \"min\": 0}", 1) // rooms alone (8: compulsory parts too)
        }
    }

    /// An engine with the model's hard propagators; `compulsory`: the rooms read compulsory parts too.
    static func engine(_ model: CompiledModel, compulsory: Bool = false) -> Engine {
        let e = Engine(model)
        for p in model.hardPropagators() {
            if let r = p as? RoomsRule { r.compulsory = compulsory }
            e.add(p)
        }
        e.scheduleAll()
        return e
    }

    @Test("root propagation keeps every solution, and a complete assignment fails exactly when it breaks the rule",
          arguments: 0...8)
    func agreesWithRule(kind: Int) {
        var checked = 0, solutions = 0, failures: [String] = []
        for seed in UInt64(1)...40 {
            var rng = SplitMix64(seed: seed &* 7919 &+ UInt64(kind))
            // Rotation's order needs a third and fourth event to come between two others.
            let n = kind == 0 ? 2 : (kind == 6 ? rng.int(3...4) : rng.int(2...3))
            let (text, rooms) = Self.rule(&rng, kind: kind, events: n)
            guard let scenario = Self.scenario(&rng, events: n, rule: text, rooms: rooms) else { continue }
            let model = CompiledModel(scenario)
            let counts = model.options.map(\.count)
            guard !counts.contains(0), counts.reduce(1, *) <= 20_000 else { continue }
            // Which assignments are solutions, by the evaluator alone.
            let evaluator = Evaluator(scenario)
            var isSolution: [[Int]: Bool] = [:]
            var values = Array(repeating: 0, count: n)
            func each(_ i: Int, _ body: ([Int]) -> Void) {
                if i == n { body(values); return }
                for o in 0..<counts[i] { values[i] = o; each(i + 1, body) }
            }
            each(0) { v in
                let schedule: Schedule = v.enumerated().map { e, o in model.options[e][o].placement }
                isSolution[v] = evaluator.evaluate(schedule).hardOK
            }
            // Soundness at the root.
            let root = Self.engine(model, compulsory: kind == 8)
            let rootOK = root.propagate()
            for (v, ok) in isSolution where ok {
                solutions += 1
                if !rootOK || v.enumerated().contains(where: { !root.live($0.offset, $0.element) }) {
                    failures.append("seed \(seed): root propagation removes the solution \(v) of \(text)")
                }
            }
            // Complete assignments.
            for (v, ok) in isSolution.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }).prefix(400) {
                let s = Self.engine(model, compulsory: kind == 8)
                var held = s.propagate()
                for (e, o) in v.enumerated() where held {
                    held = s.decide(Predicate(e, .eq, o)) && s.propagate()
                }
                checked += 1
                if held != ok { failures.append("seed \(seed): \(v) is \(ok ? "a solution" : "no solution") of \(text), but propagation \(held ? "holds" : "fails")") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(4).joined(separator: "\n"))")
        #expect(checked >= 200, "only \(checked) assignments checked")
        #expect(solutions >= 20, "only \(solutions) solutions met")
    }

    @Test("rooms with compulsory parts: two events that must both hold Wednesday, on one room, fail with the removals that left them no other day")
    func compulsoryParts() throws {
        // One room at GVA. E0 (2–3 days, 6–8 March 2018, Tuesday to Thursday) holds Wednesday 7 in every
        // option; E1 (2–3 days, 5–8 March) may start on Monday 5 and end on Tuesday 6. Neither is fixed.
        let json = """
            {"format": "scenario/1", "name": "compulsory", "horizon": {"start": "2018-03-05", "end": "2018-03-09"},
             "venues": [{"id": "GVA", "city": "Geneva", "rooms": 1}],
             "events": [{"id": "E0", "days": {"min": 2, "max": 3}, "venues": ["GVA"], "window": {"earliest": "2018-03-06", "latest": "2018-03-08"}},
                        {"id": "E1", "days": {"min": 2, "max": 3}, "venues": ["GVA"], "window": {"earliest": "2018-03-05", "latest": "2018-03-08"}}]}
            """
        let model = CompiledModel(try ScenarioReader.read(Array(json.utf8)))
        let wednesday = Day(iso: "2018-03-07")!
        #expect(model.options[0].allSatisfy { $0.placement.occupied.contains(wednesday) })
        #expect(model.options[1].contains { !$0.placement.occupied.contains(wednesday) })
        // Without the compulsory parts nothing happens until an event is fixed; with them, too,
        // while E1 may still leave Wednesday free.
        for compulsory in [false, true] {
            let s = Self.engine(model, compulsory: compulsory)
            #expect(s.propagate())
            // E1 starts on Tuesday or later: every option it has left holds Wednesday.
            let ok = s.decide(Predicate(1, .startGE, Day(iso: "2018-03-06")!.ordinal)) && s.propagate()
            #expect(ok == !compulsory, "compulsory \(compulsory)")
            guard !ok else { continue }
            // The conflict names E1's removed Monday starts: alone, at the root of a fresh engine,
            // they fail again; without them there is no conflict.
            let reason = s.conflict.map { s.entryPredicate[Int($0)] }
            #expect(reason.contains { $0.event == 1 }, "\(reason)")
            #expect(ExplanationAuditTests.entails(model, reason, nil, upper: nil, compulsory: true))
        }
    }
}
