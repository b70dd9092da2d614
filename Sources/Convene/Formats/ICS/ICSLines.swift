/// One content line of an iCalendar file once unfolded (RFC 5545 §3.1): `NAME;PARAM=V:VALUE`.
///
///     DTSTART;TZID="Europe/Zurich":20170508T100000
///     → name "DTSTART", params ["TZID": ["Europe/Zurich"]], value "20170508T100000"
struct ICSLine: Sendable {
    /// The physical line (1-based) where the content line begins, for messages.
    var line: Int
    /// The property or `BEGIN`/`END` name, upper-cased (names are case-insensitive).
    var name: String
    /// Parameters by upper-cased name; values unquoted, one per comma-separated item.
    var params: [String: [String]]
    /// The value as written (still escaped for TEXT values).
    var value: String

    /// The first value of parameter `key`, upper-cased key.
    func param(_ key: String) -> String? { params[key]?.first }
}

/// Splits iCalendar bytes into content lines: line breaks (CRLF, or LF alone), unfolding (a
/// line that begins with a space or a tab continues the one before), UTF-8 decoding, and the
/// `NAME;PARAMS:VALUE` syntax. Unfolding works on bytes, since RFC 5545 folds at 75 octets and
/// may cut a multi-byte character in two.
enum ICSLexer {
    /// The content lines of `bytes`; every line that is not one is a problem (`line N`).
    static func lines(_ bytes: [UInt8], problems: inout [InputProblem]) -> [ICSLine] {
        var logical: [(line: Int, bytes: [UInt8])] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var stop = end
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            let physical = bytes[start..<stop]
            start = end + 1
            if let first = physical.first, first == 0x20 || first == 0x09, !logical.isEmpty {
                logical[logical.count - 1].bytes += physical.dropFirst()
            } else if !physical.isEmpty {
                // Blank lines are not allowed by RFC 5545 but common at the end of a file: skipped.
                logical.append((number, Array(physical)))
            }
        }
        var out: [ICSLine] = []
        for (line, raw) in logical {
            guard let text = String(validating: raw, as: UTF8.self) else {
                problems.append(InputProblem(path: "line \(line)", message: "expected UTF-8 text (RFC 5545 §3.1.4), found bytes that are not"))
                continue
            }
            switch parse(text, line: line) {
            case .success(let l): out.append(l)
            case .failure(let f): problems.append(InputProblem(path: "line \(line)", message: f.message))
            }
        }
        return out
    }

    /// Parses one unfolded content line.
    static func parse(_ text: String, line: Int) -> Result<ICSLine, ICSFailure> {
        let u = Array(text.unicodeScalars)
        func fail(_ m: String) -> Result<ICSLine, ICSFailure> { .failure(ICSFailure(message: m)) }
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "-"
        }
        var i = 0
        while i < u.count, isNameChar(u[i]) { i += 1 }
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        guard i > 0, i < u.count, u[i] == ";" || u[i] == ":" else {
            return fail("expected a content line NAME:VALUE or NAME;PARAM=VALUE:VALUE, found \"\(shown)\"")
        }
        let name = String(String.UnicodeScalarView(u[0..<i])).uppercased()
        var params: [String: [String]] = [:]
        while u[i] == ";" {
            i += 1
            let ps = i
            while i < u.count, isNameChar(u[i]) { i += 1 }
            guard i > ps, i < u.count, u[i] == "=" else { return fail("expected a parameter NAME=VALUE after ';' in \(name), found \"\(shown)\"") }
            let pname = String(String.UnicodeScalarView(u[ps..<i])).uppercased()
            var values: [String] = []
            repeat {
                i += 1
                if i < u.count, u[i] == "\"" {
                    let vs = i + 1
                    i = vs
                    while i < u.count, u[i] != "\"" { i += 1 }
                    guard i < u.count else { return fail("expected a closing '\"' in parameter \(pname) of \(name)") }
                    values.append(String(String.UnicodeScalarView(u[vs..<i])))
                    i += 1
                } else {
                    let vs = i
                    while i < u.count, u[i] != "," && u[i] != ";" && u[i] != ":" && u[i] != "\"" { i += 1 }
                    values.append(String(String.UnicodeScalarView(u[vs..<i])))
                }
            } while i < u.count && u[i] == ","
            guard i < u.count, u[i] == ";" || u[i] == ":" else { return fail("expected ':' and a value after the parameters of \(name), found \"\(shown)\"") }
            params[pname, default: []] += values
        }
        let value = String(String.UnicodeScalarView(u[(i + 1)...]))
        return .success(ICSLine(line: line, name: name, params: params, value: value))
    }
}

