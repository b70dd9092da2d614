/// Writes a calendar as one self-contained HTML page to look at: no script, no font, no image,
/// no network; the same input gives the same bytes.
///
/// At the top, the scenario, the calendar's status and cost, whether the hard rules hold, and
/// counts of clashes, near misses and unscheduled events; then a legend; then the whole horizon
/// as a timeline (see `segmentHTML`), one lane per venue (and one for milestones held nowhere),
/// scheduled events coloured by kind, outside events in a lane per category, clashes outlined
/// in red with their dates marked, near misses (within `nearMissDays`) outlined in dashed amber,
/// phases shaded (see `phases`), weekends and each venue's closed days hatched; details on hover
/// (`title` attributes). Below, tables of the clashes, near misses, costs, broken rules and
/// unscheduled events, so that the page also reads without hovering.
public enum HTMLWriter {
    /// The page of `file`. With `scenario`, `report` is its check report (computed when nil).
    /// Without a scenario, lanes are the calendar's venues and the range its own dates.
    public static func write(_ file: CalendarFile, scenario: Scenario?, report: CheckReport? = nil, nearMissDays: Int = 7) -> String {
        let rows = ExportRow.rows(file, scenario: scenario)
        let report = report ?? scenario.map { Evaluator($0).check(file) }
        let near = scenario.flatMap { s in report.map { nearMisses(file, scenario: s, report: $0, within: nearMissDays) } } ?? []
        var kinds: [String] = []
        for k in (scenario?.events.map(\.kind) ?? []) + rows.map(\.kind) where !k.isEmpty && !kinds.contains(k) { kinds.append(k) }
        func kindClass(_ k: String) -> Int { kinds.firstIndex(of: k).map { $0 % palette.count } ?? palette.count }

        var range = scenario?.horizon ?? DateRange(rows.first?.start ?? Day(ordinal: 0), rows.map(\.end).max() ?? Day(ordinal: 0))
        for r in rows { range = DateRange(min(range.start, r.start), max(range.end, r.end)) }
        let horizon = scenario?.horizon ?? range
        let phases = phases(rows, kindClass: kindClass)
        let lanes = buildLanes(rows, scenario: scenario, report: report, near: near, phases: phases, range: range, kindClass: kindClass)

        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(escape(file.scenario)) — Convene calendar</title>\n<style>\n\(css(kinds.count))</style>\n</head>\n<body>\n"
        out += summary(file, rows: rows, report: report, near: near, nearMissDays: nearMissDays, scenario: scenario)
        let byKind = Dictionary(grouping: scenario?.events ?? [], by: \.kind)
        let milestoneKinds = Set(byKind.filter { $0.value.allSatisfy(\.isMilestone) }.keys)
        out += legend(kinds, milestoneKinds: milestoneKinds, kindClass: kindClass, hasOutside: !(scenario?.externals.isEmpty ?? true),
                      hasPhases: !phases.isEmpty, judged: report != nil)
        out += "<main class=\"timeline\">\n"
        for seg in segments(range) { out += segmentHTML(seg, horizon: horizon, lanes: lanes, phases: phases) }
        out += "</main>\n" + tables(report: report, near: near, scenario: scenario, file: file)
        out += "<footer>Made by Convene from calendar/1 \(escape(file.scenario)). Hover over an event for its details.</footer>\n</body>\n</html>\n"
        return out
    }

    /// The near misses the page marks: (event, outside event) pairs that an `avoidExternal` rule
    /// covers (both selected, and the same place under `samePlace`) and that do not clash but
    /// come within `within` calendar days (the gap between the nearer ends, as `clashes --within`
    /// measures it; that command lists pairs of any category, ruled or not).
    static func nearMisses(_ file: CalendarFile, scenario: Scenario, report: CheckReport, within: Int) -> [NearMiss] {
        let schedule = Evaluator(scenario).schedule(from: file).0
        let clashing = Set(report.clashes.map { "\($0.event)\u{0}\($0.external)" })
        var seen = Set<String>()
        var out: [NearMiss] = []
        for c in scenario.constraints {
            guard let a = c.rule.avoidance else { continue }
            for e in a.events {
                guard let p = schedule[e], !p.isMilestone else { continue }
                for xi in a.externals where a.applies(scenario.externals[xi], toVenue: p.venue, in: scenario) {
                    let x = scenario.externals[xi], r = x.dates!
                    let key = "\(scenario.events[e].id)\u{0}\(x.id)"
                    let gap = r.start > p.end ? r.start - p.end : p.start > r.end ? p.start - r.end : 0
                    guard gap <= within, !clashing.contains(key), seen.insert(key).inserted else { continue }
                    out.append(NearMiss(event: scenario.events[e].id, external: x.id, category: x.category, place: x.place,
                                        gap: gap, eventDates: DateRange(p.start, p.end), externalDates: r))
                }
            }
        }
        return out.sorted { ($0.eventDates.start, $0.gap, $0.external, $0.event) < ($1.eventDates.start, $1.gap, $1.external, $1.event) }
    }

