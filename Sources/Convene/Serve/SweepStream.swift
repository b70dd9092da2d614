import Foundation

/// The page's strip of candidate dates for one event: the sweep `convene sweep` runs (`Sweep.run`
/// on `jobs` threads), each row sent as soon as it is known, plus a reason for every date of the
/// range that cannot hold the event's start.
extension Planner {
    /// Why `day` cannot hold the start of event `e` at any of `venues` (nil: some venue meets
    /// then). Weekends, holidays (named from the scenario's `closedNames`), unavailable ranges.
    func closedReason(_ e: Int, _ day: Day, venues: [Int?]) -> String? {
        var reasons: [String] = []
        for v in venues {
            guard !evaluator.calendar(v).isWorkingDay(day) else { return nil }
            guard let v else { reasons.append("a \(Planner.dayName(day)): milestones fall on Monday to Friday"); continue }
            let venue = scenario.venues[v]
            if !scenario.horizon.contains(day) {
                reasons.append("outside the scenario's horizon")
            } else if let name = holidays[venue.id]?[day] {
                reasons.append("a holiday at \(venue.id): \(name)")
            } else if venue.closed.contains(day) {
                reasons.append("\(venue.id) is closed (a holiday)")
            } else if let u = venue.unavailable.first(where: { $0.range.contains(day) }) {
                reasons.append("\(venue.id) is unavailable: \(u.reason)")
            } else {
                reasons.append("a \(Planner.dayName(day)): weekend at \(venue.id)")
            }
        }
        return reasons.joined(separator: "; ")
    }

    static func dayName(_ d: Day) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][d.weekday.index]
    }

    /// Why no re-plan starts `e` on `day`: the structure rules its placements break (window,
    /// weekdays, fixed date, …); when every placement keeps them, the rules of the whole
    /// calendar do (the what-if of that date names its minimal conflict).
    func infeasibleReason(_ e: Int, _ day: Day, venues: [Int?]) -> String {
        var found: [String] = []
        for v in venues {
            for days in scenario.events[e].length.choices(upTo: 400) {
                guard let p = evaluator.place(start: day, venue: v, days: days) else {
                    found.append("\(v.map { scenario.venues[$0].id } ?? "no venue") does not meet \(formatNumber(days)) days from \(day.iso)")
                    continue
                }
                let problems = evaluator.structureProblems(of: e, p).map(\.detail)
                if problems.isEmpty { return "no re-plan keeps every hard rule with \(scenario.events[e].id) starting on \(day.iso)" }
                for d in problems where !found.contains(d) { found.append(d) }
            }
        }
        return found.prefix(3).joined(separator: "; ")
    }

    /// The row of one answered date as the strip shows it (the sweep/1 row and a reason).
    func rowJSON(_ r: SweepRow, reason: String?) -> String {
        JSONWriter.write(.object([
            ("date", .string(r.date.iso)), ("weekday", .string(r.date.weekday.rawValue)),
            ("status", str(r.status?.rawValue)), ("whatifCost", num(r.whatIfCost)), ("cost", num(r.cost)),
            ("disturbance", num(r.disturbance)), ("moved", .number(Double(r.moved))),
            ("newClashes", .array(r.newClashes.map(JSONValue.string))), ("moves", .array(r.moves.map(JSONValue.string))),
            ("reason", str(reason)),
        ]))
    }

    /// Runs the sweep of `event` over [from, to] from the working calendar, sending `dates` (the
    /// candidates and the closed dates with their reasons), one `row` per answered date, then
    /// `done` with the sweep/1 document: the bytes `convene sweep --format json` prints (or
    /// `stopped` with the dates answered before a newer search or the time limit stopped it).
    /// False when the client went away or a newer search stopped this one.
    func streamSweep(_ sweep: Sweep, jobs: Int, timeLimit: Double, stop: StopFlag, send: @escaping @Sendable (String, String) -> Bool) throws -> Bool {
        let dates = try sweep.candidates()
        let e = scenario.eventIndex(sweep.event)!
        let ev = scenario.events[e]
        let venues: [Int?] = sweep.venue.flatMap(scenario.venueIndex).map { [$0] } ?? (ev.venues.isEmpty ? [nil] : ev.venues.map { Optional($0) })
        let closed: [JSONValue] = (0...(sweep.to - sweep.from)).map { sweep.from + $0 }.compactMap { d in
            closedReason(e, d, venues: venues).map { .object([("date", .string(d.iso)), ("reason", .string($0))]) }
        }
        guard send("dates", JSONWriter.write(.object([
            ("event", .string(sweep.event)), ("from", .string(sweep.from.iso)), ("to", .string(sweep.to.iso)),
            ("candidates", .array(dates.map { .string($0.iso) })), ("closed", .array(closed)),
        ]))) else { stop.raise(); return false }
        let answered = AnsweredRows()
        _ = try sweep.run(jobs: jobs, limits: Limits(timeLimit: timeLimit, stop: stop), answered: { [self] row in
            answered.store(row)
            let reason = row.whatIfCost == nil ? infeasibleReason(e, row.date, venues: venues) : nil
            if !send("row", rowJSON(row, reason: reason)) { stop.raise() }
        })
        // The rows as they were sent: a date whose own search ran out of time before the stop
        // keeps its status.
        var all = dates.map { answered.row($0) ?? SweepRow(date: $0) }
        Sweep.markBest(&all)
        // Stopped (a newer search, the client gone, the time limit): the rows answered so far.
        let stopped = stop.isRaised
        return send(stopped ? "stopped" : "done", SweepFile(scenario: scenario.name, event: sweep.event, rows: all).json()) && !stopped
    }
}

/// The rows a streamed sweep has sent, by date, stored by the sweep's threads.
private final class AnsweredRows: @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [Day: SweepRow] = [:]

    func store(_ r: SweepRow) { lock.lock(); rows[r.date] = r; lock.unlock() }
    func row(_ d: Day) -> SweepRow? { lock.lock(); defer { lock.unlock() }; return rows[d] }
}
