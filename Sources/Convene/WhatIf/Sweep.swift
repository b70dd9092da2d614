import Dispatch
import Foundation

/// One candidate start date of a sweep: the what-if that pins the event there.
public struct SweepRow: Sendable {
    public var date: Day
    /// Nil when the sweep stopped before this date was tried.
    public var status: SolveStatus?
    /// The what-if cost (scenario cost + disturbance) of the re-plan.
    public var whatIfCost: Double?
    public var cost: Double?
    public var disturbance: Double?
    /// Events other than the swept one that move from the baseline.
    public var moved: Int = 0
    /// Clashes of the re-plan that the baseline did not have, as `EVENT × EXTERNAL`.
    public var newClashes: [String] = []
    /// Among the cheapest feasible dates.
    public var best = false
}

/// The what-if for every candidate start date of one event: feasible or not, the cost, how many
/// events move, and the clashes it brings.
public struct Sweep: Sendable {
    public var base: WhatIf
    public var event: String
    public var from: Day
    public var to: Day
    public var venue: String?

    public init(base: WhatIf, event: String, from: Day, to: Day, venue: String? = nil) {
        self.base = base; self.event = event; self.from = from; self.to = to; self.venue = venue
    }

    /// The dates tried: each date in [from, to] that is a working day of a venue the event may
    /// use (the `--venue` one, if given). Other dates cannot hold its start.
    public func candidates() throws(ChangeError) -> [Day] {
        let s = base.scenario
        guard let e = s.eventIndex(event) else { throw ChangeError("the scenario has no event '\(event)'") }
        guard from <= to else { throw ChangeError("--from \(from.iso) is after --to \(to.iso)") }
        guard to - from <= 3660 else { throw ChangeError("a sweep covers at most 3661 days") }
        var venues: [Int?] = s.events[e].venues.isEmpty ? [nil] : s.events[e].venues.map { Optional($0) }
        if let venue {
            guard let v = s.venueIndex(venue) else { throw ChangeError("the scenario has no venue '\(venue)'") }
            venues = [v]
        }
        let evaluator = Evaluator(s)
        return (0...(to - from)).map { from + $0 }.filter { d in venues.contains { evaluator.calendar($0).isWorkingDay(d) } }
    }

    /// Runs the what-if of each candidate on `jobs` threads. The rows are the same whatever the
    /// number of jobs: each what-if is deterministic and they share nothing. `progress` is
    /// called with (done, total) as dates finish. When `limits` stops the sweep, the dates not
    /// finished have no status.
    public func run(jobs: Int, limits: Limits, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [SweepRow] {
        let dates = try candidates()
        let results = Results(count: dates.count)
        let deadline = limits.timeLimit.map { now() + $0 }
        let stop = limits.stop ?? StopFlag()
        let work: @Sendable () -> Void = {
            while let i = results.next(), !stop.isRaised {
                let remaining = deadline.map { $0 - now() }
                if let r = remaining, r <= 0 { stop.raise(); break }
                var w = base
                w.changes = base.changes + [Change(event: event, kind: .pin(start: dates[i], venue: venue))]
                let row = try? w.solve(limits: Limits(timeLimit: remaining, stop: stop), explain: false)
                results.store(i, row)
                progress?(results.done, dates.count)
            }
        }
        // Plain threads: each takes the next date until none is left.
        let workers = max(1, min(jobs, dates.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let t = Thread { work(); group.leave() }
            t.stackSize = 8 << 20
            t.start()
        }
        group.wait()
        var rows = dates.indices.map { i -> SweepRow in
            var row = SweepRow(date: dates[i])
            guard let a = results.answers[i] else { return row }
            // A what-if cut short by the stop is not a finished date.
            if a.solution.status == .unknown && stop.isRaised { return row }
            row.status = a.solution.status
            row.whatIfCost = a.whatIfCost
            row.cost = a.solution.report?.cost
            row.disturbance = a.disturbance
            row.moved = a.moved.filter { $0.event != event }.count
            row.newClashes = a.changes.filter { $0.direction == .new && $0.subject.contains(" × ") }
                .map { String($0.subject.split(separator: ":", maxSplits: 1)[1].dropFirst()) }
            return row
        }
        if let min = rows.compactMap(\.whatIfCost).min() {
            for i in rows.indices where rows[i].whatIfCost == min { rows[i].best = true }
        }
        return rows
    }
}

/// The sweep's shared work list and results.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private(set) var answers: [WhatIfAnswer?]
    private var finished = 0

    init(count: Int) { answers = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard cursor < answers.count else { return nil }
        cursor += 1
        return cursor - 1
    }

    func store(_ i: Int, _ a: WhatIfAnswer?) {
        lock.lock(); defer { lock.unlock() }
        answers[i] = a
        finished += 1
    }

    var done: Int { lock.lock(); defer { lock.unlock() }; return finished }
}
