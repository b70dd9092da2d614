import Convene

/// The season family (issue 20, "The season family"): one year, 2019, at a duty station. Geneva
/// hosts most bodies, New York and Vienna some; each venue has its 2019 UN holidays and a summer
/// maintenance closure (`unavailable`), and `rooms`. About N events (`--events N`, exactly N):
///
/// - Fixed sessions that take a room all along (`fixed`), each also an outside event of the same
///   dates for the rules below: the Human Rights Council's 40th–42nd sessions (24, 15 and 15
///   working days), the UPR working group's 32nd–34th (10 days each), the Economic Commission for
///   Europe's 68th plenary, the Commission on Narcotic Drugs' 62nd session in Vienna; their 2019
///   dates. Other outside events, not held in our rooms: the General Assembly's high-level week,
///   the World Health Assembly, the International Labour Conference, the HLPF, COP 25.
/// - Bodies drawn from templates: treaty bodies (2–3 sessions of 15–20 working days starting on
///   Mondays, `contiguous: false`; half of them with a 5-day pre-sessional working group 14–120
///   days before each session); treaty bodies alternating Geneva and New York (`rotation`);
///   working groups (2–3 sessions of 3–8 days, free length, under a yearly entitlement: hard
///   `totalDays` at most, soft at least); committees (1–2 sessions of 2–5 days); working parties
///   (1–3 sessions of 2–3 days); conferences (5–10 days, Geneva or Vienna); expert meetings (1–3
///   days, any venue). Working groups, committees and working parties meet at Geneva, one in ten
///   at New York and one in ten at Vienna.
/// - Rules: each body's sessions in a hard `chain` with a least spacing of 6–8 weeks; traditional
///   dates as `preferredStart`, windows of 2–6 weeks of starts around them (± 1–3 weeks);
///   secretariat teams of about three bodies of one area, a soft `noOverlap` each; human-rights
///   bodies (treaty bodies, their pre-sessions, working groups) a soft samePlace `avoidExternal` of
///   the Council and UPR sessions; every drawn body a hard (anyPlace) one of the General
///   Assembly's high-level week; economic bodies (committees, working parties) a soft one of the
///   ECE plenary with a buffer of 2 days; conferences and expert meetings a soft anyPlace one of
///   the big outside meetings. Everything is a construct of scenario/1 as written; where the
///   issue's words needed a reading: "not contiguous over weekends" is `contiguous: false`; "a
///   pre-sessional working group between 14 and 120 days before the session" is a hard
///   `precedence` with `minDays` 14 and `maxDays` 120 (its end to the session's start); the
///   high-level week rule is anyPlace (the spec's default) and selects the drawn bodies' kinds, not
///   the fixed sessions (the Council's 42nd session meets during that week); "their commission's
///   plenary" is the one regional commission's (ECE) for every economic body; a team's
///   `noOverlap` takes its bodies' pre-sessions too; the Council's sessions last 24, 15 and 15
///   working days as the issue says (from their real 2019 opening dates).
///
/// Rooms: Geneva's are sized from the demand drawn (every session at its planned venue and
/// length) so that the season fills three quarters of Geneva's room-days (N = 1,000: 26 rooms);
/// New York's and Vienna's six tenths of theirs (at least 2).
///
/// Feasible by construction: the fixed sessions are placed first, then each body (long sessions
/// first) in a witness calendar, greedily, each session at the start nearest its traditional date
/// where its venue has a room on every date and every hard rule holds (chain, pre-session
/// precedence, rotation, entitlement, the high-level week). Its window is written around the
/// traditional date and contains that placement; a body that does not fit inside its windows
/// draws new traditional dates. Seeded (SplitMix64): the same (N, seed) is the same bytes.
enum Season {
    static let venueIDs = ["GVA", "NY", "VIE"]
    static let cities = ["Geneva", "New York", "Vienna"]
    static let venueNames = ["United Nations Office at Geneva", "United Nations Headquarters, New York", "United Nations Office at Vienna"]
    static let gva = 0, ny = 1, vie = 2

