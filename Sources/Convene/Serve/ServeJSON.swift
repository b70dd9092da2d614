/// The JSON the planner's page draws from (docs/serve.md): the scenario once, then the working
/// calendar with its check report, near misses, the proposal and the undo/redo depth.
extension Planner {
    func str(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    func num(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }
    func range(_ r: DateRange?) -> JSONValue {
        r.map { .object([("start", .string($0.start.iso)), ("end", .string($0.end.iso))]) } ?? .null
    }

    /// The scenario as the page needs it: horizon, venues, kinds, events, dated outside events.
    public func scenarioJSON() -> String { cachedText("scenario", always: true, makeScenarioJSON) }

    func makeScenarioJSON() -> String {
        let s = scenario
        var kinds: [String] = []
        for e in s.events where !kinds.contains(e.kind) { kinds.append(e.kind) }
        var categories: [String] = []
        for x in s.externals where x.dates != nil && !categories.contains(x.category) { categories.append(x.category) }
        let events: [JSONValue] = s.events.map { e in .object([
            ("id", .string(e.id)), ("title", .string(e.title)), ("kind", .string(e.kind)),
            ("venues", .array(e.venues.map { .string(s.venues[$0].id) })), ("window", range(e.window)),
            ("milestone", .bool(e.isMilestone)), ("preferredStart", str(e.preferredStart?.iso)),
        ]) }
        let externals: [JSONValue] = s.externals.compactMap { x in
            guard let d = x.dates else { return nil }
            return .object([("id", .string(x.id)), ("title", .string(x.title)), ("category", .string(x.category)),
                            ("place", .string(x.place)), ("start", .string(d.start.iso)), ("end", .string(d.end.iso))])
        }
        let venues: [JSONValue] = s.venues.map { v in .object([("id", .string(v.id)), ("name", .string(v.name)), ("city", .string(v.city))]) }
        return JSONWriter.write(.object([
            ("name", .string(s.name)), ("horizon", range(s.horizon)), ("venues", .array(venues)),
            ("kinds", .array(kinds.map(JSONValue.string))), ("categories", .array(categories.map(JSONValue.string))),
            ("events", .array(events)), ("externals", .array(externals)),
            ("moveWeight", .number(Double(moveWeight))), ("venueChangeWeight", .number(Double(venueChangeWeight))),
        ]))
    }

    /// The assignments of a calendar with their ends and venues filled in by the evaluator.
    func assignmentsJSON(_ file: CalendarFile) -> JSONValue {
        let (schedule, _) = evaluator.schedule(from: file)
        return .array(file.sortedAssignments.map { a in
            let p = scenario.eventIndex(a.event).flatMap { schedule[$0] }
            return .object([("event", .string(a.event)), ("start", .string(a.start.iso)),
                            ("end", .string((p?.end ?? a.end ?? a.start).iso)),
                            ("venue", str(a.venue)), ("days", num(p?.days ?? a.days))])
        })
    }

    /// The working calendar, its check report (check/1), near misses, the proposal and history.
    public func stateJSON(nearMissDays: Int = 7) -> String {
        cachedText("state:\(nearMissDays)") { makeStateJSON(nearMissDays: nearMissDays) }
    }

    func makeStateJSON(nearMissDays: Int) -> String {
        let working = cachedWorking { file in
            let report = evaluator.check(file)
            let near = HTMLWriter.nearMisses(file, scenario: scenario, report: report, within: nearMissDays)
            let checked = (try? JSONParser.parse(Array(report.json().utf8))) ?? .null
            return [
                ("working", .object([("status", .string(file.status)), ("cost", .number(report.cost)),
                                     ("assignments", assignmentsJSON(file))])),
                ("report", checked),
                ("nearMisses", .array(near.map { .object([("event", .string($0.event)), ("external", .string($0.external)),
                                                          ("gap", .number(Double($0.gap)))]) })),
            ]
        }
        let (undo, redo) = history
        return JSONWriter.write(.object(working + [
            ("proposal", currentProposal.map(proposalJSON) ?? .null),
            ("undo", .number(Double(undo))), ("redo", .number(Double(redo))),
            ("out", str(files.out)), ("baseline", str(files.baseline)),
        ]))
    }

    /// A proposal and its diff against the working calendar: moved, added and removed events,
    /// new and gone clashes, cost before and after.
    func proposalJSON(_ p: Proposal) -> JSONValue {
        let before = workingCalendar
        // No calendar (infeasible, unknown): nothing moved; the answer is the conflict or the status.
        var d = CalendarDiff(before, p.file, evaluator: evaluator)
        if p.file.assignments.isEmpty { (d.moved, d.newClashes, d.goneClashes) = ([], [], []) }
        let moves: [JSONValue] = d.moved.map { m in .object([
            ("event", .string(m.event)), ("from", str(m.from?.start.iso)), ("fromEnd", str(m.from?.end?.iso)), ("to", str(m.to?.start.iso)),
            ("toEnd", str(m.to?.end?.iso)), ("fromVenue", str(m.from?.venue)), ("toVenue", str(m.to?.venue)),
        ]) }
        return .object([
            ("kind", .string(p.kind)), ("label", .string(p.label)), ("status", .string(p.file.status)),
            ("cost", num(p.file.assignments.isEmpty ? nil : d.after.cost)), ("costBefore", .number(d.before.cost)),
            ("whatIfCost", num(p.whatIfCost)), ("disturbance", num(p.disturbance)), ("hardOK", .bool(d.after.hardOK)),
            ("moved", .array(moves)), ("newClashes", .array(d.newClashes.map(JSONValue.string))),
            ("goneClashes", .array(d.goneClashes.map(JSONValue.string))),
            ("conflict", .array(p.conflict.map(JSONValue.string))), ("conflictProven", .bool(!p.unproven)),
            ("repairs", .array(p.repairs.map(JSONValue.string))), ("assignments", assignmentsJSON(p.file)),
        ])
    }
}

/// What differs between two calendars of one scenario, as the evaluator judges them.
struct CalendarDiff {
    struct Moved { var event: String; var from: Assignment?; var to: Assignment? }
    var moved: [Moved] = []
    var before: CheckReport
    var after: CheckReport
    var newClashes: [String] = []
    var goneClashes: [String] = []

    init(_ a: CalendarFile, _ b: CalendarFile, evaluator: Evaluator) {
        before = evaluator.check(a)
        after = evaluator.check(b)
        let old = Dictionary(a.assignments.map { ($0.event, $0) }, uniquingKeysWith: { x, _ in x })
        let new = Dictionary(b.assignments.map { ($0.event, $0) }, uniquingKeysWith: { x, _ in x })
        let (sa, _) = evaluator.schedule(from: a), (sb, _) = evaluator.schedule(from: b)
        for (e, ev) in evaluator.scenario.events.enumerated() {
            var x = old[ev.id], y = new[ev.id]
            if let end = sa[e]?.end { x?.end = end }
            if let end = sb[e]?.end { y?.end = end }
            guard x?.start != y?.start || x?.venue != y?.venue || x?.end != y?.end else { continue }
            moved.append(Moved(event: ev.id, from: x, to: y))
        }
        func clashes(_ r: CheckReport) -> [String] { r.clashes.map { "\($0.event) × \($0.external) [\($0.constraint)]" } }
        let (cb, ca) = (clashes(before), clashes(after))
        newClashes = ca.filter { !cb.contains($0) }
        goneClashes = cb.filter { !ca.contains($0) }
    }
}
