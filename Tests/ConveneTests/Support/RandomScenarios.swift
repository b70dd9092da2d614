@testable import Convene

// Small random scenario/1 files for the solver agreement tests (Search/SolverAgreementTests.swift).
// The same seed gives the same bytes on every platform: the generator draws from its own
// SplitMix64, never from the system's random source, and uses only integer arithmetic.
// The text goes through the real reader, so the file contract is exercised as well.

/// Test-case helpers on the library's seeded generator (`Convene.SplitMix64`).
extension SplitMix64 {
    /// A whole number in 0..<n (0 when n ≤ 1).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

    /// True `percent` times in a hundred.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// An index drawn with the given weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var r = int(0...(weights.reduce(0, +) - 1))
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }

    /// The items in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(0...i)) }
        return a
    }

    /// A random subset of `count` items, in their original order.
    mutating func subset<T>(_ items: [T], count: Int) -> [T] {
        let keep = Set(shuffled(Array(items.indices)).prefix(count))
        return items.indices.filter(keep.contains).map { items[$0] }
    }
}

/// A random scenario file small enough for brute force: a horizon of 10 to 16 days, one to
/// three venues, two to five events, a few outside events and one to four constraints drawn
/// from all eight types, each hard or soft. Every eighth seed also carries a contradiction
/// put there on purpose (`planted`), so that conflicts are exercised.
struct RandomScenario {
    let seed: UInt64
    /// The scenario/1 text.
    var json: String
    /// The contradiction planted on purpose, if any (a short name, for messages).
    var planted: String?

    // The generator's own model of what it writes, so that it can keep to what the reader
    // accepts (a window holds a working day; hard precedence links never form a cycle).

    struct VenueSpec {
        var id: String
        var city: String
        var weekend: [Weekday]?
        var closed: [Day] = []
        var unavailable: (Day, Day)? = nil
        var rooms: Int? = nil

        func works(_ d: Day) -> Bool {
            !(weekend ?? [.sat, .sun]).contains(d.weekday) && !closed.contains(d)
                && !(unavailable.map { $0.0 <= d && d <= $0.1 } ?? false)
        }
    }

    enum Length {
        case exactly(Double)
        case range(Int, Int)
        var longest: Double {
            switch self {
            case .exactly(let v): return v
            case .range(_, let hi): return Double(hi)
            }
        }
        var isMilestone: Bool { if case .exactly(0) = self { return true } else { return false } }
    }

    struct EventSpec {
        var id: String
        var kind: String
        var length: Length
        var venues: [Int]
        var earliest: Day? = nil
        var latest: Day? = nil
        var contiguous: Bool? = nil
        var startWeekdays: [Weekday]? = nil
        var fixed: (start: Day, venue: Int?, days: Double?)? = nil
        var preferredStart: Day? = nil
    }

    struct ExternalSpec {
        var id: String
        var category: String
        var place: String
        var dates: (Day, Day)?
    }

    /// The scenario of `seed`.
    static func make(seed: UInt64) -> RandomScenario {
        var g = Builder(seed: seed)
        return g.build()
    }

    struct Builder {
        var rng: SplitMix64
        let seed: UInt64
        var horizon = (Day(ordinal: 0), Day(ordinal: 0))
        var venues: [VenueSpec] = []
        var events: [EventSpec] = []
        var externals: [ExternalSpec] = []
        var constraints: [String] = []
        /// Hard precedence and chain links go from earlier to later in this order, so that
        /// they never form a cycle.
        var order: [Int] = []
        var planted: String? = nil

        init(seed: UInt64) {
            self.seed = seed
            rng = SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 17)
        }

        var horizonDays: [Day] { (0...(horizon.1 - horizon.0)).map { horizon.0 + $0 } }

        /// The working days of venue `v` (nil: Monday to Friday) inside the horizon and [lo, hi].
        func workingDays(_ v: Int?, from lo: Day? = nil, to hi: Day? = nil) -> [Day] {
            horizonDays.filter { d in
                (lo.map { d >= $0 } ?? true) && (hi.map { d <= $0 } ?? true)
                    && (v.map { venues[$0].works(d) } ?? (d.weekday.index < 5))
            }
        }

        /// Whether event `e`'s window holds a working day of one of its venues (spec, Bad input).
        func windowIsPossible(_ e: EventSpec) -> Bool {
            let vs: [Int?] = e.venues.isEmpty ? [nil] : e.venues.map { Optional($0) }
            return vs.contains { !workingDays($0, from: e.earliest, to: e.latest).isEmpty }
        }

