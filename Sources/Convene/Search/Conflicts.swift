import Foundation

/// A set of elements that cannot all hold: minimal by the spec's definition when `minimal`
/// (infeasible as given, feasible with any one dropped), else the smallest core found before
/// the limit, not proven minimal. `repairs`: for elements of a minimal conflict, the least change
/// of that element alone that lets a calendar exist (`ConflictRepairs.swift`).
public struct Conflict: Sendable {
    public var elements: [ConflictElement]
    public var minimal: Bool
    public var repairs: [ConflictRepair] = []

    public init(elements: [ConflictElement], minimal: Bool, repairs: [ConflictRepair] = []) {
        self.elements = elements; self.minimal = minimal; self.repairs = repairs
    }
}

extension ConflictExplainer {
    /// The conflict on the learning core, in two steps:
    ///
    /// 1. a core: the whole scenario, compiled with its event-level reasons in force (as a
    ///    solve compiles it) and every hard rule and venue's rooms behind a selector, solved
    ///    under all of them; the conflict analysis names the rules and, through each event's
    ///    marker, the events whose reasons it read (all of an event's reasons stand for it);
    /// 2. a deletion filter over that core, from its last element to its first (which gives the
    ///    conflict QuickXplain prefers for the same order, when the core holds it): the events the
    ///    core names, alone, with every reason relaxed as the spec says, the core's reasons as
    ///    removals; each test keeps the nogoods of the ones before.
    ///
    /// A scenario the learning core cannot relax, or a core that holds no conflict after all,
    /// falls back to QuickXplain.
    func learningConflict() -> Conflict? {
        // A length the relaxed model cannot make (one fixed length that is neither half a day nor whole days).
        let oddLength = scenario.events.contains { e in if case .exactly(let v) = e.length { return v != 0.5 && v != v.rounded() }; return false }
        guard base.frozen.isEmpty, base.occupancy.isEmpty, !oddLength else { return quickXplain() }
        let all = elements
        let t0 = now()
        guard let coreIDs = firstCore(all) else { return nil }
        let t1 = now()
        var best = coreIDs
        let shrunk = shrink(coreIDs, best: &best)
        limits.trace?("conflict: core \(coreIDs.count) of \(all.count) in \(t1 - t0) s; shrunk in \(now() - t1) s")
        if let shrunk { return Conflict(elements: shrunk.map(conflictElement), minimal: true) }
        return best.isEmpty ? quickXplain() : Conflict(elements: best.map(conflictElement), minimal: false)
    }

    /// Step 1: the elements a proof of infeasibility of the whole scenario rests on, in
    /// `elements` order; nil when the limit came first (or a calendar exists).
    func firstCore(_ all: [ConflictElementID]) -> [ConflictElementID]? {
        let s = scenario
        let hard = s.constraints.filter(\.hard)
        let setup = feasibility(relaxing: Set(hard.map { .constraint($0.id) }).union(s.venues.filter { $0.rooms != nil }.map { .rooms(venue: $0.id) }))
        let model = CompiledModel(s, evaluator: evaluator, setup: setup, deadline: deadline)
        guard !model.aborted else { return nil }
        if let e = model.options.firstIndex(where: \.isEmpty) {
            // An event with no option at all: its own reasons (and hard avoidExternal rules on it).
            let id = s.events[e].id
            return all.filter { el in
                el.event == id || hard.contains { .constraint($0.id) == el && $0.rule.avoidance != nil && $0.rule.events.contains(e) }
            }
        }
        let search = AssumptionSearch(model: model, selectors: all.count)
        var markerElements = Array(repeating: [Int](), count: s.events.count)
        let eventIndex = s.eventIndices
        for id in all {
            switch id {
            case .constraint, .rooms: addRule(id, to: search, model: model, compulsory: false)
            case .reason(_, let event), .pin(let event):
                // An event-level reason or pin: in force in the options; the event's marker stands for it.
                let i = search.addRemovals([])
                if let e = eventIndex[event] { markerElements[e].append(i) }
            }
        }
        search.markerElements = markerElements
        let answer = search.solve(Array(all.indices), decided: Array(s.events.indices), deadline: deadline ?? .infinity, stop: limits.stop)
        guard case .unsat(let core) = answer else { return nil }
        return core.map { all[$0] }
    }

    /// The options a hard `avoidExternal` forbids, per event it selects.
    func avoidRemovals(_ a: AvoidExternal, _ model: CompiledModel) -> [(event: Int, options: [Int])] {
        var windows: [Int: [(external: Int, lo: Int, hi: Int)]] = [:]
        return a.events.map { e in
            (e, model.options[e].indices.filter { o in
                let p = model.options[e][o].placement
                guard !p.isMilestone else { return false }
                let key = p.venue ?? -1
                if windows[key] == nil { windows[key] = a.windows(forVenue: p.venue, in: model.scenario) }
                return AvoidExternal.clashCount(p.occupied, windows[key]!) > 0
            })
        }
    }

