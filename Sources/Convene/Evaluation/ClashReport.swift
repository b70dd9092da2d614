/// An outside event that comes within a few days of a scheduled event without sharing a
/// clashing date under any rule: worth a planner's glance.
public struct NearMiss: Equatable, Sendable {
    public var event: String
    public var external: String
    public var category: String
    public var place: String
    /// Calendar days between the nearer ends of the two (0: they share a date).
    public var gap: Int
    public var eventDates: DateRange
    public var externalDates: DateRange
}

/// What `clashes` prints: the clashes of a calendar's `avoidExternal` rules, optionally narrowed
/// to categories, and near misses within a number of days.
public struct ClashReport: Sendable {
    public var scenario: String
    public var clashes: [ClashEntry]
    public var nearMisses: [NearMiss]
    public var undated: [String]

    /// - Parameters:
    ///   - categories: keep only outside events of these categories (nil: all).
    ///   - within: also list outside events within this many days of a scheduled event.
    public init(check: CheckReport, schedule: Schedule, scenario: Scenario, categories: Set<String>?, within: Int?) {
        self.scenario = scenario.name
        func keep(_ category: String) -> Bool { categories.map { $0.contains(category) } ?? true }
        clashes = check.clashes.filter { keep($0.category) }
        undated = check.undated.filter { id in keep(scenario.externals.first { $0.id == id }!.category) }
        var misses: [NearMiss] = []
        if let within {
            let clashing = Set(clashes.map { "\($0.event)\u{0}\($0.external)" })
            for (e, p) in schedule.enumerated() {
                guard let p, !p.isMilestone else { continue }
                for x in scenario.externals where keep(x.category) {
                    guard let r = x.dates, !clashing.contains("\(scenario.events[e].id)\u{0}\(x.id)") else { continue }
                    let gap = r.start > p.end ? r.start - p.end : p.start > r.end ? p.start - r.end : 0
                    if gap <= within {
                        misses.append(NearMiss(event: scenario.events[e].id, external: x.id, category: x.category, place: x.place,
                                               gap: gap, eventDates: DateRange(p.start, p.end), externalDates: r))
                    }
                }
            }
            misses.sort { ($0.eventDates.start, $0.gap, $0.external) < ($1.eventDates.start, $1.gap, $1.external) }
        }
        nearMisses = misses
    }
}
