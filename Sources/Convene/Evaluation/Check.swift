extension Evaluator {
    /// Turns a calendar file into a schedule, with the problems that belong to the file itself:
    /// `scenario` (another scenario's calendar), `unknown:ID`, `duplicate:ID` (the first counts),
    /// `venues:ID` for a venue the scenario lacks, `days:ID` for a length left out where the event
    /// has a choice, `calendar:ID` for an `end` that is not the last occupied date.
    public func schedule(from file: CalendarFile) -> (Schedule, [Finding]) {
        var schedule = Schedule(repeating: nil, count: scenario.events.count)
        var problems: [Finding] = []
        if file.scenario != scenario.name {
            problems.append(Finding(rule: "scenario", amount: 1, detail: "the calendar is for scenario \"\(file.scenario)\", not \"\(scenario.name)\""))
        }
        var extra: [Int: [Finding]] = [:]
        for a in file.assignments {
            guard let e = scenario.eventIndex(a.event) else {
                problems.append(Finding(rule: "unknown:\(a.event)", amount: 1, detail: "the scenario has no event \(a.event)", events: [a.event]))
                continue
            }
            guard schedule[e] == nil else {
                problems.append(Finding(rule: "duplicate:\(a.event)", amount: 1, detail: "\(a.event) is given twice; the first counts", events: [a.event]))
                continue
            }
            let ev = scenario.events[e]
            var venue: Int? = nil
            if let v = a.venue {
                venue = scenario.venueIndex(v)
                if venue == nil {
                    extra[e, default: []].append(Finding(.venues, of: ev.id, detail: "\(ev.id) is held at \(v), a venue the scenario does not have"))
                }
            }
            var days = a.days ?? ev.length.shortest
            if a.days == nil, case .range = ev.length {
                extra[e, default: []].append(Finding(.days, of: ev.id, detail: "\(ev.id) gives no length; it must last \(describe(ev.length))"))
                days = ev.length.shortest
            }
            var p = place(start: a.start, venue: venue, days: days)
            if p == nil {
                extra[e, default: []].append(Finding(.calendar, of: ev.id,
                                                     detail: "\(ev.id): its venue does not meet \(formatNumber(days)) days after \(a.start.iso)"))
                p = Placement(start: a.start, end: a.end ?? a.start, venue: venue, days: days, occupied: [a.start])
            } else if let end = a.end, end != p!.end {
                let detail = "\(ev.id) ends \(end.iso) in the calendar, but its \(formatNumber(days)) working day(s) from \(a.start.iso) end \(p!.end.iso)"
                extra[e, default: []].append(Finding(.calendar, of: ev.id, detail: detail))
            }
            schedule[e] = p
        }
        // One problem per reason and event: merge the file's own with the structural ones later.
        for (_, fs) in extra.sorted(by: { $0.key < $1.key }) { problems += fs }
        return (schedule, problems)
    }

    /// The check report of a calendar file against the scenario.
    public func check(_ file: CalendarFile) -> CheckReport {
        let (schedule, problems) = schedule(from: file)
        var report = evaluate(schedule, problems: problems)
        // A reason found both while reading and by the structure rules is one problem.
        var seen = Set<String>()
        report.hard = report.hard.filter { f in
            guard f.weight == nil, case .reason = ConflictElementID(f.rule, in: scenario) else { return true }
            return seen.insert(f.rule).inserted
        }
        report.hardOK = report.hard.isEmpty
        return report
    }
}
