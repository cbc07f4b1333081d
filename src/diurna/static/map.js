// Map of events by place (/api/places): a circle per place where events
// happened (area: its events, colour: its most frequent quad class) on a
// latitude/longitude grid; click a place for its events. No map tiles and
// nothing from outside: the frame is an equirectangular projection fitted to
// the places (all of them, or the ten busiest), as in the HTML report.
"use strict";

(() => {
  const {el, svg, api} = D;
  const root = document.getElementById("app");
  const state = Object.assign({fit: "all"}, D.urlParams());
  const W = 900, H = 520, PAD = 40;

  const form = el("form", {class: "toolbar", onchange: () => {
    const f = new FormData(form);
    for (const k of ["quad", "fit", "since", "until"]) state[k] = f.get(k) || undefined;
    load();
  }, onsubmit: (ev) => ev.preventDefault()},
    el("label", {}, "Events ", D.quadSelect("all classes")),
    el("label", {}, "Frame ", el("select", {name: "fit"}, el("option", {value: "all"}, "all places"),
       el("option", {value: "10"}, "the ten busiest"))),
    el("label", {}, "From ", el("input", {name: "since", type: "date"})),
    el("label", {}, "to ", el("input", {name: "until", type: "date"})));
  const info = el("p", {class: "muted", id: "map-info"});
  const plot = el("div", {id: "map-plot"});
  const list = el("div", {id: "map-places"});
  root.append(el("h1", {}, "Map of events"), form, D.legend(), info, plot, list);
  for (const k of ["quad", "fit", "since", "until"]) form.elements[k].value = state[k] || (k === "fit" ? "all" : "");

  // (lon, lat) -> [x, y], fitted to pts; east-west shrunk by the cosine of the middle latitude
  function frame(pts) {
    const lons = pts.map((p) => p.lon), lats = pts.map((p) => p.lat);
    const lo = Math.min(...lons), hi = Math.max(...lons), bo = Math.min(...lats), to = Math.max(...lats);
    const k = Math.max(0.2, Math.cos(((bo + to) / 2) * Math.PI / 180));
    const sx = Math.max((hi - lo) * k, 4), sy = Math.max(to - bo, 4);
    const scale = Math.min((W - 2 * PAD) / sx, (H - 2 * PAD) / sy);
    const ml = (lo + hi) / 2, mb = (bo + to) / 2;
    const step = [1, 2, 5, 10, 20, 30, 60].find((s) => Math.max(sx / k, sy) / s <= 8) || 60;
    return {step, at: (lon, lat) => [W / 2 + (lon - ml) * k * scale, H / 2 - (lat - mb) * scale]};
  }

  function filters(extra) {
    const f = {quad: state.quad, since: state.since, until: state.until};
    return Object.assign(f, extra || {});
  }

  function draw(data) {
    const all = data.places.filter((p) => p.lat !== null && p.lon !== null);
    const countries = data.places.length - all.length;
    if (!all.length) {
      info.textContent = "No event matching has a place with coordinates.";
      plot.replaceChildren(); list.replaceChildren(); return;
    }
    const fitN = state.fit === "10" ? 10 : all.length;
    const {step, at} = frame(all.slice(0, fitN));
    const inside = all.filter((p) => { const [x, y] = at(p.lon, p.lat); return x >= 0 && x <= W && y >= 0 && y <= H; });
    const total = data.places.reduce((s, p) => s + p.total, 0);
    info.textContent = `${total} located events at ${data.places.length} places` +
      (countries ? ` (${countries} of them countries, not drawn)` : "") +
      (inside.length < all.length ? `; ${all.length - inside.length} places outside this frame` : "") +
      `; ${data.without_place} matching events name no place. Click a place for its events.`;
    const s = svg("svg", {viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img",
                          "aria-label": "map of where events happened"},
                  svg("rect", {width: W, height: H, fill: "#f4f7fa"}));
    for (let d = -180; d <= 180; d += step) {
      const x = at(d, 0)[0];
      if (x < 0 || x > W) continue;
      s.append(svg("line", {x1: x, x2: x, y1: 0, y2: H, stroke: "#dde3ea"}),
               svg("text", {x: x + 2, y: H - 4, "font-size": 9, fill: "#889"}, `${Math.abs(d)}°${d >= 0 ? "E" : "W"}`));
    }
    for (let d = -90; d <= 90; d += step) {
      const y = at(0, d)[1];
      if (y < 0 || y > H) continue;
      s.append(svg("line", {x1: 0, x2: W, y1: y, y2: y, stroke: "#dde3ea"}),
               svg("text", {x: 2, y: y - 2, "font-size": 9, fill: "#889"}, `${Math.abs(d)}°${d >= 0 ? "N" : "S"}`));
    }
    const taken = [];
    inside.forEach((p, i) => {
      const [x, y] = at(p.lon, p.lat);
      const q = Object.entries(p.by_quad).sort((a, b) => b[1] - a[1])[0][0];
      const r = Math.min(30, 3 + 2.5 * Math.sqrt(p.total));
      const g = svg("g", {class: "place", "data-place": p.name, tabindex: 0, role: "link",
                          onclick: () => { location.href = "/events" + D.query(filters({place: p.name})); }},
                    svg("circle", {cx: x, cy: y, r, fill: D.COLOURS[q], "fill-opacity": 0.6, stroke: "#fff"},
                        svg("title", {}, `${p.name} (${p.country || "?"}): ${p.total} events`)));
      if (i < 20) {  // a name right of its circle, else left of it, never over another name
        const lw = 6.3 * p.name.length;
        for (const left of [x + r + 2, x - r - 2 - lw]) {
          const b = [left, y - 6, left + lw, y + 6];
          if (b[0] >= 0 && b[2] <= W && !taken.some((t) => b[0] < t[2] && t[0] < b[2] && b[1] < t[3] && t[1] < b[3])) {
            taken.push(b);
            g.append(svg("text", {x: left, y: y + 4, "font-size": 11}, p.name));
            break;
          }
        }
      }
      s.append(g);
    });
    plot.replaceChildren(s);
    list.replaceChildren(el("table", {class: "grid"},
      el("thead", {}, el("tr", {}, ["Place", "Country", "Kind", "Events", "By class"].map((h) => el("th", {}, h)))),
      el("tbody", {}, data.places.slice(0, 50).map((p) => el("tr", {},
        el("td", {}, el("a", {href: "/events" + D.query(filters({place: p.name}))}, p.name)),
        el("td", {}, p.country || ""), el("td", {}, p.feature || ""), el("td", {}, String(p.total)),
        el("td", {}, Object.entries(p.by_quad).map(([q, n]) => el("span", {title: D.QUADS[q]}, D.swatch(q), `${n} `))))))));
  }

  const turn = D.turns();

  async function load() {
    const fresh = turn();
    D.setUrlParams(state);
    try {
      const data = await api("/api/places", filters());
      if (fresh()) draw(data);
    } catch (err) { D.fail(plot, err); }
  }

  load();
})();
