/// Finds a minimal set of hard constraints and event-level reasons that cannot all hold
/// (QuickXplain, Junker 2004), where each test is a complete search for any calendar with every
/// other element relaxed exactly as the spec's "Calendar file" section says.
public struct ConflictExplainer {
    let scenario: Scenario
    let evaluator: Evaluator
    let limits: Limits
    /// Starting setup (a what-if's pins); its `relaxed` grows with each test.
    let base: SearchSetup
    let deadline: Double?
    private let cache = OptionCache()

    public init(_ scenario: Scenario, evaluator: Evaluator? = nil, limits: Limits = Limits(), base: SearchSetup = SearchSetup()) {
        self.scenario = scenario
        self.evaluator = evaluator ?? Evaluator(scenario)
        self.limits = limits
        self.base = base
        deadline = limits.timeLimit.map { now() + $0 }
    }

    /// Every element that relaxing can change, in a fixed order: hard constraints in file
    /// order, then each event's reasons, then the venues' rooms, then a what-if's pins.
    public var elements: [ConflictElementID] {
        var out = scenario.constraints.filter(\.hard).map { ConflictElementID.constraint($0.id) }
        let allVenues = Set(scenario.venues.indices)
        for e in scenario.events {
            func add(_ reason: Evaluator.Reason) { out.append(.reason(reason, event: e.id)) }
            if e.window.start > scenario.horizon.start || e.window.end < scenario.horizon.end { add(.window) }
            if !e.venues.isEmpty, Set(e.venues) != allVenues { add(.venues) }
            if e.fixed != nil { add(.fixed) }
            // Relaxed, a length runs from half a day to the event's longest: only a fixed 0.5 is unchanged.
            if !e.isMilestone, e.length != .exactly(0.5) { add(.days) }
            if e.startWeekdays != nil || (e.contiguous && e.length.longest > 1) { add(.calendar) }
        }
        out += scenario.venues.filter { $0.rooms != nil }.map { .rooms(venue: $0.id) }
        out += base.pinReasons.sorted()
        return out
    }

    /// Whether some calendar meets every element of `kept`, the rest relaxed as the spec says, by
    /// a fresh search of the whole scenario (not the assumption search that found a conflict);
    /// nil when the limit came first.
    public func isSatisfiable(keeping kept: [ConflictElementID]) -> Bool? {
        let setup = feasibility(relaxing: Set(elements).subtracting(kept))
        let remaining = deadline.map { max(0, $0 - now()) }
        let model = CompiledModel(scenario, evaluator: evaluator, setup: setup, cache: cache, deadline: remaining.map { now() + $0 })
        switch Solver(model: model, limits: limits.step(timeLimit: remaining)).solve().status {
        case .optimal, .feasible: return true
        case .infeasible: return false
        case .unknown: return nil
        }
    }

    /// A minimal conflict with its sentences; nil when a calendar exists or the limit came
    /// first (`conflict()` then gives the smallest core found so far).
    public func explain() -> [ConflictElement]? {
        guard let c = conflict(repairs: false), c.minimal else { return nil }
        return c.elements
    }

    /// A minimal conflict, or when the limit came first the smallest set of elements found that
    /// cannot all hold (`minimal` false); nil when a calendar exists or no such set was found.
    /// By assumptions (`AssumptionSearch`, `Conflicts.swift`); for a scenario the assumption search
    /// cannot relax, QuickXplain over complete searches.
    /// With `repairs`, a minimal conflict carries what would fix it (`ConflictRepairs.swift`),
    /// as far as the time limit allows.
    public func conflict(repairs: Bool = true) -> Conflict? {
        guard var c = learningConflict() else { return nil }
        if repairs, c.minimal { c.repairs = self.repairs(for: c.elements.map(\.id)) }
        return c
    }

    /// `base` for a search of any calendar, with `relaxed` relaxed, stopped by the limit's flag.
    func feasibility(relaxing relaxed: Set<ConflictElementID>) -> SearchSetup {
        var setup = base
        setup.feasibilityOnly = true
        setup.stop = limits.stop
        setup.relaxed = relaxed
        return setup
    }

    /// A minimal conflict by QuickXplain (Junker 2004), each test a complete search of the relaxed scenario.
    func quickXplain() -> Conflict? {
        let all = elements
        guard isSatisfiable(keeping: all) == false else { return nil }
        var aborted = false
        func consistent(_ kept: [ConflictElementID]) -> Bool {
            guard !aborted, let ok = isSatisfiable(keeping: kept) else { aborted = true; return false }
            return ok
        }
        func qx(_ background: [ConflictElementID], _ delta: Bool, _ candidates: [ConflictElementID]) -> [ConflictElementID] {
            if delta && !consistent(background) { return [] }
            if candidates.count == 1 { return candidates }
            let c1 = Array(candidates.prefix(candidates.count / 2)), c2 = Array(candidates.dropFirst(candidates.count / 2))
            let d2 = qx(background + c1, !c1.isEmpty, c2)
            let d1 = qx(background + d2, !d2.isEmpty, c1)
            return d1 + d2
        }
        let conflict = Set(qx([], false, all))
        guard !aborted else { return nil }
        return Conflict(elements: all.filter(conflict.contains).map(conflictElement), minimal: true)
    }

    /// The element in a planner's words, its name in brackets.
    public func sentence(_ element: ConflictElementID) -> String {
        let text: String?
        switch element {
        case .constraint(let id): text = scenario.constraints.first(where: { $0.id == id })?.rule.sentence(in: scenario)
        case .rooms(let id): text = scenario.venues.first(where: { $0.id == id }).map { "\($0.id) holds at most \($0.rooms ?? 0) event(s) a day" }
        case .pin(let id): text = scenario.eventIndex(id) == nil ? nil : base.pinSentences[element] ?? "the what-if pins \(id)"
        case .reason(let reason, let id): text = scenario.events.first(where: { $0.id == id }).map { sentence(reason, of: $0) }
        }
        // An element the scenario does not hold: its name alone.
        return text.map { "\($0) (\(element))" } ?? element.description
    }

    /// An event's reason in a planner's words.
    private func sentence(_ reason: Evaluator.Reason, of e: Event) -> String {
        switch reason {
        case .window: return "\(e.id) must fall between \(e.window.start.iso) and \(e.window.end.iso)"
        case .venues: return "\(e.id) must be held at \(e.venues.map { scenario.venues[$0].id }.joined(separator: " or "))"
        case .fixed: return "\(e.id) is pinned to \(e.fixed!.start.iso)\(e.fixed!.venue.map { " at \($0)" } ?? "")"
        case .days: return "\(e.id) must last \(Convene.describe(e.length))"
        case .calendar:
            var why: [String] = []
            if e.contiguous && e.length.longest > 1 { why.append("its days must be consecutive working days") }
            if let w = e.startWeekdays { why.append("it may only start on \(Weekday.allCases.filter(w.contains).map(\.rawValue).joined(separator: ", "))") }
            return "\(e.id): " + why.joined(separator: " and ")
        }
    }

    /// The element with its sentence.
    func conflictElement(_ id: ConflictElementID) -> ConflictElement { ConflictElement(id: id, sentence: sentence(id)) }
}
