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
        default: return ("{\"id\": \"r\", \"type\": \"totalDays\", \"events\": \"all\", \"min\": 0}", 1) // rooms alone
        }
    }

    static func engine(_ model: CompiledModel) -> Engine {
        let e = Engine(model)
        for p in model.hardPropagators() { e.add(p) }
        e.scheduleAll()
        return e
    }

    @Test("root propagation keeps every solution, and a complete assignment fails exactly when it breaks the rule",
          arguments: 0...7)
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
            let root = Self.engine(model)
            let rootOK = root.propagate()
            for (v, ok) in isSolution where ok {
                solutions += 1
                if !rootOK || v.enumerated().contains(where: { !root.live($0.offset, $0.element) }) {
                    failures.append("seed \(seed): root propagation removes the solution \(v) of \(text)")
                }
            }
            // Complete assignments.
            for (v, ok) in isSolution.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }).prefix(400) {
                let s = Self.engine(model)
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
}
