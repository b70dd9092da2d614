import Foundation

/// Reads the VEVENTs of an iCalendar file (RFC 5545) as outside events, for `--external FILE.ics`.
///
/// What becomes of each VEVENT:
/// - **id** `ics:<UID>`; each occurrence of a recurring event `ics:<UID>#n`, `n` counting the
///   occurrences from DTSTART (1 is DTSTART itself) after `EXDATE`, so that the same occurrence
///   keeps its id whatever the horizon. An override (`RECURRENCE-ID`) takes the id of the
///   occurrence it replaces.
/// - **dates** `start`..`end`, inclusive: an all-day event (`VALUE=DATE`) ends the day before its
///   exclusive DTEND; a timed event keeps the dates as written (a `TZID=` or floating time keeps
///   its local date, a UTC `Z` time its UTC date: no time zone is converted), and one that ends at
///   midnight does not meet the next day. `DURATION` is added to DTSTART; with neither DTEND nor
///   DURATION the event lasts one day.
/// - **title** SUMMARY (else the UID), **place** LOCATION (else empty: it then never matches a
///   `samePlace` rule), **category** the first of CATEGORIES, else `category`, else `ICS`.
/// - `STATUS:CANCELLED` events (and cancelled occurrences) are left out, as are events that do
///   not meet the horizon. Recurring events are expanded inside the horizon (see
///   `RecurrenceRule` for what is supported; anything else is refused by line).
///
/// Every problem of the file is listed, each as `line N` and what was expected.
public enum ICSReader {
    /// The outside events of an iCalendar file's bytes; `file` names it in messages and sources.
    public static func read(_ bytes: [UInt8], file: String, horizon: DateRange, category: String?) throws(InputError) -> [ExternalEvent] {
        var problems: [InputProblem] = []
        let lines = ICSLexer.lines(bytes, problems: &problems)
        let drafts = components(lines, lastLine: lines.last?.line ?? 1, problems: &problems)
        var builder = Builder(file: file, horizon: horizon, category: category)
        let events = builder.events(drafts)
        problems += builder.problems
        guard problems.isEmpty else {
            throw InputError(file: file, problems: problems.sorted { lineNumber($0) < lineNumber($1) })
        }
        return events
    }

    static func lineNumber(_ p: InputProblem) -> Int { Int(p.path.dropFirst(5)) ?? 0 }

    /// The properties of one VEVENT (not those of a VALARM inside it), with its BEGIN line.
    struct Draft {
        var line: Int
        var properties: [ICSLine] = []
        func all(_ name: String) -> [ICSLine] { properties.filter { $0.name == name } }
    }

    /// Walks BEGIN/END nesting: VCALENDAR at the top, VEVENTs directly inside it.
    static func components(_ lines: [ICSLine], lastLine: Int, problems: inout [InputProblem]) -> [Draft] {
        var stack: [(name: String, line: Int)] = []
        var drafts: [Draft] = []
        var current: Draft? = nil
        var sawCalendar = false
        for l in lines {
            let value = l.value.trimmingCharacters(in: .whitespaces).uppercased()
            if stack.isEmpty, !(l.name == "BEGIN" && value == "VCALENDAR") {
                let found = l.name == "BEGIN" || l.name == "END" ? "\(l.name):\(value)" : l.name
                problems.append(InputProblem(path: "line \(l.line)", message: "expected BEGIN:VCALENDAR, found \(found)"))
                return drafts
            }
            switch l.name {
            case "BEGIN":
                guard !value.isEmpty else {
                    problems.append(InputProblem(path: "line \(l.line)", message: "expected a component name after BEGIN:, found nothing"))
                    return drafts
                }
                stack.append((value, l.line))
                if value == "VCALENDAR" {
                    if stack.count > 1 {
                        problems.append(InputProblem(path: "line \(l.line)",
                                                     message: "expected END:\(stack[stack.count - 2].name) before another BEGIN:VCALENDAR"))
                        return drafts
                    }
                    sawCalendar = true
                }
                if value == "VEVENT", stack.count == 2 { current = Draft(line: l.line) }
            case "END":
                let top = stack.removeLast()
                guard top.name == value else {
                    problems.append(InputProblem(path: "line \(l.line)",
                                                 message: "expected END:\(top.name) (for BEGIN:\(top.name) on line \(top.line)), found END:\(value)"))
                    return drafts
                }
                if value == "VEVENT", stack.count == 1, let d = current { drafts.append(d); current = nil }
            default:
                if stack.count == 2, current != nil { current!.properties.append(l) }
            }
        }
        if let top = stack.last {
            problems.append(InputProblem(path: "line \(lastLine)",
                                         message: "expected END:\(top.name) (for BEGIN:\(top.name) on line \(top.line)) before the end of the file"))
        } else if !sawCalendar && problems.isEmpty {
            problems.append(InputProblem(path: "line 1", message: "expected BEGIN:VCALENDAR, found an empty file"))
        }
        return drafts
    }

