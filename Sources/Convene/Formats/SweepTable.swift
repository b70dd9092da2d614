/// The forms a sweep's rows are written in (`sweep --format`): an aligned table, CSV, the
/// sweep/1 JSON, or the HTML strip.
public enum SweepFormat: String, Sendable, CaseIterable {
    case table, csv, json, html
}

extension SweepFile {
    /// The rows in `format`; `venue` is the `--venue` the event was pinned to, which the HTML
    /// page names.
    public func written(as format: SweepFormat, venue: String? = nil) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json()
        case .html: return SweepHTML.write(self, venue: venue)
        }
    }

    /// What `sweep` prints: how many dates are feasible, the best ones, then a row per date.
    public func table() -> String {
        let feasible = rows.filter { $0.whatIfCost != nil }.count
        var out = "Sweep of \(event) on \(scenario): \(rows.count) candidate dates, \(feasible) feasible\n"
        if let best = rows.first(where: \.best) {
            out += "Best: \(rows.filter(\.best).map(\.date.iso).joined(separator: ", ")) (what-if cost \(formatNumber(best.whatIfCost!)))\n"
        }
        let headers = ["DATE", "DAY", "STATUS", "WHATIF COST", "COST", "DISTURBANCE", "MOVED", "NEW CLASHES", "BEST"]
        return out + "\n" + TextTable(headers, rows.map(\.cells)).render(indent: "  ")
    }

    /// The rows as CSV (`CSVWriter`'s quoting): the table's columns under snake-case names.
    public func csv() -> String {
        CSVWriter.write(header: ["date", "weekday", "status", "whatif_cost", "cost", "disturbance", "moved", "new_clashes", "best"],
                        rows: rows.map(\.cells))
    }
}

extension SweepRow {
    /// The row's cells in the table and the CSV: a date not tried is `not run`, an infeasible
    /// one has no costs and no count of moves.
    var cells: [String] {
        [date.iso, date.weekday.rawValue, status?.rawValue ?? "not run", whatIfCost.map(formatNumber) ?? "",
         cost.map(formatNumber) ?? "", disturbance.map(formatNumber) ?? "", whatIfCost == nil ? "" : String(moved),
         newClashes.joined(separator: "; "), best ? "best" : ""]
    }
}

extension SweepProgress {
    /// The progress line of `sweep` on a terminal: dates answered, and the cheapest so far.
    public var line: String {
        let best = self.best.map { ", best so far \($0.date.iso) (what-if cost \(formatNumber($0.cost)))" } ?? ""
        return "sweep: \(done)/\(total) dates\(best)"
    }
}