    /// Colours of the kinds, in order of first appearance (Okabe–Ito and a few more; red is kept
    /// for clashes). Each is (background, text).
    static let palette: [(String, String)] = [("#0072B2", "#fff"), ("#009E73", "#fff"), ("#E69F00", "#111"), ("#CC79A7", "#111"),
                                              ("#56B4E9", "#111"), ("#7F3C8D", "#fff"), ("#8C564B", "#fff"), ("#B8A000", "#111")]

    /// The lanes: phases, venues (scenario order, then venues the scenario lacks, then "no venue"),
    /// then one per category of dated outside events, in order of first appearance.
    static func buildLanes(_ rows: [ExportRow], scenario: Scenario?, report: CheckReport?, near: [NearMiss],
                           phases: [(kind: String, cls: Int, range: DateRange)], range: DateRange, kindClass: (String) -> Int) -> [Lane] {
        var lanes: [Lane] = []
        if !phases.isEmpty {
            lanes.append(Lane(label: "Phases", detail: "by kind", classes: "phases", items: phases.map {
                Item(start: $0.range.start, end: $0.range.end, classes: "phi k\($0.cls)", label: $0.kind,
                     title: "Phase: \($0.kind)\n\(span($0.range))")
            }))
        }
        var venueIDs: [String?] = scenario?.venues.map(\.id) ?? []
        for r in rows where r.venue != nil && !venueIDs.contains(r.venue) { venueIDs.append(r.venue) }
        if rows.contains(where: { $0.venue == nil }) || (scenario?.events.contains { $0.venues.isEmpty } ?? false), !venueIDs.contains(nil) {
            venueIDs.append(nil)
        }
        let clashes = report?.clashes ?? []
        for id in venueIDs {
            let venue = id.flatMap { v in scenario?.venues.first { $0.id == v } }
            var lane = Lane(label: id ?? "No venue", detail: venue.map { $0.city } ?? (id == nil ? "milestones" : ""), classes: "venue",
                            items: rows.filter { $0.venue == id }.map { item($0, report: report, near: near, scenario: scenario, kindClass: kindClass) })
            if let venue { lane.closed = closedRuns(venue, in: range) }
            lane.clashDays = Array(Set(clashes.filter { c in rows.contains { $0.event == c.event && $0.venue == id } }.flatMap(\.dates))).sorted()
            lanes.append(lane)
        }
        var categories: [String] = []
        for x in scenario?.externals ?? [] where x.dates != nil && !categories.contains(x.category) { categories.append(x.category) }
        for cat in categories {
            let items = (scenario?.externals ?? []).filter { $0.category == cat && $0.dates != nil }.map { x -> Item in
                let r = x.dates!
                var cls = "ext"
                var title = "\(x.id) — \(x.title)\n\(x.category) · \(x.place.isEmpty ? "place not given" : x.place)\n\(span(r))"
                let mine = clashes.filter { $0.external == x.id }
                let close = near.filter { $0.external == x.id }
                if !mine.isEmpty { cls += " clash" } else if !close.isEmpty { cls += " near" }
                for c in mine { title += "\nClash: \(c.event) on \(c.dates.map(\.iso).joined(separator: ", ")) [\(c.constraint)]" }
                for m in close { title += "\nNear miss: \(m.event), \(m.gap) day\(m.gap == 1 ? "" : "s") apart" }
                if let s = x.source { title += "\nSource: \(s)" }
                return Item(start: r.start, end: r.end, classes: cls, label: x.place, title: title)
            }
            lanes.append(Lane(label: cat, detail: "outside", classes: "outside", items: items))
        }
        let ppd = pixelsPerDay(segments(range))
        for i in lanes.indices {
            for j in lanes[i].items.indices where !lanes[i].items[j].classes.hasPrefix("ext") {
                let it = lanes[i].items[j]
                lanes[i].items[j].fit = labelFit(it.label, days: it.end - it.start + 1, pixelsPerDay: ppd)
            }
            lanes[i].items.sort { ($0.start, $0.end, $0.label) < ($1.start, $1.end, $1.label) }
            lanes[i].pack(pixelsPerDay: ppd)
        }
        return lanes
    }

