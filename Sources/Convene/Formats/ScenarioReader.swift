/// Reads a scenario/1 file, refusing (with every problem listed) what the spec's "Bad input"
/// section refuses, and resolving every selector to event and external indices.
public enum ScenarioReader {
    /// Reads and validates a scenario file's bytes; `file` names it in messages.
    public static func read(_ bytes: [UInt8], file: String = "scenario") throws(InputError) -> Scenario {
        let json = try parseJSON(bytes, file: file)
        var state = State()
        let scenario = state.scenario(json)
        guard state.r.problems.isEmpty, let scenario else { throw InputError(file: file, problems: state.r.problems) }
        return scenario
    }

    struct State {
        var r = JSONReader()
        var venueIDs: [String: Int] = [:]
        var eventIDs: [String: Int] = [:]
        var externalIDs: [String: Int] = [:]
        var events: [Event] = []
        /// The index in the file's `events` of each event read.
        var eventFileIndex: [Int] = []
        var externals: [ExternalEvent] = []
        var horizon = DateRange(Day(ordinal: 0), Day(ordinal: 0))

        mutating func scenario(_ json: JSONValue) -> Scenario? {
            guard let root = r.object(json, "") else { return nil }
            if let f = r.string(root, "format", "", required: true), f != "scenario/1" {
                r.fail("format", "expected \"scenario/1\", found \"\(f)\"")
            }
            let name = r.string(root, "name", "", required: true)
            // The JSON Schema an editor validates the file against (docs/schema/): a string, ignored.
            _ = r.string(root, "$schema", "")
            let h = readHorizon(root)
            if let h { horizon = h }
            let venues = readVenues(root)
            readEvents(root, venues: venues, horizonKnown: h != nil)
            readExternals(root)
            let constraints = readConstraints(root)
            var weight = 1
            if let obj = r.field(root, "objective", "", required: false), let o = r.object(obj, "objective"),
               let w = r.whole(o, "preferredStartWeight", "objective", min: 0) { weight = w }
            guard h != nil else { return nil }
            // The whole-file checks run on what could be read, so that one pass lists every problem.
            let s = Scenario(name: name ?? "", horizon: horizon, venues: venues, events: events, externals: externals,
                             constraints: constraints, preferredStartWeight: weight)
            checkWorkingDays(s)
            checkPrecedenceCycles(s)
            return r.problems.isEmpty ? s : nil
        }

        mutating func readHorizon(_ root: JSONValue) -> DateRange? {
            guard let v = r.field(root, "horizon", "", required: true), let o = r.object(v, "horizon") else { return nil }
            let start = r.date(o, "start", "horizon", required: true), end = r.date(o, "end", "horizon", required: true)
            guard let s = start, let e = end else { return nil }
            guard s <= e else { r.fail("horizon.end", "expected a date on or after horizon.start \(s.iso), found \(e.iso)"); return nil }
            return DateRange(s, e)
        }

        mutating func readVenues(_ root: JSONValue) -> [Venue] {
            guard let items = r.array(root, "venues", "", required: true) else { return [] }
            var venues: [Venue] = []
            for (i, item) in items.enumerated() {
                let p = "venues[\(i)]"
                guard let o = r.object(item, p) else { continue }
                let id = r.string(o, "id", p, required: true, nonEmpty: true)
                let city = r.string(o, "city", p, required: true)
                let name = r.string(o, "name", p)
                let weekend = r.weekdays(o, "weekend", p) ?? [.sat, .sun]
                var closed = Set<Day>()
                for (j, d) in (r.array(o, "closed", p) ?? []).enumerated() {
                    if let day = r.date(d, "\(p).closed[\(j)]") { closed.insert(day) }
                }
                var unavailable: [(range: DateRange, reason: String)] = []
                for (j, u) in (r.array(o, "unavailable", p) ?? []).enumerated() {
                    let up = "\(p).unavailable[\(j)]"
                    guard let uo = r.object(u, up) else { continue }
                    let s = r.date(uo, "start", up, required: true), e = r.date(uo, "end", up, required: true)
                    let reason = r.string(uo, "reason", up) ?? ""
                    guard let s, let e else { continue }
                    guard s <= e else { r.fail("\(up).end", "expected a date on or after start \(s.iso), found \(e.iso)"); continue }
                    unavailable.append((DateRange(s, e), reason))
                }
                let rooms = r.whole(o, "rooms", p, min: 0)
                guard let id, let city else { continue }
                guard venueIDs[id] == nil else { r.fail("\(p).id", "venue id \"\(id)\" is used twice"); continue }
                venueIDs[id] = venues.count
                venues.append(Venue(id: id, name: name, city: city, weekend: weekend, closed: closed,
                                    unavailable: unavailable, rooms: rooms))
            }
            return venues
        }