    /// The 2019 official holidays of the three duty stations (the same days as the other
    /// families' 2017–2018 lists, in 2019). Vienna's Austrian National Day, 26 October, falls on a
    /// Saturday in 2019 and is left out.
    static let holidays: [[String]] = [
        ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-30", "2019-06-05", "2019-06-10", "2019-08-12", "2019-09-05", "2019-12-25"],
        ["2019-01-01", "2019-04-19", "2019-05-27", "2019-06-05", "2019-07-04", "2019-08-12", "2019-09-02", "2019-11-28", "2019-12-25"],
        ["2019-01-01", "2019-04-19", "2019-04-22", "2019-05-01", "2019-06-05", "2019-06-10", "2019-08-12", "2019-12-25", "2019-12-26"],
    ]

    /// Each venue's summer maintenance closure: two weeks at Geneva, one at New York and Vienna.
    static let closures: [(start: String, end: String)] = [("2019-07-29", "2019-08-09"), ("2019-08-19", "2019-08-23"), ("2019-08-05", "2019-08-09")]

    static let horizon = Day(iso: "2019-01-01")!...Day(iso: "2019-12-31")!
    static let year = 365
    static func day(_ i: Int) -> Day { horizon.lowerBound + i }
    static func index(_ iso: String) -> Int { Day(iso: iso)! - horizon.lowerBound }

    /// The season's fill of Geneva's room-days, and of New York's and Vienna's.
    static let targetLoad = [0.75, 0.6, 0.6]
    static let fewest = 50

    static func name(events n: Int, seed: UInt64) -> String { "season-\(n)-s\(seed)" }

    // MARK: fixed sessions and outside events

    /// The fixed sessions of 2019, each also an outside event `X-<id>` of the same dates.
    static let fixedSessions: [(id: String, title: String, kind: String, category: String, venue: Int, start: String, days: Int)] = [
        ("HRC-40", "Human Rights Council, 40th session", "council", "HRC", gva, "2019-02-25", 24),
        ("HRC-41", "Human Rights Council, 41st session", "council", "HRC", gva, "2019-06-24", 15),
        ("HRC-42", "Human Rights Council, 42nd session", "council", "HRC", gva, "2019-09-09", 15),
        ("UPR-32", "Universal Periodic Review Working Group, 32nd session", "review", "UPR", gva, "2019-01-21", 10),
        ("UPR-33", "Universal Periodic Review Working Group, 33rd session", "review", "UPR", gva, "2019-05-06", 10),
        ("UPR-34", "Universal Periodic Review Working Group, 34th session", "review", "UPR", gva, "2019-11-04", 10),
        ("ECE-68", "Economic Commission for Europe, 68th session", "plenary", "ECE", gva, "2019-04-09", 2),
        ("CND-62", "Commission on Narcotic Drugs, 62nd session", "commission", "CND", vie, "2019-03-14", 7),
    ]

    /// Outside events held elsewhere or in other rooms (their 2019 dates).
    static let otherExternals: [(id: String, title: String, category: String, place: String, start: String, end: String)] = [
        ("X-UNGA-74-HLW", "General Assembly, 74th session: high-level week", "UNGA", "New York", "2019-09-23", "2019-09-27"),
        ("X-WHA-72", "Seventy-second World Health Assembly", "WHA", "Geneva", "2019-05-20", "2019-05-28"),
        ("X-ILC-108", "International Labour Conference, 108th session", "ILC", "Geneva", "2019-06-10", "2019-06-21"),
        ("X-HLPF-2019", "High-level political forum on sustainable development", "HLPF", "New York", "2019-07-09", "2019-07-18"),
        ("X-COP-25", "UN Climate Change Conference (COP 25)", "COP", "Madrid", "2019-12-02", "2019-12-13"),
    ]

    /// The big outside meetings conferences and expert meetings avoid (anyPlace).
    static let bigCategories = ["HRC", "CND", "UNGA", "WHA", "ILC", "HLPF", "COP"]

    // MARK: bodies

    enum Template: Int, CaseIterable {
        case treatyBody, rotatingTreatyBody, workingGroup, committee, workingParty, conference, expertMeeting