    /// The box of one scheduled event, with its details for hovering.
    static func item(_ r: ExportRow, report: CheckReport?, near: [NearMiss], scenario: Scenario?, kindClass: (String) -> Int) -> Item {
        let clashes = report?.clashes ?? []
        var cls = "ev k\(kindClass(r.kind))"
        var title = r.title == r.event ? r.event : "\(r.event) — \(r.title)"
        title += "\n" + [r.kind.isEmpty ? nil : r.kind, r.lengthText, r.venue.map { v in
            [v, r.venueName == v ? nil : r.venueName, r.city].compactMap { $0 }.joined(separator: ", ")
        }].compactMap { $0 }.joined(separator: " · ")
        title += "\n" + (r.start == r.end ? r.start.iso : "\(r.start.iso) to \(r.end.iso)")
        let mine = clashes.filter { $0.event == r.event }, close = near.filter { $0.event == r.event }
        if !mine.isEmpty { cls += " clash" } else if !close.isEmpty { cls += " near" }
        if let report { title += r.findings(in: report).map { "\n" + $0 }.joined() }
        for m in close {
            title += "\nNear miss: \(m.external) (\(m.category), \(m.place)) \(span(m.externalDates)), \(m.gap) day\(m.gap == 1 ? "" : "s") apart"
        }
        if let scenario {
            let rules = r.rules(in: scenario)
            if !rules.isEmpty { title += "\nRules: " + rules.joined(separator: "; ") }
        }
        return Item(start: r.start, end: r.end, classes: cls, label: r.event, title: title, milestone: r.isMilestone)
    }

    /// The heading: scenario, horizon, and the facts a planner looks at first.
    static func summary(_ file: CalendarFile, rows: [ExportRow], report: CheckReport?, near: [NearMiss], nearMissDays: Int, scenario: Scenario?) -> String {
        var facts: [(String, String, String)] = [("Status", file.status, file.status == "optimal" || file.status == "feasible" ? "good" : "bad")]
        if let report {
            facts.append(("Cost", formatNumber(report.cost), report.cost == 0 ? "good" : ""))
            facts.append(("Hard rules", report.hardOK ? "all hold" : "\(report.hard.count) broken", report.hardOK ? "good" : "bad"))
            facts.append(("Scheduled",
                          "\(rows.count) of \(scenario?.events.count ?? rows.count)" + (report.complete ? "" : ", \(report.unscheduled.count) unscheduled"),
                          report.complete ? "good" : ""))
            facts.append(("Clashes", String(report.clashes.count), report.clashes.isEmpty ? "good" : "bad"))
            facts.append(("Near misses", "\(near.count) within \(nearMissDays) days", near.isEmpty ? "good" : "warn"))
        } else {
            facts.append(("Cost", file.cost.map(formatNumber) ?? "not given", ""))
            facts.append(("Scheduled", String(rows.count), ""))
        }
        var out = "<header>\n<h1>\(escape(file.scenario)) <small>calendar</small></h1>\n"
        if let h = scenario?.horizon { out += "<p class=\"horizon\">Horizon \(h.start.iso) to \(h.end.iso)</p>\n" }
        out += "<ul class=\"facts\">" + facts.map { "<li class=\"\($0.2)\"><span>\($0.0)</span> \(escape($0.1))</li>" }.joined() + "</ul>\n</header>\n"
        return out
    }

