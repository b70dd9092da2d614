/// The planner's page, served from memory: the HTML, its style sheet (`/app.css`) and its script
/// (`/app.js`). Nothing is fetched from elsewhere, and no script or style is inline, so the
/// Content-Security-Policy can allow `'self'` alone.
public enum PlannerPage {
    public static let html = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Convene — the planner's page</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="/app.css">
    </head>
    <body>
    <header>
      <div class="row">
        <h1>Convene <span id="scenario-name"></span></h1>
        <div id="summary" aria-live="polite"></div>
      </div>
      <div class="row tools">
        <span class="group" role="group" aria-label="Zoom">
          <button data-zoom="year" class="zoom">Year</button><button data-zoom="quarter" class="zoom">Quarter</button>
          <button data-zoom="month" class="zoom">Month</button><button data-zoom="week" class="zoom">Week</button>
        </span>
        <span class="group" role="group" aria-label="Go to">
          <button id="prev" title="Back a week, a month or a quarter (as zoomed)" aria-label="Back">‹</button><input id="goto" type="date"
            aria-label="Go to date" title="Go to a date: its week at the week zoom, its month otherwise"><button id="next"
            title="Forth a week, a month or a quarter (as zoomed)" aria-label="Forth">›</button>
        </span>
        <input id="filter-text" type="search" placeholder="Filter by text…" aria-label="Filter by text" title="Filter by id, title or place">
        <select id="filter-venue" aria-label="Filter by venue"><option value="">All venues</option></select>
        <select id="filter-kind" aria-label="Filter by kind"><option value="">All kinds</option></select>
        <span id="shown" aria-live="polite"></span>
        <span class="group">
          <button id="solve" class="primary">Solve</button><button id="stop" disabled>Stop</button>
        </span>
        <span class="group">
          <button id="undo" disabled>Undo</button><button id="redo" disabled>Redo</button>
        </span>
        <span class="group exports">Export
          <a id="export-json" href="/api/export?format=json" download>calendar/1</a>
          <a id="export-ics" href="/api/export?format=ics" download>ICS</a>
          <a id="export-csv" href="/api/export?format=csv" download>CSV</a>
          <a id="check-link" href="/api/check" target="_blank" rel="noopener">check report</a>
        </span>
        <button id="save" disabled title="Start with --out FILE to save">Save</button>
        <span id="status"></span>
      </div>
      <div id="progress" hidden></div>
    </header>
    <main>
      <section id="timeline" aria-label="Calendar"><div id="scale"></div><div id="lanes"></div></section>
      <aside id="side">
        <section id="proposal" hidden></section>
        <section id="selection"><h2>What if…</h2><p class="hint">Click an event to see its candidate dates.</p></section>
        <section id="costs"></section>
      </aside>
    </main>
    <script src="/app.js"></script>
    </body>
    </html>

