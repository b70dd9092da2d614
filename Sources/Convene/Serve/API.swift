import Foundation

/// The planner's JSON API and page (docs/serve.md): a fixed table of routes, nothing served from
/// the file system. Each answer comes from the library's own functions, those the commands call.
public struct PlannerAPI: Sendable {
    public let planner: Planner
    /// Threads a sweep uses at once (the machine's cores by default).
    public var jobs = 2

    public init(planner: Planner) { self.planner = planner }

    /// The server's handler: the route of `request`, or its refusal.
    public func handle(_ request: HTTPRequest, _ out: HTTPResponder) {
        let route = "\(request.method) \(request.path)"
        if request.method == "POST" {
            if let refusal = refusePost(request) { out.send(status: refusal.status, json: errorJSON(refusal.message)); return }
        }
        switch route {
        case "GET /", "HEAD /", "GET /index.html":
            out.send(status: 200, type: "text/html; charset=utf-8", body: Array(PlannerPage.html.utf8), head: request.method == "HEAD")
        case "GET /app.js": out.send(status: 200, type: "text/javascript; charset=utf-8", body: Array(PlannerPage.script.utf8))
        case "GET /app.css": out.send(status: 200, type: "text/css; charset=utf-8", body: Array(PlannerPage.style.utf8))
        case "GET /api/scenario": out.send(status: 200, json: planner.scenarioJSON())
        case "GET /api/state": out.send(status: 200, json: planner.stateJSON())
        case "GET /api/check": out.send(status: 200, json: planner.evaluator.check(planner.workingCalendar).json())
        case "GET /api/export": export(request, out)
        case "GET /api/proposal": proposalFile(out)
        case "POST /api/solve": solve(request, out)
        case "POST /api/sweep": sweep(request, out)
        case "POST /api/whatif": whatIf(request, out)
        case "POST /api/stop": planner.stopSearch(); out.send(status: 200, json: planner.stateJSON())
        case "POST /api/keep": history(out, planner.keep(), "there is no re-plan to keep")
        case "POST /api/drop": planner.propose(nil); out.send(status: 200, json: planner.stateJSON())
        case "POST /api/undo": history(out, planner.undo(), "nothing to undo")
        case "POST /api/redo": history(out, planner.redo(), "nothing to redo")
        case "POST /api/save": save(out)
        default:
            let known = Self.routes.contains { $0.hasSuffix(" " + request.path) }
            let message = known ? "\(request.method) is not allowed on \(request.path)" : "no such page: \(request.path)"
            out.send(status: known ? 405 : 404, json: errorJSON(message))
        }
    }

    static let routes = ["GET /", "GET /index.html", "GET /app.js", "GET /app.css", "GET /api/scenario", "GET /api/state", "GET /api/check",
                         "GET /api/export", "GET /api/proposal", "POST /api/solve", "POST /api/sweep", "POST /api/whatif", "POST /api/stop",
                         "POST /api/keep", "POST /api/drop", "POST /api/undo", "POST /api/redo", "POST /api/save"]

    /// A POST must say it carries JSON (which a foreign page's form cannot send without asking
    /// first) and, when the browser names its origin, come from this server's own page.
    func refusePost(_ r: HTTPRequest) -> HTTPError? {
        guard (r.header("content-type") ?? "").lowercased().hasPrefix("application/json") else {
            return HTTPError(415, "POST bodies must be JSON (Content-Type: application/json)")
        }
        if let origin = r.header("origin"), let host = r.header("host"), origin != "http://\(host)" {
            return HTTPError(403, "requests from another origin are refused")
        }
        return nil
    }

    /// The body as a JSON object; an empty body is `{}`.
    func body(_ r: HTTPRequest) throws(HTTPError) -> JSONValue {
        if r.body.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 13 || $0 == 9 }) { return .object([]) }
        let v: JSONValue
        do { v = try JSONParser.parse(r.body) } catch {
            throw HTTPError(400, "the body is not JSON: line \(error.line), column \(error.column): \(error.message)")
        }
        guard case .object = v else { throw HTTPError(400, "the body must be a JSON object") }
        return v
    }

    func history(_ out: HTTPResponder, _ done: Bool, _ refusal: String) {
        if done { out.send(status: 200, json: planner.stateJSON()) } else { out.send(status: 409, json: errorJSON(refusal)) }
    }

    /// `GET /api/export?format=json|ics|csv|html`: the working calendar in the bytes `export` writes.
    func export(_ r: HTTPRequest, _ out: HTTPResponder) {
        let format = r.query["format"] ?? "json"
        let file = planner.workingCalendar, s = planner.scenario
        let report = planner.evaluator.check(file)
        let types: [CalendarFormat: String] = [.json: "application/json", .ics: "text/calendar", .csv: "text/csv", .html: "text/html"]
        guard let f = CalendarFormat(rawValue: format), let type = types[f] else {
            out.send(status: 400, json: errorJSON("format must be json, ics, csv or html")); return
        }
        let text = file.written(as: f, scenario: s, report: report)
        let name = s.name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        out.send(status: 200, type: type + "; charset=utf-8", body: Array(text.utf8),
                 headers: [("Content-Disposition", "attachment; filename=\"\(name.isEmpty ? "calendar" : name).\(format)\"")])
    }

    /// `GET /api/proposal`: the proposal's calendar/1 bytes (`solve --format json`, `whatif --format json`).
    func proposalFile(_ out: HTTPResponder) {
        guard let p = planner.currentProposal else { out.send(status: 404, json: errorJSON("there is no re-plan on show")); return }
        out.send(status: 200, json: p.file.json())
    }

    /// `POST /api/save`: the working calendar, checked, to the `--out` file, atomically.
    func save(_ out: HTTPResponder) {
        guard let path = planner.files.out else { out.send(status: 409, json: errorJSON("no --out file was given at start")); return }
        let inputs = [planner.files.scenario] + [planner.files.baseline].compactMap { $0 }
        guard !inputs.contains(where: { FileIO.sameFile(path, $0) }) else {
            out.send(status: 409, json: errorJSON("'\(path)' is an input file: it is never written")); return
        }
        let file = planner.workingCalendar
        let report = planner.evaluator.check(file)
        do { try FileIO.writeAtomically(file.json(), to: path) } catch {
            out.send(status: 500, json: errorJSON("\(error)")); return
        }
        out.send(status: 200, json: JSONWriter.write(.object([("saved", .string(path)), ("cost", .number(report.cost)),
                                                              ("hardOK", .bool(report.hardOK))])))
    }
}
