extension PlannerPage {
    /// The page's script: draws the calendar from `/api/scenario` and `/api/state`, and calls the
    /// API for every action (docs/serve.md). Plain DOM, no library.
    public static let script = #"""
    'use strict';
    const $ = (id) => document.getElementById(id);
    const S = { scenario: null, state: null, zoom: 'year', selected: null, strip: null, sweepAbort: null, solving: false, chosen: null };
    const SPAN = { year: 366, quarter: 92, month: 31 };
    const DAY = 86400000;
    const MONTHS = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
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

    // ---- the calendar -------------------------------------------------------------------------

    // Pixels per day: the zoom's span fills the calendar's visible width.
    function ppdOf() { return Math.max(1, ($('timeline').clientWidth - 140) / SPAN[S.zoom]); }

    function kindClass(kind) { const i = S.scenario.kinds.indexOf(kind); return 'k' + (i < 0 ? 0 : i % 8); }

    function pack(items) {
      const rows = [];
      for (const it of items.sort((a, b) => a.s - b.s || a.e - b.e)) {
        let r = rows.findIndex((end) => end < it.s);
        if (r < 0) { r = rows.length; rows.push(0); }
        rows[r] = Math.max(it.e, it.s + 3);
        it.row = r;
      }
      return Math.max(1, rows.length);
    }

    function laneHTML(label, detail, cls, items, key) {
      const n = pack(items), ppd = ppdOf(), h0 = ord(S.scenario.horizon.start);
      let html = '<div class="lane ' + cls + '" data-lane="' + esc(key) + '" style="height:' + Math.max(n * 24 + 6, 40) + 'px">';
      html += '<div class="lane-label">' + esc(label) + '<small>' + esc(detail) + '</small></div>';
      for (const it of items) {
        const left = 120 + (it.s - h0) * ppd, width = Math.max(ppd * (it.e - it.s + 1), it.milestone ? 12 : 6);
        html += '<div class="' + it.cls + '" style="left:' + left + 'px;top:' + (3 + it.row * 24) + 'px;width:' + width + 'px" ' +
          it.attrs + ' title="' + esc(it.title) + '">' + esc(it.label) + '</div>';
      }
      return html + '</div>';
    }

    function marks() {
      const r = S.state.report, m = { clash: new Set(), near: new Set(), broken: new Set(), extClash: new Set(), extNear: new Set(), detail: {} };
      for (const c of r.clashes) { m.clash.add(c.event); m.extClash.add(c.external); (m.detail[c.event] ||= []).push('Clash: ' + c.external +
        ' on ' + c.dates.join(', ') + ' [' + c.constraint + ']'); }
      for (const n of S.state.nearMisses) { m.near.add(n.event); m.extNear.add(n.external); (m.detail[n.event] ||= []).push('Near miss: ' +
        n.external + ', ' + n.gap + ' days apart'); }
      for (const f of r.hard) for (const e of f.events) { m.broken.add(e); (m.detail[e] ||= []).push('Broken: ' + f.rule + ' — ' + f.detail); }
      return m;
    }

    function eventItems(m) {
      const byId = new Map(S.scenario.events.map((e) => [e.id, e]));
      const moved = new Map((S.state.proposal?.moved || []).map((x) => [x.event, x]));
      const items = [];
      for (const a of S.state.working.assignments) {
        const ev = byId.get(a.event) || { id: a.event, title: a.event, kind: '' };
        let cls = 'ev ' + kindClass(ev.kind) + (ev.milestone ? ' milestone' : '');
        for (const k of ['clash', 'near', 'broken']) if (m[k].has(a.event)) cls += ' ' + k;
        if (S.selected === a.event) cls += ' selected';
        if (moved.has(a.event)) cls += ' moving';
        const title = ev.id + ' — ' + ev.title + '\n' + (ev.kind || 'no kind') + ' · ' + (a.venue || 'no venue') + '\n' + span(a.start, a.end) +
          (a.days != null ? ' (' + fmt(a.days) + ' days)' : '') + (m.detail[a.event] ? '\n' + m.detail[a.event].join('\n') : '');
        items.push({ s: ord(a.start), e: ord(a.end), venue: a.venue || '', cls, label: ev.id, title, milestone: ev.milestone,
          attrs: 'data-event="' + esc(a.event) + '" data-kind="' + esc(ev.kind) + '" data-text="' + esc((ev.id + ' ' + ev.title + ' ' + (a.venue ||
            '')).toLowerCase()) + '"' });
      }
      for (const x of moved.values()) {
        if (!x.to) continue;
        const ev = byId.get(x.event) || { kind: '' };
        items.push({ s: ord(x.to), e: ord(x.toEnd || x.to), venue: x.toVenue || '', cls: 'ev ghost ' + kindClass(ev.kind), label: '→ ' + x.event,
          title: 'Proposed: ' + x.event + ' ' + span(x.to, x.toEnd) + ' at ' + (x.toVenue || 'no venue'), attrs: 'data-ghost="' + esc(x.event) + '"' });
      }
      return items;
    }

