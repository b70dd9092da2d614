import Foundation
import Testing
@testable import Convene

/// The `"$schema"` field (docs/formats.md, "Convene's additions"): a scenario or calendar may name
/// the JSON Schema an editor validates it against; Convene reads it as a string and ignores it.
struct SchemaFieldTests {
    static let event = #"{"id": "A", "days": 2, "venues": ["GVA"]}"#

    /// The test document with a `"$schema"` member written first.
    static func scenario(schema: String) -> String {
        "{\"$schema\": \(schema), " + scenarioJSON(events: [event]).dropFirst()
    }

    static func calendar(schema: String) -> String {
        #"{"$schema": \#(schema), "format": "calendar/1", "scenario": "t", "assignments": [{"event": "A", "start": "2017-05-08", "venue": "GVA"}]}"#
    }

    static func scenarioProblems(_ text: String) -> [String] {
        do { _ = try ScenarioReader.read(Array(text.utf8)); return [] } catch { return error.problems.map(\.path) }
    }

    static func calendarProblems(_ text: String) -> [String] {
        do { _ = try CalendarFile.read(Array(text.utf8)); return [] } catch { return error.problems.map(\.path) }
    }

    @Test("a scenario naming its schema reads as the same scenario without it")
    func scenarioAccepted() throws {
        let with = try ScenarioReader.read(Array(Self.scenario(schema: #""../docs/schema/scenario-1.schema.json""#).utf8))
        let without = try ScenarioReader.read(Array(scenarioJSON(events: [Self.event]).utf8))
        #expect(with.events.map(\.id) == without.events.map(\.id))
        #expect(with.name == without.name)
    }

    @Test("a $schema that is not a string is refused at its path, in a scenario and in a calendar")
    func notAString() {
        let s = Self.scenarioProblems(Self.scenario(schema: "3"))
        #expect(s == ["$schema"], "\(s)")
        let c = Self.calendarProblems(Self.calendar(schema: #"{"x": 1}"#))
        #expect(c == ["$schema"], "\(c)")
    }

    @Test("a calendar naming its schema is read")
    func calendarAccepted() throws {
        let c = try CalendarFile.read(Array(Self.calendar(schema: #""../docs/schema/calendar-1.schema.json""#).utf8))
        #expect(c.assignments.map(\.event) == ["A"])
    }

    @Test("every bundled scenario and calendar names a schema file of the repository, by a relative path")
    func bundledFilesNameTheirSchema() throws {
        let root = try #require(ConveneBinary.packageRoot(), "package root not found")
        let folder = root.appendingPathComponent("Scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(!names.isEmpty)
        for name in names {
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any])
            let format = try #require(doc["format"] as? String, "\(name)")
            let schema = try #require(doc["$schema"] as? String, "\(name) has no $schema")
            let expected = format == "scenario/1" ? "scenario-1.schema.json" : "calendar-1.schema.json"
            #expect(schema == "../docs/schema/" + expected, "\(name): \(schema)")
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(schema).standardizedFileURL.path), "\(name): \(schema)")
        }
    }
}
