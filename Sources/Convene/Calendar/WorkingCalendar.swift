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
        working = (0..<horizon.count).map { i in
            let d = horizon.start + i
            if let venue { return venue.isOpen(d) }
            return d.weekday.index < 5
        }
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

    /// The occupied dates of an event of `days` starting on `start`: the first `ceil(days)`
    /// working days on or after `start` (none for a milestone). Nil when the venue does not
    /// meet that many days within a year after the horizon.
    public func occupancy(start: Day, days: Double) -> [Day]? {
        let n = Int(days.rounded(.up))
        guard n > 0 else { return [] }
        var dates: [Day] = []
        dates.reserveCapacity(n)
        var d = start
        let limit = max(start, horizon.end) + 366
        while dates.count < n {
            guard d <= limit else { return nil }
            if isOpen(d) { dates.append(d) }
            d = d + 1
        }
        return dates
    }
}
