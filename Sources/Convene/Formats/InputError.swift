/// One reason a file is refused: where it is (a JSON path such as `events[3].window.latest`,
/// or `line 4, column 7` for a syntax error) and what was expected.
public struct InputProblem: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path.escapingControls): error: \(message.escapingControls)" }
}

extension String {
    /// The text with control characters (C0, DEL, C1) escaped as in JSON (`\n`, `\u001b`), so
    /// that a message quoting a file's text stays one clean line and cannot drive the terminal.
    public var escapingControls: String {
        guard unicodeScalars.contains(where: \.isControl) else { return self }
        var out = ""
        for u in unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.isControl:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    var isControl: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }
}

/// A refused input file, with every problem found in it.
///
/// Printed one line per problem, as `gcm.json: events[3].window.latest: error: expected …`.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [InputProblem]
    public init(file: String, problems: [InputProblem]) { self.file = file; self.problems = problems }
    public var description: String { problems.map { "\(file.escapingControls): \($0)" }.joined(separator: "\n") }
}

/// Reads typed fields out of a JSON value, recording a problem for each that is missing or of
/// the wrong type, so that one pass lists every problem of a file.
struct JSONReader {
    var problems: [InputProblem] = []
    static let maxMagnitude = 1e9

    mutating func fail(_ path: String, _ message: String) { problems.append(InputProblem(path: path, message: message)) }

    static func join(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

    static func describe(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return "\"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        case .number(let n): return formatNumber(n)
        case .bool(let b): return String(b)
        default: return v.typeName
        }
    }

    /// The object at `path`, or nil (with a problem) when it is something else.
    mutating func object(_ v: JSONValue, _ path: String) -> JSONValue? {
        if case .object = v { return v }
        fail(path.isEmpty ? "$" : path, "expected an object, found \(JSONReader.describe(v))")
        return nil
    }

    /// Field `key` of `obj`; records "missing" when required and absent (or null).
    mutating func field(_ obj: JSONValue, _ key: String, _ path: String, required: Bool) -> JSONValue? {
        if let v = obj[key] { return v }
        if required { fail(JSONReader.join(path, key), "missing required field '\(key)'") }
        return nil
    }

    mutating func string(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = false, nonEmpty: Bool = false) -> String? {
        guard let v = field(obj, key, path, required: required) else { return nil }
        return string(v, JSONReader.join(path, key), nonEmpty: nonEmpty)
    }

    mutating func string(_ v: JSONValue, _ path: String, nonEmpty: Bool = false) -> String? {
        guard case .string(let s) = v else { fail(path, "expected a string, found \(JSONReader.describe(v))"); return nil }
        if nonEmpty && s.isEmpty { fail(path, "expected a non-empty id"); return nil }
        return s
    }

    mutating func bool(_ obj: JSONValue, _ key: String, _ path: String) -> Bool? {
        guard let v = field(obj, key, path, required: false) else { return nil }
        guard case .bool(let b) = v else { fail(JSONReader.join(path, key), "expected true or false, found \(JSONReader.describe(v))"); return nil }
        return b
    }

    mutating func number(_ v: JSONValue, _ path: String) -> Double? {
        guard case .number(let n) = v else { fail(path, "expected a number, found \(JSONReader.describe(v))"); return nil }
        // A huge value is quoted in its short form (1e+300), not its 301 digits.
        guard abs(n) <= JSONReader.maxMagnitude else {
            fail(path, "expected a number of magnitude at most 10^9, found \(abs(n) < 1e15 ? formatNumber(n) : String(n))")
            return nil
        }
        return n
    }

    mutating func number(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = false, min: Double? = nil) -> Double? {
        guard let v = field(obj, key, path, required: required) else { return nil }
        let p = JSONReader.join(path, key)
        guard let n = number(v, p) else { return nil }
        if let min, n < min { fail(p, "expected a number ≥ \(formatNumber(min)), found \(formatNumber(n))"); return nil }
        return n
    }

    /// A whole number (`2.0` is whole) of at most 10^9 in magnitude, at least `min` if given.
    mutating func whole(_ v: JSONValue, _ path: String, min: Int? = nil) -> Int? {
        guard let n = number(v, path) else { return nil }
        guard n == n.rounded() else { fail(path, "expected a whole number, found \(formatNumber(n))"); return nil }
        if let min, Int(n) < min { fail(path, "expected a whole number ≥ \(min), found \(formatNumber(n))"); return nil }
        return Int(n)
    }

    mutating func whole(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = false, min: Int? = nil) -> Int? {
        guard let v = field(obj, key, path, required: required) else { return nil }
        return whole(v, JSONReader.join(path, key), min: min)
    }

    mutating func date(_ v: JSONValue, _ path: String) -> Day? {
        guard case .string(let s) = v else { fail(path, "expected a date YYYY-MM-DD, found \(JSONReader.describe(v))"); return nil }
        guard let d = Day(iso: s) else { fail(path, "expected a date YYYY-MM-DD, found \"\(s)\""); return nil }
        return d
    }

    mutating func date(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = false) -> Day? {
        guard let v = field(obj, key, path, required: required) else { return nil }
        return date(v, JSONReader.join(path, key))
    }

    mutating func array(_ obj: JSONValue, _ key: String, _ path: String, required: Bool = false) -> [JSONValue]? {
        guard let v = field(obj, key, path, required: required) else { return nil }
        guard case .array(let a) = v else { fail(JSONReader.join(path, key), "expected an array, found \(JSONReader.describe(v))"); return nil }
        return a
    }

    mutating func weekdays(_ obj: JSONValue, _ key: String, _ path: String) -> Set<Weekday>? {
        guard let items = array(obj, key, path) else { return nil }
        var out = Set<Weekday>()
        for (i, item) in items.enumerated() {
            let p = "\(JSONReader.join(path, key))[\(i)]"
            guard let s = string(item, p) else { continue }
            guard let w = Weekday(rawValue: s) else { fail(p, "expected a weekday (mon tue wed thu fri sat sun), found \"\(s)\""); continue }
            out.insert(w)
        }
        return out
    }

    /// A `days` value: 0, 0.5, or a whole number ≥ 1.
    mutating func days(_ v: JSONValue, _ path: String) -> Double? {
        guard let n = number(v, path) else { return nil }
        guard n == 0 || n == 0.5 || (n >= 1 && n == n.rounded()) else {
            fail(path, "expected days 0, 0.5 or a whole number ≥ 1, found \(formatNumber(n))"); return nil
        }
        return n
    }

    /// A list of distinct strings (ids); each duplicate is a problem.
    mutating func idList(_ items: [JSONValue], _ path: String) -> [(String, String)] {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for (i, item) in items.enumerated() {
            let p = "\(path)[\(i)]"
            guard let s = string(item, p, nonEmpty: true) else { continue }
            guard seen.insert(s).inserted else { fail(p, "id \"\(s)\" appears twice in this list"); continue }
            out.append((s, p))
        }
        return out
    }
}

/// Parses JSON bytes, turning a syntax error into a refused file.
func parseJSON(_ bytes: [UInt8], file: String) throws(InputError) -> JSONValue {
    if bytes.isEmpty { throw InputError(file: file, problems: [InputProblem(path: "line 1, column 1", message: "the file is empty, expected a JSON object")]) }
    do {
        return try JSONParser.parse(bytes)
    } catch {
        throw InputError(file: file, problems: [InputProblem(path: "line \(error.line), column \(error.column)", message: error.message)])
    }
}
