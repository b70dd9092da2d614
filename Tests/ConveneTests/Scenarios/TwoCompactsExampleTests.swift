import Foundation
import Testing
@testable import Convene

/// The worked example of issue 22 is reproduced byte for byte: every ```-fenced block of
/// `docs/two-compacts.md` and of the README's section "Two compacts, one year" that starts with
/// `$ convene …` or `$ swift run convene …` is run with the built binary from the package root,
/// and its standard output must be the block's lines after the command.
@Suite("Two compacts: the worked example")
struct TwoCompactsExampleTests {
    struct Example: CustomStringConvertible {
        var file: String
        var arguments: [String]
        var expected: String
        var description: String { "\(file): convene \(arguments.joined(separator: " "))" }
    }

    /// The commands of the fenced blocks of `text`, each with the output that follows it.
    static func examples(in text: String, file: String) -> [Example] {
        var out: [Example] = []
        var inBlock = false, block: [String] = []
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if inBlock { out += commands(in: block, file: file) }
                inBlock.toggle(); block = []
            } else if inBlock {
                block.append(line)
            }
        }
        return out
    }

    static func commands(in block: [String], file: String) -> [Example] {
        guard let first = block.first, first.hasPrefix("$ convene ") || first.hasPrefix("$ swift run convene ") else { return [] }
        var out: [Example] = []
        for line in block {
            if line.hasPrefix("$ ") {
                var words = line.dropFirst(2).split(separator: " ").map(String.init)
                if words.starts(with: ["swift", "run"]) { words.removeFirst(2) }
                words.removeFirst()  // convene
                out.append(Example(file: file, arguments: words, expected: ""))
            } else if !out.isEmpty {
                out[out.count - 1].expected += line + "\n"
            }
        }
        return out
    }

    /// The README's section, from its heading to the next one of the same level.
    static func readmeSection(_ readme: String) -> String {
        guard let start = readme.range(of: "\n## Two compacts, one year\n") else { return "" }
        let rest = readme[start.upperBound...]
        let end = rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    static func allExamples() throws -> [Example] {
        let root = try #require(ConveneBinary.packageRoot())
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let doc = try String(contentsOf: root.appendingPathComponent("docs/two-compacts.md"), encoding: .utf8)
        return examples(in: readmeSection(readme), file: "README.md") + examples(in: doc, file: "docs/two-compacts.md")
    }

    @Test("the README section and docs/two-compacts.md hold the example's commands")
    func found() throws {
        let all = try Self.allExamples()
        #expect(all.filter { $0.file == "README.md" }.count == 1)
        #expect(all.filter { $0.file == "docs/two-compacts.md" }.map { $0.arguments.first ?? "" }
                == ["check", "clashes", "check", "solve", "whatif", "solve"])
        #expect(all.allSatisfy { !$0.expected.isEmpty })
    }

    @Test("each command prints exactly what the page shows")
    func reproduced() throws {
        let root = try #require(ConveneBinary.packageRoot())
        for example in try Self.allExamples() {
            let process = Process()
            process.executableURL = try ConveneBinary.url()
            process.arguments = example.arguments
            process.currentDirectoryURL = root
            let out = TempFile(""), err = TempFile("")
            defer { out.remove(); err.remove() }
            process.standardOutput = try FileHandle(forWritingTo: out.url)
            process.standardError = try FileHandle(forWritingTo: err.url)
            try process.run()
            process.waitUntilExit()
            let got = String(decoding: (try? Data(contentsOf: out.url)) ?? Data(), as: UTF8.self)
            #expect(got == example.expected, "\(example)")
        }
    }

    @Test("the parser reads a block's commands and outputs")
    func parser() {
        let text = "intro\n```\n$ swift run convene check a b\nline 1\n\nline 2\n$ convene solve a\nx\n```\n```sh\nswift build\n```\n"
        let e = Self.examples(in: text, file: "t")
        #expect(e.map(\.arguments) == [["check", "a", "b"], ["solve", "a"]])
        #expect(e.map(\.expected) == ["line 1\n\nline 2\n", "x\n"])
    }
}