        mutating func readLength(_ v: JSONValue, _ p: String) -> EventLength? {
            if case .object = v {
                let lo = r.whole(v, "min", p, required: true, min: 1), hi = r.whole(v, "max", p, required: true, min: 1)
                guard let lo, let hi else { return nil }
                guard lo <= hi else { r.fail("\(p).max", "expected max ≥ min (\(lo)), found \(hi)"); return nil }
                return .range(min: lo, max: hi)
            }
            return r.days(v, p).map(EventLength.exactly)
        }

        mutating func readEvents(_ root: JSONValue, venues: [Venue], horizonKnown: Bool) {
            guard let items = r.array(root, "events", "", required: true) else { return }
            for (i, item) in items.enumerated() {
                let p = "events[\(i)]"
                guard let o = r.object(item, p) else { continue }
                let id = r.string(o, "id", p, required: true, nonEmpty: true)
                let title = r.string(o, "title", p)
                let kind = r.string(o, "kind", p) ?? ""
                let length = r.field(o, "days", p, required: true).flatMap { readLength($0, "\(p).days") }
                var venueList: [Int]? = nil
                var venuesGiven = 0
                if let vs = r.array(o, "venues", p, required: true) {
                    venuesGiven = vs.count
                    venueList = []
                    for (vid, vp) in r.idList(vs, "\(p).venues") {
                        if let vi = venueIDs[vid] { venueList!.append(vi) } else { r.fail(vp, "no venue has id \"\(vid)\"") }
                    }
                }
                var window = horizon
                if let wv = r.field(o, "window", p, required: false), let w = r.object(wv, "\(p).window") {
                    let lo = r.date(w, "earliest", "\(p).window"), hi = r.date(w, "latest", "\(p).window")
                    if let lo { window.start = lo }
                    if let hi { window.end = hi }
                    if let lo, let hi, hi < lo { r.fail("\(p).window.latest", "expected a date on or after window.earliest \(lo.iso), found \(hi.iso)") }
                }
                let contiguous = r.bool(o, "contiguous", p) ?? true
                let startWeekdays = r.weekdays(o, "startWeekdays", p)
                var fixed: Pin? = nil
                if let fv = r.field(o, "fixed", p, required: false), let f = r.object(fv, "\(p).fixed") {
                    let fp = "\(p).fixed"
                    let start = r.date(f, "start", fp, required: true)
                    let needVenue = !(venueList?.isEmpty ?? false)
                    let venue = r.string(f, "venue", fp, required: needVenue, nonEmpty: true)
                    if let venue, venueIDs[venue] == nil { r.fail("\(fp).venue", "no venue has id \"\(venue)\"") }
                    let days = r.field(f, "days", fp, required: false).flatMap { r.days($0, "\(fp).days") }
                    if let start { fixed = Pin(start: start, venue: venue, days: days) }
                }
                let preferred = r.date(o, "preferredStart", p)
                let source = r.string(o, "source", p)
                if let length, venueList != nil, venuesGiven == 0, !length.isMilestone {
                    r.fail("\(p).venues", "expected at least one venue: only a milestone (days 0) may be held nowhere")
                }
                guard let id, let length, let venueList else { continue }
                if eventIDs[id] != nil { r.fail("\(p).id", "id \"\(id)\" is used by another event"); continue }
                eventIDs[id] = events.count
                eventFileIndex.append(i)
                events.append(Event(id: id, title: title, kind: kind, length: length, venues: venueList, window: window,
                                    contiguous: contiguous, startWeekdays: startWeekdays, fixed: fixed,
                                    preferredStart: preferred, source: source))
            }
        }

        mutating func readExternals(_ root: JSONValue) {
            guard let items = r.array(root, "external", "") else { return }
            for (i, item) in items.enumerated() {
                let p = "external[\(i)]"
                guard let o = r.object(item, p) else { continue }
                let id = r.string(o, "id", p, required: true, nonEmpty: true)
                let title = r.string(o, "title", p)
                let category = r.string(o, "category", p, required: true)
                let place = r.string(o, "place", p, required: true)
                let s = r.date(o, "start", p), e = r.date(o, "end", p)
                let hasStart = o["start"] != nil, hasEnd = o["end"] != nil
                if hasStart != hasEnd {
                    r.fail("\(p).\(hasStart ? "end" : "start")", "expected 'start' and 'end' together (or neither, while the dates are not fixed)")
                }
                var dates: DateRange? = nil
                if let s, let e {
                    if e < s { r.fail("\(p).end", "expected a date on or after start \(s.iso), found \(e.iso)") } else { dates = DateRange(s, e) }
                }
                let source = r.string(o, "source", p)
                guard let id, let category, let place else { continue }
                if eventIDs[id] != nil || externalIDs[id] != nil {
                    r.fail("\(p).id", "id \"\(id)\" is used by another event or external"); continue
                }
                externalIDs[id] = externals.count
                externals.append(ExternalEvent(id: id, title: title, category: category, dates: dates, place: place, source: source))
            }
        }
    }
}
