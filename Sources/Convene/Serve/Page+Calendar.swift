extension PlannerPage {
    /// The calendar part of the script: lanes of boxes, the scale, the filters, and going to a date.
    /// A season (a thousand sessions, forty rows in one venue) is drawn once per zoom; a filter
    /// only hides boxes and packs what is left into fewer rows.
    static let calendar = #"""

    // ---- the calendar -------------------------------------------------------------------------

    const dow = (o) => (new Date(o * DAY).getUTCDay() + 6) % 7;  // Monday 0 … Sunday 6
    const h0 = () => ord(S.scenario.horizon.start);

    // Pixels per day: the zoom's span fills the calendar's visible width (whole pixels from the month zoom down, so that days line up).
    function ppdOf() { const p = ($('timeline').clientWidth - 140) / SPAN[S.zoom]; return Math.max(1, p >= 10 ? Math.floor(p) : p); }

    function kindClass(kind) { const i = S.scenario.kinds.indexOf(kind); return 'k' + (i < 0 ? 0 : i % 12); }

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

    const laneHeight = (rows) => Math.max(rows * ROW[S.zoom] + 6, 40);

    // A box's label: its id, kept in view while the box is from the month zoom down (a box of its own: more to style, so not at wider zooms)
    // and, at the week zoom, its title below.
    function boxLabel(it) {
      if (S.zoom === 'year' || S.zoom === 'quarter') return esc(it.label);
      return '<span class="lbl">' + esc(it.label) + '</span>' + (S.zoom === 'week' && it.sub ? '<span class="lbl sub">' + esc(it.sub) + '</span>' : '');
    }

    function laneHTML(lane) {
      const n = pack(lane.items), ppd = S.ppd, first = h0();
      let html = '<div class="lane ' + lane.cls + '" data-lane="' + esc(lane.key) + '" style="height:' + laneHeight(n) + 'px">';
      html += '<div class="lane-label"><div class="lane-head">' + esc(lane.label) + '<small>' + esc(lane.detail) + '</small></div></div>';
      for (const it of lane.items) {
        const left = 120 + (it.s - first) * ppd, width = Math.max(ppd * (it.e - it.s + 1), it.milestone ? 12 : 6);
        it.top = 3 + it.row * ROW[S.zoom];
        html += '<div class="' + it.cls + '" style="left:' + left + 'px;top:' + it.top + 'px;width:' + width + 'px" ' +
          it.attrs + ' title="' + esc(it.title) + '">' + boxLabel(it) + '</div>';
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

    // Each placed event as a box; `text` and `kind` are what the filters look at.
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
        items.push({ s: ord(a.start), e: ord(a.end), venue: a.venue || '', cls, label: ev.id, sub: ev.title, title, milestone: ev.milestone,
          event: true, kind: ev.kind || '', text: (ev.id + ' ' + ev.title + ' ' + (a.venue || '')).toLowerCase(),
          attrs: 'data-event="' + esc(a.event) + '" data-kind="' + esc(ev.kind) + '"' });
      }
      for (const x of moved.values()) {
        if (!x.to) continue;
        const ev = byId.get(x.event) || { kind: '' };
        items.push({ s: ord(x.to), e: ord(x.toEnd || x.to), venue: x.toVenue || '', cls: 'ev ghost ' + kindClass(ev.kind), label: '→ ' + x.event,
          title: 'Proposed: ' + x.event + ' ' + span(x.to, x.toEnd) + ' at ' + (x.toVenue || 'no venue'), attrs: 'data-ghost="' + esc(x.event) + '"',
          ghost: true });
      }
      return items;
    }

    function externalItems(cat, m) {
      return S.scenario.externals.filter((x) => x.category === cat).map((x) => ({ s: ord(x.start), e: ord(x.end), label: x.place || x.id,
        sub: x.title, cls: 'ext' + (m.extClash.has(x.id) ? ' clash' : m.extNear.has(x.id) ? ' near' : ''), title: x.id + ' — ' + x.title + '\n' +
          x.category + ' · ' + (x.place || 'place not given') + '\n' + span(x.start, x.end), text: (x.id + ' ' + x.title + ' ' + x.place).toLowerCase(),
        attrs: 'data-external="' + esc(x.id) + '"' }));
    }

    // A lane per venue (and one for events without a venue), then one per category of outside events.
    function lanesOf(m) {
      const items = eventItems(m), byVenue = new Map();
      for (const it of items) { if (!byVenue.has(it.venue)) byVenue.set(it.venue, []); byVenue.get(it.venue).push(it); }
      const venues = S.scenario.venues.map((v) => [v.id, v.city]);
      if (byVenue.has('')) venues.push(['', 'milestones']);
      const lanes = venues.map(([id, city]) => ({ label: id || 'No venue', detail: city, cls: 'venue', key: 'venue:' + id, items: byVenue.get(id) || [] }));
      for (const cat of S.scenario.categories) lanes.push({ label: cat, detail: 'outside events', cls: 'outside', key: 'category:' + cat,
        items: externalItems(cat, m) });
      return lanes;
    }

    function scaleHTML() {
      const h = S.scenario.horizon, ppd = S.ppd, first = h0(), last = ord(h.end);
      let html = '<div id="corner"></div>';
      for (let o = first; o <= last; o++) {
        const iso = isoOf(o), d = +iso.slice(8, 10), left = 120 + (o - first) * ppd, month = MONTHS[+iso.slice(5, 7) - 1];
        if (d === 1) html += '<div class="tick" style="left:' + left + 'px">' + month + ' ' + iso.slice(0, 4) + '</div>';
        if (S.zoom === 'week') html += '<div class="tick day' + (dow(o) > 4 ? ' weekend' : '') + '" style="left:' + left + 'px;width:' + ppd + 'px">' +
          WEEKDAYS[dow(o)] + ' ' + d + ' ' + month + '</div>';
        else if (d !== 1 && S.zoom === 'month' && dow(o) === 0) html += '<div class="tick minor" style="left:' + left + 'px">' + d + '</div>';
        else if (S.zoom === 'quarter' && d === 15) html += '<div class="tick minor" style="left:' + left + 'px"></div>';
      }
      $('scale').style.width = $('lanes').style.width = (120 + (last - first + 1) * ppd + 20) + 'px';
      return html;
    }

    // Saturdays and Sundays shaded across the lanes, from the month zoom down (one background, no element).
    function weekends() {
      const l = $('lanes').style, ppd = S.ppd;
      if (S.zoom !== 'month' && S.zoom !== 'week') { l.backgroundImage = ''; return; }
      l.backgroundImage = 'linear-gradient(90deg, #f1f1ec ' + 2 * ppd + 'px, transparent 0)';
      l.backgroundSize = 7 * ppd + 'px 100%';
      l.backgroundPosition = (120 + ((5 - dow(h0()) + 7) % 7) * ppd) + 'px 0';
    }

    // Draws every lane; `day` (days from the horizon's start, default: where the calendar is) goes to the left edge.
    function drawCalendar(day) {
      const t0 = performance.now(), tl = $('timeline');
      if (day === undefined) day = S.ppd ? tl.scrollLeft / S.ppd : 0;
      S.ppd = ppdOf();
      S.lanes = lanesOf(marks());
      $('lanes').className = $('scale').className = 'z-' + S.zoom;
      $('scale').title = S.zoom === 'week' ? '' : 'Click to see this ' + (S.zoom === 'month' ? 'week' : 'month');
      $('lanes').innerHTML = S.lanes.map(laneHTML).join('');
      S.lanes.forEach((lane, i) => { lane.el = $('lanes').children[i]; lane.items.forEach((it, j) => { it.el = lane.el.children[j + 1]; }); });
      $('scale').innerHTML = scaleHTML();
      weekends();
      applyFilters();
      tl.scrollLeft = day * S.ppd;
      showWhere();
      document.body.dataset.drawMs = String(Math.round(performance.now() - t0));
    }

    // Hides what the filters leave out (the box stays where it is, unpainted) and packs the rest of each lane into as few rows as it needs.
    function filterLane(lane, text, kind) {
      const kept = [];
      for (const it of lane.items) {
        const hide = !it.ghost && ((text !== '' && !it.text.includes(text)) || (kind !== null && it.event && it.kind !== kind));
        if (it.el.classList.contains('hidden') !== hide) it.el.classList.toggle('hidden', hide);
        if (!hide) kept.push(it);
      }
      const n = pack(kept), h = laneHeight(n) + 'px';
      for (const it of kept) { const top = 3 + it.row * ROW[S.zoom]; if (it.top !== top) { it.top = top; it.el.style.top = top + 'px'; } }
      if (lane.el.style.height !== h) lane.el.style.height = h;
      return kept.filter((it) => it.event).length;
    }

    function applyFilters() {
      const t0 = performance.now();
      const text = $('filter-text').value.trim().toLowerCase(), venue = $('filter-venue').value, kind = $('filter-kind').value || null;
      let shown = 0, total = 0;
      for (const lane of S.lanes) {
        const off = venue !== '' && lane.key.startsWith('venue:') && lane.key !== 'venue:' + venue;
        if (lane.el.classList.contains('hidden') !== off) lane.el.classList.toggle('hidden', off);
        const n = filterLane(lane, text, kind);
        total += lane.items.filter((it) => it.event).length;
        if (!off) shown += n;
      }
      $('shown').textContent = shown === total ? total + ' events' : shown + ' of ' + total;
      $('shown').title = shown + ' of the ' + total + ' events drawn';
      document.body.dataset.shown = String(shown);
      document.body.dataset.filterMs = String(Math.round(performance.now() - t0));
      // Until the next frame is painted: what the planner waits for.
      requestAnimationFrame(() => setTimeout(() => { document.body.dataset.filterPaintMs = String(Math.round(performance.now() - t0)); }, 0));
    }

    // ---- going to a date ----------------------------------------------------------------------

    const firstOfMonth = (o) => ord(isoOf(o).slice(0, 8) + '01');
    const addMonths = (o, n) => { const d = new Date(o * DAY); return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1) / DAY); };
    const mondayOf = (o) => o - dow(o);
    // A zoom's natural start: the Monday of its week at the week zoom, the first of its month otherwise.
    const startOf = (o) => S.zoom === 'week' ? mondayOf(o) : firstOfMonth(o);
    const clipDay = (o) => Math.min(Math.max(o, h0()), ord(S.scenario.horizon.end));

    // The day at the calendar's left edge (just right of the lane names).
    function leftDay() { return h0() + (S.ppd ? Math.round($('timeline').scrollLeft / S.ppd) : 0); }

    function go(o) { $('timeline').scrollLeft = (o - h0()) * S.ppd; }

    // Back or forth a week (week zoom), a month (month zoom), three months (quarter) or a year.
    function step(dir) {
      const now = leftDay(), at = startOf(now), n = { quarter: 3, year: 12 }[S.zoom] || 1;
      const next = S.zoom === 'week' ? (dir > 0 || at === now ? at + 7 * dir : at) : (dir > 0 || at === now ? addMonths(at, n * dir) : at);
      go(clipDay(next));
    }

    // The date box: its week (week zoom) or its month at the left edge; from the year zoom, its month at the month zoom.
    function goTo(iso) {
      if (!/^\d{4}-\d\d-\d\d$/.test(iso)) return;
      const o = clipDay(ord(iso));
      if (S.zoom === 'year') setZoom('month', firstOfMonth(o)); else go(startOf(o));
    }

    // A click on the scale zooms in where it was: a month (from the year or quarter zoom), a week (from the month zoom).
    function scaleClick(e) {
      if (S.zoom === 'week' || e.target.id === 'corner') return;
      const x = e.clientX - $('scale').getBoundingClientRect().left - 120;
      if (x < 0) return;
      const o = clipDay(h0() + Math.floor(x / S.ppd));
      if (S.zoom === 'month') setZoom('week', mondayOf(o)); else setZoom('month', firstOfMonth(o));
    }

    function setZoom(z, o) {
      const day = o ?? leftDay();
      S.zoom = z;
      for (const b of document.querySelectorAll('.zoom')) b.classList.toggle('on', b.dataset.zoom === z);
      drawCalendar(Math.max(0, (z === 'week' ? mondayOf(day) : day) - h0()));
      if (o == null && S.selected) reveal(S.selected);
    }

    // The date box follows the scroll: it names the day at the left edge, and the ruler's corner its month.
    function showWhere() {
      const iso = isoOf(clipDay(leftDay()));
      if (document.activeElement !== $('goto')) $('goto').value = iso;
      $('corner').textContent = S.zoom === 'year' ? '' : MONTHS[+iso.slice(5, 7) - 1] + ' ' + iso.slice(0, 4);
    }

    """#
}
