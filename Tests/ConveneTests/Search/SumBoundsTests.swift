import Testing
@testable import Convene

/// `SumRule` keeps each position's least and greatest live contribution, and their sums, as
/// trailed integers brought up to date from the events that change (with a witness option per
/// bound, so an unchanged bound costs no scan). Checked here against the bounds recomputed from
/// the live options, along random dives that remove options and jump back: a stale witness, a
/// missed refresh or an untrailed change shows as a difference.
@Suite("a sum's incremental bounds")
struct SumBoundsTests {
    @Test("after every change and every backjump, the kept bounds are those of the live options")
    func incrementalBounds() throws {
        var checked = 0
        for seed in UInt64(1)...40 {
            guard let scenario = try? ScenarioReader.read(Array(RandomScenario.make(seed: seed).json.utf8)) else { continue }
            let model = CompiledModel(scenario)
            guard !model.options.contains(where: \.isEmpty) else { continue }
            var rng = SplitMix64(seed: seed)
            let engine = Engine(model)
            // A sum over every event (one twice), each option contributing a pseudo-random amount.
            let events = Array(model.options.indices) + [0]
            let contribution = events.map { e in model.options[e].indices.map { _ in rng.int(0...5) } }
            // A range the sum's bounds cross as options go, so that `outside` is tested too.
            let floor = contribution.reduce(0) { $0 + $1.min()! }, ceiling = contribution.reduce(0) { $0 + $1.max()! }
            let (lo, hi) = (floor + (ceiling - floor) * 2 / 3, floor + (ceiling - floor) / 3)
            let sum = SumRule(LinearSum(events: events, contribution: contribution, lo: seed % 2 == 0 ? lo : nil, hi: hi))
            func expectExact() {
                let (mins, maxs) = sum.bounds(engine)
                for (i, e) in events.enumerated() {
                    var a = Int.max, b = Int.min
                    engine.forEach(e) { o in a = min(a, contribution[i][o]); b = max(b, contribution[i][o]) }
                    #expect(mins[i] == a && maxs[i] == b, "seed \(seed), position \(i)")
                }
                // `outside` from the kept sums, against the recomputed bounds' sums.
                let (mn, mx) = (mins.reduce(0, +), maxs.reduce(0, +))
                let expected = mn > hi ? (mn - hi, true) : (seed % 2 == 0 && mx < lo ? (lo - mx, false) : (0, false))
                let got = sum.outside(engine)
                #expect(got.amount == expected.0 && got.over == expected.1, "seed \(seed): \(got) against \(expected)")
                checked += 1
            }
            expectExact()
            for _ in 0..<30 {
                if engine.level > 0, rng.int(0...3) == 0 {
                    engine.backjump(to: rng.int(0...(engine.level - 1)))
                    expectExact()
                    continue
                }
                let open = events.filter { engine.size[$0] > 1 }
                guard let e = open.isEmpty ? nil : rng.pick(open) else { break }
                var live: [Int] = []
                engine.forEach(e) { live.append($0) }
                // Remove one to half of its options, as one decision's consequences.
                _ = engine.decide(Predicate(e, .ne, rng.pick(live)))
                for o in live.prefix(rng.int(0...(live.count / 2))) where engine.size[e] > 1 {
                    engine.beginReason(); _ = engine.post(Predicate(e, .ne, o))
                }
                sum.refresh(engine, e)
                expectExact()
            }
        }
        #expect(checked >= 200, "only \(checked) states checked")
    }
}
