/// One line of a calendar/1 file, as written: names, not indices, so that `check` can report
/// an event or venue the scenario does not have.
public struct Assignment: Equatable, Sendable {
    public var event: String
    public var start: Day
    /// The last occupied date as the file gives it; nil when left out (then derived).
    public var end: Day?
    public var venue: String?
    /// Nil when left out: then the event's own length, when it has one.
    public var days: Double?

    public init(event: String, start: Day, end: Day? = nil, venue: String? = nil, days: Double? = nil) {
        self.event = event; self.start = start; self.end = end; self.venue = venue; self.days = days
    }
}

/// A calendar/1 file (spec, "Calendar file").
public struct CalendarFile: Sendable {
    public var scenario: String
    public var status: String
    public var cost: Double?
    public var assignments: [Assignment]
    public var violations: [Finding] = []
    public var conflict: [String]? = nil
    /// When the limit came before a minimal conflict: the smallest set found that cannot all
    /// hold, not proven minimal (written as `conflictNotProvenMinimal`).
    public var unprovenConflict: [String]? = nil
    /// What would fix a minimal conflict: one change of one element each (written as `repairs`).
    public var repairs: [ConflictRepair] = []
    /// The `whatif` object of a what-if answer, written as given.
    public var whatif: JSONValue? = nil

    public init(scenario: String, status: String, cost: Double?, assignments: [Assignment]) {
        self.scenario = scenario; self.status = status; self.cost = cost; self.assignments = assignments
    }

    /// Reads a calendar/1 file. Unknown events and venues are not refused here: `check`
    /// reports them (`unknown:ID`, `venues:ID`).
    public static func read(_ bytes: [UInt8], file: String = "calendar") throws(InputError) -> CalendarFile {
        let json = try parseJSON(bytes, file: file)
        var r = JSONReader()
        guard let root = r.object(json, "") else { throw InputError(file: file, problems: r.problems) }
        if let f = r.string(root, "format", "", required: true), f != "calendar/1" {
            r.fail("format", "expected \"calendar/1\", found \"\(f)\"")
        }
        let scenario = r.string(root, "scenario", "", required: true)
        // The JSON Schema an editor validates the file against (docs/schema/): a string, ignored.
        _ = r.string(root, "$schema", "")
        let status = r.string(root, "status", "") ?? "feasible"
        if !["optimal", "feasible", "infeasible", "unknown"].contains(status) {
            r.fail("status", "expected optimal, feasible, infeasible or unknown, found \"\(status)\"")
        }
        let cost = r.number(root, "cost", "")
        var assignments: [Assignment] = []
        for (i, item) in (r.array(root, "assignments", "", required: true) ?? []).enumerated() {
            let p = "assignments[\(i)]"
            guard let o = r.object(item, p) else { continue }
            let event = r.string(o, "event", p, required: true, nonEmpty: true)
            let start = r.date(o, "start", p, required: true)
            let end = r.date(o, "end", p)
            let venue = r.string(o, "venue", p, nonEmpty: true)
            let days = r.field(o, "days", p, required: false).flatMap { r.days($0, "\(p).days") }
            if let start, let end, end < start { r.fail("\(p).end", "expected a date on or after start \(start.iso), found \(end.iso)") }
            guard let event, let start else { continue }
            assignments.append(Assignment(event: event, start: start, end: end, venue: venue, days: days))
        }
        guard r.problems.isEmpty, let scenario else { throw InputError(file: file, problems: r.problems) }
        return CalendarFile(scenario: scenario, status: status, cost: cost, assignments: assignments)
    }

    /// Assignments in the spec's order: by start, then end, then event id.
    public var sortedAssignments: [Assignment] {
        assignments.sorted {
            if $0.start != $1.start { return $0.start < $1.start }
            if ($0.end ?? $0.start) != ($1.end ?? $1.start) { return ($0.end ?? $0.start) < ($1.end ?? $1.start) }
            return $0.event.unicodeScalars.lexicographicallyPrecedes($1.event.unicodeScalars)
        }
    }

    /// The calendar/1 JSON text.
    public func json() -> String {
        var members: [(key: String, value: JSONValue)] = [
            ("format", .string("calendar/1")), ("scenario", .string(scenario)), ("status", .string(status)),
        ]
        if let cost { members.append(("cost", .number(cost))) }
        members.append(("assignments", .array(sortedAssignments.map { a in
            var m: [(key: String, value: JSONValue)] = [("event", .string(a.event)), ("start", .string(a.start.iso))]
            m.append(("end", .string((a.end ?? a.start).iso)))
            m.append(("venue", a.venue.map(JSONValue.string) ?? .null))
            if let d = a.days { m.append(("days", .number(d))) }
            return .object(m)
        })))
        members.append(("violations", .array(violations.map { f in
            var m: [(key: String, value: JSONValue)] = [("constraint", .string(f.rule)), ("amount", .number(f.amount))]
            if let w = f.weight { m.append(("weight", .number(Double(w)))) }
            m.append(("detail", .string(f.detail)))
            return .object(m)
        })))
        members += ConflictJSON.members(conflict: conflict, unproven: unprovenConflict, repairs: repairs)
        if let whatif { members.append(("whatif", whatif)) }
        return JSONWriter.write(.object(members))
    }
}