/// Why a line or value was refused: the sentence of its message (the caller knows the line).
struct ICSFailure: Error, Equatable, Sendable {
    var message: String
}

/// TEXT values (RFC 5545 §3.3.11): `\\`, `\;`, `\,` and `\n` (or `\N`) escapes.
enum ICSText {
    /// The text an escaped TEXT value stands for. An unknown escape keeps the character after
    /// the backslash, as most calendar programs do.
    static func unescape(_ s: some StringProtocol) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c == "n" || c == "N" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        if escaped { out.append("\\") }
        return out
    }

    /// The items of a comma-separated list of TEXT values (`CATEGORIES:A\,B,C` has two).
    static func list(_ s: String) -> [String] {
        var items: [String] = []
        var current = ""
        var escaped = false
        for c in s {
            if escaped { current.append("\\"); current.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == "," { items.append(unescape(current)); current = "" }
            else { current.append(c) }
        }
        if escaped { current.append("\\") }
        items.append(unescape(current))
        return items
    }

    /// The escaped form of `s` for a TEXT value; carriage returns are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(c)
            }
        }
        return out
    }
}

/// A DATE or DATE-TIME value. Convene keeps dates only: a local or `TZID=` time keeps the date
/// as written; a UTC (`Z`) time keeps its UTC date. No time zone is converted.
enum ICSDate: Equatable, Sendable {
    case date(Day)
    /// The date and the seconds after its midnight; `utc` for a value ending in `Z`.
    case dateTime(Day, seconds: Int, utc: Bool)

    var day: Day {
        switch self {
        case .date(let d), .dateTime(let d, _, _): return d
        }
    }

    var isDate: Bool { if case .date = self { return true } else { return false } }

    /// Parses `YYYYMMDD` (a DATE) or `YYYYMMDDTHHMMSS[Z]` (a DATE-TIME); nil for anything else.
    /// With `VALUE=DATE` only a DATE is accepted.
    static func parse(_ text: String, valueType: String?) -> ICSDate? {
        let u = Array(text.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard u.count >= 8, let y = digits(0..<4), let m = digits(4..<6), let d = digits(6..<8),
              let day = Day(year: y, month: m, day: d) else { return nil }
        if u.count == 8 { return valueType?.uppercased() == "DATE-TIME" ? nil : .date(day) }
        guard valueType?.uppercased() != "DATE", u.count == 15 || (u.count == 16 && u[15] == UInt8(ascii: "Z")),
              u[8] == UInt8(ascii: "T"), let h = digits(9..<11), let mi = digits(11..<13), let s = digits(13..<15),
              h < 24, mi < 60, s <= 60 else { return nil }
        return .dateTime(day, seconds: h * 3600 + mi * 60 + min(s, 59), utc: u.count == 16)
    }

    /// The last date an event occupies when it ends (exclusively) at this value and started on
    /// `start`: the day before a DATE; the date of a DATE-TIME, or the day before when the time
    /// is midnight (an event ending at 00:00 does not meet that day). Never before `start`.
    func lastDay(from start: Day) -> Day {
        switch self {
        case .date(let d): return max(start, d - 1)
        case let .dateTime(d, seconds, _): return max(start, seconds == 0 ? d - 1 : d)
        }
    }
}

/// A DURATION value (RFC 5545 §3.3.6): `P2D`, `P1W`, `PT3H30M`, `P1DT12H`.
enum ICSDuration {
    /// The duration in seconds, or nil when `text` is not one (or is negative).
    static func seconds(_ text: String) -> Int? {
        var s = Substring(text)
        if s.hasPrefix("+") { s = s.dropFirst() }
        guard s.hasPrefix("P") else { return nil }
        s = s.dropFirst()
        var total = 0, number = "", inTime = false, any = false
        for c in s {
            if c.isASCII, c.isNumber { number.append(c); continue }
            if c == "T", number.isEmpty, !inTime { inTime = true; continue }
            guard let n = Int(number), n <= 100_000 else { return nil }
            switch (c, inTime) {
            case ("W", false): total += n * 7 * 86400
            case ("D", false): total += n * 86400
            case ("H", true): total += n * 3600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: return nil
            }
            number = ""
            any = true
        }
        return any && number.isEmpty ? total : nil
    }
}