        var prefix: String { ["TB", "RTB", "WG", "COM", "WP", "CONF", "EXP"][rawValue] }
        var kind: String { ["treaty-body", "treaty-body", "working-group", "committee", "working-party", "conference", "expert-meeting"][rawValue] }
        var title: String {
            ["Treaty body", "Treaty body (Geneva and New York)", "Working group", "Committee", "Working party", "Conference", "Expert meeting"][rawValue]
        }
        /// The secretariat's area: human rights, economic, conference services.
        var area: Int { [0, 0, 0, 1, 1, 2, 2][rawValue] }
        /// Drawn in proportion to these (percent).
        static let weights = [8, 3, 18, 18, 23, 5, 25]
    }

    static let humanRightsKinds = ["treaty-body", "pre-session", "working-group"]
    static let economicKinds = ["committee", "working-party"]
    static let drawnKinds = ["treaty-body", "pre-session", "working-group", "committee", "working-party", "conference", "expert-meeting"]

    /// One session to schedule: its length and venues as the scenario writes them, and the
    /// witness's plan (venue, length, traditional date, window half-width).
    struct Session {
        var id: String
        var title: String
        var kind: String
        var days: ClosedRange<Int>
        var planned: Int
        var venues: [Int]
        var venue: Int
        var monday: Bool
        var contiguous: Bool
        var trad = 0
        var half = 7
        var placed: Placed? = nil
    }

    struct Placed {
        var start: Int
        var venue: Int
        var dates: [Int]
    }

    struct Body {
        var id: String
        var template: Template
        var sessions: [Session]
        /// The pre-sessional working group of each session, if any.
        var pres: [Session?]
        var spacing: Int
        var entitlement: Int?
        var events: Int { sessions.count + pres.compactMap { $0 }.count }
    }

    /// Calendar days a session of `n` working days may span (whole weeks, generously).
    static func span(_ n: Int) -> Int { (n + 4) / 5 * 7 }

    /// The Monday on or before day index `i`.
    static func monday(_ i: Int) -> Int { i - day(i).weekday.index }

    /// Draws the structure of body `number` of template `t` (not yet its dates).
    static func drawBody(_ t: Template, number: Int, rng: inout SplitMix64, pre forcePre: Bool = false) -> Body {
        let id = "\(t.prefix)\(number)"
        func home() -> Int { let r = rng.int(0...9); return r == 0 ? ny : r == 1 ? vie : gva }
        var sessions: [Session] = []
        var pres: [Session?] = []
        var count = 1
        var entitlement: Int? = nil
        let spacing = 7 * rng.int(6...8)
        switch t {
        case .treatyBody, .rotatingTreatyBody:
            count = rng.int(2...3)
            let withPre = t == .treatyBody && (forcePre || rng.chance(50))
            let first = rng.int(0...1) == 0 ? gva : ny
            for i in 0..<count {
                let n = rng.int(15...20)
                let venue = t == .treatyBody ? gva : (i % 2 == 0 ? first : (first == gva ? ny : gva))
                sessions.append(Session(id: "\(id)-S\(i + 1)", title: "\(t.title) \(number), session \(i + 1)", kind: t.kind, days: n...n,
                                        planned: n, venues: t == .treatyBody ? [gva] : [gva, ny], venue: venue, monday: true, contiguous: false))
                pres.append(withPre ? Session(id: "\(id)-P\(i + 1)", title: "\(t.title) \(number), pre-sessional working group \(i + 1)",
                                              kind: "pre-session", days: 5...5, planned: 5, venues: [gva], venue: gva, monday: true,
                                              contiguous: true) : nil)
            }
        case .workingGroup:
            count = rng.int(2...3)
            let v = home()
            for i in 0..<count {
                sessions.append(Session(id: "\(id)-S\(i + 1)", title: "\(t.title) \(number), session \(i + 1)", kind: t.kind, days: 3...8,
                                        planned: rng.int(3...8), venues: [v], venue: v, monday: false, contiguous: false))
            }
            entitlement = sessions.reduce(0) { $0 + $1.planned }
        case .committee, .workingParty:
            count = t == .committee ? rng.int(1...2) : rng.int(1...3)
            let v = home()
            for i in 0..<count {
                let n = t == .committee ? rng.int(2...5) : rng.int(2...3)
                sessions.append(Session(id: "\(id)-S\(i + 1)", title: "\(t.title) \(number), session \(i + 1)", kind: t.kind, days: n...n,
                                        planned: n, venues: [v], venue: v, monday: false, contiguous: true))
            }
        case .conference:
            let n = rng.int(5...10), v = rng.chance(60) ? gva : vie
            sessions.append(Session(id: id, title: "\(t.title) \(number)", kind: t.kind, days: n...n, planned: n, venues: [gva, vie],
                                    venue: v, monday: false, contiguous: false))
        case .expertMeeting:
            let n = rng.int(1...3), r = rng.int(0...19), v = r < 14 ? gva : r < 17 ? ny : vie
            sessions.append(Session(id: id, title: "\(t.title) \(number)", kind: t.kind, days: n...n, planned: n, venues: [gva, ny, vie],
                                    venue: v, monday: false, contiguous: true))
        }
        if pres.isEmpty { pres = Array(repeating: nil, count: sessions.count) }
        var body = Body(id: id, template: t, sessions: sessions, pres: pres, spacing: spacing, entitlement: entitlement)
        // As many sessions as the season holds at this spacing (it always holds two).
        while body.sessions.count > 1 && slack(body) < 0 {
            body.sessions.removeLast()
            body.pres.removeLast()
        }
        if body.entitlement != nil { body.entitlement = body.sessions.reduce(0) { $0 + $1.planned } }
        return body
    }

