/// `avoidExternal`: no occupied date of a selected event lies in
/// `[x.start − bufferDays, x.end + bufferDays]` of a selected, dated outside event `x`
/// (with `samePlace`, only those whose `place` is the event's venue id or city).
/// Amount: the number of (event, external, date) triples that clash.
public struct AvoidExternal: ConstraintRule {
    public enum Scope: String, Sendable { case anyPlace, samePlace }
    public static let type = "avoidExternal"
    public var avoidance: AvoidExternal? { self }

    public func sentence(in s: Scenario) -> String {
        let what = externals.count == 1 ? s.externals[externals[0]].id : "\(externals.count) outside events"
        return "\(s.names(events)) must avoid \(what)\(bufferDays > 0 ? " with \(bufferDays) day(s) of buffer" : "")"
    }
    public var events: [Int]
    public var externals: [Int]
    public var bufferDays: Int
    public var scope: Scope

    public init(events: [Int], externals: [Int], bufferDays: Int = 0, scope: Scope = .anyPlace) {
        self.events = events; self.externals = externals; self.bufferDays = bufferDays; self.scope = scope
    }

    /// Whether outside event `x` concerns an event held at `venue`.
    public func applies(_ x: ExternalEvent, toVenue venue: Int?, in scenario: Scenario) -> Bool {
        guard x.dates != nil else { return false }
        guard scope == .samePlace else { return true }
        guard let venue else { return false }
        return x.place == scenario.venues[venue].id || x.place == scenario.venues[venue].city
    }

    public func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)? {
        // Unary: the events of a part that it selects.
        let kept = events.compactMap { map[$0] }
        return kept.isEmpty ? nil : AvoidExternal(events: kept, externals: externals, bufferDays: bufferDays, scope: scope)
    }

    /// For an event held at `venue`: each selected outside event that concerns it, with the
    /// day ordinals `[x.start − bufferDays, x.end + bufferDays]` its dates must avoid.
    public func windows(forVenue venue: Int?, in scenario: Scenario) -> [(external: Int, lo: Int, hi: Int)] {
        externals.compactMap { xi in
            let x = scenario.externals[xi]
            guard applies(x, toVenue: venue, in: scenario), let r = x.dates else { return nil }
            return (xi, r.start.ordinal - bufferDays, r.end.ordinal + bufferDays)
        }
    }

    /// The number of (date, external) clashes of `occupied` against `windows`.
    public static func clashCount(_ occupied: [Day], _ windows: [(external: Int, lo: Int, hi: Int)]) -> Int {
        var n = 0
        for w in windows { for d in occupied where w.lo <= d.ordinal && d.ordinal <= w.hi { n += 1 } }
        return n
    }

    public func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome {
        var o = Outcome()
        for e in events {
            guard let p = schedule[e], !p.isMilestone else { continue }
            for w in windows(forVenue: p.venue, in: scenario) {
                let xi = w.external, x = scenario.externals[xi]
                let dates = p.occupied.filter { w.lo <= $0.ordinal && $0.ordinal <= w.hi }
                guard !dates.isEmpty else { continue }
                o.amount += Double(dates.count)
                o.clashes.append(Clash(constraint: "", event: e, external: xi, dates: dates))
                o.details.append("\(scenario.name(e)) meets \(x.id) (\(x.title), \(x.place)) on \(dates.map(\.iso).joined(separator: ", "))")
            }
        }
        return o
    }
}

extension AvoidExternal: Posted {
    /// None: a hard clash removes the option before the search (`CompiledModel.buildOptions`).
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator] { [] }
    /// In the options' own costs.
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm { .unary }
}