    /// Turns VEVENT drafts into outside events, collecting problems.
    struct Builder {
        var file: String
        var horizon: DateRange
        var category: String?
        var problems: [InputProblem] = []

        mutating func fail(_ line: Int, _ message: String) { problems.append(InputProblem(path: "line \(line)", message: message)) }

        /// One VEVENT's own facts, before recurrence.
        struct Single {
            var line: Int
            var uid: String
            var title: String
            var place: String
            var category: String
            var start: Day
            /// Calendar days from the start date to the last date.
            var span: Int
            var cancelled: Bool
            var recurrenceID: Day?
            var rule: RecurrenceRule?
            var extraDates: [Day] = []
            var exceptDates: Set<Day> = []
        }

        mutating func events(_ drafts: [Draft]) -> [ExternalEvent] {
            let singles = drafts.compactMap { single($0) }
            var masters: [String: Int] = [:]
            var overrides: [String: [Day: Single]] = [:]
            for s in singles {
                if let r = s.recurrenceID {
                    overrides[s.uid, default: [:]][r] = s
                } else if let other = masters[s.uid] {
                    fail(s.line, "expected a UID used by one VEVENT only, found \"\(s.uid)\" again (first on line \(other))")
                } else {
                    masters[s.uid] = s.line
                }
            }
            var out: [ExternalEvent] = []
            var used: [String: Set<Day>] = [:]
            for s in singles where s.recurrenceID == nil {
                guard s.rule != nil || !s.extraDates.isEmpty else {
                    if !s.cancelled { append(s, start: s.start, id: "ics:\(s.uid)", to: &out) }
                    continue
                }
                let mine = overrides[s.uid] ?? [:]
                for (n, start) in occurrences(s).enumerated() {
                    used[s.uid, default: []].insert(start)
                    let o = mine[start] ?? s
                    guard !o.cancelled else { continue }
                    append(o, start: o.recurrenceID == nil ? start : o.start, id: "ics:\(s.uid)#\(n + 1)", to: &out)
                }
            }
            // An override whose master is not in the file (or whose occurrence is not in the
            // expansion) stands alone, named by the date it replaces.
            for s in singles {
                guard let r = s.recurrenceID, !(used[s.uid]?.contains(r) ?? false), !s.cancelled else { continue }
                append(s, start: s.start, id: "ics:\(s.uid)#\(r.iso)", to: &out)
            }
            return out
        }

        /// Adds the outside event when it meets the horizon.
        func append(_ s: Single, start: Day, id: String, to out: inout [ExternalEvent]) {
            let dates = DateRange(start, start + s.span)
            guard dates.end >= horizon.start, dates.start <= horizon.end else { return }
            out.append(ExternalEvent(id: id, title: s.title, category: s.category, dates: dates, place: s.place,
                                     source: "\(file) line \(s.line)"))
        }

        /// The start dates of a recurring event: RRULE and RDATE, less EXDATE, in order.
        func occurrences(_ s: Single) -> [Day] {
            var starts = Set(s.rule?.starts(from: s.start, through: horizon.end) ?? [s.start])
            starts.formUnion(s.extraDates.filter { $0 <= horizon.end })
            starts.subtract(s.exceptDates)
            return starts.sorted()
        }

        /// The property `name` that may appear once; a second one is a problem.
        mutating func one(_ d: Draft, _ name: String, required: Bool = false) -> ICSLine? {
            let found = d.all(name)
            if found.count > 1 { fail(found[1].line, "expected one \(name) in the VEVENT that begins on line \(d.line), found another") }
            if found.isEmpty, required { fail(d.line, "expected a \(name) property in the VEVENT that begins here") }
            return found.first
        }

        mutating func date(_ l: ICSLine) -> ICSDate? {
            guard let v = ICSDate.parse(l.value.trimmingCharacters(in: .whitespaces), valueType: l.param("VALUE")) else {
                let expected = l.param("VALUE")?.uppercased() == "DATE" ? "a date YYYYMMDD" : "a date YYYYMMDD or date-time YYYYMMDDTHHMMSS[Z]"
                fail(l.line, "expected \(expected) in \(l.name), found \"\(l.value)\"")
                return nil
            }
            return v
        }

