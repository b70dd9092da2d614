import Dispatch
import Testing
@testable import ConveneCLI

/// `--time-limit` bounds the whole command: the search gets what reading the files left.
struct TimeLeftTests {
    @Test("the search's limit is the command's less the time already spent, never below zero")
    func timeLeft() {
        let twoSecondsAgo = DispatchTime(uptimeNanoseconds: DispatchTime.now().uptimeNanoseconds - 2_000_000_000)
        let left = Commands.left(of: 5, since: twoSecondsAgo)
        #expect(left > 2.5 && left <= 3.0, "5 s less 2 s spent: \(left)")
        #expect(Commands.left(of: 1, since: twoSecondsAgo) == 0)
        #expect(Commands.left(of: 1, since: DispatchTime.now()) > 0.9)
    }
}
