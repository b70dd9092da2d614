/// `monthlyQuota`: the selected events' days falling in each listed month meet its quota.
///
/// Spec, Fine print: a half-day event counts 0.5 in the month of its date; a longer event counts
/// 1 per occupied date, in the month that date falls in; milestones count nothing; unlisted
/// months are free.
public struct MonthlyQuota: ConstraintRule {
    public enum Mode: String, Sendable {
        case exactly, atLeast, atMost
        /// The mode in a sentence: "exactly", "at least", "at most".
        var words: String { self == .exactly ? "exactly" : self == .atLeast ? "at least" : "at most" }
    }
    public static let type = "monthlyQuota"

    public func sentence(in s: Scenario) -> String {
        "\(s.names(events)) must hold \(mode.words) " + quota.map { "\(formatNumber($0.value)) days in \($0.month)" }.joined(separator: ", ")
    }
    public var events: [Int]
    /// (`"YYYY-MM"`, quota), in file order.
    public var quota: [(month: String, value: Double)]
    public var mode: Mode

    public init(events: [Int], quota: [(month: String, value: Double)], mode: Mode = .exactly) {
        self.events = events; self.quota = quota; self.mode = mode
    }

    /// Days one placement contributes to `month` (a `"YYYY-MM"` key).
    public static func contribution(of p: Placement, to month: String) -> Double {
        guard let m = Day.monthIndex(of: month) else { return 0 }
        return contribution(of: p, toMonthIndex: m)
    }

    /// Days one placement contributes to the month of `Day.monthIndex` `m`.
    public static func contribution(of p: Placement, toMonthIndex m: Int) -> Double {
        if p.days == 0.5 { return p.occupied.first?.monthIndex == m ? 0.5 : 0 }
        return Double(p.occupied.reduce(0) { $0 + ($1.monthIndex == m ? 1 : 0) })
    }

    /// The amount of one month with `value` days against quota `q`.
    public func shortfall(_ value: Double, quota q: Double) -> Double {
        switch mode {
        case .exactly: return abs(value - q)
        case .atLeast: return Swift.max(0, q - value)
        case .atMost: return Swift.max(0, value - q)
        }
    }

    public func renumbered(_ map: [Int: Int]) -> (any ConstraintRule)? {
        renumber(events, map).map { MonthlyQuota(events: $0, quota: quota, mode: mode) }
    }

    public func evaluate(_ schedule: Schedule, in scenario: Scenario) -> Outcome {
        var o = Outcome()
        for (month, q) in quota {
            let m = Day.monthIndex(of: month)!
            let v = events.reduce(0.0) { sum, e in
                guard let p = schedule[e], !p.isMilestone else { return sum }
                return sum + MonthlyQuota.contribution(of: p, toMonthIndex: m)
            }
            let a = shortfall(v, quota: q)
            if a > 0 {
                o.amount += a
                let want = mode.words
                o.details.append("\(month) has \(formatNumber(v)) days of the selected events; \(want) \(formatNumber(q)) required")
            }
        }
        return o
    }
}

extension MonthlyQuota: Posted {
    /// One sum per listed month, in half-units, with the bounds its mode sets.
    func sums(in model: CompiledModel) -> [LinearSum] {
        let events = model.nonMilestones(self.events)
        return quota.map { month, q in
            let m = Day.monthIndex(of: month)!
            let lo = mode == .atMost ? nil : Int((q * 2).rounded(.up))
            let hi = mode == .atLeast ? nil : Int((q * 2).rounded(.down))
            return model.linearSum(events, lo: lo, hi: hi) { Int(MonthlyQuota.contribution(of: $0, toMonthIndex: m) * 2) }
        }
    }
    func propagators(of c: Constraint, in model: CompiledModel) -> [LearningPropagator] { sums(in: model).map(SumRule.init) }
    func softTerm(of c: Constraint, in model: CompiledModel) -> SoftTerm { .sums(sums(in: model).map { (c.weight, $0) }) }
}
