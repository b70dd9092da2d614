import Foundation
import Testing
@testable import Convene

/// The README is the contract with a newcomer (issue 23): every `convene` command it shows is
/// run here by the built binary, and where it shows what the command prints (a block starting
/// `$ swift run convene …`), those lines are printed, in that order (`…` stands for lines left
/// out; a shown line may stop short of the printed one). The same for the docs pages that show
/// a command's output.
struct ReadmeTests {
    static let pages = ["README.md", "docs/held-calendar.md", "docs/whatif.md", "docs/exports.md", "docs/writing-a-scenario.md"]

    /// One command of a page: its arguments after `convene`, and the lines shown after it (nil
    /// when the page shows none: then the command must answer, not refuse, and write its `--out`).
    struct Shown: CustomTestStringConvertible, Sendable {
        var page: String
        var arguments: [String]
        var output: [String]?
        var testDescription: String { "\(page): convene \(arguments.joined(separator: " "))" }
    }

    static func root() throws -> URL { try #require(ConveneBinary.packageRoot(), "package root not found") }

    /// Every `swift run convene …` of the page's fenced blocks.
    static func commands(_ page: String) throws -> [Shown] {
        let text = try String(contentsOf: try root().appendingPathComponent(page), encoding: .utf8)
        var out: [Shown] = []
        var block: [String]? = nil
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let b = block { out += shown(b, page) ; block = nil } else { block = [] }
            } else if block != nil {
                block!.append(line)
            }
        }
        return out
    }

    /// The words after `convene`, up to a comment or a redirection.
    static func arguments(_ line: String) -> [String] {
        var command = line
        for end in [" #", " > ", " | "] { command = command.components(separatedBy: end).first ?? command }
        return Array(command.split(separator: " ").map(String.init).drop { $0 != "convene" }.dropFirst())
    }

    static func shown(_ block: [String], _ page: String) -> [Shown] {
        if let first = block.first, first.hasPrefix("$ swift run convene") {
            return [Shown(page: page, arguments: arguments(first), output: Array(block.dropFirst()))]
        }
        // Lines ending in a backslash go on on the next line.
        var lines: [String] = []
        var open = false
        for line in block {
            if open { lines[lines.count - 1] += " " + line.trimmingCharacters(in: .whitespaces) } else { lines.append(line) }
            open = lines[lines.count - 1].hasSuffix("\\")
            if open { lines[lines.count - 1].removeLast() }
        }
        return lines.filter { $0.hasPrefix("swift run convene") }.map { Shown(page: page, arguments: arguments($0), output: nil) }
    }

    static var all: [Shown] { pages.flatMap { (try? commands($0)) ?? [] } }

    @Test("the README shows the two commands, and at least the worked example's four outputs")
    func readmeShowsCommands() throws {
        let readme = try Self.commands("README.md")
        #expect(readme.filter { $0.output != nil }.count >= 4, "\(readme)")
        let text = try String(contentsOf: try Self.root().appendingPathComponent("README.md"), encoding: .utf8)
        #expect(text.contains("swift run convene solve "))
        #expect(text.contains("swift test "))
        #expect(text.components(separatedBy: "\n").count < 350, "the README is for a newcomer's five minutes")
    }

    @Test("each command a page shows prints what the page shows", arguments: all)
    func command(_ c: Shown) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("convene-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = try Self.root()
        var args: [String] = []
        for (i, a) in c.arguments.enumerated() {
            if a.hasPrefix("Scenarios/") {
                args.append(root.appendingPathComponent(a).path)
            } else if i > 0 && c.arguments[i - 1] == "--out" || a == "over-constrained.json" || a.hasSuffix(".ics") {
                args.append(dir.appendingPathComponent(a).path)
            } else {
                args.append(a)
            }
        }
        if c.arguments.contains("over-constrained.json") {
            // The work plan with the stocktaking forced into October and TS6 pinned (the README's comment).
            let data = try JSONSerialization.data(withJSONObject: try GCMScenarioTests.overConstrainedJSON())
            try data.write(to: dir.appendingPathComponent("over-constrained.json"))
        }
        for (i, a) in c.arguments.enumerated() where a.hasSuffix(".ics") && i > 0 && c.arguments[i - 1] == "--external" {
            // An outside calendar such as the page's `gfmd.ics`: one all-day meeting.
            let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Convene tests//EN\r\nBEGIN:VEVENT\r\nUID:readme-1\r\n" +
                "DTSTAMP:20170101T000000Z\r\nDTSTART;VALUE=DATE:20170601\r\nDTEND;VALUE=DATE:20170602\r\nSUMMARY:Outside meeting\r\n" +
                "LOCATION:Geneva\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            try Data(ics.utf8).write(to: dir.appendingPathComponent(a))
        }
        if !args.contains(where: { $0.hasSuffix(".json") }) && args.first == "solve" {
            args.append(root.appendingPathComponent("Scenarios/gcm-work-plan.json").path)   // solve's default file
        }
        let r = try runConvene(args)
        #expect(r.status != 2 && r.status != 70, "\(r)")
        guard let shown = c.output else {
            if let i = c.arguments.firstIndex(of: "--out") {
                #expect(FileManager.default.fileExists(atPath: args[i + 1]), "\(r)")
            }
            return
        }
        let printed = r.stdout.components(separatedBy: "\n").map { String($0.reversed().drop { $0 == " " }.reversed()) }
        var at = 0, skipping = false
        for line in shown.map({ String($0.reversed().drop { $0 == " " }.reversed()) }) {
            if line.trimmingCharacters(in: .whitespaces) == "…" { skipping = true; continue }
            let found = printed[at...].firstIndex { $0 == line || (!line.isEmpty && $0.hasPrefix(line)) }
            guard let found, skipping || found == at else {
                Issue.record("\(c.testDescription): the page shows\n\(line)\nbut the command prints, from line \(at + 1):\n\(printed[at...].prefix(5).joined(separator: "\n"))")
                return
            }
            at = found + 1
            skipping = false
        }
    }

    @Test("every relative link of the README and the docs names a file of the repository")
    func links() throws {
        let root = try Self.root()
        let pages = ["README.md"] + (try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path))
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        var checked = 0
        for page in pages {
            let text = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
            let folder = root.appendingPathComponent(page).deletingLastPathComponent()
            for part in text.components(separatedBy: "](").dropFirst() {
                guard let end = part.firstIndex(of: ")") else { continue }
                let target = String(part[..<end]).components(separatedBy: "#")[0]
                if target.isEmpty || target.contains("://") { continue }
                checked += 1
                #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(target).standardizedFileURL.path),
                        "\(page) links to \(target)")
            }
        }
        #expect(checked > 20, "\(checked) links")
    }

    @Test("no file of the repository names a path outside it")
    func noOutsidePaths() throws {
        let root = try Self.root()
        let outside = [".." + "/shared", "/" + "work/"]
        let fm = FileManager.default
        guard let walk = fm.enumerator(at: root, includingPropertiesForKeys: nil) else { return }
        var offenders: [String] = [], seen = 0
        for case let url as URL in walk {
            let name = url.lastPathComponent
            if [".build", ".git", ".venv-peers", ".swiftpm"].contains(name) { walk.skipDescendants(); continue }
            guard ["swift", "md", "py", "json", "sh", "txt", ""].contains(url.pathExtension) || name == "run",
                  let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            seen += 1
            if outside.contains(where: text.contains) { offenders.append(url.path.replacingOccurrences(of: root.path + "/", with: "")) }
        }
        #expect(seen > 50, "walked \(seen) files")
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
