/// The check report and the clash report as JSON (`check/1`) and as aligned tables.
extension CheckReport {
    public func json() -> String {
        func finding(_ f: Finding) -> JSONValue {
            var m: [(key: String, value: JSONValue)] = [("rule", .string(f.rule)), ("amount", .number(f.amount))]
            if let w = f.weight { m.append(("weight", .number(Double(w)))) }
            m.append(("detail", .string(f.detail)))
            m.append(("events", .array(f.events.map(JSONValue.string))))
            return .object(m)
        }
        return JSONWriter.write(.object([
            ("format", .string("check/1")), ("scenario", .string(scenario)),
            ("complete", .bool(complete)), ("hardOK", .bool(hardOK)), ("cost", .number(cost)),
            ("hard", .array(hard.map(finding))), ("soft", .array(soft.map(finding))),
            ("clashes", .array(clashes.map { $0.json })),
            ("unscheduled", .array(unscheduled.map(JSONValue.string))),
            ("notEvaluated", .array(notEvaluated.map { .object([("rule", .string($0.rule)), ("before", .string($0.before)), ("after", .string($0.after))]) })),
            ("undatedExternals", .array(undated.map(JSONValue.string))),
        ]))
    }

    public func table() -> String {
        var out = "Scenario \(scenario)\n"
        out += "Hard rules: \(hardOK ? "all hold" : "\(hard.count) broken")\n"
        out += "Complete:   \(complete ? "yes" : "no, \(unscheduled.count) unscheduled")\n"
        out += "Cost:       \(formatNumber(cost))\n"
        if !hard.isEmpty {
            out += "\nHARD (broken)\n" + TextTable(["RULE", "AMOUNT", "DETAIL"], hard.map { [$0.rule, formatNumber($0.amount), $0.detail] })
                .render(indent: "  ")
        }
        if !soft.isEmpty {
            out += "\nSOFT (cost)\n" + TextTable(["RULE", "AMOUNT", "WEIGHT", "COST", "DETAIL"], soft.map {
                [$0.rule, formatNumber($0.amount), String($0.weight ?? 0), formatNumber($0.amount * Double($0.weight ?? 0)), $0.detail]
            }).render(indent: "  ")
        }
        if !clashes.isEmpty { out += "\nCLASHES\n" + ClashEntry.table(clashes) }
        if !unscheduled.isEmpty { out += "\nUNSCHEDULED\n  " + unscheduled.joined(separator: ", ") + "\n" }
        if !notEvaluated.isEmpty {
            out += "\nNOT EVALUATED (a side is unscheduled)\n" + TextTable(["RULE", "BEFORE", "AFTER"], notEvaluated.map { [$0.rule, $0.before, $0.after] })
                .render(indent: "  ")
        }
        if !undated.isEmpty { out += "\nOUTSIDE EVENTS NOT YET DATED (never clash)\n  " + undated.joined(separator: ", ") + "\n" }
        return out
    }
}

extension ClashEntry {
    var json: JSONValue {
        .object([("constraint", .string(constraint)), ("hard", .bool(hard)), ("event", .string(event)), ("venue", venue.map(JSONValue.string) ?? .null),
                 ("external", .string(external)), ("category", .string(category)), ("place", .string(place)),
                 ("dates", .array(dates.map { .string($0.iso) }))])
    }

    static func table(_ clashes: [ClashEntry]) -> String {
        TextTable(["EVENT", "VENUE", "EXTERNAL", "CATEGORY", "PLACE", "DATES", "RULE"], clashes.map {
            [$0.event, $0.venue ?? "-", $0.external, $0.category, $0.place, $0.dates.map(\.iso).joined(separator: ", "),
             $0.constraint + ($0.hard ? " (hard)" : "")]
        }).render(indent: "  ")
    }
}

extension ClashReport {
    public func json() -> String {
        JSONWriter.write(.object([
            ("format", .string("clashes/1")), ("scenario", .string(scenario)),
            ("clashes", .array(clashes.map(\.json))),
            ("nearMisses", .array(nearMisses.map { m in .object([
                ("event", .string(m.event)), ("external", .string(m.external)), ("category", .string(m.category)),
                ("place", .string(m.place)), ("gap", .number(Double(m.gap))),
                ("eventDates", .array([.string(m.eventDates.start.iso), .string(m.eventDates.end.iso)])),
                ("externalDates", .array([.string(m.externalDates.start.iso), .string(m.externalDates.end.iso)])),
            ]) })),
            ("undatedExternals", .array(undated.map(JSONValue.string))),
        ]))
    }

    public func table(within: Int?) -> String {
        var out = "Scenario \(scenario): \(clashes.count) clash\(clashes.count == 1 ? "" : "es")\n"
        if !clashes.isEmpty { out += "\n" + ClashEntry.table(clashes) }
        if let within {
            out += "\nNear misses (within \(within) days): \(nearMisses.count)\n"
            if !nearMisses.isEmpty {
                out += "\n" + TextTable(["EVENT", "DATES", "EXTERNAL", "CATEGORY", "PLACE", "ITS DATES", "GAP"], nearMisses.map {
                    [$0.event, span($0.eventDates), $0.external, $0.category, $0.place, span($0.externalDates), "\($0.gap) d"]
                }).render(indent: "  ")
            }
        }
        if !undated.isEmpty { out += "\nNot yet dated (never clash): " + undated.joined(separator: ", ") + "\n" }
        return out
    }
}

func span(_ r: DateRange) -> String { r.start == r.end ? r.start.iso : "\(r.start.iso)..\(r.end.iso)" }
