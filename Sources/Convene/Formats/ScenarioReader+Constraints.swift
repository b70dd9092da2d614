extension ScenarioReader.State {
    mutating func readConstraints(_ root: JSONValue) -> [Constraint] {
        guard let items = r.array(root, "constraints", "") else { return [] }
        var out: [Constraint] = []
        var ids = Set<String>()
        for (i, item) in items.enumerated() {
            let p = "constraints[\(i)]"
            guard let o = r.object(item, p) else { continue }
            let id = r.string(o, "id", p, required: true, nonEmpty: true)
            let type = r.string(o, "type", p, required: true)
            let hard = r.bool(o, "hard", p) ?? true
            let weight = r.whole(o, "weight", p, required: !hard, min: 1)
            let source = r.string(o, "source", p)
            if let id, !ids.insert(id).inserted { r.fail("\(p).id", "constraint id \"\(id)\" is used twice") }
            guard let type else { continue }
            guard let rule = readRule(type, o, p) else { continue }
            guard let id else { continue }
            out.append(Constraint(id: id, hard: hard, weight: weight ?? 1, source: source, rule: rule))
        }
        return out
    }

    mutating func readRule(_ type: String, _ o: JSONValue, _ p: String) -> (any ConstraintRule)? {
        switch type {
        case TotalDays.type:
            let ev = eventSelector(o, p)
            let lo = r.number(o, "min", p, min: 0), hi = r.number(o, "max", p, min: 0)
            if let lo, let hi, hi < lo { r.fail("\(p).max", "expected max ≥ min (\(formatNumber(lo))), found \(formatNumber(hi))"); return nil }
            return ev.map { TotalDays(events: $0, min: lo, max: hi) }
        case MonthlyQuota.type:
            return readMonthlyQuota(o, p)
        case Precedence.type:
            let b = eventID(o, "before", p), a = eventID(o, "after", p)
            let minDays = r.whole(o, "minDays", p) ?? 1
            let maxDays = r.whole(o, "maxDays", p)
            if let maxDays, maxDays < minDays { r.fail("\(p).maxDays", "expected maxDays ≥ minDays (\(minDays)), found \(maxDays)"); return nil }
            guard let b, let a else { return nil }
            if a == b { r.fail("\(p).after", "expected an event other than 'before' (\(events[b].id))"); return nil }
            return Precedence(before: b, after: a, minDays: minDays, maxDays: maxDays)
        case Chain.type:
            let minDays = r.whole(o, "minDays", p) ?? 1
            guard let items = r.array(o, "events", p, required: true) else { return nil }
            var list: [Int] = []
            for (id, ip) in r.idList(items, "\(p).events") {
                if let e = eventIDs[id] { list.append(e) } else { r.fail(ip, "no event has id \"\(id)\"") }
            }
            return Chain(events: list, minDays: minDays)
        case NoOverlap.type:
            let ev = eventSelector(o, p)
            let travel = r.whole(o, "travelDays", p, min: 0) ?? 0
            return ev.map { NoOverlap(events: $0, travelDays: travel) }
        case MinSpacing.type:
            let ev = eventSelector(o, p)
            let days = r.whole(o, "days", p, required: true, min: 0)
            guard let ev, let days else { return nil }
            return MinSpacing(events: ev, days: days)
        case Rotation.type:
            let ev = eventSelector(o, p)
            let lo = perVenue(o, "minPerVenue", p), hi = perVenue(o, "maxPerVenue", p)
            return ev.map { Rotation(events: $0, minPerVenue: lo, maxPerVenue: hi) }
        case AvoidExternal.type:
            return readAvoidExternal(o, p)
        default:
            r.fail("\(p).type", "expected one of totalDays, monthlyQuota, precedence, chain, noOverlap, minSpacing, rotation, avoidExternal; found \"\(type)\"")
            return nil
        }
    }

    /// A monthlyQuota rule: its events, the quota of each month (YYYY-MM) and its mode.
    private mutating func readMonthlyQuota(_ o: JSONValue, _ p: String) -> (any ConstraintRule)? {
        let ev = eventSelector(o, p)
        var quota: [(month: String, value: Double)] = []
        if let qv = r.field(o, "quota", p, required: true), let q = r.object(qv, "\(p).quota"), case .object(let members) = q {
            for (month, v) in members {
                let mp = "\(p).quota.\(month)"
                if case .null = v { continue }
                guard Day(iso: month + "-01") != nil else { r.fail(mp, "expected a month key YYYY-MM, found \"\(month)\""); continue }
                guard let n = r.number(v, mp) else { continue }
                guard n >= 0 else { r.fail(mp, "expected a quota ≥ 0, found \(formatNumber(n))"); continue }
                quota.append((month, n))
            }
        }
        var mode = MonthlyQuota.Mode.exactly
        if let m = r.string(o, "mode", p) {
            if let v = MonthlyQuota.Mode(rawValue: m) {
                mode = v
            } else {
                r.fail("\(p).mode", "expected \"exactly\", \"atLeast\" or \"atMost\", found \"\(m)\"")
            }
        }
        return ev.map { MonthlyQuota(events: $0, quota: quota, mode: mode) }
    }

    /// An avoidExternal rule: its events, the outside events to avoid, the buffer and the scope.
    private mutating func readAvoidExternal(_ o: JSONValue, _ p: String) -> (any ConstraintRule)? {
        let ev = eventSelector(o, p)
        let ex = externalSelector(o, p)
        let buffer = r.whole(o, "bufferDays", p, min: 0) ?? 0
        var scope = AvoidExternal.Scope.anyPlace
        if let s = r.string(o, "scope", p) {
            if let v = AvoidExternal.Scope(rawValue: s) {
                scope = v
            } else {
                r.fail("\(p).scope", "expected \"anyPlace\" or \"samePlace\", found \"\(s)\"")
            }
        }
        guard let ev, let ex else { return nil }
        return AvoidExternal(events: ev, externals: ex, bufferDays: buffer, scope: scope)
    }

    mutating func eventID(_ o: JSONValue, _ key: String, _ p: String) -> Int? {
        guard let id = r.string(o, key, p, required: true, nonEmpty: true) else { return nil }
        guard let e = eventIDs[id] else { r.fail("\(p).\(key)", "no event has id \"\(id)\""); return nil }
        return e
    }

    mutating func perVenue(_ o: JSONValue, _ key: String, _ p: String) -> [Int: Int] {
        guard let v = r.field(o, key, p, required: false), let obj = r.object(v, "\(p).\(key)"), case .object(let members) = obj else { return [:] }
        var out: [Int: Int] = [:]
        for (vid, n) in members {
            let vp = "\(p).\(key).\(vid)"
            if case .null = n { continue }
            guard let vi = venueIDs[vid] else { r.fail(vp, "no venue has id \"\(vid)\""); continue }
            if let c = r.whole(n, vp, min: 0) { out[vi] = c }
        }
        return out
    }

    /// The spec's event selector: `"all"`, `{"ids"}`, `{"kind"}` or `{"kinds"}`.
    mutating func eventSelector(_ o: JSONValue, _ p: String) -> [Int]? {
        guard let v = r.field(o, "events", p, required: true) else { return nil }
        return select(v, "\(p).events", names: eventIDs, tagKey: ("kind", "kinds"), tags: events.map(\.kind))
    }

    /// The spec's external selector: `"all"`, `{"ids"}`, `{"category"}` or `{"categories"}`.
    mutating func externalSelector(_ o: JSONValue, _ p: String) -> [Int]? {
        guard let v = r.field(o, "external", p, required: true) else { return nil }
        return select(v, "\(p).external", names: externalIDs, tagKey: ("category", "categories"), tags: externals.map(\.category))
    }

    mutating func select(_ v: JSONValue, _ p: String, names: [String: Int], tagKey: (one: String, many: String),
                         tags: [String]) -> [Int]? {
        let forms = "\"all\", {\"ids\": […]}, {\"\(tagKey.one)\": …} or {\"\(tagKey.many)\": […]}"
        var result: [Int]? = nil
        switch v {
        case .string("all"):
            result = Array(tags.indices)
        case .object(let all) where all.filter({ if case .null = $0.value { return false }; return true }).count == 1:
            let (key, value) = all.first { if case .null = $0.value { return false }; return true }!
            let kp = "\(p).\(key)"
            switch key {
            case "ids":
                guard case .array(let items) = value else { r.fail(kp, "expected an array of ids, found \(JSONReader.describe(value))"); return nil }
                var out: [Int] = []
                for (id, ip) in r.idList(items, kp) {
                    if let i = names[id] { out.append(i) } else { r.fail(ip, "no \(tagKey.one == "kind" ? "event" : "external event") has id \"\(id)\"") }
                }
                result = out.sorted()
            case tagKey.one:
                guard let t = r.string(value, kp) else { return nil }
                result = tags.indices.filter { tags[$0] == t }
            case tagKey.many:
                guard case .array(let items) = value else { r.fail(kp, "expected an array of strings, found \(JSONReader.describe(value))"); return nil }
                let wanted = Set(items.enumerated().compactMap { r.string($1, "\(kp)[\($0)]") })
                result = tags.indices.filter { wanted.contains(tags[$0]) }
            default:
                r.fail(p, "expected a selector \(forms), found key \"\(key)\""); return nil
            }
        default:
            r.fail(p, "expected a selector with exactly one key: \(forms)"); return nil
        }
        if let result, result.isEmpty { r.fail(p, "the selector matches nothing") ; return nil }
        return result
    }

    /// Spec, Bad input: an event whose window, cut to the horizon, holds no working day of any
    /// of its venues (Monday to Friday for a milestone with no venue).
    mutating func checkWorkingDays(_ s: Scenario) {
        let calendars = s.venues.map { WorkingCalendar(venue: $0, horizon: s.horizon) }
        let anyWeekday = WorkingCalendar(venue: nil, horizon: s.horizon)
        for (i, e) in s.events.enumerated() {
            let cals = e.venues.isEmpty ? [anyWeekday] : e.venues.map { calendars[$0] }
            if !cals.contains(where: { $0.hasWorkingDay(in: e.window) }) {
                r.fail("events[\(eventFileIndex[i])].window", "expected a window holding a working day of one of its venues inside the horizon; "
                                                              + "\(e.window.start.iso) to \(e.window.end.iso) holds none")
            }
        }
    }

    /// Spec, Bad input: a cycle of hard precedence/chain links whose `minDays` add up to more
    /// than 0. Found as a positive cycle of the longest-path relaxation (Bellman–Ford).
    mutating func checkPrecedenceCycles(_ s: Scenario) {
        var edges: [(from: Int, to: Int, w: Int)] = []
        for c in s.constraints where c.hard {
            edges += c.rule.dateLinks.map { ($0.before, $0.after, $0.minDays) }
        }
        guard !edges.isEmpty else { return }
        var dist = [Int](repeating: 0, count: s.events.count)
        for _ in 0..<s.events.count {
            var changed = false
            for (a, b, w) in edges where dist[a] + w > dist[b] { dist[b] = dist[a] + w; changed = true }
            if !changed { return }
        }
        if edges.contains(where: { dist[$0.from] + $0.w > dist[$0.to] }) {
            r.fail("constraints", "the hard precedence and chain links form a cycle whose minDays add up to more than 0")
        }
    }
}
