/// The timeline of the calendar page: the horizon cut into rows (calendar quarters, or the
/// whole horizon when it is two months or less), each row one lane per venue, a lane per
/// category of outside events, and a lane of phases. Positions are percentages of the row, so
/// the page fits any width; overlapping items in one lane stack in sub-rows.
extension HTMLWriter {
    /// One box (or milestone diamond) in a lane.
    struct Item {
        var start: Day
        var end: Day
        var classes: String
        var label: String
        var title: String
        var milestone = false
        /// Where the label goes: inside, inside in small type, or beside the box (too narrow).
        var fit = LabelFit.inside
    }

    /// Where a label fits, judged for a 1600-pixel window (the page itself has no script).
    enum LabelFit { case inside, small, outside }

    /// Roughly how wide a row's day is in pixels at 1600 pixels, for `labelFit`.
    static func pixelsPerDay(_ segments: [DateRange]) -> Double { 1420 / Double(segments.map(\.count).max() ?? 92) }

    /// Whether `label` fits in a box `days` wide: at 11 px (about 7 px a character), at 9 px
    /// (about 5.8), or not at all.
    static func labelFit(_ label: String, days: Int, pixelsPerDay: Double) -> LabelFit {
        let width = Double(days) * pixelsPerDay
        if Double(label.count) * 7 + 4 <= width { return .inside }
        if Double(label.count) * 5.8 + 2 <= width { return .small }
        return .outside
    }

    /// One lane: a label, its items (each with its sub-row), and its hatched non-working days.
    struct Lane {
        var label: String
        var detail: String
        var classes: String
        var items: [Item]
        var rowOf: [Int] = []
        var rows = 1
        var closed: [DateRange] = []
        /// Dates marked red: a scheduled event here shares them with an outside event.
        var clashDays: [Day] = []

        /// Packs items into sub-rows, first fit in start order, so that none overlap.
        mutating func pack(pixelsPerDay: Double) {
            var ends: [Day] = []
            rowOf = items.map { item in
                // Leave room for a label drawn beside its box or milestone.
                let beside = item.milestone || item.fit == .outside
                let room = beside ? Int((Double(item.label.count) * 6.5 + 12) / pixelsPerDay) + 1 : 0
                let last = item.end + room
                if let r = ends.firstIndex(where: { $0 < item.start }) { ends[r] = last; return r }
                ends.append(last)
                return ends.count - 1
            }
            rows = max(1, ends.count)
        }
    }

    static let rowHeight = 18

    /// The rows of the timeline: calendar quarters covering `range`, or `range` itself when short.
    static func segments(_ range: DateRange) -> [DateRange] {
        guard range.count > 62 else { return [range] }
        var out: [DateRange] = []
        let c = range.start.civil
        var y = c.year, q = (c.month - 1) / 3
        while let s = Day(year: y, month: q * 3 + 1, day: 1), s <= range.end {
            let next = q == 3 ? Day(year: y + 1, month: 1, day: 1)! : Day(year: y, month: q * 3 + 4, day: 1)!
            out.append(DateRange(s, next - 1))
            q += 1
            if q == 4 { q = 0; y += 1 }
        }
        return out
    }

    /// `n / d` as a percentage with three decimals, computed in integers so that the bytes never
    /// depend on floating-point printing.
    static func pct(_ n: Int, _ d: Int) -> String {
        let v = (max(0, n) * 100_000 + d / 2) / d
        let frac = v % 1000
        return "\(v / 1000).\(frac < 10 ? "00" : frac < 100 ? "0" : "")\(frac)%"
    }

