#!/usr/bin/env python3
"""The planner's page in headless Chromium, driven by a real WebDriver client (selenium).

1. The README's worked example on the page: open the bundled scenario with the published
   calendar as baseline; solve (optimal 8); click STOCK and see its strip (best 2017-12-04 at
   12, 20 November infeasible with the Mexican holiday as reason); choose 2017-11-21 (what-if
   cost 25, TS2 and STOCK moved); keep it; undo; export ICS (parsed by icalendar, the bytes of
   `convene export`); save to --out; Ctrl-C stops the server cleanly. Filters and zoom.
   An infeasible scenario's page shows the minimal conflict and the repairs.
2. A 1,000-event scenario: the page opens in under 2 s and filters without lag; Stop ends a solve.
3. A season of 1,000 sessions (`convene-bench generate --family season`, about 30 rows in
   Geneva): the page opens in under 2 s; the venue, kind and text filters (alone and together)
   each leave the number of events the files give, without overlapping boxes, fast; the ruler
   and the date box go to a month and a week; the week zoom labels every day and shows the id of
   every event of the week in full.
Fails on any console error. Screenshots go to --shots.

usage: serve_browser.py --convene PATH --big SCENARIO --big-baseline CALENDAR
                        [--season SCENARIO --season-baseline CALENDAR] [--shots DIR]
"""
import argparse, datetime, json, os, re, signal, subprocess, sys, tempfile, time, urllib.request

import icalendar
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

SCENARIO, BASELINE = "Scenarios/gcm-work-plan.json", "Scenarios/gcm-work-plan-calendar.json"
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)


