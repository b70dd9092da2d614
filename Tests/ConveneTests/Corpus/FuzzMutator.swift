import Foundation
@testable import Convene

/// The mutations of `FuzzTests`: on the JSON tree (keys removed or given twice, numbers swapped
/// for strings, huge numbers, impossible dates, ids wired to other ids, deep nesting) and on the
/// bytes (flips, deletions, JSON tokens inserted, huge number texts, truncation).
enum Mutator {
    typealias RNG = SplitMix64

    /// The seed's bytes after one to three mutations, each named in `log`.
    static func mutate(_ seed: FuzzTests.Seed, _ rng: inout RNG, log: inout [String]) -> [UInt8] {
        let steps = rng.chance(60) ? 1 : rng.chance(60) ? 2 : 3
        var tree = seed.tree
        var structural = 0
        if tree != nil {
            structural = rng.chance(70) ? steps - (rng.chance(70) ? 0 : 1) : 0
        }
        if var t = tree, structural > 0 {
            let strings = collectStrings(t)
            for _ in 0..<structural { t = mutateTree(t, &rng, strings: strings, log: &log) }
            tree = t
        }
        // Mostly on one line: the debug parser spends most of its time skipping indentation.
        var bytes = rng.chance(50) ? seed.bytes : seed.compactBytes
        if structural > 0, let tree { bytes = Array((rng.chance(75) ? JSONWriter.compact(tree) : JSONWriter.write(tree)).utf8) }
        for _ in structural..<steps { bytes = mutateBytes(bytes, &rng, log: &log) }
        return bytes
    }

    // MARK: The tree

    static func collectStrings(_ v: JSONValue) -> [String] {
        var out: [String] = []
        func walk(_ v: JSONValue) {
            switch v {
            case .string(let s): if s.count <= 40 { out.append(s) }
            case .array(let a): a.forEach(walk)
            case .object(let m): m.forEach { out.append($0.key); walk($0.value) }
            default: break
            }
        }
        walk(v)
        return out.isEmpty ? ["x"] : out
    }

    static func count(_ v: JSONValue) -> Int {
        switch v {
        case .array(let a): return 1 + a.reduce(0) { $0 + count($1) }
        case .object(let m): return 1 + m.reduce(0) { $0 + count($1.value) }
        default: return 1
        }
    }

    /// `v` with node number `target` (preorder) replaced by `f` of it.
    static func replacing(_ v: JSONValue, _ target: Int, _ f: (JSONValue) -> JSONValue) -> JSONValue {
        var n = target
        func go(_ v: JSONValue) -> JSONValue {
            if n == 0 { n = -1; return f(v) }
            n -= 1
            switch v {
            case .array(let a): return .array(a.map { n < 0 ? $0 : go($0) })
            case .object(let m): return .object(m.map { n < 0 ? $0 : ($0.key, go($0.value)) })
            default: return v
            }
        }
        return go(v)
    }

    static func subtree(_ v: JSONValue, _ target: Int) -> JSONValue {
        var found: JSONValue = .null
        _ = replacing(v, target) { found = $0; return $0 }
        return found
    }

    static let hugeNumbers: [Double] = [1e300, -1e300, 1e20, -1e20, 99_999_999_999_999_999_999, 1e9, 1e9 + 1, -1e9, -1e9 - 1,
                                        0, -0.0, 0.5, 0.3, -1, 2.0, 1e-300, 4_294_967_296, 9_007_199_254_740_993, 1e15 + 0.5]
    static let oddDates = ["2017-02-29", "2018-02-30", "2017-13-01", "2017-00-10", "2017-04-31", "2017-5-1", "2017-05-01T10:00:00Z",
                           "", "0000-00-00", "17-05-01", "2017/05/01", "２０１７-05-01", "2016-02-29", "2017-12-31", "2018-01-01"]
    static let oddStrings = ["all", "", " ", "é", "\u{0}", "💥", String(repeating: "x", count: 5_000), "scenario/1", "calendar/1",
                             "sat", "exactly", "samePlace", "\u{FEFF}", "null", "NaN", "2017-05-01\n", "GVA\u{1B}[2J", "a\rb"]

    static func mutateTree(_ t: JSONValue, _ rng: inout RNG, strings: [String], log: inout [String]) -> JSONValue {
        let target = rng.below(count(t))
        let node = subtree(t, target)
        var name = ""
        var r = rng
        let result = replacing(t, target) { v in
            switch v {
            case .object(let m) where !m.isEmpty && r.chance(80):
                let i = r.below(m.count)
                var m = m
                switch r.below(5) {
                case 0: name = "remove key \(m[i].key)"; m.remove(at: i)
                case 1: name = "key \(m[i].key) twice"; m.insert(m[i], at: r.below(m.count + 1))
                case 2:
                    let other = leafMutation(m[i].value, &r, strings: strings)
                    name = "key \(m[i].key) twice, second \(other.name)"; m.append((m[i].key, other.value))
                case 3: name = "rename key \(m[i].key)"; m[i].key = r.chance(50) ? m[i].key.capitalized : r.pick(strings)
                default: name = "unknown key"; m.insert((r.pick(strings) + "_", .number(1)), at: r.below(m.count + 1))
                }
                return .object(m)
            case .array(let a) where !a.isEmpty && r.chance(70):
                var a = a
                let i = r.below(a.count)
                switch r.below(5) {
                case 0: name = "remove element \(i)"; a.remove(at: i)
                case 1: name = "element \(i) twice"; a.insert(a[i], at: r.below(a.count + 1))
                case 2: let j = r.below(a.count); name = "swap elements \(i), \(j)"; a.swapAt(i, j)
                case 3: name = "empty array"; a = []
                default:
                    let other = subtree(t, r.below(count(t)))
                    name = "append a copy of another node"; a.append(other)
                }
                return .array(a)
            default:
                let m = leafMutation(v, &r, strings: strings)
                name = m.name
                return m.value
            }
        }
        rng = r
        log.append("\(name) at node \(target) (\(node.typeName))")
        return result
    }

