import Foundation

/// The routes that search: solve and sweep answer as server-sent events (progress, rows, the
/// result); a what-if answers at once. Each starts with `beginSearch`, which stops the one
/// running: the newer search supersedes.
extension PlannerAPI {
    func number(_ v: JSONValue, _ key: String, default d: Double, in range: ClosedRange<Double>) throws(HTTPError) -> Double {
        guard let x = v[key] else { return d }
        guard case .number(let n) = x, range.contains(n) else {
            throw HTTPError(422, "'\(key)' must be a number from \(formatNumber(range.lowerBound)) to \(formatNumber(range.upperBound))")
        }
        return n
    }

    func string(_ v: JSONValue, _ key: String) throws(HTTPError) -> String? {
        guard let x = v[key] else { return nil }
        guard case .string(let s) = x else { throw HTTPError(422, "'\(key)' must be a string") }
        return s
    }

    func refuse(_ out: HTTPResponder, _ e: HTTPError) { out.send(status: e.status, json: errorJSON(e.message)) }

    /// A writer of events that one thread at a time may call; false once the client is gone.
    func eventSender(_ out: HTTPResponder) -> @Sendable (String, String) -> Bool {
        let lock = NSLock()
        return { name, data in lock.lock(); defer { lock.unlock() }; return out.event(name, data) }
    }

    /// `POST /api/solve {"timeLimit": s}`: `progress` events as `solve --progress`
    /// prints them, then `result` (the proposal and its diff) or `error`.
    func solve(_ r: HTTPRequest, _ out: HTTPResponder) {
        let limit: Double
        do throws(HTTPError) {
            limit = try number(try body(r), "timeLimit", default: 30, in: 0.1...3600)
        } catch { refuse(out, error); return }
        let stop = planner.beginSearch()
        guard out.startEvents() else { stop.raise(); return }
        let send = eventSender(out)
        var limits = Limits(timeLimit: limit, stop: stop)
        limits.progress = { p in if !send("progress", Self.progressJSON(p)) { stop.raise() } }
        do {
            let solution = try Solver.solve(planner.scenario, limits: limits)
            var proposal = Proposal(kind: "solve", label: "solve: \(solution.status.rawValue)", file: solution.calendarFile(planner.scenario))
            proposal.conflict = (solution.conflict ?? solution.unprovenConflict ?? []).map(\.sentence)
            proposal.unproven = solution.conflict == nil && solution.unprovenConflict != nil
            proposal.repairs = solution.repairs.map(\.sentence)
            planner.propose(proposal)
            _ = send("result", JSONWriter.write(planner.proposalJSON(proposal)))
        } catch {
            _ = send("error", errorJSON("internal error: \(error.description)"))
        }
    }

    /// A progress line's numbers: seconds, best cost, bound and gap (%), as `solve --progress`.
    static func progressJSON(_ p: SearchProgress) -> String {
        var m: [(key: String, value: JSONValue)] = [("seconds", .number((p.seconds * 100).rounded() / 100))]
        m.append(("best", p.cost.map { .number(Double($0) / 2) } ?? .null))
        m.append(("bound", p.bound.map { .number(Double($0) / 2) } ?? .null))
        if let c = p.cost, let b = p.bound, c > 0 {
            m.append(("gap", .number((1000 * Double(c - b) / Double(c)).rounded() / 10)))
        } else {
            m.append(("gap", .null))
        }
        return JSONWriter.compact(.object(m))
    }

    /// `POST /api/sweep {"event", "from", "to", "venue"?, "timeLimit"?}`: the strip of the event's
    /// candidate dates from the working calendar (see `streamSweep`).
    func sweep(_ r: HTTPRequest, _ out: HTTPResponder) {
        let sweep: Sweep, limit: Double
        do throws(HTTPError) {
            let v = try body(r)
            limit = try number(v, "timeLimit", default: 120, in: 0.1...3600)
            guard let event = try string(v, "event") else { throw HTTPError(422, "'event' is required") }
            guard let f = try string(v, "from").flatMap({ Day(iso: $0) }), let t = try string(v, "to").flatMap({ Day(iso: $0) }) else {
                throw HTTPError(422, "'from' and 'to' must be dates YYYY-MM-DD")
            }
            sweep = Sweep(base: planner.whatIf([]), event: event, from: f, to: t, venue: try string(v, "venue"))
            do { _ = try sweep.candidates() } catch { throw HTTPError(422, error.description) }
        } catch { refuse(out, error); return }
        let stop = planner.beginSearch()
        guard out.startEvents() else { stop.raise(); return }
        let send = eventSender(out)
        do {
            _ = try planner.streamSweep(sweep, jobs: jobs, timeLimit: limit, stop: stop, send: send)
        } catch {
            _ = send("error", errorJSON("internal error: \(error)"))
        }
    }

    /// `POST /api/whatif {"pin": ["STOCK=2017-11-21"], "shift": ["TS2=+7"]}` (the command's
    /// forms): the re-plan from the working calendar becomes the proposal; answers it with its diff.
    func whatIf(_ r: HTTPRequest, _ out: HTTPResponder) {
        var changes: [Change] = []
        let limit: Double
        do throws(HTTPError) {
            let v = try body(r)
            limit = try number(v, "timeLimit", default: 30, in: 0.1...3600)
            for (key, parse) in [("shift", Change.parse(shift:)), ("pin", Change.parse(pin:))] {
                guard let list = v[key] else { continue }
                guard case .array(let items) = list else { throw HTTPError(422, "'\(key)' must be a list of strings") }
                for item in items {
                    guard case .string(let s) = item else { throw HTTPError(422, "'\(key)' must be a list of strings") }
                    switch parse(s) { case .success(let c): changes.append(c); case .failure(let e): throw HTTPError(422, "\(key): \(e)") }
                }
            }
            if changes.isEmpty { throw HTTPError(422, "give at least one 'pin' or 'shift'") }
        } catch { refuse(out, error); return }
        let stop = planner.beginSearch()
        do {
            let answer = try planner.whatIf(changes).solve(limits: Limits(timeLimit: limit, stop: stop))
            var p = Proposal(kind: "whatif", label: "what-if: " + changes.map(Self.describe).joined(separator: ", "),
                             file: answer.calendarFile(planner.scenario), whatIfCost: answer.whatIfCost, disturbance: answer.disturbance)
            p.conflict = (answer.solution.conflict ?? []).map(\.sentence)
            planner.propose(p)
            out.send(status: 200, json: JSONWriter.write(planner.proposalJSON(p)))
        } catch let e as ChangeError {
            refuse(out, HTTPError(422, e.description))
        } catch {
            refuse(out, HTTPError(500, "internal error: \(error)"))
        }
    }

    static func describe(_ c: Change) -> String {
        switch c.kind {
        case .shift(let n): return "\(c.event) \(n >= 0 ? "+" : "")\(n) days"
        case let .pin(start, venue): return "\(c.event) on \([start?.iso, venue.map { "@\($0)" }].compactMap { $0 }.joined())"
        }
    }
}