    /// The events a test of `kept` must decide in scenario `s`: those its elements name, and when
    /// every venue's rooms are kept, every event that occupies rooms (with a venue left free of
    /// limits, any event the kept elements do not name can be held there, apart from the rest).
    static func events(of kept: [ConflictElementID], in s: Scenario) -> [Int] {
        var out = Set<Int>()
        let eventIndex = s.eventIndices
        var roomsKept = Set<String>()
        for id in kept {
            switch id {
            case .constraint(let name): if let c = s.constraints.first(where: { $0.id == name }) { out.formUnion(c.rule.events) }
            case .rooms(let venue): roomsKept.insert(venue)
            case .reason(_, let event), .pin(let event): if let e = eventIndex[event] { out.insert(e) }
            }
        }
        if !roomsKept.isEmpty, s.venues.allSatisfy({ roomsKept.contains($0.id) }) {
            out.formUnion(s.events.indices.filter { !s.events[$0].isMilestone })
        }
        return out.sorted()
    }

    /// Step 2: `core` shrunk to a minimal conflict by a deletion filter, each test on the events
    /// it names; nil when the limit came first (`best` then holds the smallest core proven).
    func shrink(_ core: [ConflictElementID], best: inout [ConflictElementID]) -> [ConflictElementID]? {
        let s = scenario
        let part = ConflictExplainer.events(of: core, in: s)
        let sub = s.restricted(to: part)
        let subElements = ConflictExplainer(sub, limits: limits).elements
        var setup = feasibility(relaxing: Set(subElements).union(core).union(s.constraints.map { .constraint($0.id) }))
        setup.admits = nil
        setup.pinReasons = []
        let tc = now()
        let model = CompiledModel(sub, setup: setup, deadline: deadline)
        guard !model.aborted else { return nil }
        limits.trace?("shrink: \(part.count) events, \(model.options.map(\.count).reduce(0, +)) options compiled in \(now() - tc) s")
        let search = AssumptionSearch(model: model, selectors: core.count)
        let ta = now()
        defer { limits.trace?("shrink total \(now() - ta) s") }
        guard addElements(core, to: search, model: model, part: part, compulsory: true) else { return nil }
        // Test `kept` (indices into core, as the search's elements): unsat (then `refined` holds
        // those of them the proof rests on), sat (verified), or nil at the limit.
        var refined: [Int] = []
        func test(_ kept: [Int]) -> Bool? {
            let decided = ConflictExplainer.events(of: kept.map { core[$0] }, in: sub)
            let tt = now()
            // Pins first: their removals then leave the other reasons of an event little to
            // remove, and a proof rests on the pins alone where it can.
            let first = kept.sorted { (core[$0].postingRank, $0) < (core[$1].postingRank, $1) }
            let answer = search.solve(first, decided: decided, deadline: deadline ?? .infinity, stop: limits.stop)
            if let trace = limits.trace {
                let verdict = answer == .unknown ? "?" : { if case .sat = answer { return "sat" }; return "unsat" }()
                trace("test \(kept.map { core[$0] }), \(decided.count) decided: \(verdict) in \(now() - tt) s, \(search.conflicts) conflicts so far")
            }
            switch answer {
            case .unknown: return nil
            case .unsat(let proof):
                refined = proof.filter(kept.contains)
                return false
            case .sat(let values): return verify(values, kept.map { core[$0] }, model, full: part) ? true : nil
            }
        }
        guard let whole = test(Array(core.indices)) else { return nil }
        // Not a conflict after all: no answer from this core (the caller falls back).
        guard whole == false else { best = []; return nil }
        // Clause-set refinement: an infeasible test keeps only what its proof rests on.
        var kept = refined
        best = kept.map { core[$0] }
        for i in core.indices.reversed() where kept.contains(i) {
            let without = kept.filter { $0 != i }
            guard let ok = test(without) else { best = kept.map { core[$0] }; return nil }
            if !ok { kept = refined; best = kept.map { core[$0] } }
        }
        // `core` is in `elements` order and `kept` ascending (a proof's elements are), so is the conflict.
        return kept.map { core[$0] }
    }

