/// The search's working state: the domains, the propagation queue, and the events whose
/// domains changed since each propagator last ran.
final class SearchState {
    let model: CompiledModel
    var domains: Domains
    private var queue: [Int] = []
    private var queued: [Bool]
    /// Events changed since each propagator last ran.
    private(set) var dirty: [[Int]]
    var propagations = 0
    /// The propagator that failed last, for failure weights.
    var failedPropagator: Int? = nil

    init(_ model: CompiledModel) {
        self.model = model
        domains = Domains(optionCount: model.options.map(\.count))
        queued = Array(repeating: false, count: model.propagators.count)
        dirty = Array(repeating: [], count: model.propagators.count)
    }

    private func touched(_ e: Int) {
        for p in model.watchers[e] {
            if dirty[p].last != e { dirty[p].append(e) }
            if !queued[p] { queued[p] = true; queue.append(p) }
        }
    }

    /// Removes option `o` of `e`; false when `e` has no option left.
    @discardableResult
    func remove(_ e: Int, _ o: Int) -> Bool {
        if domains.remove(e, o) { touched(e) }
        return domains.size[e] > 0
    }

    /// Removes every option of `e` for which `test` holds; false when none is left.
    func removeAll(_ e: Int, where test: (Int) -> Bool) -> Bool {
        var hit: [Int] = []
        domains.forEach(e) { if test($0) { hit.append($0) } }
        for o in hit { _ = domains.remove(e, o) }
        if !hit.isEmpty { touched(e) }
        return domains.size[e] > 0
    }

    func assign(_ e: Int, _ o: Int) {
        let before = domains.size[e]
        domains.assign(e, o)
        if domains.size[e] != before { touched(e) }
    }

    /// Marks every propagator to run (at the root).
    func scheduleAll() {
        for p in model.propagators.indices {
            dirty[p] = model.propagators[p].watched
            if !queued[p] { queued[p] = true; queue.append(p) }
        }
    }

    /// Set when propagation stopped because the time limit passed: not a real failure.
    private(set) var expired = false

    /// Runs propagators to a fixpoint; false on a failure (a domain emptied) or when the time
    /// limit passes (then `expired`).
    func propagate() -> Bool {
        while !queue.isEmpty {
            if propagations & 255 == 255, model.expired() {
                expired = true
                for q in queue { queued[q] = false; dirty[q].removeAll(keepingCapacity: true) }
                queue.removeAll(keepingCapacity: true)
                return false
            }
            let p = queue.removeFirst()
            queued[p] = false
            let changed = dirty[p]
            dirty[p].removeAll(keepingCapacity: true)
            propagations += 1
            if !model.propagators[p].propagate(self, changed: changed) {
                failedPropagator = p
                for q in queue { queued[q] = false; dirty[q].removeAll(keepingCapacity: true) }
                queue.removeAll(keepingCapacity: true)
                return false
            }
        }
        return true
    }

    @inline(__always) func option(_ e: Int, _ o: Int) -> Option { model.options[e][o] }
    @inline(__always) func isFixed(_ e: Int) -> Bool { domains.size[e] == 1 }
}

/// A hard rule's filtering: removes options that cannot be part of any calendar meeting it,
/// given the others' domains. Returns false when the rule cannot hold any more.
protocol Propagator: AnyObject {
    /// The events whose domain changes wake it.
    var watched: [Int] { get }
    func propagate(_ s: SearchState, changed: [Int]) -> Bool
}
