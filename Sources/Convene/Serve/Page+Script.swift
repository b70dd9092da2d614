extension PlannerPage {
    /// The page's script: draws the calendar from `/api/scenario` and `/api/state`, and calls the
    /// API for every action (docs/serve.md). Plain DOM, no library.
    public static let script = #"""
    'use strict';
    const $ = (id) => document.getElementById(id);
    const S = { scenario: null, state: null, zoom: 'year', selected: null, strip: null, sweepAbort: null, solving: false, chosen: null,
      ppd: 0, lanes: [], where: 0 };
    // Days across the calendar's visible width, and the height of a row of boxes in pixels, at each zoom.
    const SPAN = { year: 366, quarter: 92, month: 31, week: 7 };
    const ROW = { year: 15, quarter: 24, month: 24, week: 36 };
    const DAY = 86400000;
    const MONTHS = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
    const WEEKDAYS = ['Mon','Tue','Wed','Thu','Fri','Sat','Sun'];
    const ord = (iso) => Math.round(Date.UTC(+iso.slice(0,4), +iso.slice(5,7) - 1, +iso.slice(8,10)) / DAY);
    const isoOf = (o) => new Date(o * DAY).toISOString().slice(0, 10);
    const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
    const fmt = (x) => x == null ? '–' : (Math.round(x * 100) / 100).toString();
    const span = (a, b) => a === b || !b ? a : a + ' – ' + b;

    async function api(method, path, body) {
      const init = { method, headers: {} };
      if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
      const res = await fetch(path, init);
      const data = await res.json();
      if (!res.ok) throw new Error(data.error || res.statusText);
      return data;
    }

    async function stream(path, body, signal, on) {
      const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal });
      if (!res.ok) { const e = await res.json(); throw new Error(e.error); }
      const reader = res.body.getReader(), dec = new TextDecoder();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += dec.decode(value, { stream: true });
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i); buf = buf.slice(i + 2);
          let name = 'message'; const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) name = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          on(name, JSON.parse(data.join('\n')));
        }
      }
    }

    function say(text) { $('status').textContent = text; }

    """# + calendar + panels

    /// The summary, the costs by rule, the proposal and Solve.
    static let panels = #"""
    // ---- summary, costs, proposal -------------------------------------------------------------

    function drawSummary() {
      const r = S.state.report, st = S.state;
      const pills = [['cost ' + fmt(r.cost), ''], [r.hardOK ? 'hard rules hold' : r.hard.length + ' hard rule breaks', r.hardOK ? 'ok' : 'bad'],
        [r.clashes.length + ' clashes', r.clashes.length ? 'bad' : 'ok'], [st.nearMisses.length + ' near misses', ''],
        [st.working.assignments.length + ' / ' + S.scenario.events.length + ' events placed', r.complete ? '' : 'bad']];
      $('summary').innerHTML = pills.map(([t, c]) => '<span class="pill ' + c + '">' + esc(t) + '</span>').join('');
      $('undo').disabled = st.undo === 0; $('redo').disabled = st.redo === 0;
      $('save').disabled = !st.out; if (st.out) $('save').title = 'Save the working calendar to ' + st.out;
    }

    function legendHTML() {
      const kinds = S.scenario.kinds.map((k) => '<span><i class="sw ' + kindClass(k) + '"></i>' + esc(k || 'no kind') + '</span>').join('');
      return '<div class="legend" id="legend">' + kinds + '<span><i class="sw mark clash"></i>clash</span><span><i class="sw mark near"></i>near miss</span>' +
        '<span><i class="sw mark broken"></i>hard rule broken</span><span><i class="sw mark ghost"></i>proposed</span></div>';
    }

    function drawCosts() {
      const r = S.state.report;
      let html = legendHTML() + '<h2>Cost ' + fmt(r.cost) + ' by rule</h2><table><tr><th>Rule</th><th>Amount</th><th>Weight</th><th>Cost</th></tr>';
      // Rules of one family (preferredStart:ID, …) share a row; each member's detail on hover.
      const rows = new Map();
      for (const f of r.soft) {
        const key = f.rule.includes(':') && r.soft.filter((g) => g.rule.split(':')[0] === f.rule.split(':')[0]).length > 1 ? f.rule.split(':')[0] : f.rule;
        const row = rows.get(key) || { rule: key, n: 0, amount: 0, weight: f.weight, cost: 0, detail: [] };
        row.n++; row.amount += f.amount; row.cost += f.amount * (f.weight || 0); row.detail.push(f.rule + ': ' + f.detail);
        if (row.weight !== f.weight) row.weight = null;
        rows.set(key, row);
      }
      for (const x of rows.values()) html += '<tr title="' + esc(x.detail.slice(0, 40).join('\n') + (x.detail.length > 40 ? '\n…' : '')) + '"><td>' +
        esc(x.rule) +
        (x.n > 1 ? ' <small>(' + x.n + ')</small>' : '') + '</td><td class="num">' + fmt(x.amount) + '</td><td class="num">' + fmt(x.weight) +
          '</td><td class="num">' + fmt(x.cost) + '</td></tr>';
      html += '</table>';
      if (r.hard.length) html += '<h3 class="new">Hard rules broken</h3><ul>' + r.hard.map((f) => '<li>' + esc(f.rule + ': ' + f.detail) +
        '</li>').join('') + '</ul>';
      if (r.clashes.length) html += '<h3>Clashes</h3><ul>' + r.clashes.map((c) => '<li>' + esc(c.event + ' × ' + c.external + ' on ' +
        c.dates.join(', ') + ' [' + c.constraint + ']') + '</li>').join('') + '</ul>';
      if (S.state.nearMisses.length) html += '<h3>Near misses</h3><ul>' + S.state.nearMisses.map((n) => '<li>' + esc(n.event + ' – ' + n.external +
        ': ' + n.gap + ' days apart') + '</li>').join('') + '</ul>';
      if (r.unscheduled.length) html += '<h3>Not placed</h3><p>' + esc(r.unscheduled.join(', ')) + '</p>';
      $('costs').innerHTML = html;
    }

    function movedRows(p) {
      return p.moved.map((x) => '<tr data-moved="' + esc(x.event) + '"><td>' + esc(x.event) + '</td><td>' + esc(x.from ? span(x.from,
        x.fromEnd) : 'not placed') +
        '</td><td>' + esc(x.to ? span(x.to, x.toEnd) : 'not placed') + '</td><td>' + esc((x.fromVenue || '–') + ' → ' + (x.toVenue || '–')) +
          '</td></tr>').join('');
    }

    function drawProposal() {
      const p = S.state.proposal, box = $('proposal');
      box.hidden = !p;
      if (!p) { box.innerHTML = ''; return; }
      const moved = p.moved.filter((x) => x.from), added = p.moved.filter((x) => !x.from);
      let html = '<h2>' + esc(p.label) + '</h2><p id="proposal-status"><b>' + esc(p.status) + '</b>';
      if (p.cost != null) html += ' · cost <b id="proposal-cost">' + fmt(p.cost) + '</b> (now ' + fmt(p.costBefore) + ')';
      if (p.whatIfCost != null) html += ' · what-if cost <b id="whatif-cost">' + fmt(p.whatIfCost) + '</b> · disturbance ' + fmt(p.disturbance);
      html += '</p>';
      if (p.conflict.length) {
        html += '<h3 class="new">' +
          'No calendar meets all of these together ' +
          (p.conflictProven ? '(drop any one and a calendar exists):' : '(not proven minimal):') + '</h3>';
        html += '<ul class="conflict">' + p.conflict.map((s) => '<li>' + esc(s) + '</li>').join('') + '</ul>';
        if (p.repairs.length) html += '<h3>What would fix it</h3><ul class="conflict">' + p.repairs.map((s) => '<li>' + esc(s) + '</li>').join('') + '</ul>';
      }
      if (p.assignments.length) {
        html += '<h3>Moved (<span id="moved-count">' + moved.length +
          '</span>)</h3><table id="moved"><tr><th>Event</th><th>From</th><th>To</th><th>Venue</th></tr>' + movedRows({ moved }) + '</table>';
        if (added.length) html += '<h3>Newly placed (' + added.length + ')</h3><p>' + esc(added.map((x) => x.event + ' ' + x.to).join(', ')) + '</p>';
        html += '<h3>Clashes</h3><ul>' + p.newClashes.map((c) => '<li class="new">new: ' + esc(c) + '</li>').join('') +
          p.goneClashes.map((c) => '<li class="gone">gone: ' + esc(c) + '</li>').join('') + (p.newClashes.length +
            p.goneClashes.length ? '' : '<li>no change</li>') + '</ul>';
      }
      html += '<div class="actions"><button id="keep" class="primary"' + (p.assignments.length ? '' : ' disabled') +
        '>Keep</button><button id="drop">Drop</button></div>';
      box.innerHTML = html;
      $('keep').onclick = () => act('/api/keep', 'kept: it is the working calendar now');
      $('drop').onclick = () => act('/api/drop', 'dropped');
    }

    function drawAll() { drawSummary(); drawCalendar(); drawCosts(); drawProposal(); }

    async function act(path, message) {
      try { S.state = await api('POST', path, {}); drawAll(); say(message); } catch (e) { say(e.message); }
    }

    // ---- solve --------------------------------------------------------------------------------

    async function solve() {
      $('solve').disabled = true; $('stop').disabled = false; $('progress').hidden = false; $('progress').textContent = 'solving…';
      try {
        await stream('/api/solve', { timeLimit: 30 }, undefined, (name, data) => {
          if (name === 'progress') {
            $('progress').textContent = data.seconds.toFixed(2) + ' s  best ' + fmt(data.best) + '  bound ' + fmt(data.bound) +
              (data.gap != null ? '  gap ' + data.gap.toFixed(1) + '%' : '');
          } else if (name === 'result') {
            if ($('progress').textContent === 'solving…') $('progress').textContent = 'solve: ' + data.status;
            S.state.proposal = data; drawProposal(); drawCalendar();
            say('solve: ' + data.status + (data.cost != null ? ', cost ' + fmt(data.cost) : ''));
          } else if (name === 'error') say(data.error);
        });
      } catch (e) { if (e.name !== 'AbortError') say(e.message); }
      $('solve').disabled = false; $('stop').disabled = true;
    }
    """# + script2
}
