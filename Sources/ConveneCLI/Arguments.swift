import Convene

/// One option of a command: its long name, an optional short one, and whether it takes a value.
struct OptionSpec: Sendable {
    var name: String
    var short: Character? = nil
    /// The value's name in help (`<seconds>`); nil for a flag.
    var value: String? = nil
    var help: String
    var defaultValue: String? = nil
    var repeatable = false
}

/// A command: its synopsis, arguments and options, from which both parsing and help come.
struct CommandSpec: Sendable {
    var name: String
    var overview: String
    var arguments: [(name: String, help: String, optional: Bool)]
    var options: [OptionSpec]
    var discussion: String = ""
    var run: @Sendable (ParsedArguments) -> CommandResult

    var usage: String {
        let args = arguments.map { $0.optional ? "[<\($0.name)>]" : "<\($0.name)>" }.joined(separator: " ")
        return "convene \(name) \(args)\(options.isEmpty ? "" : " [<options>]")"
    }

    /// Help in swift-argument-parser's layout: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, a 26-column gutter.
    var help: String {
        func row(_ label: String, _ text: String) -> String {
            let l = "  " + label
            return l.count < 26 ? l + String(repeating: " ", count: 26 - l.count) + text + "\n" : l + "\n" + String(repeating: " ", count: 26) + text + "\n"
        }
        var out = "OVERVIEW: \(overview)\n\nUSAGE: \(usage)\n"
        if !arguments.isEmpty {
            out += "\nARGUMENTS:\n" + arguments.map { row("<\($0.name)>", $0.help) }.joined()
        }
        out += "\nOPTIONS:\n"
        for o in options + [OptionSpec(name: "help", short: "h", help: "Show help information.")] {
            let label = (o.short.map { "-\($0), " } ?? "") + "--\(o.name)" + (o.value.map { " <\($0)>" } ?? "")
            out += row(label, o.help + (o.defaultValue.map { " (default: \($0))" } ?? ""))
        }
        if !discussion.isEmpty { out += "\n" + discussion + "\n" }
        out += "\n" + ExitStatus.helpText
        return out
    }
}

/// The parsed command line of one command.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    func value(_ name: String) -> String? { values[name]?.last }
    func has(_ name: String) -> Bool { flags.contains(name) }
}

struct UsageError: Error {
    var message: String
}

enum ArgumentParser {
    /// Parses `--name value`, `--name=value`, `-n value`, `--` (end of options) and `-` (stdin).
    static func parse(_ args: [String], for spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        var out = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < args.count {
            let a = args[i]
            i += 1
            if optionsEnded || a == "-" || !a.hasPrefix("-") { out.positionals.append(a); continue }
            if a == "--" { optionsEnded = true; continue }
            var name: String, inline: String? = nil
            if a.hasPrefix("--") {
                name = String(a.dropFirst(2))
                if let eq = name.firstIndex(of: "=") { inline = String(name[name.index(after: eq)...]); name = String(name[..<eq]) }
            } else {
                let s = a.dropFirst()
                guard s.count == 1, let o = spec.options.first(where: { $0.short == s.first }) else {
                    if a.count > 1, Double(a) != nil { out.positionals.append(a); continue }
                    throw UsageError(message: "Unknown option '\(a)'.")
                }
                name = o.name
            }
            guard let o = spec.options.first(where: { $0.name == name }) else {
                let hint = closest(name, spec.options.map(\.name)).map { " Did you mean '--\($0)'?" } ?? ""
                throw UsageError(message: "Unknown option '--\(name)'.\(hint)")
            }
            if o.value == nil {
                if inline != nil { throw UsageError(message: "Option '--\(name)' takes no value.") }
                out.flags.insert(name)
                continue
            }
            let value: String
            if let inline { value = inline } else {
                guard i < args.count else { throw UsageError(message: "Missing value for '--\(name) <\(o.value!)>'.") }
                value = args[i]
                i += 1
            }
            if !o.repeatable, out.values[name] != nil { throw UsageError(message: "Option '--\(name)' given twice.") }
            out.values[name, default: []].append(value)
        }
        let required = spec.arguments.filter { !$0.optional }.count
        if out.positionals.count < required {
            throw UsageError(message: "Missing expected argument '<\(spec.arguments[out.positionals.count].name)>'.")
        }
        if out.positionals.count > spec.arguments.count {
            throw UsageError(message: "Unexpected argument '\(out.positionals[spec.arguments.count])'.")
        }
        return out
    }

    /// The candidate nearest `word` by edit distance, if near enough to suggest.
    static func closest(_ word: String, _ candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var prev = Array(0...b.count)
            for (i, ca) in a.enumerated() {
                var cur = [i + 1]
                for (j, cb) in b.enumerated() { cur.append(min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (ca == cb ? 0 : 1))) }
                prev = cur
            }
            return prev[b.count]
        }
        let best = candidates.map { ($0, distance(Array(word), Array($0))) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }
}
