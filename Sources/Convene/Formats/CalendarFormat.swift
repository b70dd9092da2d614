/// The forms a calendar is written in: `--format` of `solve`, `whatif` and `export`, and the
/// planner's `GET /api/export`, each by one writer.
public enum CalendarFormat: String, Sendable, CaseIterable {
    case json, ics, csv, html
}

extension CalendarFile {
    /// This calendar in `format`: calendar/1 JSON, iCalendar (stamped with the horizon's start, so
    /// that the same input gives the same bytes), CSV, or the HTML page, which marks outside
    /// events within `nearMissDays` of a session. `scenario` supplies titles, venues and rules,
    /// `report` the costs and clashes shown.
    public func written(as format: CalendarFormat, scenario: Scenario?, report: CheckReport?, nearMissDays: Int = 7) -> String {
        switch format {
        case .json: return json()
        case .ics: return ICSWriter.write(self, scenario: scenario, report: report, stamp: scenario?.horizon.start ?? Day(ordinal: 0))
        case .csv: return CSVWriter.write(self, scenario: scenario)
        case .html: return HTMLWriter.write(self, scenario: scenario, report: report, nearMissDays: nearMissDays)
        }
    }
}
