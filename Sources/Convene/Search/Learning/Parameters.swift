/// Every tunable of the learning core, once, with the reason for its value (MiniSat keeps its
/// own at the top of `core/Solver.cc`). Budgets are counted in conflicts, never in seconds, so
/// that a run that completes is the same on every machine.
enum Parameters {
    /// Conflicts in the first Luby restart interval (Luby, Sinclair and Zuckerman 1993; Chuffed's
    /// `-f` uses 100 as well).
    static let restartBase = 100
    /// Learnt nogoods kept before the store is halved; grows by a tenth after each reduction.
    static let nogoodLimit = 4000
    /// …but no more than this many per event to start with: on a handful of events every nogood
    /// watches the same few, and a large store costs more to visit than it saves.
    static let nogoodLimitPerEvent = 40
    /// Event activity decay (VSIDS): 0.95 as in Pumpkin's autonomous search.
    static let activityDecay = 0.95
    /// Conflicts a large-neighbourhood dive may spend before the complete search resumes.
    /// (50, 200 and 1,000 measured alike on the hard family's K = 20 and 40.)
    static let diveConflicts = 200
    /// Dives after each restart, one after another, before the complete search resumes.
    /// (Measured on the hard family's K = 10 to 40, 30 s: 1 and 3 starve the dives at 1,000
    /// events, 30 starves the proofs at 500; only while the dives improve, else one.)
    static let divesPerRestart = 10
}
