import Foundation
import Testing
@testable import Convene

/// iCalendar in (`ICSReader`, for `--external`) and out (`ICSWriter`, for `export --format ics`),
/// against RFC 5545: unfolding, escapes, all-day and timed events, exclusive DTEND, recurrence,
/// and refusals that name the line.
@Suite("iCalendar")
struct ICSTests {
    static let horizon = DateRange(Day(iso: "2017-01-01")!, Day(iso: "2017-12-31")!)

    /// A VCALENDAR around `body` (lines joined with CRLF).
    static func calendar(_ body: [String], lineEnd: String = "\r\n") -> [UInt8] {
        Array(((["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"] + body + ["END:VCALENDAR"]).joined(separator: lineEnd) + lineEnd).utf8)
    }

    /// One VEVENT with a UID and the given properties.
    static func event(_ uid: String, _ properties: [String]) -> [String] {
        ["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20170101T000000Z"] + properties + ["END:VEVENT"]
    }

    static func read(_ bytes: [UInt8], horizon: DateRange = horizon, category: String? = nil) throws -> [ExternalEvent] {
        try ICSReader.read(bytes, file: "t.ics", horizon: horizon, category: category)
    }

    static func dates(_ x: ExternalEvent) -> String { x.dates.map { "\($0.start.iso)..\($0.end.iso)" } ?? "undated" }

    // MARK: Dates

    @Test("an all-day event ends the day before its exclusive DTEND")
    func allDay() throws {
        let xs = try Self.read(Self.calendar(Self.event("a", ["DTSTART;VALUE=DATE:20170524", "DTEND;VALUE=DATE:20170525", "SUMMARY:Workshop"])))
        #expect(xs.map(\.id) == ["ics:a"])
        #expect(xs.map(Self.dates) == ["2017-05-24..2017-05-24"])
        #expect(xs[0].title == "Workshop")
        #expect(xs[0].source == "t.ics line 4")
    }

    @Test("multi-day, timed, midnight-ending, DURATION and DTEND-less events", arguments: [
        (["DTSTART;VALUE=DATE:20170628", "DTEND;VALUE=DATE:20170701"], "2017-06-28..2017-06-30"),
        (["DTSTART;TZID=Europe/Berlin:20170628T090000", "DTEND;TZID=Europe/Berlin:20170628T170000"], "2017-06-28..2017-06-28"),
        (["DTSTART:20170628T230000Z", "DTEND:20170629T010000Z"], "2017-06-28..2017-06-29"),
        (["DTSTART:20170628T090000", "DTEND:20170630T000000"], "2017-06-28..2017-06-29"),
        (["DTSTART;VALUE=DATE:20170628", "DURATION:P3D"], "2017-06-28..2017-06-30"),
        (["DTSTART:20170628T200000", "DURATION:PT6H"], "2017-06-28..2017-06-29"),
        (["DTSTART:20170628T090000", "DURATION:P1W"], "2017-06-28..2017-07-05"),
        (["DTSTART;VALUE=DATE:20170628"], "2017-06-28..2017-06-28"),
        (["DTSTART:20170628T090000Z"], "2017-06-28..2017-06-28"),
        (["DTSTART;VALUE=DATE:20170628", "DTEND;VALUE=DATE:20170628"], "2017-06-28..2017-06-28"),
    ])
    func spans(_ properties: [String], _ expected: String) throws {
        let xs = try Self.read(Self.calendar(Self.event("a", properties)))
        #expect(xs.map(Self.dates) == [expected])
    }