    static func leafMutation(_ v: JSONValue, _ rng: inout RNG, strings: [String]) -> (name: String, value: JSONValue) {
        switch rng.below(15) {
        case 0:
            if case .number(let n) = v { return ("number as a string", .string(formatNumber(n))) }
            if case .string(let s) = v { return ("string as a number", .number(Double(s) ?? Double(rng.below(100)))) }
            return ("null", .null)
        case 1, 2: let n = rng.pick(hugeNumbers); return ("number \(n)", .number(n))
        case 3: let d = rng.pick(oddDates); return ("date \"\(d)\"", .string(d))
        case 4, 5: let s = rng.pick(strings); return ("string \"\(s)\"", .string(s))
        case 6: let s = rng.pick(oddStrings); return ("odd string of \(s.count)", .string(s))
        case 7: return ("null", .null)
        case 8: let b = rng.chance(50); return ("\(b)", .bool(b))
        case 9: return rng.chance(50) ? ("empty object", .object([])) : ("empty array", .array([]))
        case 12, 13:
            // Small changes that often keep the file valid, so that the evaluator and the
            // solver see the mutant too.
            if case .bool(let b) = v { return ("\(!b)", .bool(!b)) }
            if case .string = v {
                let s = String(format: "2017-%02d-%02d", 1 + rng.below(12), 1 + rng.below(28))
                return ("date \"\(s)\"", .string(s))
            }
            let n = rng.pick([0, 1, 2, 3, 5, 10, 0.5, 14, 30, 100])
            return ("number \(n)", .number(n))
        case 10:
            let depth = rng.pick([1, 2, 3, 254, 255, 256, 300])
            var w = v
            for _ in 0..<depth { w = rng.chance(80) ? .array([w]) : .object([("x", w)]) }
            return ("nested \(depth) deep", w)
        default:
            let y = 1990 + rng.below(50), m = 1 + rng.below(12), d = 1 + rng.below(31)
            let s = String(format: "%04d-%02d-%02d", y, m, d)
            return ("date \"\(s)\"", .string(s))
        }
    }

    // MARK: The bytes

    static let tokens: [String] = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "false", "0", "-1", "0.5", "1e300", "1e400",
                                   "99999999999999999999", "-99999999999999999999", "NaN", "Infinity", "\"2017-02-30\"", "\\u0000",
                                   "\"\\ud800\"", "\"a\": 1,", "[[[[[[[[", "]]]]", "\"\"", " ", "\n", "//", "\u{FEFF}", "é"]
    static let numberTexts = ["99999999999999999999", "-99999999999999999999", "1e300", "-1e300", "1e400", "1E+2", "0.30000000000000004",
                              "1000000000", "1000000001", "-0", "00", "1.", ".5", "+1", "0x10", "4294967296", "9223372036854775808"]

    static func mutateBytes(_ b: [UInt8], _ rng: inout RNG, log: inout [String]) -> [UInt8] {
        var b = b
        let at = rng.below(b.count + 1)
        switch rng.below(8) {
        case 0 where !b.isEmpty:
            let i = min(at, b.count - 1), bit = rng.below(8)
            b[i] ^= UInt8(1 << bit); log.append("flip bit \(bit) of byte \(i)")
        case 1 where !b.isEmpty:
            let i = min(at, b.count - 1), v = rng.pick([0x00, 0xFF, 0x80, 0xC3, 0xED, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x2C, 0x3A, 0x31, 0x20, 0x0A,
                                                        UInt8(truncatingIfNeeded: rng.next())])
            b[i] = v; log.append("byte \(i) = 0x\(String(v, radix: 16))")
        case 2 where !b.isEmpty:
            let n = min(b.count - min(at, b.count - 1), 1 + rng.below(rng.chance(80) ? 16 : max(1, b.count / 8)))
            let i = min(at, b.count - 1)
            b.removeSubrange(i..<i + n); log.append("delete \(n) bytes at \(i)")
        case 3:
            let t = rng.pick(tokens); b.insert(contentsOf: Array(t.utf8), at: at); log.append("insert \(t.debugDescription) at \(at)")
        case 4:
            // A number's digits replaced by a huge or odd number text.
            let digits = b.indices.filter { (48...57).contains(b[$0]) && ($0 == 0 || !(48...57).contains(b[$0 - 1])) }
            guard !digits.isEmpty else { b = Array(b.prefix(at)); log.append("truncate to \(at) bytes"); break }
            let start = rng.pick(digits)
            var end = start
            while end < b.count, (48...57).contains(b[end]) || b[end] == UInt8(ascii: ".") { end += 1 }
            let t = rng.pick(numberTexts)
            b.replaceSubrange(start..<end, with: Array(t.utf8)); log.append("number at \(start) = \(t)")
        case 5:
            b = Array(b.prefix(at)); log.append("truncate to \(at) bytes")
        case 6 where !b.isEmpty:
            let i = rng.below(b.count), n = min(b.count - i, 1 + rng.below(64))
            b.insert(contentsOf: b[i..<i + n], at: at); log.append("copy \(n) bytes from \(i) to \(at)")
        default:
            let k = rng.pick([1, 10, 256, 257, 1_000])
            b.insert(contentsOf: Array(repeating: UInt8(ascii: "["), count: k), at: at); log.append("insert \(k) '[' at \(at)")
        }
        return b
    }
}
