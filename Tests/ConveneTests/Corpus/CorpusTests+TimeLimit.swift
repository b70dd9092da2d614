import Foundation
import Testing
@testable import Convene

extension CorpusTests {
    /// Issue 7, "no hang": `solve --time-limit S` answers soon after S seconds, whatever the search,
    /// the conflict explanation or the compilation has left to do (README: `unknown` when the limit
    /// comes before any calendar; "the time limit came before a minimal conflict was found").
    /// The scenarios are the bundled work plan with one change, found by the fuzz campaign.
    struct TimeLimitTests {
        static let workPlan = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/gcm-work-plan.json")

        /// One field of one event of the work plan changed.
        struct Variant: Sendable, CustomTestStringConvertible {
            var name: String
            var event: String
            var key: String
            var value: JSONValue
            var testDescription: String { name }
        }

        static let variants: [Variant] = [
            // Infeasible (a 100-day meeting in May 2018): the conflict explainer compiles the model
            // again and again, past the limit.
            Variant(name: "IGN-MAY lasts 100 days", event: "IGN-MAY", key: "days", value: .number(100)),
            // TS2 leaves the thematic selectors: the search spends seconds inside one node.
            Variant(name: "TS2 is no longer thematic", event: "TS2", key: "kind", value: .string("2017-09-21")),
        ]

        /// `document` with `key` of the event `id` set to `value`.
        static func setting(_ document: JSONValue, event id: String, _ key: String, to value: JSONValue) -> JSONValue {
            guard case .object(var members) = document, let e = members.firstIndex(where: { $0.key == "events" }),
                  case .array(var events) = members[e].value else { return document }
            events = events.map { event in
                guard event["id"] == .string(id), case .object(var fields) = event else { return event }
                if let k = fields.firstIndex(where: { $0.key == key }) { fields[k].value = value } else { fields.append((key, value)) }
                return .object(fields)
            }
            members[e].value = .array(events)
            return .object(members)
        }

        /// The limit given to `solve`, and the wall-clock time it may take in a debug build: reading
        /// and compiling the work plan take about 0.3 s there.
        static let limit = 0.5, deadline = 5.0

        @Test("solve --time-limit 0.5 answers within 5 s", arguments: variants)
        func answersInTime(_ v: Variant) async throws {
            let base = try JSONParser.parse(try #require(contents(Self.workPlan)))
            let changed = Self.setting(base, event: v.event, v.key, to: v.value)
            #expect(changed != base, "the work plan has no event \(v.event)")
            let file = TempFile(JSONWriter.write(changed))
            defer { file.remove() }
            _ = try ScenarioReader.read(Array(JSONWriter.write(changed).utf8))
            let run = try await runConvene(["solve", file.path, "--time-limit", String(Self.limit)], within: 20)
            #expect(!run.crashed && !run.timedOut, "\(v.name): \(run)")
            #expect(run.seconds < Self.deadline, "\(v.name): --time-limit \(Self.limit) took \(String(format: "%.1f", run.seconds)) s: \(run)")
            #expect([0, 1, 3].contains(run.status), "\(v.name): \(run)")
        }
    }
}