    /// First and last traditional start of a body's sessions: from 14 January (4 February for
    /// bodies with pre-sessions, whose pre-session comes at least four weeks before), and ending
    /// by 20 December.
    static func seasonStart(_ b: Body) -> Int { b.pres.contains { $0 != nil } ? index("2019-02-04") : index("2019-01-14") }
    static let seasonEnd = index("2019-12-20")

    static func gap(_ b: Body, _ i: Int) -> Int { span(b.sessions[i].planned) + b.spacing + 7 }

    /// The days left to spread the body's sessions over, beyond their least gaps.
    static func slack(_ b: Body) -> Int {
        let k = b.sessions.count
        let gaps = (0..<(k - 1)).reduce(0) { $0 + gap(b, $1) }
        return seasonEnd - span(b.sessions[k - 1].planned) - seasonStart(b) - gaps
    }

    /// Draws the body's traditional dates and window widths: spread over the season, in order,
    /// at least the chain's spacing apart; on working weekdays (Mondays for treaty bodies).
    static func drawDates(_ b: inout Body, rng: inout SplitMix64) {
        let k = b.sessions.count, room = max(0, slack(b)), lo = seasonStart(b)
        let offsets = (0..<k).map { _ in rng.int(0...room) }.sorted()
        var base = lo
        for i in 0..<k {
            var t = base + offsets[i]
            if b.sessions[i].monday { t = monday(t) } else if day(t).weekday.index >= 5 { t += 7 - day(t).weekday.index }
            b.sessions[i].trad = t
            b.sessions[i].half = b.sessions[i].monday ? 7 * rng.int(1...3) : rng.int(7...21)
            if i + 1 < k { base += gap(b, i) }
            if b.pres[i] != nil {
                let t0 = b.sessions[i].trad
                b.pres[i]!.trad = monday(t0 - rng.int(28...min(112, t0 - index("2019-01-07"))))
                b.pres[i]!.half = 7 * rng.int(1...3)
            }
        }
    }

    // MARK: the witness's rooms

    /// Working days of the three venues, rooms and rooms taken, by day index of 2019.
    struct Rooms {
        var working: [[Bool]]
        var rooms: [Int]
        var taken: [[Int]]
        /// The General Assembly's high-level week: no drawn session meets then (a hard anyPlace rule).
        var blocked: [Bool]

        init() {
            working = (0..<3).map { v in
                let closed = Set(Season.holidays[v].map(Season.index))
                let off = Season.index(Season.closures[v].start)...Season.index(Season.closures[v].end)
                return (0..<Season.year).map { i in Season.day(i).weekday.index < 5 && !closed.contains(i) && !off.contains(i) }
            }
            rooms = [0, 0, 0]
            taken = Array(repeating: Array(repeating: 0, count: Season.year), count: 3)
            blocked = Array(repeating: false, count: Season.year)
            let hlw = Season.otherExternals[0]
            for i in Season.index(hlw.start)...Season.index(hlw.end) { blocked[i] = true }
        }

