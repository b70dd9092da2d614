/// Writes a calendar as an iCalendar file (RFC 5545) that calendar programs import: one all-day
/// VEVENT per scheduled event.
///
/// - `DTSTART;VALUE=DATE` is the first date, `DTEND;VALUE=DATE` the day after the last one
///   (iCalendar's end is exclusive; the spec's `end` is inclusive). An event whose working days
///   straddle a weekend shows as one block over it; DESCRIPTION lists the dates it meets.
/// - `UID` is `<event id>@<scenario name>.convene`, the same on every run, so that importing a
///   re-planned calendar again updates the events instead of duplicating them (an event given
///   twice in the file gets `-2`, `-3`, … on its later copies).
/// - `DTSTAMP` is `stamp` at 00:00 UTC, given by the caller rather than read from the clock, so
///   that the same input gives the same bytes. `convene export` passes the scenario's horizon
///   start (1970-01-01 without a scenario).
/// - `SUMMARY` is `ID: title`; `LOCATION` the venue's name and city; `DESCRIPTION` the kind, the
///   length, the dates, the rules that bear on the event, its costs and clashes in `report`;
///   `CATEGORIES` its kind. Milestones are `TRANSP:TRANSPARENT` (they take no time).
///
/// Lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character); text is
/// escaped (`\\`, `\;`, `\,`, `\n`).
public enum ICSWriter {
    /// The iCalendar text of `file`. `scenario` supplies titles, kinds, venues and rules;
    /// `report` (the check report of `file` against it) the costs and clashes.
    public static func write(_ file: CalendarFile, scenario: Scenario?, report: CheckReport?, stamp: Day) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Convene//Convene calendar export//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + ICSText.escape(scenario?.name ?? file.scenario),
        ]
        var uids: [String: Int] = [:]
        for row in ExportRow.rows(file, scenario: scenario) {
            var uid = "\(row.event)@\(file.scenario).convene"
            let copy = uids[uid, default: 0] + 1
            uids[uid] = copy
            if copy > 1 { uid = "\(row.event)-\(copy)@\(file.scenario).convene" }
            lines += [
                "BEGIN:VEVENT",
                "UID:" + ICSText.escape(uid),
                "DTSTAMP:" + basic(stamp) + "T000000Z",
                "DTSTART;VALUE=DATE:" + basic(row.start),
                "DTEND;VALUE=DATE:" + basic(row.end + 1),
                "SUMMARY:" + ICSText.escape(row.title == row.event ? row.event : "\(row.event): \(row.title)"),
            ]
            if let venue = row.venue {
                let place = [row.venueName ?? venue, row.city].compactMap { $0 }
                let unique = place.count == 2 && place[0] == place[1] ? [place[0]] : place
                lines.append("LOCATION:" + ICSText.escape(unique.joined(separator: ", ")))
            }
            lines.append("DESCRIPTION:" + ICSText.escape(description(row, file: file, scenario: scenario, report: report)))
            lines.append("CATEGORIES:" + ICSText.escape(row.kind.isEmpty ? "Convene" : row.kind))
            lines.append("TRANSP:" + (row.isMilestone ? "TRANSPARENT" : "OPAQUE"))
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map { fold($0) + "\r\n" }.joined()
    }

    /// The lines of DESCRIPTION: what a planner wants to know when opening the event.
    static func description(_ row: ExportRow, file: CalendarFile, scenario: Scenario?, report: CheckReport?) -> String {
        var out: [String] = []
        if !row.kind.isEmpty { out.append("Kind: \(row.kind)") }
        out.append("Length: \(row.lengthText)")
        let span = row.start == row.end ? row.start.iso : "\(row.start.iso) to \(row.end.iso)"
        out.append("Dates: \(span)")
        if let first = row.occupied.first, let last = row.occupied.last, last - first + 1 != row.occupied.count {
            out.append("Meets on: " + row.occupied.map(\.iso).joined(separator: ", "))
        }
        if let v = row.venue { out.append("Venue: \(v)\(row.venueName.map { $0 == v ? "" : " (\($0))" } ?? "")") }
        if let scenario {
            let rules = row.rules(in: scenario)
            if !rules.isEmpty { out.append("Rules that placed it: " + rules.joined(separator: "; ")) }
            if let e = row.eventIndex, let s = scenario.events[e].source { out.append("Source: \(s)") }
        }
        if let report { out += row.findings(in: report) }
        let cost = (report?.cost ?? file.cost).map { ", cost \(formatNumber($0))" } ?? ""
        out.append("Calendar: \(file.scenario), \(file.status)\(cost) (Convene)")
        return out.joined(separator: "\n")
    }

    /// `YYYYMMDD`, the basic form of a DATE.
    static func basic(_ d: Day) -> String { String(d.iso.filter { $0 != "-" }) }

    /// Folds a content line so that no line is longer than 75 octets (RFC 5545 §3.1): a break,
    /// then a space that unfolding removes. A UTF-8 character is never cut.
    static func fold(_ line: String) -> String {
        var out = ""
        var width = 0
        for scalar in line.unicodeScalars {
            let n = String(scalar).utf8.count
            if width + n > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += n
        }
        return out
    }
}