    /// The legend; a kind whose events are all milestones shows as a diamond.
    static func legend(_ kinds: [String], milestoneKinds: Set<String>, kindClass: (String) -> Int, hasOutside: Bool,
                       hasPhases: Bool, judged: Bool) -> String {
        var out = "<ul class=\"legend\">"
        for k in kinds {
            let shape = milestoneKinds.contains(k) ? "sw msw" : "sw"
            out += "<li><i class=\"\(shape) k\(kindClass(k))\"></i>\(escape(k))</li>"
        }
        if milestoneKinds.isEmpty { out += "<li><i class=\"sw msw\"></i>milestone (a date)</li>" }
        if hasOutside { out += "<li><i class=\"sw ext\"></i>outside event</li>" }
        if judged { out += "<li><i class=\"sw clash\"></i>clash (red: its dates)</li><li><i class=\"sw near\"></i>near miss</li>" }
        if hasPhases { out += "<li><i class=\"sw phs\"></i>phase (span of a kind)</li>" }
        out += "<li><i class=\"sw wesw\"></i>weekend</li>"
        out += judged ? "<li><i class=\"sw closed\"></i>venue closed</li><li><i class=\"sw oh\"></i>outside the horizon</li></ul>\n"
            : "<li><i class=\"sw oh\"></i>outside the calendar's dates</li></ul>\n"
        return out
    }

