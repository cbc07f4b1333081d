// Events over time: events per week (or month) by quad class, stacked bars on a
// continuous time axis (/api/counts); click a bar for those events in the table.
"use strict";

(() => {
  const {el, svg, api} = D;
  const root = document.getElementById("app");
  const state = Object.assign({unit: "week"}, D.urlParams());
  const W = 960, H = 320, L = 40, R = 10, T = 10, B = 40;

  const form = el("form", {class: "toolbar", onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(form);
    for (const k of ["unit", "since", "until", "actor"]) state[k] = f.get(k) || undefined;
    load();
  }},
    el("label", {}, "Per ", el("select", {name: "unit"}, ["day", "week", "month", "year"].map((u) => el("option", {value: u}, u)))),
    el("label", {}, "From ", el("input", {name: "since", type: "date"})),
    el("label", {}, "to ", el("input", {name: "until", type: "date"})),
    el("label", {}, "Actor ", el("input", {name: "actor", size: 8, placeholder: "e.g. RUS", pattern: "[A-Za-z]+"})),
    el("button", {type: "submit"}, "Show"));
  const info = el("p", {class: "muted", id: "chart-info"});
  const plot = el("div", {id: "chart-plot"});
  root.classList.add("chart");
  root.append(el("h1", {}, "Events over time"), form, D.legend(), info, plot);
  for (const k of ["unit", "since", "until", "actor"]) form.elements[k].value = state[k] || (k === "unit" ? "week" : "");

  function next(isoDate, unit) {  // the start of the period after the one starting on isoDate
    if (unit === "day") return D.addDays(isoDate, 1);
    if (unit === "week") return D.addDays(isoDate, 7);
    const d = D.day(isoDate);
    if (unit === "year") return D.iso(new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1)));
    return D.iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
  }

  function draw(counts) {
    const unit = counts.unit, ps = counts.periods;
    if (!ps.length) { info.textContent = "No dated events match."; plot.replaceChildren(); return; }
    // every period from the first to the last, empty ones included
    const byStart = new Map(ps.map((p) => [p.period, p]));
    const all = [];
    for (let d = ps[0].period; d <= ps[ps.length - 1].period && all.length < 5000; d = next(d, unit)) {
      all.push(byStart.get(d) || {period: d, total: 0, by_quad: {}});
    }
    const total = ps.reduce((s, p) => s + p.total, 0);
    info.textContent = `${total} events over ${all.length} ${unit}s (${ps[0].period} to ${ps[ps.length - 1].period})` +
      (counts.undated ? `; ${counts.undated} without a date are not shown` : "") +
      ". Narrow the period with From/to; click a bar for its events.";
    const max = Math.max(...all.map((p) => p.total)), bw = (W - L - R) / all.length, h = H - T - B;
    const y = (n) => (h * n) / max;
    const s = svg("svg", {width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img",
                          "aria-label": `events per ${unit} by quad class`});
    const ticks = [...new Set([0, Math.round(max / 4), Math.round(max / 2), Math.round((3 * max) / 4), max])];
    for (const t of ticks) {
      s.append(svg("line", {x1: L, x2: W - R, y1: T + h - y(t), y2: T + h - y(t), stroke: "#eee"}),
               svg("text", {x: L - 4, y: T + h - y(t) + 4, "text-anchor": "end"}, String(t)));
    }
    const years = all.length > 104;
    let lastLabel = null, lastX = -1e9;
    all.forEach((p, i) => {
      const x = L + i * bw;
      const label = years ? p.period.slice(0, 4) : p.period.slice(0, 7);
      if (label !== lastLabel) {  // a tick where a year (or month) starts, labelled if there is room
        s.append(svg("line", {x1: x, x2: x, y1: T + h, y2: T + h + 5, stroke: "#999"}));
        if (x - lastX > 50) { s.append(svg("text", {x: x + 2, y: T + h + 16}, label)); lastX = x; }
        lastLabel = label;
      }
      if (!p.total) return;
      const end = D.periodEnd(p.period, unit);
      const g = svg("g", {class: "period", "data-period": p.period, tabindex: 0, role: "link",
                          onclick: () => { location.href = "/events" + D.query({since: p.period, until: end}); }});
      let base = T + h;
      for (const q of ["0", "1", "2", "3", "4"]) {
        const n = p.by_quad[q] || 0;
        if (!n) continue;
        base -= y(n);
        // thin bars (years of weeks) drawn 3 px wide around their week so they stay visible
        const w = bw > 3 ? bw - 1 : 3, bx = bw > 3 ? x + 0.5 : x + bw / 2 - 1.5;
        g.append(svg("rect", {x: bx, y: base, width: w,
                              height: y(n), fill: D.COLOURS[q]},
                     svg("title", {}, `${unit} of ${p.period}: ${n} ${D.QUADS[q]} (${p.total} in all)`)));
      }
      s.append(g);
    });
    s.append(svg("line", {x1: L, x2: W - R, y1: T + h, y2: T + h, stroke: "#999"}));
    plot.replaceChildren(s);
  }

  const turn = D.turns();

  async function load() {
    const fresh = turn();
    D.setUrlParams(state);
    try {
      const counts = await api("/api/counts", {unit: state.unit, since: state.since, until: state.until, actor: state.actor});
      if (fresh()) draw(counts);
    } catch (err) { D.fail(plot, err); }
  }

  load();
})();