        /// The dates `n` working days from `start` at `v` occupy, or nil (a start that is no
        /// working day, a gap in a contiguous event, the year's end).
        func occupied(_ v: Int, _ start: Int, _ n: Int, contiguous: Bool) -> [Int]? {
            guard start >= 0, start < Season.year, working[v][start] else { return nil }
            var dates = [start], i = start
            while dates.count < n {
                i += 1
                guard i < Season.year else { return nil }
                if working[v][i] { dates.append(i) } else if contiguous { return nil }
            }
            return dates
        }

        /// The last date of `n` working days at `v` from the first working day on or after `start`
        /// (the year's last day when they run past it).
        func lastDate(_ v: Int, from start: Int, _ n: Int) -> Int {
            var count = 0, i = start
            while i < Season.year {
                if working[v][i] { count += 1; if count == n { return i } }
                i += 1
            }
            return Season.year - 1
        }

        func fits(_ v: Int, _ dates: [Int], fixed: Bool) -> Bool {
            dates.allSatisfy { taken[v][$0] < rooms[v] && (fixed || !blocked[$0]) }
        }

        mutating func take(_ p: Placed, _ sign: Int = 1) { for d in p.dates { taken[p.venue][d] += sign } }

        /// The start nearest `s.trad` (the earlier on a tie) inside its window of starts, not before
        /// `notBefore`, at the session's planned venue and at one of `lengths` (the first that
        /// fits anywhere in the window wins), whose dates have a room, avoid the high-level week,
        /// end by `latest` and, when given, inside `ends`.
        func find(_ s: Session, lengths: [Int], latest: Int, notBefore: Int, ends: ClosedRange<Int>? = nil) -> Placed? {
            let lo = max(s.trad - s.half, notBefore, 0), hi = min(s.trad + s.half, Season.year - 1)
            guard lo <= hi else { return nil }
            for n in lengths {
                for d in 0...max(s.trad - lo, hi - s.trad) {
                    for start in d == 0 ? [s.trad] : [s.trad - d, s.trad + d] where start >= lo && start <= hi {
                        if s.monday && Season.day(start).weekday != .mon { continue }
                        guard let dates = occupied(s.venue, start, n, contiguous: s.contiguous), dates.last! <= latest,
                              ends.map({ $0.contains(dates.last!) }) ?? true, fits(s.venue, dates, fixed: false) else { continue }
                        return Placed(start: start, venue: s.venue, dates: dates)
                    }
                }
            }
            return nil
        }
    }

    /// The last date of a session's window: its longest length from its latest start, at the
    /// venue of its venues where that ends last.
    static func latest(_ s: Session, _ r: Rooms) -> Int {
        s.venues.map { r.lastDate($0, from: min(s.trad + s.half, year - 1), s.days.upperBound) }.max()!
    }

    /// Places a body in the witness (sessions in order, each pre-session after its session);
    /// false, with nothing taken, when one does not fit.
    static func place(_ b: inout Body, _ r: inout Rooms) -> Bool {
        var prevEnd: Int? = nil
        var placed: [Placed] = []
        func undo() { for p in placed { r.take(p, -1) } }
        for i in b.sessions.indices {
            let s = b.sessions[i]
            let lengths = s.days.lowerBound == s.days.upperBound ? [s.planned] : Array((s.days.lowerBound...s.planned).reversed())
            guard let p = r.find(s, lengths: lengths, latest: latest(s, r), notBefore: prevEnd.map { $0 + b.spacing } ?? 0) else { undo(); return false }
            r.take(p)
            placed.append(p)
            b.sessions[i].placed = p
            prevEnd = p.dates.last!
            if let pre = b.pres[i] {
                // The pre-sessional working group ends 14 to 120 days before the session starts.
                guard let q = r.find(pre, lengths: [pre.planned], latest: latest(pre, r), notBefore: 0,
                                     ends: (p.start - 120)...(p.start - 14)) else { undo(); return false }
                r.take(q)
                placed.append(q)
                b.pres[i]!.placed = q
            }
        }
        return true
    }

