import Convene

/// A calendar built while a member is generated, event by event, that meets every hard rule of
/// the member: the proof that the member is feasible. The generators place each event here
/// before they write its window, so that a window never leaves the witness out; `generate
/// --witness FILE` writes it (calendar/1) for `convene check`.
///
/// It knows only what the generators need: venues' working days (Saturday and Sunday off, the
/// `closed` dates), their rooms, one process's `noOverlap` with travel days, and dates a venue
/// must not use for some events (a hard `avoidExternal`).
struct Witness {
    struct Venue {
        var id: String
        var city: String
        var closed: Set<Int>
        var rooms: Int
    }

    /// One placed event, as calendar/1 writes it.
    struct Assignment {
        var event: String
        var start: Day
        var end: Day
        var venue: Int?
        var days: Double
    }

    let venues: [Venue]
    let horizon: ClosedRange<Day>
    /// Rooms taken: venue index → day ordinal → count.
    private(set) var taken: [[Int: Int]]
    private(set) var assignments: [Assignment] = []

    init(venues: [Venue], horizon: ClosedRange<Day>) {
        self.venues = venues
        self.horizon = horizon
        taken = Array(repeating: [:], count: venues.count)
    }

    func isWorking(_ v: Int, _ d: Day) -> Bool {
        horizon.contains(d) && d.weekday != .sat && d.weekday != .sun && !venues[v].closed.contains(d.ordinal)
    }

    /// The dates an event of `count` dates starting on `start` at `v` occupies (the spec's first
    /// `count` working days on or after the start), or nil when the start is no working day or,
    /// for a contiguous event, a non-working day falls between its first and last date.
    func occupied(_ v: Int, start: Day, count: Int, contiguous: Bool) -> [Day]? {
        guard isWorking(v, start) else { return nil }
        var dates = [start], d = start
        while dates.count < count {
            d = d + 1
            guard horizon.contains(d) else { return nil }
            if isWorking(v, d) { dates.append(d) } else if contiguous { return nil }
        }
        return dates
    }

    func hasRoom(_ v: Int, _ dates: [Day]) -> Bool {
        dates.allSatisfy { taken[v][$0.ordinal, default: 0] < venues[v].rooms }
    }

    mutating func add(_ a: Assignment, dates: [Day]) {
        if let v = a.venue { for d in dates { taken[v][d.ordinal, default: 0] += 1 } }
        assignments.append(a)
    }

    /// A request for one event: where and when it may go, and what the witness prefers.
    struct Request {
        var id: String
        var venues: [Int]
        /// Whole dates the event occupies, longest wanted first; 0.5 is written as a half day.
        var lengths: [Double]
        var window: ClosedRange<Day>
        var startWeekdays: Set<Weekday>? = nil
        var contiguous = true
        /// The witness tries starts nearest to this one first.
        var prefer: Day
        /// Starts before this are not tried (a hard precedence from an event already placed).
        var notBefore: Day? = nil
        /// Dates that must stay free of this event, by venue (a hard `avoidExternal`).
        var blocked: [Int: Set<Int>] = [:]
        /// For a monthly quota: every occupied date must lie in this range.
        var within: ClosedRange<Day>? = nil
    }

    /// The placement nearest `r.prefer` that keeps rooms, `r`'s own rules and `apart` (one
    /// process's `noOverlap` with one travel day between cities); nil when there is none.
    func find(_ r: Request, apart: [(range: ClosedRange<Day>, city: String)]) -> (Assignment, [Day])? {
        placements(r, apart: apart, first: true).first
    }

    /// Every such placement, nearest `r.prefer` first (only the first when `first`).
    func placements(_ r: Request, apart: [(range: ClosedRange<Day>, city: String)], first: Bool = false) -> [(Assignment, [Day])] {
        let lo = max(r.window.lowerBound, r.notBefore ?? r.window.lowerBound, horizon.lowerBound)
        let hi = min(r.window.upperBound, horizon.upperBound)
        guard lo <= hi else { return [] }
        let starts = (0...(hi - lo)).map { lo + $0 }.sorted { (abs($0 - r.prefer), $0) < (abs($1 - r.prefer), $1) }
        var found: [(Assignment, [Day])] = []
        for s in starts where r.startWeekdays?.contains(s.weekday) ?? true {
            for v in r.venues {
                for length in r.lengths {
                    guard let dates = occupied(v, start: s, count: Int(length.rounded(.up)), contiguous: r.contiguous),
                          dates.last! <= hi, r.within.map({ w in dates.allSatisfy { w.contains($0) } }) ?? true,
                          hasRoom(v, dates), !dates.contains(where: { r.blocked[v]?.contains($0.ordinal) ?? false }),
                          Witness.keepsApart(dates.first!...dates.last!, venues[v].city, apart) else { continue }
                    found.append((Assignment(event: r.id, start: s, end: dates.last!, venue: v, days: length), dates))
                    if first { return found }
                }
            }
        }
        return found
    }

    /// The spec's `noOverlap` with one travel day: the later event starts at least one day after
    /// the earlier ends, two when their cities differ.
    static func keepsApart(_ range: ClosedRange<Day>, _ city: String, _ others: [(range: ClosedRange<Day>, city: String)]) -> Bool {
        others.allSatisfy { o in
            let need = o.city == city ? 1 : 2
            return range.lowerBound > o.range.lowerBound ? range.lowerBound - o.range.upperBound >= need
                                                         : o.range.lowerBound - range.upperBound >= need
        }
    }

    /// A venue-less milestone: the Monday to Friday in `range` nearest `prefer`.
    static func weekday(in range: ClosedRange<Day>, prefer: Day) -> Day? {
        guard range.lowerBound <= range.upperBound else { return nil }
        return (0...(range.upperBound - range.lowerBound)).map { range.lowerBound + $0 }
            .filter { $0.weekday != .sat && $0.weekday != .sun }
            .min { (abs($0 - prefer), $0) < (abs($1 - prefer), $1) }
    }

    /// The witness as a calendar/1 document of scenario `name` (status feasible, no cost: `check`
    /// computes it).
    func document(scenario name: String) -> JSONValue {
        // The spec's order: start, end, id (the ids are ASCII, so String's order is code points').
        let sorted = assignments.sorted { ($0.start, $0.end, $0.event) < ($1.start, $1.end, $1.event) }
        return .object([
            ("format", .string("calendar/1")), ("scenario", .string(name)), ("status", .string("feasible")),
            ("assignments", .array(sorted.map { a in
                .object([("event", .string(a.event)), ("start", .string(a.start.iso)), ("end", .string(a.end.iso)),
                         ("venue", a.venue.map { .string(venues[$0].id) } ?? .null), ("days", .number(a.days))])
            })),
        ])
    }
}

extension SplitMix64 {
    /// `xs` in a seeded random order (Fisher–Yates).
    mutating func shuffled<T>(_ xs: [T]) -> [T] {
        var a = xs
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(0...i)) }
        return a
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
}
