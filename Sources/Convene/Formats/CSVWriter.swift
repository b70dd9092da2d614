/// Writes a calendar as CSV (RFC 4180) for spreadsheets: a header, then one row per assignment
/// in the spec's order (start, end, event id).
///
///     event,title,kind,start,end,venue,venue name,city,days
///     TS1,"First informal thematic session: Human rights of all migrants, …",thematic,2017-05-08,…
///
/// Lines end in CRLF (the last one too). A field is quoted when it holds a comma, a double quote,
/// a line break or leading or trailing spaces; a quote inside is doubled. `end` is inclusive, as
/// in calendar/1. Title, kind, venue name and city are empty when no scenario is given.
public enum CSVWriter {
    /// The columns, in order.
    public static let header = ["event", "title", "kind", "start", "end", "venue", "venue name", "city", "days"]

    /// The CSV text of `file`; `scenario` supplies titles, kinds and venue names.
    public static func write(_ file: CalendarFile, scenario: Scenario?) -> String {
        write(header: header, rows: ExportRow.rows(file, scenario: scenario).map { r in
            [r.event, scenario == nil ? "" : r.title, r.kind, r.start.iso, r.end.iso, r.venue ?? "",
             r.venueName ?? "", r.city ?? "", r.days.map(formatNumber) ?? ""]
        })
    }

    /// Any table as CSV, by the same rule: the header, then each row, one record a line. Every
    /// CSV Convene writes (a calendar, a sweep's rows) comes through here.
    public static func write(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map(line).joined()
    }

    /// One record: the fields, quoted where needed, joined by commas, ending in CRLF.
    static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    /// A field as RFC 4180 writes it.
    static func quote(_ field: String) -> String {
        let needs = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || field.first == " " || field.last == " "
        guard needs else { return field }
        var out = "\""
        for c in field { if c == "\"" { out += "\"\"" } else { out.append(c) } }
        return out + "\""
    }
}