    // MARK: the member

    /// What `generate` reports about a member.
    struct Stats {
        var events: Int
        var bodies: Int
        var rooms: [Int]
        /// Geneva's room-days the witness takes, and Geneva's working days.
        var gvaRoomDays: Int
        var gvaWorkingDays: Int
        var redraws: Int
        var load: Double { Double(gvaRoomDays) / Double(rooms[0] * gvaWorkingDays) }

        var line: String {
            "\(events) events (\(bodies) bodies and \(Season.fixedSessions.count) fixed sessions); rooms GVA \(rooms[0]), NY \(rooms[1]), VIE \(rooms[2]); "
                + "Geneva's load \(String(format: "%.3f", load)) (\(gvaRoomDays) of \(rooms[0] * gvaWorkingDays) room-days); \(redraws) bodies redrawn"
        }
    }

    /// Member (N, seed): the scenario/1 document, its witness calendar and its figures.
    static func generate(events n: Int, seed: UInt64) throws -> (scenario: JSONValue, witness: JSONValue, stats: Stats) {
        guard n >= fewest else { throw BenchError("--family season needs --events N with N ≥ \(fewest) (found \(n))") }
        var rng = SplitMix64(seed: seed &* 0xA076_1D64_78BD_642F &+ UInt64(n) &+ 0x5345_4153_4F4E)
        var r = Rooms()

        // The bodies: one of each template first (so that every rule's selector matches), then
        // drawn by weight until N events; a body that would pass N gives way to expert meetings.
        var bodies: [Body] = []
        var numbers = Array(repeating: 0, count: Template.allCases.count)
        var events = fixedSessions.count
        func add(_ t: Template, pre: Bool = false) {
            numbers[t.rawValue] += 1
            var b = drawBody(t, number: numbers[t.rawValue], rng: &rng, pre: pre)
            if b.events > n - events {
                numbers[t.rawValue] -= 1
                numbers[Template.expertMeeting.rawValue] += 1
                b = drawBody(.expertMeeting, number: numbers[Template.expertMeeting.rawValue], rng: &rng)
            }
            events += b.events
            bodies.append(b)
        }
        for t in Template.allCases { add(t, pre: t == .treatyBody) }
        let total = Template.weights.reduce(0, +)
        while events < n {
            var x = rng.int(0...(total - 1)), t = Template.treatyBody
            for (i, w) in Template.weights.enumerated() { if x < w { t = Template(rawValue: i)!; break }; x -= w }
            add(t)
        }
        for i in bodies.indices { drawDates(&bodies[i], rng: &rng) }

        // Rooms from the demand drawn.
        var demand = [0, 0, 0]
        for f in fixedSessions { demand[f.venue] += f.days }
        for b in bodies { for s in b.sessions + b.pres.compactMap({ $0 }) { demand[s.venue] += s.planned } }
        let workingDays = r.working.map { $0.filter { $0 }.count }
        r.rooms = (0..<3).map { v in max(2, Int((Double(demand[v]) / (targetLoad[v] * Double(workingDays[v]))).rounded())) }

        // The witness: the fixed sessions, then the bodies, long sessions first.
        var fixedPlaced: [Placed] = []
        for f in fixedSessions {
            guard let dates = r.occupied(f.venue, index(f.start), f.days, contiguous: false), r.fits(f.venue, dates, fixed: true) else {
                throw BenchError("season: fixed session \(f.id) does not fit")
            }
            let p = Placed(start: index(f.start), venue: f.venue, dates: dates)
            r.take(p)
            fixedPlaced.append(p)
        }
        let order = bodies.indices.sorted {
            let rank = [0, 1, 3, 4, 5, 2, 6]
            return (rank[bodies[$0].template.rawValue], $0) < (rank[bodies[$1].template.rawValue], $1)
        }
        var redraws = 0
        for i in order {
            var tries = 0
            while !place(&bodies[i], &r) {
                tries += 1
                redraws += tries == 1 ? 1 : 0
                guard tries <= 200 else { throw BenchError("season: no room for body \(bodies[i].id) of N=\(n), seed \(seed)") }
                drawDates(&bodies[i], rng: &rng)
            }
        }

        let name = name(events: n, seed: seed)
        let document = write(name: name, bodies: bodies, fixed: fixedPlaced, rooms: r, rng: &rng)
        var witness = Witness(venues: (0..<3).map { v in
            Witness.Venue(id: venueIDs[v], city: cities[v], closed: Set((0..<year).filter { !r.working[v][$0] }.map { day($0).ordinal }),
                          rooms: r.rooms[v])
        }, horizon: horizon)
        func record(_ id: String, _ p: Placed) {
            witness.add(.init(event: id, start: day(p.start), end: day(p.dates.last!), venue: p.venue, days: Double(p.dates.count)),
                        dates: p.dates.map(day))
        }
        for (f, p) in zip(fixedSessions, fixedPlaced) { record(f.id, p) }
        for b in bodies { for s in b.sessions + b.pres.compactMap({ $0 }) { record(s.id, s.placed!) } }
        let gvaRoomDays = r.taken[gva].reduce(0, +)
        let stats = Stats(events: events, bodies: bodies.count, rooms: r.rooms, gvaRoomDays: gvaRoomDays,
                          gvaWorkingDays: workingDays[gva], redraws: redraws)
        return (document, witness.document(scenario: name), stats)
    }

