import Dispatch
import Foundation
import Synchronization

/// Ctrl-C: the first stops a running search, which then answers as if its time limit had come
/// (with the best calendar so far); a second ends the process at once (status 130).
enum Interrupt {
    private static let count = Atomic<Int>(0)
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    static func install() {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "convene.interrupt"))
        s.setEventHandler(handler: handle)
        s.resume()
        source = s
    }

    @Sendable private static func handle() {
        if count.add(1, ordering: .relaxed).newValue > 1 { exit(130) }
        CLI.interrupt.raise()
    }
}