    @Test("folded lines are unfolded, even inside a UTF-8 character; text is unescaped")
    func foldingAndEscapes() throws {
        // "Genève" folded between the two bytes of "è" (0xC3 0xA8).
        var bytes = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART;VALUE=DATE:20170510\r\n".utf8)
        bytes += Array("SUMMARY:Dialogue\\, migrants\\; and\\ncities \\\\ \r\n\tpart two\r\nLOCATION:Gen".utf8) + [0xC3, 0x0D, 0x0A, 0x20, 0xA8]
        bytes += Array("ve\r\nCATEGORIES:IOM-IDM\\,2017,Other\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
        let xs = try Self.read(bytes)
        #expect(xs[0].title == "Dialogue, migrants; and cities \\ part two")
        #expect(xs[0].place == "Genève")
        #expect(xs[0].category == "IOM-IDM,2017")
    }

    @Test("category: the first of CATEGORIES, else --category, else ICS")
    func categories() throws {
        let body = Self.event("a", ["DTSTART;VALUE=DATE:20170510", "CATEGORIES:GFMD,Other"])
            + Self.event("b", ["DTSTART;VALUE=DATE:20170511"])
        #expect(try Self.read(Self.calendar(body), category: "HRC").map(\.category) == ["GFMD", "HRC"])
        #expect(try Self.read(Self.calendar(body)).map(\.category) == ["GFMD", "ICS"])
    }

    @Test("LF line ends, a byte-order mark and blank lines are accepted; a VALARM's properties stay its own")
    func leniency() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Self.calendar(Self.event("a", ["DTSTART;VALUE=DATE:20170510", "SUMMARY:Event",
                                                "BEGIN:VALARM", "ACTION:DISPLAY", "SUMMARY:Alarm", "TRIGGER:-PT15M", "END:VALARM"]) + [""],
                               lineEnd: "\n")
        let xs = try Self.read(bytes)
        #expect(xs.map(\.title) == ["Event"])
    }

    @Test("events outside the horizon and cancelled events are left out")
    func leftOut() throws {
        let body = Self.event("old", ["DTSTART;VALUE=DATE:20151231"])
            + Self.event("edge", ["DTSTART;VALUE=DATE:20161230", "DTEND;VALUE=DATE:20170103"])
            + Self.event("gone", ["DTSTART;VALUE=DATE:20170510", "STATUS:CANCELLED"])
        let xs = try Self.read(Self.calendar(body))
        #expect(xs.map(\.id) == ["ics:edge"])
        #expect(xs.map(Self.dates) == ["2016-12-30..2017-01-02"])
    }

    // MARK: Recurrence

    @Test("RRULE expansions", arguments: [
        // Weekly on Monday and Wednesday, 5 occurrences from Monday 1 May 2017.
        ("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5", "20170501", ["2017-05-01", "2017-05-03", "2017-05-08", "2017-05-10", "2017-05-15"]),
        // Every other week on Tuesday, until 30 May (inclusive).
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20170530", "20170502", ["2017-05-02", "2017-05-16", "2017-05-30"]),
        // Every third day, 4 times.
        ("FREQ=DAILY;INTERVAL=3;COUNT=4", "20170530", ["2017-05-30", "2017-06-02", "2017-06-05", "2017-06-08"]),
        // The 31st: months without one are skipped (RFC 5545 §3.3.10); the horizon ends it.
        ("FREQ=MONTHLY", "20170731", ["2017-07-31", "2017-08-31", "2017-10-31", "2017-12-31"]),
        // Yearly from before the horizon: only 2017's occurrence is kept.
        ("FREQ=YEARLY", "20150315", ["2017-03-15"]),
        // Weekly without BYDAY keeps DTSTART's weekday; UNTIL as a UTC date-time.
        ("FREQ=WEEKLY;UNTIL=20170515T235959Z", "20170501", ["2017-05-01", "2017-05-08", "2017-05-15"]),
    ])
    func expansions(_ rule: String, _ start: String, _ expected: [String]) throws {
        let xs = try Self.read(Self.calendar(Self.event("r", ["DTSTART;VALUE=DATE:\(start)", "RRULE:\(rule)"])))
        #expect(xs.map { $0.dates!.start.iso } == expected)
    }

    @Test("occurrences are numbered from DTSTART, so an id does not depend on the horizon; EXDATE removes one")
    func occurrenceIDs() throws {
        let bytes = Self.calendar(Self.event("w", ["DTSTART;VALUE=DATE:20161226", "DTEND;VALUE=DATE:20161228",
                                                   "RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;VALUE=DATE:20170109"]))
        let xs = try Self.read(bytes)
        // 26 Dec (#1, before the horizon), 2 Jan (#2), 9 Jan excluded, 16 Jan (#3); two days each.
        #expect(xs.map(\.id) == ["ics:w#2", "ics:w#3"])
        #expect(xs.map(Self.dates) == ["2017-01-02..2017-01-03", "2017-01-16..2017-01-17"])
        let later = try Self.read(bytes, horizon: DateRange(Day(iso: "2017-01-10")!, Day(iso: "2017-12-31")!))
        #expect(later.map(\.id) == ["ics:w#3"])
    }