    // MARK: writing

    static func s(_ i: Int) -> JSONValue { .string(day(i).iso) }
    static func strings(_ xs: [String]) -> JSONValue { .array(xs.map(JSONValue.string)) }
    static func ids(_ xs: [String]) -> JSONValue { .object([("ids", strings(xs))]) }
    static func num(_ x: Int) -> JSONValue { .number(Double(x)) }

    /// The scenario/1 document: venues, the fixed sessions and the bodies' sessions (windows
    /// around the traditional dates), outside events, rules.
    static func write(name: String, bodies: [Body], fixed: [Placed], rooms r: Rooms, rng: inout SplitMix64) -> JSONValue {
        let venues: [JSONValue] = (0..<3).map { v in
            .object([("id", .string(venueIDs[v])), ("name", .string(venueNames[v])), ("city", .string(cities[v])),
                     ("closed", strings(holidays[v])),
                     ("unavailable", .array([.object([("start", .string(closures[v].start)), ("end", .string(closures[v].end)),
                                                      ("reason", .string("summer maintenance of the conference rooms"))])])),
                     ("rooms", num(r.rooms[v]))])
        }
        var events: [JSONValue] = [], externals: [JSONValue] = [], rules: [JSONValue] = []
        for (f, p) in zip(fixedSessions, fixed) {
            events.append(.object([("id", .string(f.id)), ("title", .string(f.title)), ("kind", .string(f.kind)), ("days", num(f.days)),
                                   ("venues", strings([venueIDs[f.venue]])), ("contiguous", .bool(false)),
                                   ("fixed", .object([("start", .string(f.start)), ("venue", .string(venueIDs[f.venue]))]))]))
            externals.append(.object([("id", .string("X-\(f.id)")), ("title", .string(f.title)), ("category", .string(f.category)),
                                      ("start", s(p.start)), ("end", s(p.dates.last!)), ("place", .string(venueIDs[f.venue]))]))
        }
        for x in otherExternals {
            externals.append(.object([("id", .string(x.id)), ("title", .string(x.title)), ("category", .string(x.category)),
                                      ("start", .string(x.start)), ("end", .string(x.end)), ("place", .string(x.place))]))
        }
        func event(_ e: Session) {
            var m: [(key: String, value: JSONValue)] = [
                ("id", .string(e.id)), ("title", .string(e.title)), ("kind", .string(e.kind)),
                ("days", e.days.count == 1 ? num(e.days.lowerBound) : .object([("min", num(e.days.lowerBound)), ("max", num(e.days.upperBound))])),
                ("venues", strings(e.venues.map { venueIDs[$0] })),
                ("window", .object([("earliest", s(max(0, e.trad - e.half))), ("latest", s(latest(e, r)))])),
            ]
            if !e.contiguous { m.append(("contiguous", .bool(false))) }
            if e.monday { m.append(("startWeekdays", strings(["mon"]))) }
            m.append(("preferredStart", s(e.trad)))
            events.append(.object(m))
        }
        func rule(_ m: [(key: String, value: JSONValue)]) { rules.append(.object(m)) }
        for b in bodies {
            for (s, pre) in zip(b.sessions, b.pres) {
                if let pre { event(pre) }
                event(s)
            }
            let ss = b.sessions.map(\.id)
            if ss.count > 1 {
                rule([("id", .string("\(b.id)-chain")), ("type", .string("chain")), ("events", strings(ss)), ("minDays", num(b.spacing))])
            }
            for (s, pre) in zip(b.sessions, b.pres) {
                guard let pre else { continue }
                rule([("id", .string("\(pre.id)-before")), ("type", .string("precedence")), ("before", .string(pre.id)),
                      ("after", .string(s.id)), ("minDays", num(14)), ("maxDays", num(120))])
            }
            if b.template == .rotatingTreatyBody && ss.count > 1 {
                rule([("id", .string("\(b.id)-rotation")), ("type", .string("rotation")), ("events", ids(ss))])
            }
            if let e = b.entitlement {
                rule([("id", .string("\(b.id)-days-max")), ("type", .string("totalDays")), ("events", ids(ss)), ("max", num(e))])
                rule([("id", .string("\(b.id)-days-min")), ("type", .string("totalDays")), ("hard", .bool(false)), ("weight", num(3)),
                      ("events", ids(ss)), ("min", num(e))])
            }
        }
        // Secretariat teams: the bodies of one area in a seeded order, three to a team (a last
        // lone body joins the team before it).
        var team = 0
        for area in 0..<3 {
            let members = rng.shuffled(bodies.filter { $0.template.area == area })
            var groups = stride(from: 0, to: members.count, by: 3).map { Array(members[$0..<min($0 + 3, members.count)]) }
            if groups.count > 1, groups.last!.count == 1 { groups[groups.count - 2] += groups.removeLast() }
            for g in groups {
                let ids = g.flatMap { b in zip(b.sessions, b.pres).flatMap { s, p in (p.map { [$0.id] } ?? []) + [s.id] } }
                guard ids.count > 1 else { continue }
                team += 1
                rule([("id", .string("team-\(team)")), ("type", .string("noOverlap")), ("hard", .bool(false)), ("weight", num(2)),
                      ("events", Season.ids(ids))])
            }
        }
        func kinds(_ ks: [String]) -> JSONValue { .object([("kinds", strings(ks))]) }
        func categories(_ cs: [String]) -> JSONValue { .object([("categories", strings(cs))]) }
        rule([("id", .string("human-rights-off-council-and-upr")), ("type", .string("avoidExternal")), ("hard", .bool(false)), ("weight", num(1)),
              ("events", kinds(humanRightsKinds)), ("external", categories(["HRC", "UPR"])), ("scope", .string("samePlace"))])
        rule([("id", .string("everyone-off-unga-high-level-week")), ("type", .string("avoidExternal")),
              ("events", kinds(drawnKinds)), ("external", .object([("ids", strings(["X-UNGA-74-HLW"]))]))])
        rule([("id", .string("economic-off-ece-plenary")), ("type", .string("avoidExternal")), ("hard", .bool(false)), ("weight", num(5)),
              ("events", kinds(economicKinds)), ("external", .object([("ids", strings(["X-ECE-68"]))])), ("bufferDays", num(2))])
        rule([("id", .string("meetings-off-big-meetings")), ("type", .string("avoidExternal")), ("hard", .bool(false)), ("weight", num(1)),
              ("events", kinds(["conference", "expert-meeting"])), ("external", categories(bigCategories))])
        return .object([
            ("format", .string("scenario/1")), ("name", .string(name)),
            ("horizon", .object([("start", .string(horizon.lowerBound.iso)), ("end", .string(horizon.upperBound.iso))])),
            ("venues", .array(venues)), ("events", .array(events)), ("external", .array(externals)),
            ("constraints", .array(rules)), ("objective", .object([("preferredStartWeight", num(1))])),
        ])
    }
}
