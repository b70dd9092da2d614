/// The search's costs: whole half-units (so that half days are exact), saturating at `cap`
/// instead of overflowing. Weights and amounts up to 10^9 each make single terms near 10^18;
/// sums of such terms would overflow `Int`. Above the cap costs compare equal, so the search
/// cannot rank calendars whose costs all exceed about 5.8 × 10^17; the evaluator's own figures
/// (in `Double`) are still what is printed.
enum Cost {
    static let cap = 1 << 60

    @inline(__always) static func add(_ a: Int, _ b: Int) -> Int { min(cap, a + b) }

    @inline(__always) static func mul(_ a: Int, _ b: Int) -> Int {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow || r > cap ? cap : r
    }

    /// Half-units of an amount in days or a cost: `2 × value`, rounded, capped.
    @inline(__always) static func halves(_ value: Double) -> Int {
        let h = (value * 2).rounded()
        return h >= Double(cap) ? cap : Int(h)
    }

    /// Whether the evaluator's `cost` is the search's `objective` (half-units): exactly below
    /// 2^53, to the double's precision above, and always when the objective is capped.
    static func matches(_ cost: Double, _ objective: Int?) -> Bool {
        guard let objective else { return false }
        if objective >= cap { return true }
        let h = cost * 2
        return h < 9.0e15 ? h == Double(objective) : abs(h - Double(objective)) <= h * 1e-12
    }
}