    """

    public static let style = """
    :root { --bg:#fafafa; --fg:#1d1d1f; --muted:#666; --line:#ddd; --clash:#d62728; --near:#e69500; --lane:26px; }
    * { box-sizing: border-box; }
    body { margin:0; font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg);
      height:100vh; display:flex; flex-direction:column; }
    header { flex:none; z-index:5; background:#fff; border-bottom:1px solid var(--line); padding:6px 12px; }
    .row { display:flex; flex-wrap:wrap; align-items:center; gap:8px 14px; }
    h1 { font-size:17px; margin:0; } h1 span { font-weight:400; color:var(--muted); }
    h2 { font-size:14px; margin:4px 0 6px; } h3 { font-size:13px; margin:8px 0 4px; }
    #summary { display:flex; gap:10px; flex-wrap:wrap; } .pill { padding:1px 8px; border-radius:10px; background:#eee; }
    .pill.bad { background:#fde2e2; color:#8b0000; } .pill.ok { background:#e3f4e3; color:#1b5e20; }
    .tools { margin-top:6px; column-gap:10px; } .group { display:inline-flex; gap:2px; align-items:center; }
    button { font:inherit; padding:3px 10px; border:1px solid #bbb; background:#f4f4f4; border-radius:4px; cursor:pointer; }
    button:disabled { opacity:.45; cursor:default; } button.on { background:#1d1d1f; color:#fff; }
    button.primary { background:#0072B2; color:#fff; border-color:#005a8c; }
    input, select { font:inherit; padding:3px 6px; border:1px solid #bbb; border-radius:4px; }
    #filter-text { width:150px; } .exports a { margin-left:6px; } #status, #shown { color:var(--muted); } #goto { width:122px; } #shown { min-width:76px; }
    #progress { margin-top:4px; font-family: ui-monospace, monospace; color:#024; }
    main { display:grid; grid-template-columns: minmax(0,1fr) 390px; flex:1 1 auto; min-height:0; }
    #timeline { overflow:auto; scrollbar-gutter:stable; position:relative; border-right:1px solid var(--line); background:#fff; contain: strict; }
    #scale { position:sticky; top:0; z-index:3; height:34px; background:#fff; border-bottom:1px solid var(--line); }
    .tick { position:absolute; top:0; height:34px; border-left:1px solid #ccc; padding-left:3px; color:var(--muted); font-size:11px; white-space:nowrap; }
    .tick.minor { height:10px; top:24px; border-color:#e4e4e4; }
    #corner { position:sticky; left:0; z-index:1; width:120px; height:34px; background:#fff; border-right:1px solid var(--line);
      padding:3px 6px; font-weight:600; }
    .tick.day { top:17px; height:17px; border-color:#e4e4e4; } .tick.day.weekend { background:#f1f1ec; }
    #scale:not(.z-week) { cursor:zoom-in; }
    .lane { position:relative; border-bottom:1px solid #eee; contain: layout paint style; }
    .lane.outside { background:rgba(240,240,215,.3); }
    .lane-label { position:sticky; left:0; z-index:2; width:120px; height:100%; float:left; background:#fff;
      border-right:1px solid var(--line); padding:3px 6px; font-weight:600; }
    .lane-head { position:sticky; top:37px; } /* a tall lane's name stays in view */
    .lane-label small { display:block; font-weight:400; color:var(--muted); }
    .ev, .ext { position:absolute; height:20px; border-radius:3px; padding:1px 3px; overflow:clip; white-space:nowrap;
      font-size:11px; cursor:pointer; border:1px solid rgba(0,0,0,.2); }
    .lbl { display:block; width:max-content; } .lbl.sub { font-size:10px; opacity:.9; }
    /* A box's id stays in view while the box is (overflow:clip leaves the calendar its scroller). */
    .z-month .lbl, .z-week .lbl { position:sticky; left:123px; }
    .z-year .ev, .z-year .ext { height:13px; padding:0 2px; font-size:9px; line-height:11px; } .z-week .ev, .z-week .ext { height:32px; }
    .ext { background:#d9d9d2; color:#333; cursor:default; }
    .ev.milestone { border-radius:10px; }
    .ev.clash, .ext.clash { outline:2px solid var(--clash); outline-offset:0; }
    .ev.near, .ext.near { outline:2px dashed var(--near); }
    .ev.broken { background-image: repeating-linear-gradient(45deg, rgba(214,39,40,.55) 0 4px, transparent 4px 8px); }
    .ev.selected { box-shadow:0 0 0 3px #111; z-index:1; }
    .ev.moving { opacity:.35; }
    .ev.ghost { background:transparent !important; color:#111 !important; border:2px dashed #111; z-index:1; }
    .hidden { display:none !important; }
    /* Filtered-out events keep their boxes (no layout to redo), they are only not painted. */
    .ev.hidden, .ext.hidden { display:block !important; visibility:hidden; }
    .k0{background:#0072B2;color:#fff}.k1{background:#009E73;color:#fff}.k2{background:#E69F00;color:#111}.k3{background:#CC79A7;color:#111}
    .k4{background:#56B4E9;color:#111}.k5{background:#7F3C8D;color:#fff}.k6{background:#8C564B;color:#fff}.k7{background:#B8A000;color:#111}
    .k8{background:#F0E442;color:#111}.k9{background:#66A61E;color:#fff}.k10{background:#D55E00;color:#fff}.k11{background:#4D4D4D;color:#fff}
    #side { overflow:auto; padding:8px 12px; }
    #side section { border-bottom:1px solid var(--line); padding-bottom:8px; margin-bottom:8px; }
    .hint { color:var(--muted); } table { border-collapse:collapse; width:100%; } td, th { text-align:left; padding:2px 4px; border-bottom:1px solid #eee; }
    th { color:var(--muted); font-weight:600; } td.num { text-align:right; font-variant-numeric: tabular-nums; }
    .strip { display:grid; grid-template-columns: repeat(7, 1fr); gap:2px; margin:6px 0; }
    .strip .dow { font-size:10px; color:var(--muted); text-align:center; }
    .day { height:30px; border-radius:3px; font-size:10px; text-align:center; line-height:13px; padding-top:2px; background:#f0f0f0; color:#999; }
    .day.feasible { color:#111; cursor:pointer; } .day.closed { background: repeating-linear-gradient(45deg,#eee 0 3px,#fff 3px 6px); }
    .day.infeasible { background:#cfcfcf; color:#555; cursor:pointer; text-decoration: line-through; }
    .day.pending { background:#f4f4f4; color:#bbb; } .day.best { outline:2px solid #111; font-weight:700; }
    .day.chosen { box-shadow: 0 0 0 3px #0072B2; } .day .c { display:block; font-weight:600; font-size:11px; }
    .month-label { grid-column: 1 / -1; font-weight:600; margin-top:4px; }
    .sweep-form { display:flex; flex-wrap:wrap; gap:4px; align-items:center; } .sweep-form input { width:118px; }
    .legend { display:flex; gap:8px; flex-wrap:wrap; color:var(--muted); font-size:11px; }
    .sw { display:inline-block; width:10px; height:10px; border-radius:2px; vertical-align:middle; margin-right:2px; }
    .new { color:var(--clash); } .gone { color:#1b7f1b; } .conflict li { margin-bottom:3px; }
    .actions { display:flex; gap:6px; margin-top:6px; }
    .sw.mark { background:#fff; border:1px solid #999; } .sw.mark.clash { outline:2px solid var(--clash); } .sw.mark.near { outline:2px dashed var(--near); }
    .sw.mark.broken { background-image: repeating-linear-gradient(45deg, rgba(214,39,40,.7) 0 2px, transparent 2px 4px); }
    .sw.mark.ghost { border:2px dashed #111; } #legend { margin-bottom:6px; } .venue-moves { margin:4px 0; color:var(--muted); }

    """
}
