extension WhatIfAnswer {
    /// The calendar/1 file of a what-if answer, with its `whatif` field (cost, disturbance, the
    /// baseline's cost, the moves, the newly placed events and the changed amounts): what
    /// `whatif --format json` prints and `whatif --out` writes, and what `serve` answers.
    public func calendarFile(_ scenario: Scenario) -> CalendarFile {
        var file = solution.calendarFile(scenario)
        guard let cost = whatIfCost, let d = disturbance else { return file }
        file.whatif = .object([
            ("cost", .number(cost)), ("disturbance", .number(d)), ("baselineCost", .number(baselineReport.cost)),
            ("moved", .array(moved.map { m in .object([
                ("event", .string(m.event)), ("from", .string(m.from!.start.iso)), ("to", .string(m.to.start.iso)),
                ("fromVenue", m.fromVenue.map(JSONValue.string) ?? .null), ("toVenue", m.toVenue.map(JSONValue.string) ?? .null),
                ("pinned", .bool(m.pinned)),
            ]) })),
            ("added", .array(added.map { m in .object([("event", .string(m.event)), ("to", .string(m.to.start.iso)),
                                                      ("toVenue", m.toVenue.map(JSONValue.string) ?? .null)]) })),
            ("changes", .array(changes.map { c in .object([("subject", .string(c.subject)), ("before", .number(c.before)),
                                                          ("after", .number(c.after)), ("change", .string(c.direction.rawValue))]) })),
        ])
        return file
    }
}
