extension PlannerPage {
    /// The second half of the script: the strip of candidate dates, what-ifs, and start-up.
    static let script2 = #"""

    // ---- what-if by pointing ------------------------------------------------------------------

    function clip(o) { const h = S.scenario.horizon; return Math.min(Math.max(o, ord(h.start)), ord(h.end)); }

    // Scrolls the calendar so that the event, and where a re-plan would put it, are in view.
    function reveal(id) {
      const q = CSS.escape(id), els = $('lanes').querySelectorAll('.ev[data-event="' + q + '"], .ev[data-ghost="' + q + '"]');
      if (!els.length) return;
      const left = Math.min(...[...els].map((el) => el.offsetLeft));
      $('timeline').scrollLeft = Math.max(0, left - 120 - $('timeline').clientWidth / 4);
    }

    function select(id) {
      S.selected = id; S.chosen = null;
      for (const el of $('lanes').querySelectorAll('.ev.selected')) el.classList.remove('selected');
      for (const el of $('lanes').querySelectorAll('.ev[data-event="' + CSS.escape(id) + '"]')) el.classList.add('selected');
      const ev = S.scenario.events.find((e) => e.id === id);
      const from = isoOf(clip(ord(ev.window.start) - 31)), to = isoOf(clip(ord(ev.window.end) + 47));
      const venues = ev.venues.map((v) => '<option>' + esc(v) + '</option>').join('');
      $('selection').innerHTML = '<h2>What if ' + esc(ev.id) + ' moved?</h2><p>' + esc(ev.title) + ' · ' + esc(ev.kind) + ' · window ' +
        esc(span(ev.window.start, ev.window.end)) + '</p>' +
        '<div class="sweep-form"><input id="sweep-from" type="date" value="' + from +
          '" aria-label="From"> to <input id="sweep-to" type="date" value="' + to + '" aria-label="To">' +
        '<select id="sweep-venue" aria-label="Venue"><option value="">any venue</option>' + venues + '</select><button id="sweep-run">Dates</button></div>' +
        '<div class="legend"><span><i class="sw" style="background:hsl(130,60%,55%)"></i>cheapest</span>' +
        '<span><i class="sw" style="background:hsl(0,60%,55%)"></i>dearest</span>' +
        '<span><i class="sw" style="background:#cfcfcf"></i>infeasible</span>' +
        '<span><i class="sw" style="background:#eee"></i>no meeting possible</span><span>outlined: best</span></div>' +
        '<div class="venue-moves">Or keep the date, move the venue: ' +
        (ev.venues.length ? ev.venues.map((v) => '<button class="venue-move" data-venue="' + esc(v) + '">' + esc(v) + '</button>').join(' ') : 'no venue') +
        '</div><div id="strip-status" class="hint"></div><div id="strip" class="strip"></div>';
      for (const b of $('selection').querySelectorAll('.venue-move')) b.onclick = () => pin(id + '=@' + b.dataset.venue);
      reveal(id);
      $('sweep-run').onclick = () => sweep(id);
      $('sweep-venue').onchange = () => sweep(id);
      sweep(id);
    }

    function stripSkeleton(d) {
      const cells = new Map(), strip = $('strip');
      let html = WEEKDAYS.map((w) => '<div class="dow">' + w + '</div>').join('');
      const f = ord(d.from), t = ord(d.to);
      let month = '';
      for (let o = f; o <= t; o++) {
        const iso = isoOf(o), dow = (new Date(o * DAY).getUTCDay() + 6) % 7;
        if (iso.slice(0, 7) !== month) {
          month = iso.slice(0, 7);
          html += '<div class="month-label">' + MONTHS[+iso.slice(5, 7) - 1] + ' ' + iso.slice(0, 4) + '</div>';
          for (let k = 0; k < dow; k++) html += '<div></div>';
        }
        html += '<div class="day pending" data-date="' + iso + '" title="' + iso + ': not a candidate">' + (+iso.slice(8, 10)) + '</div>';
      }
      strip.innerHTML = html;
      for (const el of strip.querySelectorAll('.day')) cells.set(el.dataset.date, el);
      for (const iso of d.candidates) { const el = cells.get(iso); if (el) el.title = iso + ': waiting for its answer…'; }
      for (const c of d.closed) { const el = cells.get(c.date); if (el) { el.className = 'day closed infeasible-date'; el.title = c.date +
        ': infeasible — ' + c.reason; el.dataset.reason = c.reason; } }
      return cells;
    }

    function paintRow(el, r) {
      el.dataset.status = r.status;
      if (r.whatifCost == null) {
        el.className = 'day infeasible infeasible-date'; el.dataset.reason = r.reason || r.status;
        el.title = r.date + ': ' + r.status + ' — ' + (r.reason || 'no re-plan found');
      } else {
        el.className = 'day feasible'; el.dataset.cost = r.whatifCost;
        el.title = r.date + ' (' + r.weekday + '): what-if cost ' + fmt(r.whatifCost) + ' = cost ' + fmt(r.cost) + ' + disturbance ' + fmt(r.disturbance) +
          '\n' + r.moved + ' other events move' + (r.newClashes.length ? '\nnew clashes: ' + r.newClashes.join('; ') : '') + (r.moves.length ? '\n' +
            r.moves.join('\n') : '');
        el.innerHTML = (+r.date.slice(8, 10)) + '<span class="c">' + fmt(r.whatifCost) + '</span>';
      }
      el.onclick = () => choose(r.date);
    }