def start_server(convene, args):
    proc = subprocess.Popen([convene, "serve", *args, "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        sys.exit("serve did not print its address: %r %s" % (line, proc.stderr.read()))
    return proc, "http://127.0.0.1:%s/" % m.group(1)


def stop_server(proc, what):
    proc.send_signal(signal.SIGINT)
    try:
        out, _ = proc.communicate(timeout=10)
        check(proc.returncode == 0 and "Stopped." in out, "%s: Ctrl-C stops the server cleanly (status %s)" % (what, proc.returncode))
    except subprocess.TimeoutExpired:
        proc.kill()
        check(False, "%s: the server did not stop on Ctrl-C" % what)


def browser():
    o = Options()
    o.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1600,1000"]:
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=o)


def console_errors(d, what):
    errors = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
    for e in errors:
        print("   console: " + e["message"])
    check(not errors, "%s: no console error" % what)


def wait(d, condition, what, timeout=60):
    try:
        WebDriverWait(d, timeout, poll_frequency=0.1).until(lambda _: condition())
        return True
    except Exception:
        check(False, "%s (waited %ss)" % (what, timeout))
        return False


def text(d, css):
    els = d.find_elements(By.CSS_SELECTOR, css)
    return els[0].text if els else ""


def filters_step(d):
    visible = "return [...document.querySelectorAll('.ev[data-event]:not(.hidden)')].map((e) => e.dataset.event)"
    lanes = "return [...document.querySelectorAll('.lane:not(.hidden)')].map((e) => e.dataset.lane)"
    Select(d.find_element(By.ID, "filter-kind")).select_by_value("stocktaking")
    check(d.execute_script(visible) == ["STOCK"], "kind filter: stocktaking shows STOCK alone (%s)" % d.execute_script(visible))
    Select(d.find_element(By.ID, "filter-kind")).select_by_value("")
    Select(d.find_element(By.ID, "filter-venue")).select_by_value("GVA")
    shown = d.execute_script(lanes)
    check("venue:GVA" in shown and not any(l.startswith("venue:") and l != "venue:GVA" for l in shown), "venue filter: the GVA lane alone (%s)" % shown)
    Select(d.find_element(By.ID, "filter-venue")).select_by_value("")
    d.find_element(By.ID, "filter-text").send_keys("stocktaking")
    check(d.execute_script(visible) == ["STOCK"], "text filter: 'stocktaking' finds STOCK by its title")
    d.find_element(By.ID, "filter-text").clear()
    d.execute_script("document.getElementById('filter-text').dispatchEvent(new Event('input'))")
    for zoom in ["month", "quarter", "year"]:
        d.find_element(By.CSS_SELECTOR, '[data-zoom="%s"]' % zoom).click()
    check(len(d.execute_script(visible)) == 10, "zoom and filters back: the 10 events of the published calendar")


def stop_step(d):
    d.find_element(By.ID, "solve").click()
    time.sleep(2)
    t0 = time.perf_counter()
    d.find_element(By.ID, "stop").click()
    if wait(d, lambda: text(d, "#proposal-status") != "", "Stop: the solve answers with what it has", 30):
        print("timing: Stop answered in %.1f s: %s" % (time.perf_counter() - t0, text(d, "#proposal-status")))
        check(text(d, "#proposal-status").split(" ")[0] in ("feasible", "optimal", "unknown"), "Stop: the solve's answer is shown")
    check(not d.find_element(By.ID, "stop").is_enabled(), "Stop: the button is off once the search answered")
    d.find_element(By.ID, "drop").click()


def open_page(convene, args, what):
    """Starts `convene serve` with args, opens its page and waits until it says it is ready."""
    proc, base = start_server(convene, args)
    d = browser()
    d.get(base)
    wait(d, lambda: d.execute_script("return document.body.dataset.ready === '1'"), what)
    return proc, base, d


def infeasible(convene, shots):
    import json
    s = json.load(open(SCENARIO))
    for e in s["events"]:
        if e["id"] == "STOCK":
            e["window"] = {"earliest": "2017-11-17", "latest": "2017-11-21"}  # 3 days, over a weekend and the Mexican holiday
    path = os.path.join(tempfile.mkdtemp(), "infeasible.json")
    json.dump(s, open(path, "w"))
    proc, base, d = open_page(convene, [path], "the infeasible scenario's page opens")
    try:
        d.find_element(By.ID, "solve").click()
        if wait(d, lambda: "infeasible" in text(d, "#proposal-status"), "solve answers infeasible"):
            items = [li.text for li in d.find_elements(By.CSS_SELECTOR, "#proposal ul.conflict li")]
            print("   conflict and repairs: %s" % items)
            check(any("STOCK" in t for t in items), "infeasible: the minimal conflict names STOCK's window, in sentences")
            check(len(d.find_elements(By.XPATH, "//h3[text()='What would fix it']")) == 1, "infeasible: the repairs are listed")
            check(not d.find_element(By.ID, "keep").is_enabled(), "infeasible: nothing to keep")
        d.save_screenshot(os.path.join(shots, "serve-infeasible.png"))
        console_errors(d, "infeasible scenario")
    finally:
        d.quit()
        stop_server(proc, "infeasible scenario")


def solve_step(d):
    d.find_element(By.ID, "solve").click()
    if wait(d, lambda: "optimal" in text(d, "#proposal-status"), "solve answers"):
        check(text(d, "#proposal-cost") == "8", "solve: optimal, cost 8 (page says %r)" % text(d, "#proposal-status"))
        check("best 8" in text(d, "#progress"), "solve: live progress shows the best cost and bound (%r)" % text(d, "#progress"))
    d.find_element(By.ID, "drop").click()
    wait(d, lambda: not d.find_element(By.ID, "proposal").is_displayed(), "drop hides the proposal")


def strip_step(d, shots):
    d.find_element(By.CSS_SELECTOR, '.ev[data-event="STOCK"]').click()
    # The README's range (the inputs start at the event's window, a month or so either side).
    d.execute_script("document.getElementById('sweep-from').value='2017-10-01';document.getElementById('sweep-to').value='2018-01-31'")
    d.find_element(By.ID, "sweep-run").click()
    if not wait(d, lambda: d.execute_script("return document.getElementById('strip').dataset.done === '1'"), "the strip completes", 120):
        return
    best = d.find_elements(By.CSS_SELECTOR, "#strip .day.best")
    check([b.get_attribute("data-date") for b in best] == ["2017-12-04"], "strip: best date 2017-12-04")
    check(best and best[0].get_attribute("data-cost") == "12", "strip: best what-if cost 12")
    check("best 2017-12-04 at 12" in text(d, "#strip-status"), "strip status: %r" % text(d, "#strip-status"))
    nov20 = d.find_element(By.CSS_SELECTOR, '#strip .day[data-date="2017-11-20"]')
    ActionChains(d).move_to_element(nov20).perform()
    title = nov20.get_attribute("title")
    check("infeasible" in title and "holiday at MEX" in title and "Revolucion" in title, "strip: 20 Nov infeasible, reason on hover: %r" % title)
    d.save_screenshot(os.path.join(shots, "serve-strip.png"))


def whatif_step(d, shots):
    d.find_element(By.CSS_SELECTOR, '#strip .day[data-date="2017-11-21"]').click()
    if not wait(d, lambda: text(d, "#whatif-cost") != "", "the what-if answers"):
        return
    check(text(d, "#whatif-cost") == "25", "what-if 2017-11-21: cost 25 (page says %s)" % text(d, "#whatif-cost"))
    moved = sorted(e.get_attribute("data-moved") for e in d.find_elements(By.CSS_SELECTOR, "#moved tr[data-moved]"))
    check(moved == ["STOCK", "TS2"], "what-if: TS2 and STOCK moved (%s)" % moved)
    check(len(d.find_elements(By.CSS_SELECTOR, ".ev.ghost")) > 0, "what-if: the proposed dates are drawn on the calendar")
    d.find_element(By.CSS_SELECTOR, '[data-zoom="month"]').click()
    check(d.execute_script("return document.getElementById('timeline').scrollLeft") > 0, "month zoom keeps the selected event in view")
    d.save_screenshot(os.path.join(shots, "serve-whatif.png"))


def keep_undo_export(d, base, convene, out):
    d.find_element(By.ID, "keep").click()
    wait(d, lambda: "cost 21" in text(d, "#summary"), "keep: the working calendar costs 21 (%r)" % text(d, "#summary"))
    d.find_element(By.ID, "undo").click()
    wait(d, lambda: "cost 14" in text(d, "#summary"), "undo: back to the published calendar, cost 14")
    check(d.find_element(By.ID, "redo").is_enabled(), "undo: redo is offered")
    href = d.find_element(By.ID, "export-ics").get_attribute("href")
    ics = urllib.request.urlopen(href).read()
    cal = icalendar.Calendar.from_ical(ics)
    events = [c for c in cal.walk() if c.name == "VEVENT"]
    check(len(events) == 10, "export ICS: icalendar parses %d VEVENTs (10 expected)" % len(events))
    cli = subprocess.run([convene, "export", BASELINE, "--scenario", SCENARIO, "--format", "ics"], capture_output=True).stdout
    check(ics == cli, "export ICS: the bytes of `convene export`")
    d.find_element(By.ID, "save").click()
    wait(d, lambda: "saved to" in text(d, "#status"), "save answers")
    saved = open(out, "rb").read() if os.path.exists(out) else b""
    check(saved == urllib.request.urlopen(base + "api/export?format=json").read(), "save: --out holds the working calendar (calendar/1)")


def worked_example(convene, shots):
    tmp = tempfile.mkdtemp()
    out = os.path.join(tmp, "working.json")
    proc, base, d = open_page(convene, [SCENARIO, "--baseline", BASELINE, "--out", out], "the page opens")
    try:
        check("cost 14" in text(d, "#summary"), "page: the published calendar costs 14 (%r)" % text(d, "#summary"))
        d.save_screenshot(os.path.join(shots, "serve-calendar.png"))
        filters_step(d)
        solve_step(d)
        strip_step(d, shots)
        whatif_step(d, shots)
        keep_undo_export(d, base, convene, out)
        check(os.path.exists(out), "save: --out written")
        console_errors(d, "worked example")
    finally:
        d.quit()
        stop_server(proc, "worked example")


def thousand(convene, scenario, baseline, shots):
    proc, base, d = open_page(convene, [scenario, "--baseline", baseline], "the 1,000-event page opens")
    try:
        opened = int(d.execute_script("return document.body.dataset.openMs"))
        n = len(d.find_elements(By.CSS_SELECTOR, ".ev[data-event]"))
        print("timing: 1,000-event page open %d ms (%d events drawn)" % (opened, n))
        print("timing: of which drawing the calendar %s ms" % d.execute_script("return document.body.dataset.drawMs"))
        check(n >= 1000, "1,000 events drawn (%d)" % n)
        check(opened < 2000, "the 1,000-event page opens in under 2 s (%d ms)" % opened)
        d.find_element(By.ID, "filter-text").send_keys("m")  # typed, as a planner would
        # Then each filter alone, timed in the page from the input event to the painted frame.
        timings = d.execute_async_script("""
            const done = arguments[arguments.length - 1], box = document.getElementById('filter-text'), out = [];
            const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
            (async () => {
              for (const v of arguments[0]) {
                await frame();
                const t0 = performance.now();
                box.value = v; box.dispatchEvent(new Event('input'));
                await frame();
                out.push([v, Math.round(performance.now() - t0), document.querySelectorAll('.ev[data-event]:not(.hidden)').length]);
              }
              done(out);
            })();""", ["m0", "m01", "m012", "gva", "", "ny", "m0", ""])
        for typed, ms, shown in timings:
            print("timing: filter %-6r %4d ms from input to painted frame, %d events shown" % (typed, ms, shown))
        ms = sorted(t[1] for t in timings)
        median, worst = ms[len(ms) // 2], ms[-1]
        # A regression guard, not a speed target: the server solves beside the browser on a shared
        # CI machine (medians of 56-116 ms seen there, about 40 on an idle one).
        check(median < 250, "filtering 1,000 events: median %d ms to the painted frame (under 250 ms on a CI machine; worst %d ms)" % (median, worst))
        check(dict((t[0], t[2]) for t in timings)["m012"] == 10, "the text filter keeps the 10 events whose id holds m012")
        Select(d.find_element(By.ID, "filter-kind")).select_by_index(1)
        Select(d.find_element(By.ID, "filter-venue")).select_by_index(1)
        Select(d.find_element(By.ID, "filter-kind")).select_by_index(0)
        Select(d.find_element(By.ID, "filter-venue")).select_by_index(0)
        stop_step(d)
        d.execute_script("document.querySelector('[data-zoom=quarter]').click()")
        d.save_screenshot(os.path.join(shots, "serve-1000.png"))
        console_errors(d, "1,000 events")
    finally:
        d.quit()
        stop_server(proc, "1,000 events")


DRAWN = "return document.querySelectorAll('.lane:not(.hidden) .ev[data-event]:not(.hidden)').length"
# Boxes drawn over one another in a lane (what would make labels overlap): none expected.
OVERLAPS = """
    let n = 0;
    for (const lane of document.querySelectorAll('.lane:not(.hidden)')) {
      const r = [...lane.querySelectorAll('.ev:not(.hidden), .ext:not(.hidden)')].map((e) => e.getBoundingClientRect()).sort((a, b) => a.left - b.left);
      for (let i = 0; i < r.length; i++) for (let j = i + 1; j < r.length && r[j].left < r[i].right - 0.5; j++)
        if (r[j].top < r[i].bottom - 0.5 && r[i].top < r[j].bottom - 0.5) n++;
    }
    return n;"""
# Each step sets the filters, then waits for the painted frame: [ms, events drawn, the page's own count].
FILTER_STEPS = """
    const done = arguments[arguments.length - 1], out = [];
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const drawn = () => document.querySelectorAll('.lane:not(.hidden) .ev[data-event]:not(.hidden)').length;
    (async () => {
      for (const [venue, kind, text] of arguments[0]) {
        await frame();
        const t0 = performance.now();
        for (const [id, v, ev] of [['filter-venue', venue, 'change'], ['filter-kind', kind, 'change'], ['filter-text', text, 'input']]) {
          const el = document.getElementById(id);
          if (el.value !== v) { el.value = v; el.dispatchEvent(new Event(ev)); }
        }
        await frame();
        out.push([Math.round(performance.now() - t0), drawn(), +document.body.dataset.shown, +document.body.dataset.filterMs]);
      }
      done(out);
    })();"""


def season_expected(scenario, baseline, venue, kind, text):
    events = {e["id"]: e for e in json.load(open(scenario))["events"]}
    n = 0
    for a in json.load(open(baseline))["assignments"]:
        e = events[a["event"]]
        hay = ("%s %s %s" % (e["id"], e.get("title", ""), a.get("venue") or "")).lower()
        n += (not venue or a.get("venue") == venue) and (not kind or e.get("kind") == kind) and text in hay
    return n


def season_filters(d, scenario, baseline):
    steps = [("GVA", "", ""), ("NY", "", ""), ("", "treaty-body", ""), ("", "working-party", ""), ("", "", "treaty body 1,"),
             ("", "", "session 2"), ("GVA", "committee", "session 2"), ("", "", "")]
    # Twice over: the first round's times include the browser's first styling of each state.
    got = d.execute_async_script(FILTER_STEPS, [list(s) for s in steps] * 2)
    for (venue, kind, typed), first, (ms, drawn, shown, script_ms) in zip(steps, got, got[len(steps):]):
        want = season_expected(scenario, baseline, venue, kind, typed)
        what = "season filter venue=%r kind=%r text=%r" % (venue, kind, typed)
        print("timing: %s: %d ms (first time %d ms) from input to painted frame (script %d ms), %d events drawn" % (what, ms, first[0], script_ms, drawn))
        check(first[1:3] == [want, want] and drawn == want and shown == want,
              "%s: %d events drawn, as the files give (%d; the page counts %d)" % (what, drawn, want, shown))
        if (venue, kind, typed) != ("", "", ""):
            check(drawn < 1000, "%s: fewer events drawn than the season's 1,000" % what)
    ms = sorted(t[0] for t in got)
    check(ms[len(ms) // 2] < 250, "season filters: median %d ms to the painted frame over both rounds (under 250 ms on a CI machine, about 55 measured; worst %d ms)" % (ms[len(ms) // 2], ms[-1]))
    Select(d.find_element(By.ID, "filter-venue")).select_by_value("GVA")
    Select(d.find_element(By.ID, "filter-kind")).select_by_value("working-group")
    check(d.execute_script(OVERLAPS) == 0, "season filters: the boxes left are packed without overlapping")
    check(re.fullmatch(r"\d+ of 1000", text(d, "#shown")) is not None, "season filters: the page says how many are shown (%r)" % text(d, "#shown"))
    Select(d.find_element(By.ID, "filter-venue")).select_by_value("")
    Select(d.find_element(By.ID, "filter-kind")).select_by_value("")


def season_week(d, scenario, baseline, shots):
    horizon = json.load(open(scenario))["horizon"]
    first, last = (datetime.date.fromisoformat(horizon[k]) for k in ("start", "end"))
    days = [e.text for e in d.find_elements(By.CSS_SELECTOR, "#scale .tick.day")]
    check(len(days) == (last - first).days + 1 and all(re.fullmatch(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d+ [A-Z][a-z]{2}", t) for t in days),
          "week zoom: a tick per day with its weekday (%d, first %r)" % (len(days), days[:1]))
    # A week in the season's busy spring: the date box goes to its Monday; the week's events are read.
    wed = first + datetime.timedelta(days=72)
    mon = wed - datetime.timedelta(days=wed.weekday())
    goto = d.find_element(By.ID, "goto")
    d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", goto, wed.isoformat())
    check(goto.get_attribute("value") == mon.isoformat(), "week zoom: the date box goes to the Monday of its week (%s)" % goto.get_attribute("value"))
    week = sorted(a["event"] for a in json.load(open(baseline))["assignments"]
                  if datetime.date.fromisoformat(a["start"]) <= mon + datetime.timedelta(6) and datetime.date.fromisoformat(a["end"]) >= mon)
    # Every box over Monday to Sunday: its id in full, inside its box and in the calendar's width (a label stays in view while its box is).
    seen = d.execute_script("""
        const tl = document.getElementById('timeline').getBoundingClientRect(), x0 = tl.left + 120;
        const mon = [...document.querySelectorAll('#scale .tick.day')].find((t) => t.textContent === arguments[0]).getBoundingClientRect();
        return [...document.querySelectorAll('.ev[data-event]')].map((e) => [e, e.getBoundingClientRect()])
          .filter(([e, r]) => r.right > mon.left + 1 && r.left < mon.left + 7 * mon.width - 1).map(([e, r]) => {
            const l = e.querySelector('.lbl').getBoundingClientRect();
            return [e.dataset.event, e.querySelector('.lbl').textContent, l.left >= Math.max(r.left, x0) - 0.5 && l.right <= Math.min(r.right, tl.right) + 0.5];
          });""", "Mon %d %s" % (mon.day, mon.strftime("%b")))
    check(sorted(s[0] for s in seen) == week, "week zoom: the %d events of the week of %s drawn over it (%d)" % (len(week), mon, len(seen)))
    bad = [s[0] for s in seen if s[1] != s[0] or not s[2]]
    check(not bad, "week zoom: each event's id shown in full and in view (%d not: %s)" % (len(bad), bad[:5]))
    d.find_element(By.ID, "next").click()
    check(goto.get_attribute("value") == (mon + datetime.timedelta(7)).isoformat(), "week zoom: › goes a week forth (%s)" % goto.get_attribute("value"))
    d.find_element(By.ID, "prev").click()
    d.find_element(By.ID, "prev").click()
    check(goto.get_attribute("value") == (mon - datetime.timedelta(7)).isoformat(), "week zoom: ‹ goes a week back (%s)" % goto.get_attribute("value"))
    d.save_screenshot(os.path.join(shots, "season-week.png"))


def season_ruler(d, scenario):
    """The ruler zooms in where it is clicked: June at the month zoom, then the week of June's first Monday."""
    year = json.load(open(scenario))["horizon"]["start"][:4]
    june = datetime.date(int(year), 6, 1)
    monday = june + datetime.timedelta(days=(7 - june.weekday()) % 7 or 7)
    d.find_element(By.XPATH, "//div[@id='scale']/div[text()='Jun %s']" % year).click()
    check(d.find_element(By.ID, "goto").get_attribute("value") == june.isoformat(), "season: a click on June in the ruler shows June")
    d.find_element(By.XPATH, "//div[@id='scale']/div[text()='Jun %s']/following-sibling::div[text()='%d'][1]" % (year, monday.day)).click()
    check(d.find_element(By.ID, "goto").get_attribute("value") == monday.isoformat(), "season: a click on the %s shows its week" % monday)


def season(convene, scenario, baseline, shots):
    proc, base, d = open_page(convene, [scenario, "--baseline", baseline], "the season's page opens")
    try:
        opened = int(d.execute_script("return document.body.dataset.openMs"))
        n = d.execute_script(DRAWN)
        print("timing: season-1000 page open %d ms (%d events drawn; drawing %s ms)" % (opened, n, d.execute_script("return document.body.dataset.drawMs")))
        check(n == 1000, "season: the 1,000 sessions drawn (%d)" % n)
        check(opened < 2000, "season: the page opens in under 2 s (%d ms)" % opened)
        check(d.execute_script(OVERLAPS) == 0, "season, year zoom: no box drawn over another")
        d.save_screenshot(os.path.join(shots, "season-year.png"))
        season_filters(d, scenario, baseline)
        season_ruler(d, scenario)
        t0 = time.perf_counter()
        d.find_element(By.CSS_SELECTOR, '[data-zoom="week"]').click()
        print("timing: season week zoom drawn in %s ms (%.0f ms with WebDriver)" % (d.execute_script("return document.body.dataset.drawMs"),
                                                                                  (time.perf_counter() - t0) * 1000))
        season_week(d, scenario, baseline, shots)
        console_errors(d, "season")
    finally:
        d.quit()
        stop_server(proc, "season")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--convene", default=".build/debug/convene")
    p.add_argument("--big", required=True)
    p.add_argument("--big-baseline", required=True)
    p.add_argument("--season")
    p.add_argument("--season-baseline")
    p.add_argument("--shots", default=tempfile.mkdtemp())
    a = p.parse_args()
    os.makedirs(a.shots, exist_ok=True)
    worked_example(a.convene, a.shots)
    infeasible(a.convene, a.shots)
    thousand(a.convene, a.big, a.big_baseline, a.shots)
    if a.season:
        season(a.convene, a.season, a.season_baseline, a.shots)
    print("serve browser check: %d failed" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
