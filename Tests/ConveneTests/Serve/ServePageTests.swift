import Foundation
import Testing
@testable import Convene

/// The planner's page itself: served byte for byte from memory, and the script's names agree with
/// the page's (the browser check, `.ci/checks/serve_browser.py`, drives it in Chromium).
@Suite
struct ServePageTests {
    @Test("GET /, /app.js and /app.css are the page's bytes, the same on every request")
    func bytes() throws {
        let f = try ServeFixture(); defer { f.close() }
        for (path, body, type) in [("/", PlannerPage.html, "text/html"), ("/app.js", PlannerPage.script, "text/javascript"),
                                   ("/app.css", PlannerPage.style, "text/css")] {
            let first = f.request("GET", path), second = f.request("GET", path)
            #expect(first.status == 200, "\(path)")
            #expect(first.headers["content-type"]?.hasPrefix(type) == true, "\(path)")
            #expect(first.body == body && second.raw == first.raw, "\(path)")
        }
    }

    @Test("every element the script looks up by id is on the page or written by the script")
    func names() throws {
        let looked = Set(PlannerPage.script.matches(of: #/\$\('([A-Za-z0-9-]+)'\)/#).map { String($0.output.1) })
        let defined = Set((PlannerPage.html + PlannerPage.script).matches(of: #/id="([A-Za-z0-9-]+)"/#).map { String($0.output.1) })
        #expect(looked.count > 30)
        #expect(looked.subtracting(defined).isEmpty, "looked up but nowhere: \(looked.subtracting(defined).sorted())")
    }

    @Test("four zooms, the week after the month; a date box with back and forth; a count of the events shown")
    func season() {
        let zooms = PlannerPage.html.matches(of: #/data-zoom="([a-z]+)"/#).map { String($0.output.1) }
        #expect(zooms == ["year", "quarter", "month", "week"])
        for id in ["prev", "goto", "next", "shown"] { #expect(PlannerPage.html.contains("id=\"\(id)\""), "\(id)") }
        #expect(PlannerPage.html.contains("id=\"goto\" type=\"date\""))
        #expect(PlannerPage.script.contains("const SPAN = { year: 366, quarter: 92, month: 31, week: 7 };"))
    }
}