    /// `left` and `width` of the dates `start...end` inside segment `seg`, or nil when outside.
    static func place(_ start: Day, _ end: Day, in seg: DateRange) -> String? {
        let lo = max(start, seg.start), hi = min(end, seg.end)
        guard lo <= hi else { return nil }
        return "left:\(pct(lo - seg.start, seg.count));width:\(pct(hi - lo + 1, seg.count))"
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// One row of the timeline: its header (months, Mondays), background (weekends, days outside
    /// the horizon, phases) and lanes.
    static func segmentHTML(_ seg: DateRange, horizon: DateRange, lanes: [Lane], phases: [(kind: String, cls: Int, range: DateRange)]) -> String {
        let c0 = seg.start.civil, c1 = seg.end.civil
        let name = seg.count > 62
            ? "\(c0.year)<br><small>\(monthNames[c0.month - 1].prefix(3))–\(monthNames[c1.month - 1].prefix(3))</small>"
            : "\(seg.start.iso)<br><small>to \(seg.end.iso)</small>"
        var out = "<section class=\"seg\">\n<div class=\"head\"><div class=\"lab segt\">\(name)</div><div class=\"axis\">"
        var d = seg.start
        while d <= seg.end {
            let c = d.civil
            let monthEnd = min(seg.end, Day(year: c.year, month: c.month, day: Day.daysIn(year: c.year, month: c.month))!)
            out += "<div class=\"mon\" style=\"\(place(d, monthEnd, in: seg)!)\">\(monthNames[c.month - 1]) \(c.year)</div>"
            d = monthEnd + 1
        }
        for day in stride(from: seg.start.ordinal, through: seg.end.ordinal, by: 1).map(Day.init(ordinal:)) where day.weekday == .mon {
            out += "<div class=\"wk\" style=\"left:\(pct(day - seg.start, seg.count))\">\(day.civil.day)</div>"
        }
        out += "</div></div>\n<div class=\"body\"><div class=\"bg\">"
        for day in stride(from: seg.start.ordinal, through: seg.end.ordinal, by: 1).map(Day.init(ordinal:)) {
            if day.weekday == .sat { out += "<div class=\"we\" style=\"\(place(day, day + 1, in: seg)!)\"></div>" }
            if day.weekday == .mon { out += "<div class=\"ml\" style=\"left:\(pct(day - seg.start, seg.count))\"></div>" }
        }
        if seg.start < horizon.start, let p = place(seg.start, horizon.start - 1, in: seg) { out += "<div class=\"oh\" style=\"\(p)\"></div>" }
        if seg.end > horizon.end, let p = place(horizon.end + 1, seg.end, in: seg) { out += "<div class=\"oh\" style=\"\(p)\"></div>" }
        for ph in phases { if let p = place(ph.range.start, ph.range.end, in: seg) { out += "<div class=\"ph k\(ph.cls)\" style=\"\(p)\"></div>" } }
        out += "</div>\n"
        for lane in lanes { out += laneHTML(lane, seg) }
        return out + "</div></section>\n"
    }

    /// One lane of one row: its label, hatched closed days, red clash dates and items.
    static func laneHTML(_ lane: Lane, _ seg: DateRange) -> String {
        var out = "<div class=\"lane \(lane.classes)\"><div class=\"lab\"><b>\(escape(lane.label))</b>"
        if !lane.detail.isEmpty { out += " <small>\(escape(lane.detail))</small>" }
        out += "</div><div class=\"track\" style=\"height:\(lane.rows * rowHeight + 4)px\">"
        for r in lane.closed { if let p = place(r.start, r.end, in: seg) { out += "<div class=\"closed\" style=\"\(p)\"></div>" } }
        for d in lane.clashDays { if let p = place(d, d, in: seg) { out += "<div class=\"cday\" style=\"\(p)\"></div>" } }
        for (i, item) in lane.items.enumerated() {
            guard let p = place(item.start, item.end, in: seg) else { continue }
            var cls = item.classes
            if item.start < seg.start { cls += " cl" }
            if item.end > seg.end { cls += " cr" }
            let top = "top:\(lane.rowOf[i] * rowHeight + 2)px"
            if item.milestone {
                out += "<div class=\"ms \(cls)\" style=\"\(p);\(top)\" title=\"\(escape(item.title))\"><span>\(escape(item.label))</span></div>"
            } else if item.fit == .outside {
                out += "<div class=\"it ol \(cls)\" style=\"\(p);\(top)\" title=\"\(escape(item.title))\"><span>\(escape(item.label))</span></div>"
            } else {
                if item.fit == .small { cls += " sm" }
                // An outside event's place is shown only where at least three of its days are in this row.
                let shown = item.classes.hasPrefix("ext") && min(item.end, seg.end) - max(item.start, seg.start) < 2 ? "" : item.label
                out += "<div class=\"it \(cls)\" style=\"\(p);\(top)\" title=\"\(escape(item.title))\">\(escape(shown))</div>"
            }
        }
        return out + "</div></div>\n"
    }

    /// The dates a venue does not meet that are not a Saturday or Sunday (which every row shades
    /// anyway): its holidays, its unavailable ranges and any other weekend days, as runs.
    static func closedRuns(_ venue: Venue, in range: DateRange) -> [DateRange] {
        var runs: [DateRange] = []
        var d = range.start
        while d <= range.end {
            if !venue.isOpen(d), d.weekday != .sat, d.weekday != .sun {
                if let last = runs.last, last.end == d - 1 { runs[runs.count - 1].end = d } else { runs.append(DateRange(d, d)) }
            }
            d = d + 1
        }
        return runs
    }

    /// Phases, derived from the events' kinds: each kind's span from its first scheduled start to
    /// its last end (milestones left out), taken in order of first start and kept when it does
    /// not overlap a phase already kept. For the GCM this gives the thematic consultations, the
    /// stocktaking, the negotiations and the conference; hearings, which run alongside, are not
    /// a phase.
    static func phases(_ rows: [ExportRow], kindClass: (String) -> Int) -> [(kind: String, cls: Int, range: DateRange)] {
        var spans: [(kind: String, range: DateRange)] = []
        for r in rows where !r.isMilestone && !r.kind.isEmpty {
            if let i = spans.firstIndex(where: { $0.kind == r.kind }) {
                spans[i].range = DateRange(min(spans[i].range.start, r.start), max(spans[i].range.end, r.end))
            } else {
                spans.append((r.kind, DateRange(r.start, r.end)))
            }
        }
        spans.sort { ($0.range.start, $0.kind) < ($1.range.start, $1.kind) }
        var kept: [(kind: String, cls: Int, range: DateRange)] = []
        for s in spans where !kept.contains(where: { $0.range.start <= s.range.end && s.range.start <= $0.range.end }) {
            kept.append((s.kind, kindClass(s.kind), s.range))
        }
        return kept
    }
}