        mutating func build() -> RandomScenario {
            makeHorizon()
            makeVenues()
            makeEvents()
            makeExternals()
            order = rng.shuffled(Array(events.indices))
            for i in 0..<rng.weighted([0, 35, 30, 22, 13]) { makeConstraint(i) }
            if seed % 8 == 0 { plant() }
            for i in events.indices where !windowIsPossible(events[i]) { events[i].earliest = nil; events[i].latest = nil }
            return RandomScenario(seed: seed, json: text(), planted: planted)
        }

        mutating func makeHorizon() {
            let year = rng.pick([2017, 2018]), month = rng.int(1...12)
            let day = rng.chance(40) ? rng.int(20...28) : rng.int(1...10)
            let start = Day(year: year, month: month, day: day)!
            horizon = (start, start + rng.int(9...15))
        }

        mutating func makeVenues() {
            let n = 1 + rng.weighted([30, 45, 25])
            let ids = ["GVA", "PAL", "NY"]
            for i in 0..<n {
                let city = i == 0 ? "Geneva" : i == 1 ? rng.pick(["Geneva", "Vienna"]) : "New York"
                var v = VenueSpec(id: ids[i], city: city, weekend: nil)
                switch rng.weighted([70, 10, 10, 10]) {
                case 1: v.weekend = [.sat, .sun]
                case 2: v.weekend = [.fri, .sat]
                case 3: v.weekend = [.sun]
                default: break
                }
                if rng.chance(40) { v.closed = (0..<rng.int(1...2)).map { _ in rng.pick(horizonDays) } }
                if rng.chance(20) { let s = rng.pick(horizonDays); v.unavailable = (s, s + rng.int(0...2)) }
                if rng.chance(20) { v.rooms = rng.int(1...2) }
                venues.append(v)
            }
        }

        mutating func makeEvents() {
            let n = 2 + rng.weighted([25, 35, 25, 15])
            let ids = rng.shuffled(["A", "B", "C", "D", "E"]).prefix(n)
            for id in ids {
                let length: Length = [.exactly(0), .exactly(0.5), .exactly(1), .exactly(2), .exactly(3), .range(1, 2)][rng.weighted([12, 15, 25, 22, 11, 15])]
                var e = EventSpec(id: id, kind: length.isMilestone ? "milestone" : rng.pick(["thematic", "hearing"]), length: length, venues: [])
                if !(length.isMilestone && rng.chance(35)) {
                    e.venues = rng.subset(Array(venues.indices), count: min(venues.count, 1 + rng.weighted([60, 30, 10])))
                }
                if rng.chance(40) {
                    let lo = horizon.0 + rng.int(-2...8), hi = lo + rng.int(3...9)
                    switch rng.weighted([70, 15, 15]) {
                    case 1: e.earliest = lo
                    case 2: e.latest = hi
                    default: e.earliest = lo; e.latest = hi
                    }
                }
                if length.longest >= 2, rng.chance(30) { e.contiguous = false } else if rng.chance(5) { e.contiguous = true }
                if !length.isMilestone, rng.chance(15) {
                    e.startWeekdays = rng.subset([.mon, .tue, .wed, .thu, .fri], count: rng.int(1...3))
                }
                if rng.chance(10) {
                    let v: Int? = e.venues.isEmpty ? nil : rng.pick(e.venues)
                    let days = workingDays(v)
                    let start = rng.chance(80) && !days.isEmpty ? rng.pick(days) : rng.pick(horizonDays)
                    var pinDays: Double? = nil
                    if rng.chance(40) {
                        if case .range(let lo, let hi) = length { pinDays = Double(rng.int(lo...hi)) } else { pinDays = length.longest }
                    }
                    e.fixed = (start, v, pinDays)
                }
                if rng.chance(25) { e.preferredStart = horizon.0 + rng.int(-2...(horizon.1 - horizon.0 + 2)) }
                events.append(e)
            }
        }

        mutating func makeExternals() {
            for i in 0..<rng.weighted([25, 35, 25, 15]) { addExternal(i + 1) }
        }

        mutating func addExternal(_ n: Int) {
            let places = venues.map(\.id) + venues.map(\.city) + ["Paris"]
            var x = ExternalSpec(id: "X\(n)", category: rng.pick(["GFMD", "HRC"]), place: rng.pick(places), dates: nil)
            if rng.chance(85) { let s = horizon.0 + rng.int(-2...12); x.dates = (s, s + rng.int(0...3)) }
            externals.append(x)
        }

