/// A sweep as one self-contained HTML page: no script, no font, no image, no network; the same
/// rows give the same bytes.
///
/// At the top, what was swept and the best date; then the candidate dates as a strip, one cell
/// per date in date order with a gap where weeks pass without a candidate, each coloured by its
/// what-if cost (green for the cheapest, red for the dearest, on one scale), infeasible dates
/// crossed out in grey, dates not answered hatched, the best outlined and starred; hovering a
/// cell shows what moves and which clashes come (`title`). Below, a legend and the table of every
/// date with the same facts, so that the page also reads without hovering.
public enum SweepHTML {
    public static func write(_ file: SweepFile, venue: String? = nil) -> String {
        let rows = file.rows
        let costs = rows.compactMap(\.whatIfCost)
        let lo = costs.min() ?? 0, hi = costs.max() ?? 0
        let what = "\(file.event)" + (venue.map { " at \($0)" } ?? "")
        var out = header(file, what: what)
        out += "</header>\n<main>\n<section class=\"strip\" aria-label=\"candidate dates\">\n"
        out += strip(rows, lo: lo, hi: hi)
        out += "</section>\n"
        out += legend(hasCosts: !costs.isEmpty, lo: lo, hi: hi)
        out += table(rows, lo: lo, hi: hi)
        out += "</tbody>\n</table>\n</main>\n"
        out += "<footer>Made by Convene from a sweep of \(e(what)) (sweep/1). Hover over a date for its details.</footer>\n</body>\n</html>\n"
        return out
    }

    /// The text escaped for HTML.
    private static func e(_ s: String) -> String { HTMLWriter.escape(s) }

    /// The colour of a what-if cost on the scale from `lo` (green) to `hi` (red).
    private static func colour(_ c: Double, lo: Double, hi: Double) -> String {
        let t = hi > lo ? (c - lo) / (hi - lo) : 0
        return "hsl(\(Int((120 * (1 - t)).rounded())), 70%, \(Int((72 - 12 * t).rounded()))%)"
    }

    /// A row's status as shown: its raw value, or "not run".
    private static func status(_ r: SweepRow) -> String { r.status?.rawValue ?? "not run" }

    /// The hover text of a date: its status, costs, moves and new clashes, and whether it is best.
    private static func tip(_ r: SweepRow) -> String {
        var t = "\(r.date.iso) (\(r.date.weekday.rawValue)): \(status(r))"
        if let c = r.whatIfCost {
            t += "\nwhat-if cost \(formatNumber(c)) = cost \(formatNumber(r.cost ?? 0)) + disturbance \(formatNumber(r.disturbance ?? 0))"
            if let b = r.lowerBound { t += "\nno re-plan costs less than \(formatNumber(b))" }
            t += "\nmoves (\(r.moves.count)):" + (r.moves.isEmpty ? " none" : r.moves.map { "\n  \($0)" }.joined())
            t += "\nnew clashes (\(r.newClashes.count)):" + (r.newClashes.isEmpty ? " none" : r.newClashes.map { "\n  \($0)" }.joined())
        }
        if r.best { t += "\nbest" }
        return t
    }

    /// The page's head and the start of its header: what was swept, the counts, the best date.
    private static func header(_ file: SweepFile, what: String) -> String {
        let rows = file.rows
        let feasible = rows.filter { $0.whatIfCost != nil }.count
        let infeasible = rows.filter { $0.status == .infeasible }.count
        let open = rows.filter { $0.status == nil || ($0.status == .unknown) }.count
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(e(file.scenario)) — sweep of \(e(what)) — Convene</title>\n<style>\n\(css)</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>Sweep of \(e(what)) on \(e(file.scenario))</h1>\n"
        out += "<p class=\"facts\">\(rows.count) candidate dates: \(feasible) feasible, \(infeasible) infeasible"
        if open > 0 { out += ", \(open) not answered" }
        out += ".</p>\n"
        let best = rows.filter(\.best)
        if let b = best.first, let c = b.whatIfCost {
            out += "<p class=\"best\">Best: \(best.map { e($0.date.iso) }.joined(separator: ", ")) — what-if cost \(e(formatNumber(c)))"
            out += ", \(b.moved) other event\(b.moved == 1 ? "" : "s") moved.</p>\n"
        } else {
            out += "<p class=\"best\">No candidate date has a calendar.</p>\n"
        }
        return out
    }

    /// The strip's cells, one per date in order, with a label at each month and a gap where weeks pass.
    private static func strip(_ rows: [SweepRow], lo: Double, hi: Double) -> String {
        var out = ""
        var month = -1
        var previous: Day? = nil
        for r in rows {
            if r.date.monthIndex != month {
                month = r.date.monthIndex
                out += "<span class=\"month\">\(e(String(r.date.iso.prefix(7))))</span>\n"
            } else if let p = previous, r.date - p > 7 {
                out += "<span class=\"gap\"></span>\n"
            }
            previous = r.date
            var cls = "d"
            var style = ""
            var mark = String(r.date.iso.suffix(2))
            if let c = r.whatIfCost {
                style = " style=\"background:\(colour(c, lo: lo, hi: hi))\""
            } else if r.status == .infeasible {
                cls += " infeasible"
            } else {
                cls += " open"
            }
            if r.best { cls += " best"; mark = "★" + mark }
            out += "<span class=\"\(cls)\"\(style) title=\"\(e(tip(r)))\">\(mark)</span>\n"
        }
        return out
    }