    function scaleHTML() {
      const h = S.scenario.horizon, ppd = ppdOf(), h0 = ord(h.start), h1 = ord(h.end);
      let html = '';
      for (let o = h0; o <= h1; o++) {
        const iso = isoOf(o), d = +iso.slice(8, 10), left = 120 + (o - h0) * ppd;
        if (d === 1) html += '<div class="tick" style="left:' + left + 'px">' + MONTHS[+iso.slice(5, 7) - 1] + ' ' + iso.slice(0, 4) + '</div>';
        else if (S.zoom === 'month' && new Date(o * DAY).getUTCDay() === 1) html += '<div class="tick minor" style="left:' + left + 'px">' + d + '</div>';
        else if (S.zoom === 'quarter' && (d === 15)) html += '<div class="tick minor" style="left:' + left + 'px"></div>';
      }
      $('scale').style.width = $('lanes').style.width = (120 + (h1 - h0 + 1) * ppd + 20) + 'px';
      return html;
    }

    function drawCalendar() {
      const t0 = performance.now();
      const m = marks(), items = eventItems(m);
      let html = '';
      const venues = S.scenario.venues.map((v) => [v.id, v.city]);
      if (items.some((i) => i.venue === '')) venues.push(['', 'milestones']);
      for (const [id, city] of venues) html += laneHTML(id || 'No venue', city, 'venue', items.filter((i) => i.venue === id), 'venue:' + id);
      for (const cat of S.scenario.categories) {
        const xs = S.scenario.externals.filter((x) => x.category === cat).map((x) => ({ s: ord(x.start), e: ord(x.end), label: x.place || x.id,
          cls: 'ext' + (m.extClash.has(x.id) ? ' clash' : m.extNear.has(x.id) ? ' near' : ''), title: x.id + ' — ' + x.title + '\n' + x.category +
            ' · ' + (x.place || 'place not given') + '\n' + span(x.start, x.end),
          attrs: 'data-external="' + esc(x.id) + '" data-text="' + esc((x.id + ' ' + x.title + ' ' + x.place).toLowerCase()) + '"' }));
        html += laneHTML(cat, 'outside events', 'outside', xs, 'category:' + cat);
      }
      $('lanes').innerHTML = html;
      $('scale').innerHTML = scaleHTML();
      applyFilters();
      document.body.dataset.drawMs = String(Math.round(performance.now() - t0));
    }

    function applyFilters() {
      const t0 = performance.now();
      const text = $('filter-text').value.trim().toLowerCase(), venue = $('filter-venue').value, kind = $('filter-kind').value;
      for (const lane of $('lanes').children) {
        const key = lane.dataset.lane;
        lane.classList.toggle('hidden', venue !== '' && key.startsWith('venue:') && key !== 'venue:' + venue);
      }
      for (const el of $('lanes').querySelectorAll('.ev[data-event], .ext')) {
        const okText = !text || (el.dataset.text || '').includes(text);
        const okKind = !kind || el.classList.contains('ext') || el.dataset.kind === kind;
        const hide = !(okText && okKind);
        if (el.classList.contains('hidden') !== hide) el.classList.toggle('hidden', hide);
      }
      document.body.dataset.filterMs = String(Math.round(performance.now() - t0));
      // Until the next frame is painted: what the planner waits for.
      requestAnimationFrame(() => setTimeout(() => { document.body.dataset.filterPaintMs = String(Math.round(performance.now() - t0)); }, 0));
    }

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