    function colour(cells) {
      const costs = [...cells.values()].filter((el) => el.dataset.cost != null).map((el) => +el.dataset.cost);
      const lo = Math.min(...costs), hi = Math.max(...costs);
      for (const el of cells.values()) {
        if (el.dataset.cost == null) continue;
        const t = hi > lo ? (+el.dataset.cost - lo) / (hi - lo) : 0;
        el.style.background = 'hsl(' + Math.round(130 - 130 * t) + ',60%,' + (55 + 15 * t) + '%)';
        el.classList.toggle('best', +el.dataset.cost === lo);
      }
    }

    async function sweep(id) {
      if (S.sweepAbort) S.sweepAbort.abort();
      const ctl = new AbortController(); S.sweepAbort = ctl;
      const body = { event: id, from: $('sweep-from').value, to: $('sweep-to').value };
      if ($('sweep-venue').value) body.venue = $('sweep-venue').value;
      let cells = new Map(), done = 0, total = 0;
      $('strip-status').textContent = 'asking…';
      try {
        await stream('/api/sweep', body, ctl.signal, (name, d) => {
          if (name === 'dates') { cells = stripSkeleton(d); total = d.candidates.length; }
          else if (name === 'row') { const el = cells.get(d.date); if (el) paintRow(el,
            d); done++; colour(cells); $('strip-status').textContent = done + ' / ' + total + ' dates answered'; }
          else if (name === 'done') {
            const best = d.rows.filter((r) => r.best);
            $('strip').dataset.done = '1';
            $('strip-status').textContent = d.rows.filter((r) => r.whatifCost != null).length + ' of ' + d.rows.length + ' candidate dates feasible' +
              (best.length ? '; best ' + best.map((r) => r.date).join(', ') + ' at ' + fmt(best[0].whatifCost) : '');
          } else if (name === 'stopped') $('strip-status').textContent = 'stopped after ' + done + ' of ' + total +
            ' dates (a newer search, or the time limit)';
          else if (name === 'error') $('strip-status').textContent = d.error;
        });
      } catch (e) { if (e.name !== 'AbortError') $('strip-status').textContent = e.message; }
    }

    async function choose(date) {
      const id = S.selected, venue = $('sweep-venue').value;
      for (const el of $('strip').querySelectorAll('.chosen')) el.classList.remove('chosen');
      const cell = $('strip').querySelector('[data-date="' + date + '"]'); if (cell) cell.classList.add('chosen');
      await pin(id + '=' + date + (venue ? '@' + venue : ''));
    }

    async function pin(change) {
      say('re-planning: ' + change + '…');
      try {
        const p = await api('POST', '/api/whatif', { pin: [change] });
        S.state.proposal = p; drawProposal(); drawCalendar(); if (S.selected) reveal(S.selected); say(p.label + ': ' + p.status);
      } catch (e) { say(e.message); }
    }

    // ---- start-up -----------------------------------------------------------------------------

    function wire() {
      for (const b of document.querySelectorAll('.zoom')) b.onclick = () => setZoom(b.dataset.zoom);
      $('prev').onclick = () => step(-1); $('next').onclick = () => step(1);
      $('goto').onchange = () => goTo($('goto').value);
      $('scale').onclick = scaleClick;
      $('timeline').addEventListener('scroll', () => { if (!S.where) S.where = requestAnimationFrame(() => { S.where = 0; showWhere(); }); });
      $('filter-text').oninput = applyFilters; $('filter-venue').onchange = applyFilters; $('filter-kind').onchange = applyFilters;
      $('solve').onclick = solve;
      $('stop').onclick = () => api('POST', '/api/stop', {}).catch((e) => say(e.message));
      $('undo').onclick = () => act('/api/undo', 'undone');
      $('redo').onclick = () => act('/api/redo', 'redone');
      $('save').onclick = async () => { try { const r = await api('POST', '/api/save', {}); say('saved to ' + r.saved + ' (cost ' + fmt(r.cost) +
        ')'); } catch (e) { say(e.message); } };
      window.addEventListener('resize', () => { clearTimeout(S.resize); S.resize = setTimeout(drawCalendar, 150); });
      $('lanes').onclick = (e) => { const el = e.target.closest('.ev[data-event]'); if (el) select(el.dataset.event); };
    }

    async function start() {
      const t0 = performance.now();
      [S.scenario, S.state] = await Promise.all([api('GET', '/api/scenario'), api('GET', '/api/state')]);
      $('scenario-name').textContent = S.scenario.name;
      document.title = S.scenario.name + ' — Convene';
      for (const v of S.scenario.venues) $('filter-venue').insertAdjacentHTML('beforeend', '<option value="' + esc(v.id) + '">' + esc(v.id + ' · ' +
        v.city) + '</option>');
      for (const k of S.scenario.kinds) $('filter-kind').insertAdjacentHTML('beforeend', '<option value="' + esc(k) + '">' + esc(k || 'no kind') +
        '</option>');
      wire();
      for (const b of document.querySelectorAll('.zoom')) b.classList.toggle('on', b.dataset.zoom === S.zoom);
      $('goto').min = S.scenario.horizon.start; $('goto').max = S.scenario.horizon.end;
      drawAll();
      document.body.dataset.ready = '1';
      // Since the navigation began: fetching the page, the scenario and the state, and drawing.
      document.body.dataset.openMs = String(Math.round(performance.now()));
      document.body.dataset.startMs = String(Math.round(performance.now() - t0));
    }

    start().catch((e) => say('cannot load: ' + e.message));

    """#
}
