import Foundation
import Testing
@testable import Convene

/// `convene serve` as a process, and an infeasible scenario on the API.
@Suite(.serialized)
struct ServeCommandTests {
    @Test("an infeasible scenario: the result carries the minimal conflict and the repairs that `solve` prints")
    func infeasible() throws {
        // A lasts 3 working days but its window holds 2.
        let text = scenarioJSON(venues: #"[{"id": "GVA", "city": "Geneva"}]"#, events: [
            #"{"id": "A", "days": 3, "venues": ["GVA"], "window": {"earliest": "2017-05-08", "latest": "2017-05-09"}}"#,
            #"{"id": "B", "days": 1, "venues": ["GVA"]}"#,
        ])
        let file = TempFile(text); defer { file.remove() }
        let planner = try Planner.open(ServeFiles(scenario: file.path))
        let server = HTTPServer { r, out in PlannerAPI(planner: planner).handle(r, out) }
        _ = try server.start(port: 0)
        defer { server.stop() }
        let body = #"{"timeLimit": 20}"#
        let raw = "POST /api/solve HTTP/1.1\r\nHost: 127.0.0.1:\(server.port)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
        let reply = HTTPReply(RawClient.exchange(port: server.port, Array(raw.utf8)))
        let result = try #require(reply.events.last { $0.name == "result" })
        let p = try JSONParser.parse(Array(result.data.utf8))
        #expect(p["status"] == .string("infeasible"))
        guard case .array(let conflict)? = p["conflict"], case .array(let repairs)? = p["repairs"] else { Issue.record("no conflict"); return }
        #expect(!conflict.isEmpty && !repairs.isEmpty)
        let cli = try runConvene(["solve", file.path])
        #expect(cli.status == 1)
        for case .string(let sentence) in conflict + repairs { #expect(cli.stdout.contains("  - \(sentence)\n"), "\(sentence)") }
        #expect(p["conflictProven"] == .bool(true))
    }

    @Test("serve refuses an --out that is an input, before listening")
    func refusesInputAsOut() throws {
        let r = try runConvene(["serve", "Scenarios/gcm-work-plan.json", "--out", "Scenarios/gcm-work-plan.json", "--port", "0"])
        #expect(r.status == 2 && r.stderr.contains("would overwrite an input file"), "\(r)")
        let b = try runConvene(["serve", "/nonexistent/scenario.json", "--port", "0"])
        #expect(b.status == 2 && b.stderr.contains("no such file"), "\(b)")
    }

    @Test("serve prints its address, answers, and stops cleanly on Ctrl-C")
    func process() throws {
        let root = ConveneBinary.packageRoot()!
        let p = Process()
        p.executableURL = try ConveneBinary.url()
        p.arguments = ["serve", root.appendingPathComponent("Scenarios/gcm-work-plan.json").path, "--port", "0"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        var text = ""
        while !text.contains("\n"), let chunk = try pipe.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty {
            text += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(text.split(separator: ":").last.flatMap { UInt16($0.prefix { $0.isNumber }) }, "\(text)")
        #expect(text.hasPrefix("Convene serves gcm-work-plan at http://127.0.0.1:"))
        let reply = HTTPReply(RawClient.exchange(port: port, Array("GET /api/check HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n".utf8)))
        #expect(reply.status == 200 && reply.body.contains("check/1"))
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("Stopped."))
    }
}
