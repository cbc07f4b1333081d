// Timeline: events per day / month / year (stacked by quad class); click a period
// for its events grouped by sentence (from /api/counts and /api/events).
"use strict";

(() => {
  const {el, svg, api} = D;
  const root = document.getElementById("app");
  const state = Object.assign({unit: "month"}, D.urlParams());
  if (!["day", "month", "year"].includes(state.unit)) state.unit = "month";

  const zoom = el("div", {class: "toolbar", role: "group", "aria-label": "zoom"}, "Zoom:",
    ["day", "month", "year"].map((u) => el("button", {type: "button", "data-unit": u,
      onclick: () => { state.unit = u; delete state.date; load(); }}, u)));
  // filters of the events counted and shown: an actor (country or code prefix), a quad class
  const filters = el("form", {class: "toolbar", id: "timeline-filters", onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(filters);
    state.actor = f.get("actor") || undefined;
    state.quad = f.get("quad") || undefined;
    delete state.date;
    load();
    loadKeyDates();
  }}, el("label", {}, "Actor ", el("input", {name: "actor", size: 8, placeholder: "e.g. RUS", pattern: "[A-Za-z]+"})),
      el("label", {}, "Class ", D.quadSelect("all")),
      el("button", {type: "submit"}, "Filter"));
  filters.elements.actor.value = state.actor || "";
  filters.elements.quad.value = state.quad || "";
  const chosen = () => ({actor: state.actor, quad: state.quad});
  const info = el("p", {class: "muted", id: "timeline-info"});
  const plot = el("div", {class: "plot"});
  const keyDates = el("div", {id: "key-dates"});
  const panel = el("section", {class: "day-panel", id: "day-panel", "aria-live": "polite"});
  root.classList.add("timeline");
  root.append(el("h1", {}, "Timeline"), zoom, filters, D.legend(), info, plot, keyDates, panel);

  const loadTurn = D.turns(), selectTurn = D.turns();

  async function load() {
    const fresh = loadTurn();
    for (const b of zoom.querySelectorAll("button")) b.setAttribute("aria-pressed", b.dataset.unit === state.unit);
    D.setUrlParams(state);
    try {
      const counts = await api("/api/counts", Object.assign({unit: state.unit}, chosen()));
      if (!fresh()) return;
      draw(counts);
      if (state.date) await select(state.date);
    } catch (err) { D.fail(plot, err); }
  }

  function draw(counts) {
    const ps = counts.periods;
    const total = ps.reduce((s, p) => s + p.total, 0);
    info.textContent = `${total} dated events in ${ps.length} ${state.unit}s` +
      (counts.undated ? `; ${counts.undated} events without a date` : "") + ". Click a bar to see its events.";
    if (!ps.length) { plot.replaceChildren(el("p", {}, "No dated events match.")); return; }
    const bw = Math.max(16, Math.min(56, 900 / ps.length)), h = 220, top = 10, left = 34, bottom = 70;
    const width = left + ps.length * bw + 10, max = Math.max(...ps.map((p) => p.total));
    const y = (n) => (h * n) / max;
    const s = svg("svg", {width, height: top + h + bottom, viewBox: `0 0 ${width} ${top + h + bottom}`,
                          role: "img", "aria-label": `events per ${state.unit}`});
    for (const t of [0, Math.round(max / 2), max]) {
      s.append(svg("text", {x: left - 4, y: top + h - y(t) + 4, "text-anchor": "end"}, String(t)),
               svg("line", {x1: left, x2: width, y1: top + h - y(t), y2: top + h - y(t), stroke: "#eee"}));
    }
    ps.forEach((p, i) => {
      const x = left + i * bw;
      const g = svg("g", {class: "period", "data-period": p.period, tabindex: 0, role: "button",
                          "aria-label": `${D.periodLabel(p.period, state.unit)}: ${p.total} events`,
                          onclick: () => select(p.period),
                          onkeydown: (ev) => { if (ev.key === "Enter" || ev.key === " ") select(p.period); }});
      let base = top + h;
      for (const q of ["0", "1", "2", "3", "4"]) {
        const n = p.by_quad[q] || 0;
        if (!n) continue;
        base -= y(n);
        g.append(svg("rect", {class: "bar", x: x + 1, y: base, width: bw - 2, height: y(n), fill: D.COLOURS[q]},
                     svg("title", {}, `${D.periodLabel(p.period, state.unit)}: ${n} ${D.QUADS[q]}`)));
      }
      const lx = x + bw / 2, ly = top + h + 12;
      g.append(svg("text", {x: lx, y: ly, transform: `rotate(-50 ${lx} ${ly})`, "text-anchor": "end"},
                   D.periodLabel(p.period, state.unit)));
      s.append(g);
    });
    plot.replaceChildren(s);
  }

  async function select(period) {
    state.date = period;
    D.setUrlParams(state);
    for (const g of plot.querySelectorAll("g.period")) g.classList.toggle("selected", g.dataset.period === period);
    const fresh = selectTurn();
    const since = period, until = D.periodEnd(period, state.unit);
    panel.replaceChildren(el("p", {class: "muted"}, "Loading…"));
    try {
      const page = await api("/api/events", Object.assign({since, until, limit: 500}, chosen()));
      if (fresh()) showEvents(page, since, until);
    } catch (err) { D.fail(panel, err); }
  }

  // events grouped by their sentence, most events first
  function showEvents(page, since, until) {
    const groups = new Map();
    for (const e of page.items) {
      const k = `${e.article_id}:${e.sentence}`;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(e);
    }
    const label = since === until ? D.periodLabel(since, "day") : `${since} – ${until}`;
    const arts = new Set(page.items.map((e) => e.article_id));
    const n = (k, word) => `${k} ${word}${k === 1 ? "" : "s"}`;
    const head = el("h2", {id: "day-title"}, `${label}: ${n(page.total, "event")} in ${n(groups.size, "sentence")} ` +
                    `from ${n(arts.size, "article")}`);
    const more = page.total > page.items.length
      ? el("p", {}, `Showing the first ${page.items.length}; `,
           el("a", {href: "/events" + D.query(Object.assign({since, until}, chosen()))}, "all of them in the events table"), ".")
      : el("p", {}, el("a", {href: "/events" + D.query(Object.assign({since, until}, chosen()))}, "These events in the table"));
    const cards = [...groups.values()].sort((a, b) => b.length - a.length).map((evs) => {
      const e0 = evs[0];
      const quad = Math.max(...evs.map((e) => e.quad_class || 0));
      const text = e0.sentence_text || "";
      const spans = evs.filter((e) => e.trigger_start !== null).map((e) => [e.trigger_start, e.trigger_end]);
      return el("div", {class: "sentence-card q" + quad, "data-article": e0.article_id},
        el("p", {class: "sentence"}, e0.sentence_start === null ? text : D.highlight(text, e0.sentence_start, spans)),
        el("ul", {}, evs.map((e) => el("li", {}, el("small", {}, String(e.date || "") + " "), D.eventLine(e)))),
        el("p", {class: "meta"}, el("a", {href: `/articles/${encodeURIComponent(e0.article_id)}#s${e0.sentence}`,
                                          class: "article-link"}, e0.article_title || e0.article_id),
           e0.outlet ? " · " + e0.outlet : ""));
    });
    const key = keyEntry && keyEntry.date === since && since === until ? [keySummary(keyEntry)] : [];
    const none = page.total ? [] : [el("p", {class: "muted"}, "No coded event is dated to this period.")];
    panel.replaceChildren(head, ...key, more, ...none, ...cards);
  }

  const keyTurn = D.turns();
  let keyEntry = null;  // the key date clicked last: its sentences head the panel

  // a key date's own sentences (those naming the day, chosen by the timeline) and their articles
  function keySummary(entry) {
    return el("div", {class: "key-summary"}, el("h3", {}, "Key date: what the articles say about it"),
      el("ul", {}, entry.sentences.map((s) => el("li", {}, s))),
      el("p", {class: "meta"}, "From: ", entry.articles.map((a, i) => [i ? "; " : "",
        el("a", {href: `/articles/${encodeURIComponent(a.id)}`}, a.title || a.id),
        a.published ? ` (${a.published})` : ""])));
  }

  async function loadKeyDates() {
    const fresh = keyTurn();
    try {
      const tl = await api("/api/timeline", {dates: 8, sentences: 1, actor: state.actor,
                                               quad: state.quad === "0" ? undefined : state.quad});
      if (!fresh()) return;
      const items = tl.filter((d) => d.date).map((d) => el("li", {},
        el("button", {type: "button", class: "key-date",
                      onclick: () => { keyEntry = d; state.unit = "day"; state.date = d.date; load(); }},
           D.periodLabel(d.date, "day")), " ", d.sentences[0] || ""));
      keyDates.replaceChildren(...(items.length ? [el("h2", {}, "Key dates"), el("ul", {}, items)] : []));
    } catch (err) { D.fail(keyDates, err); }
  }

  load();
  loadKeyDates();
})();
