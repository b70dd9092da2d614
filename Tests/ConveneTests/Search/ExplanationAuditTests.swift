import Testing
@testable import Convene

// Issue 12, item 1: every change the learning core's propagators make carries a reason, and the
// reason must re-derive the change on its own (Pumpkin's `test_explanations`). On small random
// scenarios (Support/RandomScenarios.swift) a random dive of decisions is made; after each
// fixpoint, every entry of the level just propagated, and every conflict, is audited on a fresh
// engine of the same model: its reason's predicates are made true at the root and propagated,
// and the entry's predicate must then hold (or the reason must fail outright). A conflict's
// entries must fail together. A reason that leaves out what a propagator relied on fails here.

@Suite("the learning core's explanations re-derive what they explain")
struct ExplanationAuditTests {
    /// A fresh engine of `model` with the rules' propagators and, given `upper`, the objective
    /// bound `cost ≤ upper`, propagated at the root.
    /// `compulsory`: the rooms read compulsory parts too (as in a conflict's tests).
    static func fresh(_ model: CompiledModel, upper: Int? = nil, compulsory: Bool = false) -> (engine: Engine, rootOK: Bool) {
        let e = Engine(model)
        for p in model.hardPropagators() {
            if let r = p as? RoomsRule { r.compulsory = compulsory }
            e.add(p)
        }
        if let upper {
            let o = ObjectiveBound(model, e)
            o.upper = upper
            e.add(o)
        }
        e.scheduleAll()
        return (e, e.propagate())
    }

    /// Whether `predicates` made true at the root of a fresh engine entail `goal` (nil: a conflict).
    static func entails(_ model: CompiledModel, _ predicates: [Predicate], _ goal: Predicate?, upper: Int?, compulsory: Bool) -> Bool {
        let (e, rootOK) = fresh(model, upper: upper, compulsory: compulsory)
        guard rootOK else { return true }
        for p in predicates {
            e.beginReason()
            if !e.post(p) { return true }
        }
        guard e.propagate() else { return true }
        return goal.map { e.isTrue($0) } ?? false
    }

    @Test("every reason of a random dive re-derives its entry, and every conflict fails on its own")
    func audit() {
        var audited = 0, conflicts = 0, failures: [String] = []
        for seed in UInt64(1)...1000 {
            guard let scenario = try? ScenarioReader.read(Array(RandomScenario.make(seed: seed).json.utf8)) else { continue }
            let model = CompiledModel(scenario)
            guard !model.options.contains(where: \.isEmpty) else { continue }
            var rng = SplitMix64(seed: seed)
            // Every other dive runs under an objective bound a little above the root's cheapest
            // options, so that the objective's reasons (lifted) are audited as well.
            let cheapest = model.options.reduce(0) { sum, list in sum + (list.map(\.unary).min() ?? 0) }
            let upper: Int? = seed % 2 == 0 ? cheapest + rng.int(0...12) : nil
            // Every third seed, the rooms read compulsory parts too.
            let compulsory = seed % 3 == 0
            let (engine, rootOK) = Self.fresh(model, upper: upper, compulsory: compulsory)
            guard rootOK else { continue } // infeasible at the root: nothing to explain
            var checkedUpTo = 0
            while true {
                let ok = engine.propagate()
                // Audit what this fixpoint (or failure) added.
                for i in checkedUpTo..<engine.entryCount where !engine.isDecision(i) && engine.entryLevel[i] > 0 {
                    let reason = engine.reason(of: i).map { engine.entryPredicate[Int($0)] }
                    audited += 1
                    if !Self.entails(model, reason, engine.entryPredicate[i], upper: upper, compulsory: compulsory) {
                        failures.append("seed \(seed): \(reason) does not give \(engine.entryPredicate[i])")
                    }
                }
                checkedUpTo = engine.entryCount
                if !ok {
                    guard engine.level > 0 else { break } // infeasible at the root: nothing to explain
                    conflicts += 1
                    let reason = engine.conflict.map { engine.entryPredicate[Int($0)] }
                    if !Self.entails(model, reason, nil, upper: upper, compulsory: compulsory) { failures.append("seed \(seed): conflict \(reason) holds together") }
                    break
                }
                let open = (0..<engine.eventCount).filter { engine.size[$0] > 1 }
                guard !open.isEmpty else { break }
                let e = rng.pick(open)
                var live: [Int] = []
                engine.forEach(e) { live.append($0) }
                if !engine.decide(Predicate(e, .eq, rng.pick(live))) {
                    // The decision emptied a domain: its conflict is the decision itself and
                    // what removed the rest; audited like any other.
                    conflicts += 1
                    let reason = engine.conflict.map { engine.entryPredicate[Int($0)] }
                    if !Self.entails(model, reason, nil, upper: upper, compulsory: compulsory) { failures.append("seed \(seed): conflict \(reason) holds together") }
                    break
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
        print("explanation audit: \(audited) entries, \(conflicts) conflicts")
        #expect(audited >= 500, "only \(audited) entries audited")
        #expect(conflicts >= 30, "only \(conflicts) conflicts audited")
    }
}