    /// The legend: the cost scale when some date has a cost, then the marks of the other cells.
    private static func legend(hasCosts: Bool, lo: Double, hi: Double) -> String {
        func colour(_ c: Double) -> String { SweepHTML.colour(c, lo: lo, hi: hi) }
        var out = "<section class=\"legend\" aria-label=\"legend\">"
        if hasCosts {
            out += "<span class=\"d\" style=\"background:\(colour(lo))\">\(e(formatNumber(lo)))</span> cheapest "
            out += "<span class=\"scale\" style=\"background:linear-gradient(90deg, \(colour(lo)), \(colour((lo + hi) / 2)), \(colour(hi)))\"></span> "
            out += "<span class=\"d\" style=\"background:\(colour(hi))\">\(e(formatNumber(hi)))</span> dearest what-if cost; "
        }
        out += "<span class=\"d infeasible\">dd</span> infeasible; <span class=\"d open\">dd</span> not answered; "
        out += "<span class=\"d best\">★dd</span> best. Hover over a date for what moves and what clashes come.</section>\n"
        return out
    }

    /// The table of every date with the same facts as the strip, up to its last row.
    private static func table(_ rows: [SweepRow], lo: Double, hi: Double) -> String {
        var out = "<table>\n<caption>Every candidate date</caption>\n<thead><tr>"
        for h in ["Date", "Day", "Status", "What-if cost", "Cost", "Disturbance", "Moved", "What moves", "New clashes", ""] {
            out += "<th>\(e(h))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for r in rows {
            let cls = r.best ? " class=\"best\"" : r.status == .infeasible ? " class=\"infeasible\"" : ""
            var cells = [r.date.iso, r.date.weekday.rawValue, status(r)].map { "<td>\(e($0))</td>" }
            if let c = r.whatIfCost {
                cells.append("<td class=\"n\"><span class=\"swatch\" style=\"background:\(colour(c, lo: lo, hi: hi))\"></span>\(e(formatNumber(c)))</td>")
            } else {
                cells.append("<td></td>")
            }
            cells.append("<td class=\"n\">\(r.cost.map { e(formatNumber($0)) } ?? "")</td>")
            cells.append("<td class=\"n\">\(r.disturbance.map { e(formatNumber($0)) } ?? "")</td>")
            cells.append("<td class=\"n\">\(r.whatIfCost == nil ? "" : String(r.moved))</td>")
            cells.append("<td>\(r.moves.map(e).joined(separator: "<br>"))</td>")
            cells.append("<td>\(r.newClashes.map(e).joined(separator: "<br>"))</td>")
            cells.append("<td>\(r.best ? "best" : "")</td>")
            out += "<tr\(cls)>" + cells.joined() + "</tr>\n"
        }
        return out
    }

    static let css = """
    body { font: 14px/1.4 system-ui, sans-serif; margin: 16px 24px; color: #222; background: #fff; }
    h1 { font-size: 20px; margin: 0 0 4px; }
    .facts, .best { margin: 2px 0; }
    .strip { display: flex; flex-wrap: wrap; align-items: center; gap: 3px; margin: 16px 0 8px; }
    .month { font-weight: 600; margin: 0 4px 0 12px; font-size: 12px; color: #555; }
    .gap { width: 12px; }
    .d { display: inline-block; min-width: 26px; padding: 3px 2px; text-align: center; font-size: 12px; border: 1px solid #999;
         border-radius: 3px; background: #fff; cursor: default; }
    .d.infeasible { background: #ddd; color: #888; text-decoration: line-through; }
    .d.open { background: repeating-linear-gradient(45deg, #fff, #fff 3px, #ccc 3px, #ccc 6px); color: #666; }
    .d.best { border: 2px solid #000; font-weight: 700; }
    .legend { font-size: 12px; color: #444; margin-bottom: 16px; }
    .legend .d { min-width: 20px; }
    .scale { display: inline-block; width: 120px; height: 12px; vertical-align: middle; border: 1px solid #999; }
    table { border-collapse: collapse; font-size: 13px; }
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    th, td { border: 1px solid #ccc; padding: 2px 6px; vertical-align: top; text-align: left; }
    td.n { text-align: right; white-space: nowrap; }
    tr.best td { font-weight: 700; background: #f4fff4; }
    tr.infeasible td { color: #888; }
    .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border: 1px solid #999; vertical-align: middle; }
    footer { margin-top: 16px; font-size: 12px; color: #666; }

    """
}
