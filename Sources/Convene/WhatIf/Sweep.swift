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
    /// What moves, the swept event first: `ID FROM→TO VENUE→VENUE` (dates of the start; for a new
    /// length at the same start, `ID START (ends OLD→NEW) VENUE`); then how
    /// many events the baseline leaves out are placed.
    public var moves: [String] = []
    /// With `feasible`: a proven lower bound of the what-if cost.
    public var lowerBound: Double? = nil
    /// The time limit or a stop ended this date's search before its node budgets were spent:
    /// `whatif --pin` on the date may answer better. Not written to `sweep/1` JSON.
    public var cutShort = false

    public init(date: Day) { self.date = date }
}

/// How far a sweep has come, for a progress line.
public struct SweepProgress: Sendable {
    public var done: Int
    public var total: Int
    /// The cheapest date answered so far and its what-if cost.
    public var best: (date: Day, cost: Double)?
}

/// The I-th of N interleaved slices of a sweep's dates (1 ≤ I ≤ N): dates 0-based k with
/// k mod N = I − 1.
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int
    public init(index: Int, count: Int) { self.index = index; self.count = count }
    public static let whole = Shard(index: 1, count: 1)
    public func holds(_ k: Int) -> Bool { k % count == index - 1 }
    public var description: String { "\(index)/\(count)" }

    /// `I/N` with 1 ≤ I ≤ N ≤ 10,000.
    public static func parse(_ text: String) -> Shard? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 10_000, i >= 1, i <= n else { return nil }
        return Shard(index: i, count: n)
    }
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

    /// Runs the what-if of each candidate of `shard` on `jobs` threads, and returns their rows.
    ///
    /// Each date runs exactly the search `whatif --pin EVENT=DATE` runs (`WhatIf.solve` with the
    /// same `effort`, from the baseline alone, nothing carried over from another date), so any
    /// row can be rerun on its own and gives the same answer. Every step of that search is
    /// bounded by nodes, not by the clock, so the rows are the same whatever the number of jobs
    /// and however the dates are sharded, unless the time limit cuts a date short
    /// (`SweepRow.cutShort`). `progress` is called as dates finish, and `answered` with each
    /// date's row as soon as it is known, from the thread that ran it (not for a date the stop
    /// cut short): what the planner's page streams. When `limits` stops the sweep, the dates not
    /// finished have no status. A what-if the evaluator rejects is an internal error, thrown.
    public func run(jobs: Int, limits: Limits, shard: Shard = .whole, effort: WhatIfEffort = .standard,
                    progress: (@Sendable (SweepProgress) -> Void)? = nil,
                    answered: (@Sendable (SweepRow) -> Void)? = nil) throws -> [SweepRow] {
        let dates = try candidates()
        let mine = dates.indices.filter(shard.holds)
        let results = Results(count: dates.count, queue: mine)
        let deadline = limits.timeLimit.map { now() + $0 }
        let stop = limits.stop ?? StopFlag()
        let work: @Sendable () -> Void = {
            while let k = results.next(), !stop.isRaised {
                let remaining = deadline.map { $0 - now() }
                if let r = remaining, r <= 0 { stop.raise(); break }
                do {
                    let a = try whatIf(on: dates[k]).solve(limits: Limits(timeLimit: remaining, stop: stop), explain: false, effort: effort)
                    results.store(k, a, date: dates[k])
                } catch {
                    results.fail(k, error)
                    stop.raise()
                    break
                }
                if let progress { progress(results.progress()) }
                if let answered {
                    let r = row(dates[k], results.answer(k), stop: stop)
                    if r.status != nil { answered(r) }
                }
            }
        }
        // Plain threads: each takes the next date until none is left.
        let workers = max(1, min(jobs, mine.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let t = Thread { work(); group.leave() }
            t.stackSize = 8 << 20
            t.start()
        }
        group.wait()
        if let error = results.firstError { throw error }
        var rows = mine.map { k in row(dates[k], results.answer(k), stop: stop) }
        Sweep.markBest(&rows)
        return rows
    }

    /// The row of one date from its what-if's answer (none, or cut short by the stop: no status).
    private func row(_ date: Day, _ answer: WhatIfAnswer?, stop: StopFlag) -> SweepRow {
        var row = SweepRow(date: date)
        // A what-if cut short by the stop is not a finished date.
        guard let a = answer, a.solution.status != .unknown || !stop.isRaised else { return row }
        row.status = a.solution.status
        row.cutShort = a.cutShort
        row.whatIfCost = a.whatIfCost
        row.cost = a.solution.report?.cost
        row.disturbance = a.disturbance
        row.lowerBound = a.lowerBound
        row.moved = a.moved.filter { $0.event != event }.count
        row.newClashes = a.changes.filter { $0.direction == .new && $0.subject.contains(" × ") }
            .map { String($0.subject.split(separator: ":", maxSplits: 1)[1].dropFirst()) }
        row.moves = (a.moved.filter { $0.event == event } + a.moved.filter { $0.event != event }).map(Sweep.describe)
        if !a.added.isEmpty { row.moves.append("+\(a.added.count) newly scheduled (no date in the baseline)") }
        return row
    }

    /// One move as the row shows it: the event, its start (or its end) before and after, its venue.
    private static func describe(_ m: Move) -> String {
        let venues = m.fromVenue == m.toVenue ? (m.toVenue ?? "-") : "\(m.fromVenue ?? "-")→\(m.toVenue ?? "-")"
        // Same start, another length: the ends say what changed.
        if let f = m.from, f.start == m.to.start, f.end != m.to.end {
            return "\(m.event) \(f.start.iso) (ends \(f.end.iso)→\(m.to.end.iso)) \(venues)"
        }
        return "\(m.event) \(m.from?.start.iso ?? "new")→\(m.to.start.iso) \(venues)"
    }

    /// The what-if of one candidate date: `whatif --pin EVENT=DATE[@VENUE]`.
    public func whatIf(on date: Day) -> WhatIf {
        var w = base
        w.changes = base.changes + [Change(event: event, kind: .pin(start: date, venue: venue))]
        return w
    }

    /// Marks the cheapest feasible rows best.
    public static func markBest(_ rows: inout [SweepRow]) {
        let min = rows.compactMap(\.whatIfCost).min()
        for i in rows.indices { rows[i].best = min != nil && rows[i].whatIfCost == min }
    }
}

