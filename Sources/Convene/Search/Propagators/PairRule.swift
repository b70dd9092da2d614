/// `noOverlap` and `minSpacing`: once an event is fixed, every option of another that would
/// fall short of the pair's gap goes, because of the fixed one (forward checking, with
/// `[fixed = o]` as the reason).
final class PairRule: LearningPropagator {
    let watched: [Int]
    let maxNeed: Int32
    let short: (Int, Placement, Int, Placement) -> Bool

    init(events: [Int], maxNeed: Int, short: @escaping (Int, Placement, Int, Placement) -> Bool) {
        watched = events; self.maxNeed = Int32(maxNeed); self.short = short
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        for f in changed {
            guard let fo = s.value(f) else { continue }
            let pf = s.model.options[f][fo].placement
            let fs = s.start(f, fo), fe = s.end(f, fo)
            var reasoned = false
            for g in watched where g != f {
                // Only options that start near f can fall short: within the longest gap.
                let options = s.model.options[g]
                var hit = false
                s.forEach(g) { o in
                    if !hit, s.end(g, o) >= fs - maxNeed, s.start(g, o) <= fe + maxNeed, short(f, pf, g, options[o].placement) { hit = true }
                }
                guard hit else { continue }
                if !reasoned { s.beginReason(); s.explainFixed(f); reasoned = true }
                let ok = s.removeEach(g) { o in
                    s.end(g, o) >= fs - maxNeed && s.start(g, o) <= fe + maxNeed && short(f, pf, g, options[o].placement)
                }
                if !ok { return false }
            }
        }
        return true
    }
}
