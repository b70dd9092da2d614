/// Several refused files at once: what reading a scenario with `--external` calendars throws,
/// one `InputError` per file, printed one line per problem.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

extension ScenarioReader {
    /// Reads a scenario/1 file with the VEVENTs of iCalendar files added to its `external` list
    /// (`--external FILE.ics`), before its selectors are resolved: a rule that avoids
    /// `{"category": "GFMD"}` or `"all"` outside events also avoids the files' events of that
    /// category, exactly as if they had been written in the scenario.
    ///
    /// The scenario's horizon bounds the expansion of recurring events (`ICSReader`). An id that
    /// the scenario or another file already uses (`ics:<UID>`, e.g. the same file given twice) is
    /// refused at the VEVENT's line. Every problem of every file is listed.
    ///
    ///     let s = try ScenarioReader.read(bytes, file: "gcm.json",
    ///                                     externalCalendars: [("gfmd.ics", icsBytes)], category: "GFMD")
    public static func read(_ bytes: [UInt8], file: String, externalCalendars: [(file: String, bytes: [UInt8])],
                            category: String?) throws(InputErrors) -> Scenario {
        guard !externalCalendars.isEmpty else {
            do { return try read(bytes, file: file) } catch { throw InputErrors([error]) }
        }
        let json: JSONValue
        do { json = try parseJSON(bytes, file: file) } catch { throw InputErrors([error]) }
        var probe = State()
        guard case .object(var members) = json, let horizon = probe.readHorizon(json) else {
            // No horizon to expand in: the scenario's own problems are what to report.
            do { return try read(bytes, file: file) } catch { throw InputErrors([error]) }
        }
        var taken = Set<String>()
        for key in ["events", "external"] {
            guard case .array(let items)? = json[key] else { continue }
            for item in items { if case .string(let id)? = item["id"] { taken.insert(id) } }
        }
        var errors: [InputError] = []
        var added: [JSONValue] = []
        for cal in externalCalendars {
            do {
                var problems: [InputProblem] = []
                for x in try ICSReader.read(cal.bytes, file: cal.file, horizon: horizon, category: category) {
                    guard taken.insert(x.id).inserted else {
                        let line = x.source.flatMap { $0.split(separator: " ").last }.map { "line \($0)" } ?? "file"
                        problems.append(InputProblem(path: line,
                                                     message: "expected an id the scenario and the other calendars do not use, found \"\(x.id)\" again"))
                        continue
                    }
                    added.append(externalJSON(x))
                }
                if !problems.isEmpty { errors.append(InputError(file: cal.file, problems: problems)) }
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        if let i = members.firstIndex(where: { $0.key == "external" }), case .array(let items) = members[i].value {
            members[i].value = .array(items + added)
        } else {
            members.removeAll { $0.key == "external" }
            members.append((key: "external", value: .array(added)))
        }
        var state = State()
        guard let scenario = state.scenario(.object(members)), state.r.problems.isEmpty else {
            throw InputErrors([InputError(file: file, problems: state.r.problems)])
        }
        return scenario
    }

    /// An outside event as a scenario/1 `external` entry.
    static func externalJSON(_ x: ExternalEvent) -> JSONValue {
        var m: [(key: String, value: JSONValue)] = [("id", .string(x.id)), ("title", .string(x.title)),
                                                    ("category", .string(x.category)), ("place", .string(x.place))]
        if let d = x.dates { m += [("start", .string(d.start.iso)), ("end", .string(d.end.iso))] }
        if let s = x.source { m.append(("source", .string(s))) }
        return .object(m)
    }
}
