/// A solution as the calendar/1 file `solve` writes (spec, "Calendar file"): the assignments by
/// name, the soft costs accepted, and for an infeasible scenario its conflict and repairs.
extension Solution {
    /// The calendar/1 file of this solution.
    public func calendarFile(_ scenario: Scenario) -> CalendarFile {
        var file = CalendarFile(scenario: scenario.name, status: status.rawValue, cost: report?.cost, assignments: [])
        if let schedule {
            file.assignments = schedule.enumerated().compactMap { e, p in
                p.map { Assignment(event: scenario.events[e].id, start: $0.start, end: $0.end,
                                   venue: $0.venue.map { scenario.venues[$0].id }, days: $0.days) }
            }
        }
        file.violations = report.map { $0.soft } ?? []
        file.conflict = conflict.map { $0.map(\.element) }
        file.unprovenConflict = unprovenConflict.map { $0.map(\.element) }
        file.repairs = repairs
        return file
    }
}
