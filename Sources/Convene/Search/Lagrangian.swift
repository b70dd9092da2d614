/// A Lagrangian relaxation of the venues' `rooms` (Fisher 1981, "The Lagrangian relaxation
/// method for solving integer programming problems").
///
/// The parts of a scenario share nothing but rooms. Give every venue-day a price λ ≥ 0 and let
/// each part pay λ for every room it takes; then
///
///     L(λ) = Σ parts' optima with the prices − Σ λ × rooms
///
/// is a lower bound of the whole scenario's optimum for any λ, because a calendar that keeps the
/// rooms pays at most λ × rooms. The prices follow Polyak's subgradient step towards the best
/// calendar known: λ += θ (upper − L(λ)) / ‖g‖² · g, where g is the rooms taken beyond those
/// there are; θ halves when the bound stalls.
///
/// Prices are fractions of a half-unit: every cost is multiplied by `scale` in the parts'
/// searches, and the prices are rounded to whole scaled units there, so the bound is exact
/// integer arithmetic. Each part gives a lower bound of its priced optimum: the optimum when
/// its search proves it, else the bound at its search's root (weaker, but a bound).
struct RoomsRelaxation {
    let scenario: Scenario
    let parts: [[Int]]
    /// Cost multiplier in the parts' searches.
    static let scale = 64

    /// Prices per venue-day, in half-units.
    private(set) var lambda: [VenueDay: Double] = [:]
    /// The prices rounded to whole units of `scale`, as the parts' searches pay them (and as the
    /// options' order of `Decomposed` ranks them): the one rounding.
    var prices: RoomPrices { RoomPrices(lambda.mapValues { Int(($0 * Double(Self.scale)).rounded()) }.filter { $0.value > 0 }) }
    /// The best bound so far, half-units.
    private(set) var bound: Int
    /// Polyak's step factor, halved when the bound stalls.
    private var theta = 1.0, stall = 0
    /// Rounds left: a count rather than a time, so that a search that completes takes the
    /// same path on every run.
    private var roundsLeft = Parameters.pricingRounds
    /// A line per round (the search's trace).
    var trace: ((String) -> Void)? = nil
    /// The parts' calendar at the current prices (it may take more rooms than there are), and L
    /// of those prices.
    private(set) var solution: Schedule
    private var value: Double
    /// Per event, the weight of each placement the rounds chose for it (round r weighs r) and the
    /// last round that chose it.
    private var votes: [[Placement: (weight: Int, last: Int)]]
    private var rounds = 0
    /// Per event, the placement the rounds chose most, later rounds weighing more (ties to the
    /// later choice): an average of the relaxed calendars, nearer the linear relaxation's
    /// solution than any one round's, which swings with the prices (primal averaging, as in
    /// Barahona and Anbil's volume algorithm). The calendar the prices suggest starts from it
    /// (2,000 one-off meetings: 4,661 against 4,742 from the last round's).
    var averaged: Schedule {
        guard rounds > 0 else { return solution }
        return votes.indices.map { e in votes[e].max { ($0.value.weight, $0.value.last) < ($1.value.weight, $1.value.last) }?.key ?? solution[e] }
    }

    /// Starts from zero prices: `start` is the calendar of the parts' unpriced optima and
    /// `initial` their sum (or 0 when not all are proven).
    /// `patience`: rounds without raising the bound above `initial` after which `improve` ends
    /// (nil for none).
    init(scenario: Scenario, parts: [[Int]], start: Schedule, initial: Int, patience: Int? = nil) {
        self.scenario = scenario; self.parts = parts; self.patience = patience
        solution = start; votes = Array(repeating: [:], count: start.count); bound = initial; value = Double(initial); self.initial = initial
    }

    /// The bound it started from, and the patience it was given.
    private let initial: Int
    private let patience: Int?
    private var raised: Bool { bound > initial }
    /// Its patience ran out with no round lifting the bound: more rounds are not worth their time.
    var gaveUp: Bool { patience != nil && !raised }