    @Test("an override (RECURRENCE-ID) replaces its occurrence; a cancelled one removes it")
    func overrides() throws {
        let body = Self.event("m", ["DTSTART;VALUE=DATE:20170501", "RRULE:FREQ=WEEKLY;COUNT=3", "SUMMARY:Weekly"])
            + Self.event("m", ["RECURRENCE-ID;VALUE=DATE:20170508", "DTSTART;VALUE=DATE:20170509", "SUMMARY:Moved"])
            + Self.event("m", ["RECURRENCE-ID;VALUE=DATE:20170515", "DTSTART;VALUE=DATE:20170515", "STATUS:CANCELLED"])
        let xs = try Self.read(Self.calendar(body))
        #expect(xs.map(\.id) == ["ics:m#1", "ics:m#2"])
        #expect(xs.map(\.title) == ["Weekly", "Moved"])
        #expect(xs.map(Self.dates) == ["2017-05-01..2017-05-01", "2017-05-09..2017-05-09"])
    }

    // MARK: Refusals

    /// A refused file, the line its problem must name, and words its message must contain.
    struct Refusal: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var line: Int
        var words: [String]
        var testDescription: String { name }
        init(_ name: String, _ bytes: [UInt8], line: Int, _ words: [String]) { self.name = name; self.bytes = bytes; self.line = line; self.words = words }
    }

    static let refusals: [Refusal] = [
        Refusal("empty file", [], line: 1, ["begin:vcalendar", "empty"]),
        Refusal("not a calendar", Array("BEGIN:VCARD\r\nEND:VCARD\r\n".utf8), line: 1, ["expected begin:vcalendar", "begin:vcard"]),
        Refusal("no colon", calendar(event("a", ["DTSTART;VALUE=DATE:20170510", "SUMMARY Workshop"])), line: 8, ["name:value"]),
        Refusal("unclosed quote", calendar(event("a", ["DTSTART;TZID=\"Europe/Zurich:20170510T100000"])), line: 7, ["closing"]),
        Refusal("END mismatch", calendar(["BEGIN:VEVENT", "UID:a", "DTSTART;VALUE=DATE:20170510", "END:VTODO"]), line: 7, ["end:vevent", "line 4", "end:vtodo"]),
        Refusal("unterminated", Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n".utf8), line: 3, ["end:vevent", "end of the file"]),
        Refusal("missing DTSTART", calendar(event("a", ["SUMMARY:x"])), line: 4, ["dtstart"]),
        Refusal("missing UID", calendar(["BEGIN:VEVENT", "DTSTART;VALUE=DATE:20170510", "END:VEVENT"]), line: 4, ["uid"]),
        Refusal("bad date", calendar(event("a", ["DTSTART;VALUE=DATE:2017-05-10"])), line: 7, ["yyyymmdd", "2017-05-10"]),
        Refusal("30 February", calendar(event("a", ["DTSTART;VALUE=DATE:20170230"])), line: 7, ["yyyymmdd"]),
        Refusal("DTEND before DTSTART", calendar(event("a", ["DTSTART;VALUE=DATE:20170510", "DTEND;VALUE=DATE:20170501"])), line: 8, ["dtend", "on or after"]),
        Refusal("DTEND and DURATION", calendar(event("a", ["DTSTART;VALUE=DATE:20170510", "DTEND;VALUE=DATE:20170511", "DURATION:P1D"])), line: 8, ["not both"]),
        Refusal("bad DURATION", calendar(event("a", ["DTSTART;VALUE=DATE:20170510", "DURATION:-P1D"])), line: 8, ["duration"]),
        Refusal("BYMONTHDAY", calendar(event("a", ["DTSTART;VALUE=DATE:20170510", "RRULE:FREQ=MONTHLY;BYMONTHDAY=10,20"])), line: 8, ["bymonthday", "not supported"]),
        Refusal("FREQ=HOURLY", calendar(event("a", ["DTSTART:20170510T100000", "RRULE:FREQ=HOURLY;COUNT=3"])), line: 8, ["freq=hourly", "not supported"]),
        Refusal("BYDAY with MONTHLY", calendar(event("a", ["DTSTART;VALUE=DATE:20170510", "RRULE:FREQ=MONTHLY;BYDAY=2WE"])), line: 8, ["byday", "weekly only"]),
        Refusal("BYDAY 1MO", calendar(event("a", ["DTSTART;VALUE=DATE:20170510", "RRULE:FREQ=WEEKLY;BYDAY=1MO"])), line: 8, ["byday", "1mo"]),
        Refusal("no FREQ", calendar(event("a", ["DTSTART;VALUE=DATE:20170510", "RRULE:COUNT=3"])), line: 8, ["freq"]),
        Refusal("UID twice", calendar(event("a", ["DTSTART;VALUE=DATE:20170510"]) + event("a", ["DTSTART;VALUE=DATE:20170511"])), line: 9, ["line 4", "\"a\""]),
        Refusal("invalid UTF-8", calendar(event("a", ["DTSTART;VALUE=DATE:20170510"])).replacingFirst(Array("UID:a".utf8), with: [0x55, 0x49, 0x44, 0x3A, 0xFF]), line: 5, ["utf-8"]),
    ]

    @Test("a malformed file is refused with the line and what was expected", arguments: refusals)
    func refused(_ c: Refusal) {
        do {
            let xs = try ICSReader.read(c.bytes, file: "bad.ics", horizon: Self.horizon, category: nil)
            Issue.record("accepted: \(xs.map(\.id))")
        } catch {
            let p = error.problems.first { $0.path == "line \(c.line)" }
            #expect(p != nil, "no problem at line \(c.line): \(error)")
            for w in c.words { #expect(p?.message.lowercased().contains(w) ?? false, "'\(w)' not in: \(error)") }
            #expect(error.description.hasPrefix("bad.ics: line "))
        }
    }

    // MARK: Writing

    static func gcm() throws -> (Scenario, CalendarFile) {
        (try GCMScenarioTests.workPlan(), try GCMScenarioTests.published())
    }

    @Test("the written file reads back: one event per assignment, same dates, titles, places and kinds")
    func roundTrip() throws {
        let (scenario, file) = try Self.gcm()
        let text = ICSWriter.write(file, scenario: scenario, report: Evaluator(scenario).check(file), stamp: scenario.horizon.start)
        let xs = try ICSReader.read(Array(text.utf8), file: "out.ics", horizon: scenario.horizon, category: nil)
        #expect(xs.count == file.assignments.count)
        for a in file.sortedAssignments {
            let x = try #require(xs.first { $0.id == "ics:\(a.event)@gcm-work-plan.convene" }, "\(a.event) missing")
            let ev = try #require(scenario.events.first { $0.id == a.event })
            let venue = try #require(scenario.venues.first { $0.id == a.venue })
            #expect(x.dates == DateRange(a.start, a.end!), "\(a.event)")
            #expect(x.title == "\(a.event): \(ev.title)")
            #expect(x.place == "\(venue.name), \(venue.city)")
            #expect(x.category == ev.kind)
        }
        // The clash of TS2 with the GFMD workshop is in its description.
        #expect(text.replacingOccurrences(of: "\r\n ", with: "").contains("Clash with GFMD-WORKSHOP-2017-05-24 (GFMD\\, Rabat) on 2017-05-23"))
    }

    @Test("lines end in CRLF and are at most 75 octets; folding never cuts a UTF-8 character")
    func folding() throws {
        let s = try readScenario(scenarioJSON(events: [#"{"id": "A", "title": "\#(String(repeating: "Réunion à Genève — ", count: 12))", "days": 2, "venues": ["GVA"], "kind": "thématique"}"#]))
        let file = CalendarFile(scenario: "t", status: "feasible", cost: 0, assignments: [Assignment(event: "A", start: Day(iso: "2017-05-08")!, venue: "GVA")])
        let bytes = Array(ICSWriter.write(file, scenario: s, report: nil, stamp: s.horizon.start).utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for (i, b) in bytes.enumerated() {
            if b == 0x0A { #expect(i > 0 && bytes[i - 1] == 0x0D, "a bare LF at \(i)"); lines.append(Array(current.dropLast())); current = [] } else { current.append(b) }
        }
        #expect(lines.count > 10)
        for l in lines {
            #expect(l.count <= 75, "\(l.count) octets: \(String(decoding: l, as: UTF8.self))")
            #expect(String(validating: l, as: UTF8.self) != nil, "a line that is not UTF-8 by itself")
        }
        let back = try ICSReader.read(bytes, file: "t.ics", horizon: s.horizon, category: nil)
        #expect(back.first?.title == "A: " + s.events[0].title)
        #expect(back.first?.category == "thématique")
    }

    @Test("UIDs and bytes are the same on every run; a moved event keeps its UID")
    func stable() throws {
        let (scenario, file) = try Self.gcm()
        let a = ICSWriter.write(file, scenario: scenario, report: nil, stamp: scenario.horizon.start)
        #expect(a == ICSWriter.write(file, scenario: scenario, report: nil, stamp: scenario.horizon.start))
        var moved = file
        let i = try #require(moved.assignments.firstIndex { $0.event == "TS2" })
        moved.assignments[i].start = Day(iso: "2017-05-18")!
        moved.assignments[i].end = Day(iso: "2017-05-19")!
        let b = ICSWriter.write(moved, scenario: scenario, report: nil, stamp: scenario.horizon.start)
        func uids(_ t: String) -> [String] { t.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") }.sorted() }
        #expect(uids(a) == uids(b))
        #expect(uids(a).contains("UID:TS2@gcm-work-plan.convene"))
        #expect(a.contains("DTSTAMP:20170101T000000Z\r\n"))
        #expect(b.contains("DTSTART;VALUE=DATE:20170518\r\nDTEND;VALUE=DATE:20170520\r\n"))
    }

    // MARK: Into a scenario

    @Test("--external events join the scenario before its selectors are resolved")
    func merged() throws {
        // The scenario has no GFMD event of its own: its rule selects only the file's.
        let text = scenarioJSON(events: [#"{"id": "A", "days": 2, "venues": ["GVA"]}"#], constraints: [
            #"{"id": "av", "type": "avoidExternal", "events": "all", "external": {"category": "GFMD"}, "hard": false, "weight": 5}"#,
        ])
        let ics = Self.calendar(Self.event("w1", ["DTSTART;VALUE=DATE:20170509", "DTEND;VALUE=DATE:20170510", "LOCATION:Geneva"]))
        let s = try ScenarioReader.read(Array(text.utf8), file: "s.json", externalCalendars: [("gfmd.ics", ics)], category: "GFMD")
        #expect(s.externals.map(\.id) == ["ics:w1"])
        let file = CalendarFile(scenario: "t", status: "feasible", cost: nil, assignments: [Assignment(event: "A", start: Day(iso: "2017-05-08")!, venue: "GVA")])
        let report = Evaluator(s).check(file)
        #expect(report.clashes.map(\.external) == ["ics:w1"])
        #expect(report.cost == 5)

        do {
            _ = try ScenarioReader.read(Array(text.utf8), file: "s.json", externalCalendars: [("a.ics", ics), ("b.ics", ics)], category: "GFMD")
            Issue.record("the same file twice was accepted")
        } catch {
            #expect(error.description == "b.ics: line 4: error: expected an id the scenario and the other calendars do not use, found \"ics:w1\" again")
        }
    }
}

extension Array where Element == UInt8 {
    /// `self` with the first occurrence of `target` replaced (for building broken files).
    func replacingFirst(_ target: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        guard target.count <= count else { return self }
        for i in 0...(count - target.count) where Array(self[i..<(i + target.count)]) == target {
            return Array(self[..<i]) + replacement + Array(self[(i + target.count)...])
        }
        return self
    }
}