/// The sweep's shared work list and results.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    /// The dates to run (indices into all the sweep's dates), in order, and the next to hand out.
    private let list: [Int]
    private var cursor = 0
    private var answers: [WhatIfAnswer?]
    private var errors: [(Int, Error)] = []
    private var finished = 0
    private var best: (date: Day, cost: Double)? = nil

    init(count: Int, queue: [Int]) { answers = Array(repeating: nil, count: count); list = queue }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard cursor < list.count else { return nil }
        cursor += 1
        return list[cursor - 1]
    }

    func answer(_ k: Int) -> WhatIfAnswer? { lock.lock(); defer { lock.unlock() }; return answers[k] }

    func store(_ k: Int, _ a: WhatIfAnswer, date: Day) {
        lock.lock(); defer { lock.unlock() }
        answers[k] = a
        finished += 1
        if let c = a.whatIfCost, best.map({ c < $0.cost || c == $0.cost && date < $0.date }) ?? true { best = (date, c) }
    }

    func fail(_ k: Int, _ error: Error) { lock.lock(); defer { lock.unlock() }; errors.append((k, error)) }

    /// The error of the earliest date that failed.
    var firstError: Error? { lock.lock(); defer { lock.unlock() }; return errors.min { $0.0 < $1.0 }?.1 }

    func progress() -> SweepProgress {
        lock.lock(); defer { lock.unlock() }
        return SweepProgress(done: finished, total: list.count, best: best)
    }
}
