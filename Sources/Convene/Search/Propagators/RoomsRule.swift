/// `rooms` of one venue: a date holding `rooms` fixed events is closed to every other event
/// there, because of those fixed events (the pointwise explanation of a unit-demand cumulative,
/// Schutt et al.; Pumpkin `time_table/explanations/pointwise.rs`); one more is a conflict.
///
/// Incremental: the rooms used per day are trailed integers, counted when an event becomes fixed,
/// and a day that fills closes at once through its list of the options that occupy it; a wake
/// costs what the newly fixed events occupy, not the whole venue.
///
/// With `compulsory`, it also reads the compulsory parts (Schutt's time-table reasoning, Pumpkin
/// `time_table`): a date that every live option of an event occupies here counts one room, fixed
/// or not; more than the rooms is a conflict, because of those events' removed options that
/// would have left the date free. Failure detection only, over events of at most
/// `Parameters.compulsoryOptions` live options, and a scan of every event at each wake: set where few events
/// are searched (a conflict's tests), so that a set of pins whose lengths are free is refuted at
/// once rather than by enumerating the lengths.
final class RoomsRule: LearningPropagator {
    let watched: [Int]
    let rooms: Int
    var compulsory = false
    /// Per watched event, per option: the day offsets it occupies at this venue.
    private let occupied: [[[Int32]]]
    /// Per day offset, the options that occupy it, grouped by event (`coverers`), and each
    /// event's run among them (`runs`: its watched position and range), so that a fixed event
    /// is passed over at once (in a dive most of a venue's events are).
    private let coverers: [[Int32]]
    private let runs: [[(i: Int32, from: Int32, to: Int32)]]
    /// `close`'s options to remove of one event, kept to spare an allocation a call.
    private var hit: [Int] = []
    private let taken: [Int]
    /// Position of each event in `watched`, or -1.
    private let position: [Int]
    /// Trailed: rooms used per day offset; whether each watched event is counted.
    private var usedSlot: [Int] = [], countedSlot: [Int] = []

    init?(events: [Int], venue: Int, rooms: Int, taken: [Int: Int], options: [[Option]]) {
        // No date can overfill: a date `taken` does not list has none taken (a repair's extra
        // rooms make some negative), so the most taken on any date is at least 0.
        guard events.count + max(0, taken.values.max() ?? 0) > rooms else { return nil }
        var lo = Int.max, hi = Int.min
        for e in events { for o in options[e] where o.placement.roomVenue == venue {
            if let f = o.placement.occupied.first, let l = o.placement.occupied.last { lo = min(lo, f.ordinal); hi = max(hi, l.ordinal) }
        } }
        guard lo <= hi else { return nil }
        occupied = events.map { e in options[e].map { o in
            o.placement.roomVenue == venue ? o.placement.occupied.map { Int32($0.ordinal - lo) } : []
        } }
        var cover = Array(repeating: [Int32](), count: hi - lo + 1)
        var run = Array(repeating: [(i: Int32, from: Int32, to: Int32)](), count: hi - lo + 1)
        for (i, list) in occupied.enumerated() {
            for (o, days) in list.enumerated() {
                for d in days.map(Int.init) {
                    if run[d].last?.i != Int32(i) { run[d].append((Int32(i), Int32(cover[d].count), Int32(cover[d].count))) }
                    cover[d].append(Int32(o))
                    run[d][run[d].count - 1].to += 1
                }
            }
        }
        coverers = cover; runs = run
        var t = Array(repeating: 0, count: hi - lo + 1)
        for (d, n) in taken where d >= lo && d <= hi { t[d - lo] = n }
        self.taken = t
        var pos = Array(repeating: -1, count: options.count)
        for (i, e) in events.enumerated() { pos[e] = i }
        position = pos
        watched = events; self.rooms = rooms
    }

    func propagate(_ s: Engine, changed: [Int]) -> Bool {
        if usedSlot.isEmpty {
            usedSlot = taken.map { s.newInt($0) }
            countedSlot = watched.map { _ in s.newInt(0) }
        }
        for e in changed {
            let i = position[e]
            guard i >= 0, let o = s.value(e), s.ints[countedSlot[i]] == 0 else { continue }
            s.setInt(countedSlot[i], 1)
            for d in occupied[i][o] {
                let used = s.ints[usedSlot[Int(d)]] + 1
                s.setInt(usedSlot[Int(d)], used)
                if used > rooms { explainDay(s, d); return s.fail() }
                if used == rooms, !close(s, d) { return false }
            }
        }
        return !compulsory || compulsoryParts(s)
    }

    /// The compulsory parts' check (see the type's comment); false on a conflict.
    private func compulsoryParts(_ s: Engine) -> Bool {
        var at: [Int32: [Int]] = [:]
        for (i, e) in watched.enumerated() where s.size[e] <= Parameters.compulsoryOptions {
            // The days every live option occupies here (none when one is elsewhere: it occupies none here).
            var common: Set<Int32>? = nil
            s.forEachUntil(e) { o in
                let days = Set(occupied[i][o])
                common = common.map { $0.intersection(days) } ?? days
                return common!.isEmpty
            }
            for d in common ?? [] { at[d, default: []].append(i) }
        }
        for d in at.keys.sorted() {
            let list = at[d]!, free = rooms - taken[Int(d)]
            guard list.count > free else { continue }
            s.beginReason()
            for i in list.prefix(max(0, free + 1)) { s.explain(watched[i]) { o in !occupied[i][o].contains(d) } }
            return s.fail()
        }
        return true
    }

    /// Removes every open option occupying full day `d`, event by event, with the fixed events
    /// there as the reason; false on a conflict.
    private func close(_ s: Engine, _ d: Int32) -> Bool {
        let list = coverers[Int(d)]
        var reasoned = false
        for run in runs[Int(d)] {
            let e = watched[Int(run.i)]
            guard !s.isFixed(e) else { continue }
            hit.removeAll(keepingCapacity: true)
            for k in Int(run.from)..<Int(run.to) where s.live(e, Int(list[k])) { hit.append(Int(list[k])) }
            guard !hit.isEmpty else { continue }
            if !reasoned { explainDay(s, d); reasoned = true } else { s.restoreReason() }
            if !s.removeEach(e, where: { hit.contains($0) }) { return false }
        }
        return true
    }

    /// Starts a reason: the fixed events occupying day offset `d`. (Each one's compulsory part
    /// there, "its options leaving `d` free are gone", would be weaker, but this propagator
    /// counts fixed events only, so such a reason could not be re-derived by it: kept equal.)
    private func explainDay(_ s: Engine, _ d: Int32) {
        s.beginReason()
        let list = coverers[Int(d)]
        for run in runs[Int(d)] {
            let e = watched[Int(run.i)]
            guard let v = s.value(e), list[Int(run.from)..<Int(run.to)].contains(Int32(v)) else { continue }
            s.explainFixed(e)
        }
        s.keepReason()
    }
}
