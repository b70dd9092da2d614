/// The one evaluator of a scenario's rules: the structure of each assignment, every constraint's
/// amount, the clashes and the cost, exactly as the spec defines each number. `check` calls it
/// on a calendar file; the solver calls it on every calendar before writing it.
public struct Evaluator: Sendable {
    public let scenario: Scenario
    /// One working calendar per venue, by venue index.
    public let calendars: [WorkingCalendar]
    /// Monday to Friday, for a milestone held nowhere.
    public let weekdays: WorkingCalendar

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        calendars = scenario.venues.map { WorkingCalendar(venue: $0, horizon: scenario.horizon) }
        weekdays = WorkingCalendar(venue: nil, horizon: scenario.horizon)
    }

    /// An evaluator of `scenario` that reuses `other`'s working calendars: the same venues and
    /// horizon (a part of `other`'s scenario).
    public init(_ scenario: Scenario, calendarsOf other: Evaluator) {
        self.scenario = scenario
        calendars = other.calendars
        weekdays = other.weekdays
    }

    /// The working calendar an event uses at `venue` (nil: no venue).
    public func calendar(_ venue: Int?) -> WorkingCalendar { venue.map { calendars[$0] } ?? weekdays }

    /// A placement by the spec's rule of occupied dates; nil when the venue does not meet
    /// `days` times after `start`.
    public func place(start: Day, venue: Int?, days: Double) -> Placement? {
        guard let occ = calendar(venue).occupancy(start: start, days: days) else { return nil }
        return Placement(start: start, end: occ.last ?? start, venue: venue, days: days, occupied: occ)
    }

    /// The reasons of the spec's "Structure of an assignment" that one placement breaks.
    public enum Reason: String, CaseIterable, Sendable { case venues, days, fixed, calendar, window }

    /// Which structure reasons `p` breaks for event `e`, without building sentences: the test
    /// the solver applies to every option it considers. `structureProblems` explains each.
    public func structureReasons(of e: Int, _ p: Placement) -> Set<Reason> {
        let ev = scenario.events[e]
        var out = Set<Reason>()
        if ev.venues.isEmpty ? p.venue != nil : !(p.venue.map(ev.venues.contains) ?? false) { out.insert(.venues) }
        if !ev.length.allows(p.days) { out.insert(.days) }
        if let f = ev.fixed, f.start != p.start || f.venue != p.venue.map({ scenario.venues[$0].id }) || (f.days.map { $0 != p.days } ?? false) {
            out.insert(.fixed)
        }
        if !calendar(p.venue).isOpen(p.start) || !(ev.startWeekdays?.contains(p.start.weekday) ?? true) || !isContiguousEnough(ev, p) {
            out.insert(.calendar)
        }
        let lo = max(ev.window.start, scenario.horizon.start), hi = min(ev.window.end, scenario.horizon.end)
        if p.isMilestone ? !(lo <= p.start && p.start <= hi) : p.occupied.contains(where: { $0 < lo || $0 > hi }) { out.insert(.window) }
        return out
    }

    private func isContiguousEnough(_ ev: Event, _ p: Placement) -> Bool {
        guard ev.contiguous, let first = p.occupied.first, let last = p.occupied.last else { return true }
        return last - first + 1 == p.occupied.count
    }

    /// The structural problems of one placement (spec, "Structure of an assignment"), by reason:
    /// `venues:ID`, `days:ID`, `fixed:ID`, `calendar:ID`, `window:ID`, each with its sentence.
    /// Rooms are counted over the whole schedule by `roomProblems`.
    public func structureProblems(of e: Int, _ p: Placement) -> [Finding] {
        let reasons = structureReasons(of: e, p)
        guard !reasons.isEmpty else { return [] }
        let ev = scenario.events[e]
        let venueID = p.venue.map { scenario.venues[$0].id }
        return Reason.allCases.filter(reasons.contains).map { reason in
            let detail: String
            switch reason {
            case .venues:
                let allowed = ev.venues.isEmpty ? "no venue" : ev.venues.map { scenario.venues[$0].id }.joined(separator: ", ")
                detail = "\(ev.id) is held at \(venueID ?? "no venue"); allowed: \(allowed)"
            case .days:
                detail = "\(ev.id) lasts \(formatNumber(p.days)) days; it must last \(describe(ev.length))"
            case .fixed:
                let f = ev.fixed!
                detail = "\(ev.id) is pinned to \(f.start.iso)\(f.venue.map { " at \($0)" } ?? "")\(f.days.map { " for \(formatNumber($0)) days" } ?? "")"
            case .calendar:
                var why: [String] = []
                if !calendar(p.venue).isOpen(p.start) {
                    why.append("\(p.start.iso) (\(p.start.weekday.rawValue)) is not a working day at \(venueID ?? "any venue")")
                }
                if let w = ev.startWeekdays, !w.contains(p.start.weekday) {
                    why.append("it may only start on \(Weekday.allCases.filter(w.contains).map(\.rawValue).joined(separator: ", "))")
                }
                if !isContiguousEnough(ev, p) {
                    why.append("its \(p.occupied.count) days are not contiguous (\(p.occupied.first!.iso) to \(p.occupied.last!.iso))")
                }
                detail = "\(ev.id): " + why.joined(separator: "; ")
            case .window:
                let lo = max(ev.window.start, scenario.horizon.start), hi = min(ev.window.end, scenario.horizon.end)
                let out = (p.isMilestone ? [p.start] : p.occupied).first { $0 < lo || $0 > hi } ?? p.start
                detail = "\(ev.id) falls on \(out.iso), outside its window \(lo.iso) to \(hi.iso)"
            }
            return Finding(reason, of: ev.id, detail: detail)
        }
    }

    /// `rooms:VENUE` problems: for each venue with `rooms`, the sum over dates of the excess.
    public func roomProblems(_ schedule: Schedule) -> [Finding] {
        var out: [Finding] = []
        for (vi, v) in scenario.venues.enumerated() {
            guard let rooms = v.rooms else { continue }
            let crowded = overfull(schedule, venue: vi).map { (key: Day(ordinal: $0.day), value: $0.events.map { scenario.events[$0].id }) }
            guard !crowded.isEmpty else { continue }
            let excess = crowded.reduce(0) { $0 + $1.value.count - rooms }
            let sample = crowded.prefix(3).map { "\($0.key.iso) (\($0.value.joined(separator: ", ")))" }.joined(separator: "; ")
            let detail = "\(v.id) has \(rooms) room(s) but holds more events on \(crowded.count) date(s): \(sample)\(crowded.count > 3 ? "; …" : "")"
            out.append(Finding(rule: ConflictElementID.rooms(venue: v.id).description, amount: Double(excess),
                               detail: detail,
                               events: Array(Set(crowded.flatMap(\.value))).sorted()))
        }
        return out
    }

    /// The dates on which `schedule` holds more events at venue `v` than its rooms, ascending,
    /// each with those events (by index, ascending); none for a venue without a room limit.
    func overfull(_ schedule: Schedule, venue v: Int) -> [(day: Int, events: [Int])] {
        guard let rooms = scenario.venues[v].rooms else { return [] }
        var byDay: [Int: [Int]] = [:]
        for (e, p) in schedule.enumerated() where p?.roomVenue == v {
            for d in p!.occupied { byDay[d.ordinal, default: []].append(e) }
        }
        return byDay.filter { $0.value.count > rooms }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The `preferredStart` term of event `e`: weight × |start − preferredStart| calendar days.
    public func preferredStartCost(of e: Int, _ p: Placement) -> Double {
        guard let want = scenario.events[e].preferredStart else { return 0 }
        return Double(scenario.preferredStartWeight) * Double(abs(p.start - want))
    }

    /// Judges a schedule. `problems` are the calendar's own problems found while reading it
    /// (unknown or duplicate events, …), listed first among the hard ones.
    public func evaluate(_ schedule: Schedule, problems: [Finding] = []) -> CheckReport {
        var hard = problems, soft: [Finding] = [], clashes: [ClashEntry] = []
        var notEvaluated: [(rule: String, before: String, after: String)] = []
        var amounts: [String: Double] = [:]
        for (e, p) in schedule.enumerated() { if let p { hard += structureProblems(of: e, p) } }
        hard += roomProblems(schedule)
        var cost = 0.0
        var undated = Set<Int>()
        for c in scenario.constraints {
            let o = c.rule.evaluate(schedule, in: scenario)
            amounts[c.id] = o.amount
            let involved = c.rule.events.filter { schedule[$0] != nil }.map { scenario.events[$0].id }
            if o.amount > 0 {
                let f = Finding(rule: c.id, amount: o.amount, weight: c.hard ? nil : c.weight,
                                detail: o.details.joined(separator: "; "), events: involved)
                if c.hard { hard.append(f) } else { soft.append(f); cost += Double(c.weight) * o.amount }
            }
            for l in o.notEvaluated { notEvaluated.append((c.id, scenario.events[l.before].id, scenario.events[l.after].id)) }
            if let a = c.rule.avoidance {
                undated.formUnion(a.externals.filter { scenario.externals[$0].dates == nil })
                for k in o.clashes {
                    let x = scenario.externals[k.external]
                    clashes.append(ClashEntry(constraint: c.id, hard: c.hard, event: scenario.events[k.event].id, external: x.id,
                                              category: x.category, place: x.place,
                                              venue: schedule[k.event]?.venue.map { scenario.venues[$0].id }, dates: k.dates))
                }
            }
        }
        for (e, p) in schedule.enumerated() {
            guard let p, let want = scenario.events[e].preferredStart else { continue }
            let term = preferredStartCost(of: e, p)
            guard term > 0 else { continue }
            cost += term
            soft.append(Finding(rule: "preferredStart:\(scenario.events[e].id)", amount: Double(abs(p.start - want)),
                                weight: scenario.preferredStartWeight,
                                detail: "\(scenario.events[e].id) starts \(p.start.iso), \(abs(p.start - want)) days from its preferred \(want.iso)",
                                events: [scenario.events[e].id]))
        }
        let unscheduled = schedule.indices.filter { schedule[$0] == nil }.map { scenario.events[$0].id }
        return CheckReport(scenario: scenario.name, complete: unscheduled.isEmpty, hardOK: hard.isEmpty, cost: cost,
                           hard: hard, soft: soft, clashes: clashes, unscheduled: unscheduled, notEvaluated: notEvaluated,
                           undated: undated.sorted().map { scenario.externals[$0].id }, amounts: amounts)
    }
}

/// "2 days", "2 to 3 days".
func describe(_ length: EventLength) -> String {
    switch length {
    case .exactly(let v): return "\(formatNumber(v)) days"
    case let .range(lo, hi): return "\(lo) to \(hi) days"
    }
}