    /// Tables of what the timeline marks, readable without hovering.
    static func tables(report: CheckReport?, near: [NearMiss], scenario: Scenario?, file: CalendarFile) -> String {
        guard let report else { return "" }
        var out = "<section class=\"tables\">\n"
        func table(_ caption: String, _ head: [String], _ body: [[String]]) {
            guard !body.isEmpty else { return }
            out += "<table><caption>\(escape(caption))</caption><tr>" + head.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
            for r in body { out += "<tr>" + r.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
            out += "</table>\n"
        }
        table("Clashes", ["Event", "Venue", "Outside event", "Category", "Place", "Dates", "Rule"], report.clashes.map {
            [$0.event, $0.venue ?? "-", $0.external, $0.category, $0.place, $0.dates.map(\.iso).joined(separator: ", "),
             $0.constraint + ($0.hard ? " (hard)" : "")]
        })
        table("Near misses", ["Event", "Dates", "Outside event", "Category", "Place", "Its dates", "Gap"], near.map {
            [$0.event, span($0.eventDates), $0.external, $0.category, $0.place, span($0.externalDates), "\($0.gap) d"]
        })
        table("Costs", ["Rule", "Amount", "Weight", "Cost", "Detail"], report.soft.map {
            [$0.rule, formatNumber($0.amount), String($0.weight ?? 0), formatNumber($0.amount * Double($0.weight ?? 0)), $0.detail]
        })
        table("Broken hard rules", ["Rule", "Amount", "Detail"], report.hard.map { [$0.rule, formatNumber($0.amount), $0.detail] })
        table("Unscheduled", ["Event", "Kind", "Window", "Title"], report.unscheduled.map { id in
            let ev = scenario?.events.first { $0.id == id }
            return [id, ev?.kind ?? "", ev.map { span($0.window) } ?? "", ev?.title ?? ""]
        })
        return out + "</section>\n"
    }

    /// Text for HTML content and attribute values; a line break becomes `&#10;` (shown in titles).
    static func escape(_ s: some StringProtocol) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r\n": out += "&#10;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The page's style sheet, with one colour class per kind (`k0`, `k1`, …; the last for none).
    static func css(_ kindCount: Int) -> String {
        var out = """
        body{font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:16px 20px;color:#1d2329;background:#fff}
        h1{font-size:20px;margin:0 0 2px}h1 small{font-weight:400;color:#667}
        .horizon{margin:0 0 6px;color:#556}
        .facts,.legend{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:6px 10px}
        .facts li{padding:3px 9px;border-radius:12px;background:#eef1f4}.facts li span{color:#667;margin-right:3px}
        .facts .good{background:#e3f3e6}.facts .bad{background:#fbe3e1}.facts .warn{background:#fdf0d5}
        .legend{font-size:12px;color:#333;margin-bottom:12px}.legend li{display:flex;align-items:center;gap:4px}
        .sw{display:inline-block;width:18px;height:11px;border-radius:2px;box-sizing:border-box}
        .sw.msw{width:9px;height:9px;margin:0 3px;background:#334;transform:rotate(45deg)}.sw.ext{background:#9aa3ad}
        .sw.clash{border:2px solid #D55E00;background:#fff}.sw.near{border:2px dashed #C98A00;background:#fff}
        .sw.phs{background:#0072B2;opacity:.25}.sw.wesw{background:#eceef1}
        .timeline{border-top:1px solid #ccd}
        .seg{margin:0 0 10px;border-bottom:1px solid #ccd}
        .head,.lane{display:flex}
        .lab{flex:none;width:150px;padding:1px 8px 1px 0;box-sizing:border-box;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        .lab small{color:#667}.segt{font-weight:600;line-height:1.2;padding-top:3px}
        .axis{position:relative;flex:1;height:34px}
        .mon{position:absolute;top:2px;height:16px;border-left:1px solid #99a;padding-left:4px;box-sizing:border-box;\
        font-weight:600;white-space:nowrap;overflow:hidden}
        .wk{position:absolute;top:19px;font-size:10px;color:#778;padding-left:2px;border-left:1px solid #ccd;height:14px}
        .body{position:relative}
        .bg{position:absolute;left:150px;right:0;top:0;bottom:0;pointer-events:none}
        .bg div{position:absolute;top:0;bottom:0}
        .we{background:#eceef1}.ml{border-left:1px solid #e2e5ea}
        .oh,.sw.oh{background:repeating-linear-gradient(135deg,#d9dce1 0 4px,#f4f5f7 4px 8px)}
        .ph{opacity:.09}
        .lane{border-top:1px solid #eef0f3}.lane.outside .lab{color:#556}.lane.phases .lab{color:#556}
        .track{position:relative;flex:1}
        .track>div{position:absolute;box-sizing:border-box}
        .closed,.sw.closed{background:repeating-linear-gradient(45deg,#c9ced6 0 2px,transparent 2px 5px)}
        .track>.closed{top:0;bottom:0}
        .cday{bottom:0;height:4px;background:#D55E00}
        .it{height:\(rowHeight - 3)px;border-radius:3px;padding:0 2px;font-size:11px;line-height:\(rowHeight - 3)px;\
        white-space:nowrap;overflow:visible;font-weight:600;cursor:default}
        .it.cl{border-top-left-radius:0;border-bottom-left-radius:0}.it.cr{border-top-right-radius:0;border-bottom-right-radius:0}
        .it.sm{font-size:9px;padding:0 1px;letter-spacing:-.2px}
        .it.ext{background:#9aa3ad;color:#fff;font-weight:400;overflow:hidden;text-overflow:ellipsis}
        .it.phi{opacity:.85;font-weight:400;overflow:hidden;text-overflow:ellipsis}
        .it.ol{overflow:visible}.it.ol span{position:absolute;left:calc(100% + 3px);top:0;color:#1d2329;font-weight:600}
        .it.clash{outline:2px solid #D55E00;outline-offset:0;z-index:2}
        .it.near{outline:2px dashed #C98A00;outline-offset:0;z-index:1}
        .it:hover,.ms:hover{z-index:5;filter:brightness(1.12);box-shadow:0 0 0 2px #1d2329}
        .ms{height:\(rowHeight - 3)px;overflow:visible}
        .ms::before{content:"";position:absolute;left:50%;top:3px;width:9px;height:9px;margin-left:-5px;transform:rotate(45deg);background:currentColor}
        .ms span{position:absolute;left:calc(50% + 8px);top:0;font-size:11px;line-height:\(rowHeight - 3)px;white-space:nowrap;color:#1d2329}
        .tables{display:flex;flex-wrap:wrap;gap:14px;margin-top:14px}
        table{border-collapse:collapse;font-size:12px}caption{text-align:left;font-weight:600;padding:2px 0}
        th,td{border:1px solid #d6dae0;padding:2px 6px;text-align:left;vertical-align:top}th{background:#f1f3f6}
        footer{margin-top:14px;color:#778;font-size:11px}

        """
        for (i, (bg, fg)) in palette.enumerated() where i < max(kindCount, 1) {
            out += ".k\(i){background:\(bg);color:\(fg)}.ms.k\(i){background:none;color:\(bg)}.sw.k\(i){background:\(bg)}.ph.k\(i){background:\(bg)}\n"
        }
        out += ".k\(palette.count){background:#5b6b7b;color:#fff}.ms.k\(palette.count){background:none;color:#5b6b7b}\n"
        return out
    }
}
