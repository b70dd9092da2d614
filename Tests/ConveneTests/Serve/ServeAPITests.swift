import Foundation
import Testing
@testable import Convene

/// The planner's API answers as the commands do, on the bundled scenario and published calendar
/// (README's worked example): the same bytes where a command writes a file or a document.
@Suite(.serialized)
struct ServeAPITests {
    func convene(_ f: ServeFixture, _ args: [String]) throws -> String {
        let r = try runConvene(args.map { $0 == "SCENARIO" ? f.scenario : $0 == "BASELINE" ? f.baseline : $0 })
        #expect(r.status == 0 || r.status == 1, "\(r)")
        return r.stdout
    }

    @Test("check: GET /api/check is `convene check --format json` of the working calendar")
    func check() throws {
        let f = try ServeFixture(); defer { f.close() }
        let reply = f.request("GET", "/api/check")
        #expect(reply.status == 200)
        #expect(reply.body == (try convene(f, ["check", "SCENARIO", "BASELINE", "--format", "json"])))
        #expect(reply.body.contains("\"cost\": 14"))
    }

    @Test("export: ICS, CSV and HTML are the bytes `convene export` writes", arguments: ["ics", "csv", "html"])
    func export(format: String) throws {
        let f = try ServeFixture(); defer { f.close() }
        let reply = f.request("GET", "/api/export?format=\(format)")
        #expect(reply.status == 200)
        #expect(reply.headers["content-disposition"]?.contains("gcm-work-plan.\(format)") == true)
        #expect(reply.body == (try convene(f, ["export", "BASELINE", "--scenario", "SCENARIO", "--format", format])))
    }

    @Test("what-if: STOCK on 2017-11-21 costs 25, moves TS2 and STOCK; the proposal is `whatif --format json`")
    func whatIf() throws {
        let f = try ServeFixture(); defer { f.close() }
        let reply = f.request("POST", "/api/whatif", json: #"{"pin": ["STOCK=2017-11-21"]}"#)
        #expect(reply.status == 200, "\(reply.body)")
        let p = try #require(reply.json())
        #expect(p["whatIfCost"] == .number(25))
        guard case .array(let moved)? = p["moved"] else { Issue.record("no moved"); return }
        let fromBaseline = moved.filter { $0["from"] != nil }.compactMap { m -> String? in if case .string(let s)? = m["event"] { return s }; return nil }
        #expect(fromBaseline.sorted() == ["STOCK", "TS2"])
        let file = f.request("GET", "/api/proposal")
        let cli = try convene(f, ["whatif", "SCENARIO", "--baseline", "BASELINE", "--pin", "STOCK=2017-11-21", "--format", "json"])
        #expect(file.body == cli)
    }

    @Test("sweep: the streamed document is `convene sweep --format json`; 20 Nov is the Mexican holiday")
    func sweep() throws {
        let f = try ServeFixture(); defer { f.close() }
        let reply = f.request("POST", "/api/sweep", json: #"{"event": "STOCK", "from": "2017-10-01", "to": "2018-01-31"}"#)
        #expect(reply.status == 200)
        let events = reply.events
        #expect(events.first?.name == "dates")
        #expect(events.filter { $0.name == "row" }.count == 85)
        let done = try #require(events.last { $0.name == "done" })
        let cli = try convene(f, ["sweep", "SCENARIO", "--baseline", "BASELINE", "--event", "STOCK",
                                  "--from", "2017-10-01", "--to", "2018-01-31", "--format", "json", "--jobs", "1"])
        #expect(done.data == cli)
        let dates = try JSONParser.parse(Array(events[0].data.utf8))
        guard case .array(let closed)? = dates["closed"] else { Issue.record("no closed dates"); return }
        let nov20 = closed.first { $0["date"] == .string("2017-11-20") }
        guard case .string(let reason)? = nov20?["reason"] else { Issue.record("20 Nov has no reason"); return }
        #expect(reason.contains("holiday at MEX") && reason.contains("Revolucion"))
        #expect(done.data.contains("\"date\": \"2017-12-04\""))
        let best = try JSONParser.parse(Array(done.data.utf8))
        guard case .array(let rows)? = best["rows"] else { return }
        let bestRows = rows.filter { $0["best"] == .bool(true) }
        #expect(bestRows.count == 1 && bestRows[0]["date"] == .string("2017-12-04") && bestRows[0]["whatifCost"] == .number(12))
        let oct2 = events.first { $0.name == "row" && $0.data.contains("\"2017-10-02\"") }
        #expect(oct2?.data.contains("window") == true, "an infeasible date outside the window says so")
    }

    @Test("solve: optimal 8 with progress; keep, undo, redo move the working calendar")
    func solveKeepUndo() throws {
        let f = try ServeFixture(); defer { f.close() }
        let reply = f.request("POST", "/api/solve", json: #"{"timeLimit": 30}"#)
        let result = try #require(reply.events.last { $0.name == "result" })
        let p = try JSONParser.parse(Array(result.data.utf8))
        #expect(p["status"] == .string("optimal") && p["cost"] == .number(8))
        #expect(reply.events.contains { $0.name == "progress" && $0.data.contains("\"best\"") })
        let cli = try convene(f, ["solve", "SCENARIO", "--format", "json"])
        #expect(f.request("GET", "/api/proposal").body == cli)
        #expect(f.request("POST", "/api/keep", json: "{}").json()?["working"]?["cost"] == .number(8))
        #expect(f.request("POST", "/api/undo", json: "{}").json()?["working"]?["cost"] == .number(14))
        #expect(f.request("POST", "/api/redo", json: "{}").json()?["working"]?["cost"] == .number(8))
        #expect(f.request("POST", "/api/redo", json: "{}").status == 409)
        #expect(f.request("POST", "/api/save", json: "{}").status == 200)
        #expect(try String(contentsOfFile: f.out, encoding: .utf8) == cli)
        #expect(f.request("GET", "/api/export?format=json").body == cli)
    }

    @Test("save never writes over the scenario or the baseline")
    func saveRefusesInputs() throws {
        let f = try ServeFixture(out: "gcm-work-plan-calendar.json"); defer { f.close() }
        let before = try Data(contentsOf: URL(fileURLWithPath: f.baseline))
        #expect(f.request("POST", "/api/save", json: "{}").status == 409)
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.baseline)) == before)
        let g = try ServeFixture(out: nil); defer { g.close() }
        #expect(g.request("POST", "/api/save", json: "{}").status == 409)
        #expect(g.files() == ["gcm-work-plan.json", "gcm-work-plan-calendar.json"])
    }