    /// Subgradient rounds until the bound reaches `upper` (the best calendar known, half-units),
    /// θ has shrunk below `Parameters.pricingLeastTheta` (converged: later calls do nothing), the rounds are spent,
    /// or `goOn` (asked before each round: the caller's budget) says no; may be called again with
    /// a better `upper` to go on where it left off.
    /// `solve(part, prices, hint)` returns a lower bound of the part's optimum (scaled cost) with
    /// the given whole prices per venue-day and its best calendar at them, or nil when it found
    /// none; `hint` is the last round's calendar, a warm start.
    mutating func improve(upper: Int, goOn: () -> Bool,
                          solve: (_ part: Int, _ prices: RoomPrices, _ hint: Schedule) -> (bound: Int, schedule: Schedule)?) {
        // Costs this large saturate in the parts' scaled searches: no bound to be had.
        guard Cost.mul(upper, Self.scale) < Cost.cap else { return }
        stall = 0
        var idle = 0
        // θ goes on from where it was: raising it again after convergence only undoes the prices
        // (K = 20's second call, from θ = 0.25, took 18 rounds and 3 s back to the same bound).
        while bound < upper, idle < patience ?? Int.max, theta > Parameters.pricingLeastTheta, roundsLeft > 0, goOn() {
            roundsLeft -= 1
            let used = VenueDay.usage(of: solution, in: scenario)
            // In a fixed order: sums of doubles depend on it, and dictionaries' order changes
            // from run to run.
            let keys = Set(used.keys).union(lambda.keys).sorted()
            var g: [VenueDay: Double] = [:]
            for key in keys {
                let excess = Double(used[key, default: 0] - scenario.venues[key.venue].rooms!)
                if excess > 0 || lambda[key, default: 0] > 0 { g[key] = excess }
            }
            let norm = keys.reduce(0) { $0 + (g[$1].map { $0 * $0 } ?? 0) }
            guard norm > 0 else { return }   // no excess and no price: the relaxed calendar keeps the rooms
            let step = theta * max(1, Double(upper) * Parameters.pricingTargetAbove - value) / norm
            for (key, gk) in g {
                // No room is worth more than the whole calendar: a cap that keeps prices finite.
                let l = min(Double(upper), max(0, lambda[key, default: 0] + step * gk))
                lambda[key] = l > 0 ? l : nil
            }
            let prices = self.prices
            var total = 0
            var next = Schedule(repeating: nil, count: scenario.events.count)
            for (k, part) in parts.enumerated() {
                guard let out = solve(k, prices, solution) else { return }
                total = Cost.add(total, out.bound)
                for (i, e) in part.enumerated() { next[e] = out.schedule[i] }
            }
            guard total < Cost.cap else { return }
            for (key, price) in prices.byDay {
                // A total that would leave the search's range gives no bound worth having.
                let paid = Cost.mul(price, scenario.venues[key.venue].rooms!)
                guard paid < Cost.cap, total - paid > -Cost.cap else { return }
                total -= paid
            }
            // Half-units, rounded up: the objective is whole in half-units.
            let roundBound = total >= 0 ? (total + Self.scale - 1) / Self.scale : -((-total) / Self.scale)
            value = Double(total) / Double(Self.scale)
            if roundBound > bound { bound = roundBound; stall = 0 } else { stall += 1 }
            trace?("pricing round \(Parameters.pricingRounds - roundsLeft): L = \(roundBound), bound \(bound), θ \(theta)")
            // Patience only while no round has lifted the bound: then the relaxation is too weak.
            if !raised { idle += 1 }
            if stall >= Parameters.pricingStallRounds { theta /= 2; stall = 0 }
            solution = next
            rounds += 1
            for (e, p) in next.enumerated() {
                if let p { votes[e][p] = ((votes[e][p]?.weight ?? 0) + rounds, rounds) }
            }
        }
    }
}