        /// The dates of an EXDATE or RDATE property (a comma-separated list).
        mutating func dates(_ l: ICSLine) -> [Day] {
            if l.param("VALUE")?.uppercased() == "PERIOD" { fail(l.line, "\(l.name);VALUE=PERIOD is not supported (expected dates or date-times)"); return [] }
            var out: [Day] = []
            for item in l.value.split(separator: ",") {
                guard let v = ICSDate.parse(item.trimmingCharacters(in: .whitespaces), valueType: l.param("VALUE")) else {
                    fail(l.line, "expected dates YYYYMMDD or date-times YYYYMMDDTHHMMSS[Z] in \(l.name), found \"\(item)\""); return []
                }
                out.append(v.day)
            }
            return out
        }

        mutating func single(_ d: Draft) -> Single? {
            let uidLine = one(d, "UID", required: true), startLine = one(d, "DTSTART", required: true)
            let endLine = one(d, "DTEND"), durationLine = one(d, "DURATION"), ruleLine = one(d, "RRULE")
            let summary = one(d, "SUMMARY"), location = one(d, "LOCATION"), status = one(d, "STATUS")
            let recurrence = one(d, "RECURRENCE-ID")
            let before = problems.count
            let uid = uidLine.map { ICSText.unescape($0.value).trimmingCharacters(in: .whitespaces) } ?? ""
            if let uidLine, uid.isEmpty { fail(uidLine.line, "expected a non-empty UID") }
            let start = startLine.flatMap { date($0) }
            let last = lastDay(start, startLine, end: endLine, duration: durationLine)
            var rule: RecurrenceRule? = nil
            if let ruleLine {
                switch RecurrenceRule.parse(ruleLine.value.trimmingCharacters(in: .whitespaces)) {
                case .success(let r): rule = r
                case .failure(let f): fail(ruleLine.line, f.message)
                }
            }
            var recurrenceID: Day? = nil
            if let recurrence {
                if recurrence.param("RANGE") != nil {
                    fail(recurrence.line, "RECURRENCE-ID;RANGE=\(recurrence.param("RANGE")!) is not supported (expected a single occurrence)")
                }
                recurrenceID = date(recurrence)?.day
            }
            let extra = d.all("RDATE").flatMap { dates($0) }
            let except = Set(d.all("EXDATE").flatMap { dates($0) })
            guard problems.count == before, let start, let last, !uid.isEmpty else { return nil }
            func oneLine(_ l: ICSLine?) -> String? {
                l.map { ICSText.unescape($0.value).split(whereSeparator: \.isNewline).joined(separator: " ") }
            }
            let firstCategory = d.all("CATEGORIES").lazy.flatMap { ICSText.list($0.value) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
            return Single(line: d.line, uid: uid, title: oneLine(summary).flatMap { $0.isEmpty ? nil : $0 } ?? uid,
                          place: oneLine(location) ?? "", category: firstCategory ?? category ?? "ICS",
                          start: start.day, span: last - start.day,
                          cancelled: status?.value.trimmingCharacters(in: .whitespaces).uppercased() == "CANCELLED",
                          recurrenceID: recurrenceID, rule: rule, extraDates: extra, exceptDates: except)
        }

        /// The last day of a VEVENT from its DTSTART and its DTEND or DURATION; problems with them are reported.
        private mutating func lastDay(_ start: ICSDate?, _ startLine: ICSLine?, end endLine: ICSLine?, duration durationLine: ICSLine?) -> Day? {
            if let endLine, durationLine != nil { fail(endLine.line, "expected DTEND or DURATION, not both (RFC 5545 §3.6.1)") }
            var last = start?.day
            if let start, let endLine, let end = date(endLine) {
                if start.isDate != end.isDate {
                    fail(endLine.line,
                         "expected DTEND of the same type as DTSTART (\(start.isDate ? "a date YYYYMMDD" : "a date-time")), found \"\(endLine.value)\"")
                } else if end.day < start.day {
                    fail(endLine.line, "expected DTEND on or after DTSTART (\(startLine!.value)), found \"\(endLine.value)\"")
                } else if case let (.dateTime(sd, ss, _), .dateTime(ed, es, _)) = (start, end), (ed, es) < (sd, ss) {
                    fail(endLine.line, "expected DTEND on or after DTSTART (\(startLine!.value)), found \"\(endLine.value)\"")
                } else {
                    last = end.lastDay(from: start.day)
                }
            }
            if let start, let durationLine {
                if let secs = ICSDuration.seconds(durationLine.value.trimmingCharacters(in: .whitespaces)) {
                    switch start {
                    case .date(let s): last = s + max(1, (secs + 86399) / 86400) - 1
                    case let .dateTime(s, t, utc):
                        let total = t + secs
                        last = ICSDate.dateTime(s + total / 86400, seconds: total % 86400, utc: utc).lastDay(from: s)
                    }
                } else {
                    fail(durationLine.line, "expected a DURATION such as P2D, P1W or PT3H (not negative), found \"\(durationLine.value)\"")
                }
            }
            return last
        }
    }
}