        // MARK: constraints

        mutating func common(_ id: String, _ type: String, hard: Bool) -> String {
            var s = #""id": "\#(id)", "type": "\#(type)""#
            if hard { if rng.chance(30) { s += #", "hard": true"# } } else { s += #", "hard": false, "weight": \#(rng.int(1...5))"# }
            return s
        }

        /// An event selector that matches something.
        mutating func eventSelector() -> String {
            let kinds = Array(Set(events.map(\.kind))).sorted()
            switch rng.weighted([25, 45, 15, 15]) {
            case 1:
                let ids = rng.subset(events.map(\.id), count: rng.int(min(2, events.count)...events.count))
                return #"{"ids": [\#(ids.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
            case 2: return #"{"kind": "\#(rng.pick(kinds))"}"#
            case 3:
                var ks = rng.subset(kinds, count: rng.int(1...kinds.count))
                if rng.chance(30) { ks.append("conference") }
                return #"{"kinds": [\#(ks.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
            default: return #""all""#
            }
        }

        mutating func externalSelector() -> String {
            let cats = Array(Set(externals.map(\.category))).sorted()
            switch rng.weighted([30, 30, 25, 15]) {
            case 1:
                let ids = rng.subset(externals.map(\.id), count: rng.int(1...externals.count))
                return #"{"ids": [\#(ids.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
            case 2: return #"{"category": "\#(rng.pick(cats))"}"#
            case 3: return #"{"categories": [\#(cats.map { "\"\($0)\"" }.joined(separator: ", "))]}"#
            default: return #""all""#
            }
        }

        /// Two distinct events, the first earlier in `order` when `hard`.
        mutating func pair(hard: Bool) -> (Int, Int) {
            let two = rng.subset(Array(events.indices), count: 2)
            guard hard else { return rng.chance(50) ? (two[0], two[1]) : (two[1], two[0]) }
            let ord = order
            let rank = { (e: Int) in ord.firstIndex(of: e)! }
            return rank(two[0]) < rank(two[1]) ? (two[0], two[1]) : (two[1], two[0])
        }

        func monthKeys() -> [String] {
            Array(Set(horizonDays.map(\.monthKey))).sorted()
        }

        mutating func half(_ lo: Int, _ hi: Int) -> String {
            let v = Double(rng.int(lo...hi)) + (rng.chance(20) ? 0.5 : 0)
            return formatNumber(v)
        }

        mutating func makeConstraint(_ i: Int) {
            let hard = rng.chance(40)
            let id = "c\(i + 1)"
            let type = ["totalDays", "monthlyQuota", "precedence", "chain", "noOverlap", "minSpacing", "rotation", "avoidExternal"][rng.int(0...7)]
            var s = common(id, type, hard: hard)
            switch type {
            case "totalDays":
                let sel = eventSelector()
                let longest = Int(events.map(\.length.longest).reduce(0, +).rounded(.up))
                var lo: Int? = nil
                if rng.chance(60) { lo = rng.int(0...(longest + 1)); s += #", "min": \#(half(lo!, lo!))"# }
                if rng.chance(60) || lo == nil { s += #", "max": \#(half((lo ?? 0) + 1, (lo ?? 0) + 4))"# }
                s += #", "events": \#(sel)"#
            case "monthlyQuota":
                s += #", "events": \#(eventSelector())"#
                var keys = monthKeys()
                if keys.count > 1, rng.chance(30) { keys = [rng.pick(keys)] }
                if rng.chance(10) { keys.append(Day(ordinal: horizon.1.ordinal + 40).monthKey) }
                s += #", "quota": {\#(keys.map { "\"\($0)\": \(half(0, 5))" }.joined(separator: ", "))}"#
                if rng.chance(75) { s += #", "mode": "\#(rng.pick(["exactly", "atLeast", "atMost"]))""# }
            case "precedence":
                let (b, a) = pair(hard: hard)
                s += #", "before": "\#(events[b].id)", "after": "\#(events[a].id)""#
                var minDays = 1
                if rng.chance(70) { minDays = rng.int(-3...5); s += #", "minDays": \#(minDays)"# }
                if rng.chance(30) { s += #", "maxDays": \#(minDays + rng.int(0...6))"# }
            case "chain":
                var list = rng.subset(Array(events.indices), count: min(events.count, rng.int(2...3)))
                let ord = order
                list = hard ? list.sorted { ord.firstIndex(of: $0)! < ord.firstIndex(of: $1)! } : rng.shuffled(list)
                s += #", "events": [\#(list.map { "\"\(events[$0].id)\"" }.joined(separator: ", "))]"#
                if rng.chance(60) { s += #", "minDays": \#(rng.int(-2...4))"# }
            case "noOverlap":
                s += #", "events": \#(eventSelector())"#
                if rng.chance(50) { s += #", "travelDays": \#(rng.int(0...2))"# }
            case "minSpacing":
                s += #", "events": \#(eventSelector()), "days": \#(rng.int(0...4))"#
            case "rotation":
                s += #", "events": \#(eventSelector())"#
                if rng.chance(30) { s += #", "minPerVenue": {"\#(rng.pick(venues).id)": \#(rng.int(0...2))}"# }
                if rng.chance(30) { s += #", "maxPerVenue": {"\#(rng.pick(venues).id)": \#(rng.int(0...2))}"# }
            default: // avoidExternal
                if externals.isEmpty { addExternal(1) }
                s += #", "events": \#(eventSelector()), "external": \#(externalSelector())"#
                if rng.chance(50) { s += #", "bufferDays": \#(rng.int(0...2))"# }
                if rng.chance(70) { s += #", "scope": "\#(rng.pick(["anyPlace", "samePlace"]))""# }
            }
            constraints.append("{\(s)}")
        }

        // MARK: planted contradictions

        /// Events that are not milestones; makes one when there are fewer than `n`.
        mutating func meetings(_ n: Int) -> [Int] {
            var list = events.indices.filter { !events[$0].length.isMilestone }
            for e in events.indices where list.count < n && !list.contains(e) {
                events[e].length = .exactly(1)
                if events[e].venues.isEmpty { events[e].venues = [0] }
                if events[e].fixed != nil { events[e].fixed = nil }
                list.append(e)
            }
            return list
        }

        /// A working day of venue `v` in the horizon (its first when none is drawn).
        mutating func someWorkingDay(_ v: Int) -> Day? {
            let days = workingDays(v)
            return days.isEmpty ? nil : rng.pick(days)
        }

        /// Adds a contradiction of one of seven shapes, chosen by the seed.
        mutating func plant() {
            let m = meetings(2)
            let ord = order
            let rank = { (e: Int) in ord.firstIndex(of: e)! }
            let (a, b) = rank(m[0]) < rank(m[1]) ? (m[0], m[1]) : (m[1], m[0])
            let n = constraints.count + 1
            switch Int(seed / 8) % 7 {
            case 0: // a hard precedence against two windows: `a` must come first but its window is later
                planted = "precedence vs windows"
                events[a].fixed = nil; events[b].fixed = nil
                events[a].earliest = horizon.0 + 6; events[a].latest = nil
                events[b].earliest = nil; events[b].latest = horizon.0 + 5
                constraints.append(#"{"id": "p\#(n)", "type": "precedence", "before": "\#(events[a].id)", "after": "\#(events[b].id)"}"#)
            case 1, 2: // two events pinned to the same date and venue, under noOverlap or rooms: 1
                let v = events[a].venues.first ?? 0
                guard let d = someWorkingDay(v) else { return }
                for e in [a, b] {
                    if !events[e].venues.contains(v) { events[e].venues.append(v) }
                    events[e].fixed = (d, v, nil)
                    events[e].earliest = nil; events[e].latest = nil
                }
                if seed / 8 % 7 == 1 {
                    planted = "pins vs noOverlap"
                    constraints.append(#"{"id": "o\#(n)", "type": "noOverlap", "events": {"ids": ["\#(events[a].id)", "\#(events[b].id)"]}}"#)
                } else {
                    planted = "pins vs rooms"
                    venues[v].rooms = 1
                }
            case 3: // a one-day window on a weekday the event may not start on
                planted = "startWeekdays vs window"
                let v = events[a].venues.first ?? 0
                guard let d = someWorkingDay(v) else { return }
                events[a].fixed = nil
                events[a].earliest = d; events[a].latest = d
                events[a].startWeekdays = [Weekday.allCases[(d.weekday.index + 1) % 5]]
            case 4: // more days in all than the events can last
                planted = "totalDays too high"
                let most = events[a].length.longest + events[b].length.longest
                constraints.append(#"{"id": "t\#(n)", "type": "totalDays", "events": {"ids": ["\#(events[a].id)", "\#(events[b].id)"]}, "min": \#(formatNumber(most + 1))}"#)
            case 5: // a pinned event and an outside event on its date, to be avoided
                planted = "pin vs avoidExternal"
                let v = events[a].venues.first ?? 0
                guard let d = someWorkingDay(v) else { return }
                events[a].fixed = (d, v, nil)
                events[a].earliest = nil; events[a].latest = nil
                externals.append(ExternalSpec(id: "Y1", category: "REC", place: venues[v].id, dates: (d, d)))
                constraints.append(#"{"id": "x\#(n)", "type": "avoidExternal", "events": {"ids": ["\#(events[a].id)"]}, "external": {"category": "REC"}, "scope": "samePlace"}"#)
            default: // a half day in a month, for an event of whole days
                planted = "half-day quota vs days"
                events[a].length = rng.chance(50) ? .exactly(Double(rng.int(1...2))) : .range(1, 2)
                events[a].fixed = nil
                let keys = monthKeys()
                let quota = keys.enumerated().map { "\"\($1)\": \($0 == 0 ? "0.5" : "0")" }.joined(separator: ", ")
                constraints.append(#"{"id": "q\#(n)", "type": "monthlyQuota", "events": {"ids": ["\#(events[a].id)"]}, "quota": {\#(quota)}}"#)
            }
        }

        // MARK: text

        func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        func quoted(_ s: String) -> String { "\"\(s)\"" }

        func text() -> String {
            var vs: [String] = []
            for v in venues {
                var s = #"{"id": "\#(v.id)", "city": "\#(v.city)""#
                if let w = v.weekend { s += #", "weekend": \#(list(w.map { quoted($0.rawValue) }))"# }
                if !v.closed.isEmpty { s += #", "closed": \#(list(v.closed.map { quoted($0.iso) }))"# }
                if let u = v.unavailable { s += #", "unavailable": [{"start": "\#(u.0.iso)", "end": "\#(u.1.iso)", "reason": "works"}]"# }
                if let r = v.rooms { s += #", "rooms": \#(r)"# }
                vs.append(s + "}")
            }
            var es: [String] = []
            for e in events {
                var s = #"{"id": "\#(e.id)", "kind": "\#(e.kind)", "days": "#
                switch e.length {
                case .exactly(let d): s += formatNumber(d)
                case let .range(lo, hi): s += #"{"min": \#(lo), "max": \#(hi)}"#
                }
                s += #", "venues": \#(list(e.venues.map { quoted(venues[$0].id) }))"#
                if e.earliest != nil || e.latest != nil {
                    let parts = [e.earliest.map { #""earliest": "\#($0.iso)""# }, e.latest.map { #""latest": "\#($0.iso)""# }]
                    s += #", "window": {\#(parts.compactMap { $0 }.joined(separator: ", "))}"#
                }
                if let c = e.contiguous { s += #", "contiguous": \#(c)"# }
                if let w = e.startWeekdays { s += #", "startWeekdays": \#(list(w.map { quoted($0.rawValue) }))"# }
                if let f = e.fixed {
                    var parts = [#""start": "\#(f.start.iso)""#]
                    if let v = f.venue { parts.append(#""venue": "\#(venues[v].id)""#) }
                    if let d = f.days { parts.append(#""days": \#(formatNumber(d))"#) }
                    s += #", "fixed": {\#(parts.joined(separator: ", "))}"#
                }
                if let p = e.preferredStart { s += #", "preferredStart": "\#(p.iso)""# }
                es.append(s + "}")
            }
            var xs: [String] = []
            for x in externals {
                var s = #"{"id": "\#(x.id)", "category": "\#(x.category)", "place": "\#(x.place)""#
                if let d = x.dates { s += #", "start": "\#(d.0.iso)", "end": "\#(d.1.iso)""# }
                xs.append(s + "}")
            }
            var objective = ""
            if seed % 5 == 3 { objective = #",\#n  "objective": {"preferredStartWeight": \#(seed % 3)}"# }
            return """
            {
              "format": "scenario/1",
              "name": "random-\(seed)",
              "horizon": {"start": "\(horizon.0.iso)", "end": "\(horizon.1.iso)"},
              "venues": [
                \(vs.joined(separator: ",\n    "))
              ],
              "events": [
                \(es.joined(separator: ",\n    "))
              ],
              "external": [
                \(xs.joined(separator: ",\n    "))
              ],
              "constraints": [
                \(constraints.joined(separator: ",\n    "))
              ]\(objective)
            }

            """
        }
    }
}
