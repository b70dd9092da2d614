/// Writes a `JSONValue` as stable, pretty text: two-space indent, keys in the order given, and
/// short arrays of scalars on one line, so that the same value is always the same bytes.
public enum JSONWriter {
    public static func write(_ v: JSONValue) -> String {
        var out = ""
        emit(v, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// One line, no spaces after separators beyond ", " and ": ".
    public static func compact(_ v: JSONValue) -> String {
        switch v {
        case .array(let a): return "[" + a.map(compact).joined(separator: ", ") + "]"
        case .object(let m): return "{ " + m.map { "\(quote($0.key)): \(compact($0.value))" }.joined(separator: ", ") + " }"
        default: return scalar(v)
        }
    }

    static func scalar(_ v: JSONValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return formatNumber(n)
        case .string(let s): return quote(s)
        default: return compact(v)
        }
    }

    static func isFlat(_ v: JSONValue) -> Bool {
        switch v {
        case .array(let a): return a.allSatisfy { if case .array = $0 { return false }; if case .object = $0 { return false }; return true }
        case .object(let m):
            return m.count <= 8 && m.allSatisfy { member in
                if case .array(let a) = member.value { return a.count <= 4 && isFlat(member.value) }
                return isFlat(member.value)
            }
        default: return true
        }
    }

    static func emit(_ v: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch v {
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            if isFlat(v) && compact(v).count <= 100 { out += compact(v); return }
            out += "[\n"
            for (i, item) in a.enumerated() {
                out += pad
                if case .object = item, isFlat(item), compact(item).count <= 140 { out += compact(item) } else { emit(item, indent: indent + 1, into: &out) }
                out += i + 1 < a.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .object(let m):
            if m.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, member) in m.enumerated() {
                out += pad + quote(member.key) + ": "
                emit(member.value, indent: indent + 1, into: &out)
                out += i + 1 < m.count ? ",\n" : "\n"
            }
            out += close + "}"
        default:
            out += scalar(v)
        }
    }

    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let h = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