    /// Adds a hard constraint or a venue's rooms of `model`'s scenario to `search` as an element:
    /// a hard `avoidExternal` as the options it forbids, any other rule and the rooms behind a
    /// selector (the rooms with their compulsory parts' check too, where `compulsory`); an
    /// element the scenario does not hold as a hard rule switches nothing on.
    private func addRule(_ id: ConflictElementID, to search: AssumptionSearch, model: CompiledModel, compulsory: Bool) {
        let s = model.scenario
        switch id {
        case .constraint(let name):
            guard let c = s.constraints.first(where: { $0.id == name }), c.hard else { search.addRemovals([]); return }
            if let a = c.rule.avoidance { search.addRemovals(avoidRemovals(a, model)) }
            else { search.addRule(model.posted(c).propagators(of: c, in: model)) }
        case .rooms(let venue):
            guard let v = s.venueIndex(venue), let rooms = s.venues[v].rooms else { search.addRemovals([]); return }
            guard let r = model.roomsRule(v, rooms: rooms) else { search.addRule([]); return }
            r.compulsory = compulsory
            search.addRule([r])
        case .reason, .pin: preconditionFailure("\(id) is no rule")
        }
    }

    /// Switches `ids` on in `search` over `model`'s scenario (the events `part` of the whole one),
    /// one element each, in order: rules and rooms behind selectors (`addRule`), event-level
    /// reasons and pins as the options they remove. False when the limit came first.
    func addElements(_ ids: [ConflictElementID], to search: AssumptionSearch, model: CompiledModel, part: [Int], compulsory: Bool) -> Bool {
        let ev = model.evaluator
        let eventIndex = model.scenario.eventIndices
        var reasons: [Int: [Set<Evaluator.Reason>]] = [:]
        for id in ids {
            switch id {
            case .constraint, .rooms: addRule(id, to: search, model: model, compulsory: compulsory)
            case .pin(let event):
                guard let e = eventIndex[event] else { search.addRemovals([]); continue }
                let full = part[e]
                search.addRemovals([(e, model.options[e].indices.filter { !(base.admits?(full, model.options[e][$0].placement) ?? true) })])
            case .reason(let reason, let event):
                guard let e = eventIndex[event] else { search.addRemovals([]); continue }
                if reasons[e] == nil {
                    if timeUp() { return false }
                    reasons[e] = model.options[e].map { ev.structureReasons(of: e, $0.placement) }
                }
                search.addRemovals([(e, reasons[e]!.indices.filter { reasons[e]![$0].contains(reason) })])
            }
        }
        return true
    }

    /// Whether the calendar `values` (an option per decided event of `model`, -1 for free ones)
    /// meets every element of `kept`, by the evaluator's reading of each.
    func verify(_ values: [Int], _ kept: [ConflictElementID], _ model: CompiledModel, full: [Int]) -> Bool {
        let s = model.scenario, ev = model.evaluator
        let schedule: Schedule = s.events.indices.map { values[$0] >= 0 ? model.options[$0][values[$0]].placement : nil }
        let eventIndex = s.eventIndices
        for id in kept {
            switch id {
            case .constraint(let name):
                guard let c = s.constraints.first(where: { $0.id == name }) else { return false }
                if c.rule.events.contains(where: { schedule[$0] == nil }) { return false }
                if c.rule.evaluate(schedule, in: s).amount > 0 { return false }
            case .rooms(let venue):
                guard let v = s.venueIndex(venue), s.venues[v].rooms != nil, ev.overfull(schedule, venue: v).isEmpty else { return false }
            case .reason(_, let event), .pin(let event):
                guard let e = eventIndex[event], let p = schedule[e] else { return false }
                if case .reason(let reason, _) = id, ev.structureReasons(of: e, p).contains(reason) { return false }
                if case .pin = id, base.admits?(full[e], p) == false { return false }
            }
        }
        return true
    }

    /// Whether `conflict` is minimal by the spec's definition: no calendar keeping exactly its
    /// elements, one when any one of them is dropped; nil when the limit came first.
    public func isMinimal(_ conflict: [ConflictElementID]) -> Bool? {
        guard let whole = isSatisfiable(keeping: conflict) else { return nil }
        if whole { return false }
        for element in conflict {
            guard let ok = isSatisfiable(keeping: conflict.filter { $0 != element }) else { return nil }
            if !ok { return false }
        }
        return true
    }
}

extension ConflictElementID {
    /// The order in which a test switches elements on: pins, then windows, calendars,
    /// lengths, venues, then rules and rooms.
    var postingRank: Int {
        switch self {
        case .reason(.fixed, _): return 0
        case .pin: return 1
        case .reason(.window, _): return 2
        case .reason(.calendar, _): return 3
        case .reason(.days, _): return 4
        case .reason(.venues, _): return 5
        case .constraint, .rooms: return 6
        }
    }
}

/// One change of one element of a conflict that, alone, lets a calendar exist.
public struct ConflictRepair: Sendable, Equatable {
    /// The element changed.
    public var element: ConflictElementID
    /// `window-end`, `window-start`, `date`, `rooms`.
    public var kind: String
    /// The planner's sentence.
    public var sentence: String
    /// The new window edge or pin date (window-end, window-start, date).
    public var day: Day? = nil
    /// The rooms needed, and the dates that need them (rooms).
    public var rooms: Int? = nil
    public var dates: [Day] = []
}
