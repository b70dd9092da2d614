/// The working days of one venue over a scenario's horizon, and the occupied dates of an event.
///
/// Spec, "Dates and days": a working day of venue V is a date inside the horizon whose weekday is
/// not in `V.weekend`, that is not in `V.closed`, and that is not inside any range of
/// `V.unavailable`. A milestone with no venue falls on any Monday to Friday (`WorkingCalendar.weekdays`).
public struct WorkingCalendar: Sendable {
    public let horizon: DateRange
    /// `working[d - horizon.start]`.
    private let working: [Bool]
    /// The venue, or nil for the Monday-to-Friday calendar of a milestone held nowhere.
    public let venue: Venue?

    public init(venue: Venue?, horizon: DateRange) {
        self.horizon = horizon
        self.venue = venue
        // Weekdays first, then the closed dates and unavailable ranges struck out: linear in the
        // horizon, whatever its length.
        let weekend = Weekday.allCases.map { venue?.weekend.contains($0) ?? ($0 == .sat || $0 == .sun) }
        let first = horizon.start.weekday.index
        var w = (0..<horizon.count).map { !weekend[(first + $0) % 7] }
        if let venue {
            for d in venue.closed where horizon.contains(d) { w[d - horizon.start] = false }
            for u in venue.unavailable {
                let lo = max(u.range.start, horizon.start), hi = min(u.range.end, horizon.end)
                if lo <= hi { for i in (lo - horizon.start)...(hi - horizon.start) { w[i] = false } }
            }
        }
        working = w
    }

    /// Whether `day` is a working day (inside the horizon).
    public func isWorkingDay(_ day: Day) -> Bool {
        guard horizon.contains(day) else { return false }
        return working[day - horizon.start]
    }

    /// Whether the venue meets on `day`, horizon aside: used to place dates of a calendar that
    /// runs past the horizon, so that `check` can say `window:ID` instead of failing.
    func isOpen(_ day: Day) -> Bool {
        if horizon.contains(day) { return working[day - horizon.start] }
        if let venue { return venue.isOpen(day) }
        return day.weekday.index < 5
    }

    /// The working days in `range`, ascending.
    public func workingDays(in range: DateRange) -> [Day] {
        let lo = max(range.start, horizon.start), hi = min(range.end, horizon.end)
        guard lo <= hi else { return [] }
        return (0...(hi - lo)).map { lo + $0 }.filter(isWorkingDay)
    }

    /// Whether `range` holds a working day (it stops at the first).
    public func hasWorkingDay(in range: DateRange) -> Bool {
        let lo = max(range.start, horizon.start), hi = min(range.end, horizon.end)
        guard lo <= hi else { return false }
        var d = lo
        while d <= hi { if isWorkingDay(d) { return true }; d = d + 1 }
        return false
    }

    /// The occupied dates of an event of `days` starting on `start`: the first `ceil(days)`
    /// working days on or after `start` (none for a milestone). Nil when the venue does not
    /// meet that many days within a year after the horizon.
    public func occupancy(start: Day, days: Double) -> [Day]? {
        let n = Int(days.rounded(.up))
        guard n > 0 else { return [] }
        let limit = max(start, horizon.end) + 366
        guard n <= limit - start + 1 else { return nil }
        var dates: [Day] = []
        dates.reserveCapacity(n)
        var d = start
        while dates.count < n {
            guard d <= limit else { return nil }
            if isOpen(d) { dates.append(d) }
            d = d + 1
        }
        return dates
    }
}
