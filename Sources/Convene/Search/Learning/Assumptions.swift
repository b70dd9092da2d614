/// Elements of a conflict as assumptions on the learning core (issue 15): each hard constraint,
/// each event-level reason and each venue's rooms is switched on by an assumption made at level 1,
/// before any decision, as MiniSat assumes its literals first (`core/Solver.cc`, `search`), and the
/// one loop (`Solver.solve(assuming:)`) searches above them. A
/// conflict that needs no decision above level 1 is traced back through the reasons to the
/// assumptions it rests on (MiniSat's `analyzeFinal`): a *core*, a set of elements that cannot all
/// hold. Learnt nogoods name the assumptions they rest on, so they stay valid from one set of
/// assumptions to the next, and a later test starts with all of them.
///
/// An element is one of three kinds of assumption:
/// - *removals*: the options of some events it forbids, removed at level 1 with no reason (an
///   event-level reason such as `window:ID`, a hard `avoidExternal`);
/// - a *selector*: an extra two-option event whose option 0 ("on") switches on the propagators
///   of a hard rule or of a venue's rooms; each of their reasons then includes the selector
///   (`Engine.guardEntry`);
/// - a *marker* per event, when the model was compiled with the event's reasons in force
///   (options it forbids were never made): every reason that reads the event's options includes
///   it (`Engine.markers`), so a core names the events whose reasons it rests on.
///
/// Only the events the switched-on elements name are decided: every other event is free of all
/// of them, so it cannot decide whether a calendar exists.
final class AssumptionSearch {
    struct Element {
        /// Options removed when on: (event, sorted option indices).
        var removals: [(event: Int, options: [Int])] = []
        /// The selector event, or -1.
        var selector = -1
    }

    enum Answer: Equatable {
        /// A calendar for the decided events: an option per event (-1 for events left free).
        case sat([Int])
        /// A core: element indices, ascending.
        case unsat([Int])
        /// The limit came first.
        case unknown
    }

    let model: CompiledModel
    /// The one loop, under assumptions (`Solver.solve(assuming:)`).
    let solver: Solver
    var engine: Engine { solver.engine }
    /// Real events (the selectors come after them).
    let eventCount: Int
    private(set) var elements: [Element] = []
    /// Per real event, the elements whose reasons a marker stands for (markers only).
    var markerElements: [[Int]]? = nil
    private var nextSelector: Int
    private var owner: [Int32: Int] = [:]
    private var markerEntry: [Int32: Int] = [:]
    /// Conflicts, summed over every solve.
    var conflicts: Int { solver.work.conflicts }

    /// `model` with `selectors` extra selector events for rules added later (`addRule`).
    init(model: CompiledModel, selectors: Int) {
        eventCount = model.options.count
        let day = model.scenario.horizon.start
        let dummy = Option(placement: Placement(start: day, end: day, venue: nil, days: 0, occupied: []),
                           start: day.ordinal, end: day.ordinal, unary: 0)
        for _ in 0..<selectors { model.options.append([dummy, dummy]); model.byCost.append([0, 1]) }
        self.model = model
        solver = Solver(bare: model)
        nextSelector = eventCount
    }

    /// A new element of removals, behind a selector of its own (so that a nogood names it by
    /// one predicate, not by each option it removes); its index.
    @discardableResult
    func addRemovals(_ removals: [(event: Int, options: [Int])]) -> Int {
        let kept = removals.filter { !$0.options.isEmpty }
        if !kept.isEmpty, let i = addRule([FilterRule(kept)]) { return i }
        elements.append(Element(removals: kept))
        return elements.count - 1
    }

    /// A new element switching on `rules` (nil when no selector is left); its index.
    @discardableResult
    func addRule(_ rules: [LearningPropagator]) -> Int? {
        guard nextSelector < model.options.count else { return nil }
        let sel = nextSelector
        nextSelector += 1
        for r in rules { engine.add(GuardedRule(selector: sel, r)) }
        elements.append(Element(selector: sel))
        return elements.count - 1
    }

    /// Whether `on` can all hold, deciding only `decided` events; `deadline` as `now()`.
    func solve(_ on: [Int], decided: [Int], deadline: Double, stop: StopFlag?) -> Answer {
        owner.removeAll(keepingCapacity: true); markerEntry.removeAll(keepingCapacity: true)
        switch solver.solve(assuming: { assume(on) }, decided: decided, deadline: deadline, stop: stop) {
        case .found: return .sat((0..<eventCount).map { engine.value($0) ?? -1 })
        case .assumptionsFail(let conflict): return .unsat(core(conflict))
        case .stopped, .exhausted: return .unknown  // (no conflict lies below level 1's floor)
        }
    }

    /// Level 1: the markers, then the elements `on` (their removals, their selectors switched
    /// on). False when they cannot all hold already (the engine holds the conflict).
    private func assume(_ on: [Int]) -> Bool {
        if let markerElements {
            engine.markers = Array(repeating: -1, count: model.options.count)
            for e in 0..<eventCount where !markerElements[e].isEmpty {
                engine.beginReason()
                let m = engine.pushMarker(Predicate(e, .startGE, -1_000_000))
                engine.markers[e] = m
                markerEntry[m] = e
            }
        }
        for i in on {
            let el = elements[i]
            for (e, opts) in el.removals {
                engine.beginReason()
                let first = engine.entryCount
                let ok = engine.removeEach(e) { o in binarySearch(opts, o) }
                for k in first..<engine.entryCount { owner[Int32(k)] = i }
                if !ok { return false }
            }
            if el.selector >= 0 {
                engine.beginReason()
                let first = engine.entryCount
                let ok = engine.post(Predicate(el.selector, .eq, 0))
                for k in first..<engine.entryCount { owner[Int32(k)] = i }
                if !ok { return false }
            }
        }
        return true
    }

    /// The elements a conflict on level 1 rests on: its roots' owners, and the elements each
    /// marker among them stands for.
    private func core(_ conflict: [Int32]) -> [Int] {
        var out = Set<Int>()
        for r in solver.roots(of: conflict) {
            if let i = owner[r] { out.insert(i) }
            if let e = markerEntry[r], let m = markerElements { out.formUnion(m[e]) }
        }
        return out.sorted()
    }
}

@inline(__always) func binarySearch(_ sorted: [Int], _ x: Int) -> Bool {
    var lo = 0, hi = sorted.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
    }
    return lo < sorted.count && sorted[lo] == x
}

/// An element's removals: the options it forbids, per event, removed once its selector is on.
final class FilterRule: LearningPropagator {
    let removals: [(event: Int, options: [Int])]
    let watched: [Int] = []
    init(_ removals: [(event: Int, options: [Int])]) { self.removals = removals }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        for (e, opts) in removals {
            s.beginReason()
            if !s.removeEach(e, where: { binarySearch(opts, $0) }) { return false }
        }
        return true
    }
}

/// A rule that filters only while its selector event holds option 0 ("on"); every reason it
/// gives then includes the selector's entry.
final class GuardedRule: LearningPropagator {
    let selector: Int
    let inner: LearningPropagator
    let watched: [Int]

    init(selector: Int, _ inner: LearningPropagator) {
        self.selector = selector; self.inner = inner
        watched = inner.watched + [selector]
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        guard s.size[selector] == 1, s.live(selector, 0) else { return true }
        s.guardEntry = s.removedBy[s.base[selector] + 1]
        defer { s.guardEntry = -1 }
        return inner.propagate(s, changed: changed.contains(selector) ? inner.watched : changed)
    }
}