    @Test("a newer search supersedes the running sweep")
    func supersede() throws {
        let f = try ServeFixture(); defer { f.close() }
        let started = Date()
        let sweeping = Thread.detachedReply { f.request("POST", "/api/sweep", json: #"{"event": "STOCK", "from": "2017-01-02", "to": "2018-12-31"}"#) }
        Thread.sleep(forTimeInterval: 1)
        #expect(f.request("POST", "/api/whatif", json: #"{"pin": ["STOCK=2017-12-05"]}"#).status == 200)
        let reply = sweeping.wait()
        let rows = reply.events.filter { $0.name == "row" }.count
        #expect(!reply.events.contains { $0.name == "done" }, "the superseded sweep does not finish (\(rows) rows)")
        let stopped = try #require(reply.events.last { $0.name == "stopped" })
        #expect(stopped.data.contains("\"status\": null"), "the dates not tried have no status")
        #expect(Date().timeIntervalSince(started) < 20)
    }
}

extension ServeAPITests {
    @Test("the stop button: POST /api/stop ends the running sweep with the dates answered so far")
    func stop() throws {
        let f = try ServeFixture(); defer { f.close() }
        let started = Date()
        let sweeping = Thread.detachedReply { f.request("POST", "/api/sweep", json: #"{"event": "STOCK", "from": "2017-01-02", "to": "2018-12-31"}"#) }
        Thread.sleep(forTimeInterval: 1)
        #expect(f.request("POST", "/api/stop", json: "{}").status == 200)
        let reply = sweeping.wait()
        #expect(reply.events.last?.name == "stopped", "\(reply.events.map(\.name))")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(f.request("GET", "/api/state").body.contains("\"proposal\": null"), "a sweep proposes nothing")
    }
}

/// A reply computed on a thread of its own.
final class PendingReply: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var reply: HTTPReply?
    func set(_ r: HTTPReply) { reply = r; done.signal() }
    func wait() -> HTTPReply { done.wait(); return reply! }
}

extension Thread {
    static func detachedReply(_ work: @escaping @Sendable () -> HTTPReply) -> PendingReply {
        let p = PendingReply()
        Thread.detachNewThread { p.set(work()) }
        return p
    }
}
