// Actor network: who acts on whom (/api/network). Nodes are countries or actor
// codes, sized by their events; edges are coloured by quad class and as wide as
// their count. Layout: a small force simulation written here (or a circle).
"use strict";

(() => {
  const {el, svg, api} = D;
  const root = document.getElementById("app");
  const state = Object.assign({top: "30", layout: "force"}, D.urlParams());
  const W = 900, H = 620;

  const form = el("form", {class: "toolbar", onchange: () => {
    const f = new FormData(form);
    for (const k of ["quad", "top", "layout"]) state[k] = f.get(k) || undefined;
    load();
  }, onsubmit: (ev) => ev.preventDefault()},
    el("label", {}, "Events ", D.quadSelect("all classes")),
    el("label", {}, "Actors ", el("select", {name: "top"}, ["15", "30", "60", "120"].map((n) => el("option", {value: n}, n)))),
    el("label", {}, "Layout ", el("select", {name: "layout"}, el("option", {value: "force"}, "force"),
       el("option", {value: "circle"}, "circle"))));
  const info = el("p", {class: "muted", id: "network-info"});
  const plot = el("div", {id: "network-plot"});
  root.classList.add("network");
  root.append(el("h1", {}, "Actor network"), form, D.legend(), info, plot);
  for (const k of ["quad", "top", "layout"]) form.elements[k].value = state[k] || "";

  function circle(nodes) {
    const r = Math.min(W, H) / 2 - 60;
    nodes.forEach((n, i) => {
      const a = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      n.x = W / 2 + r * Math.cos(a);
      n.y = H / 2 + r * Math.sin(a);
    });
  }

  // deterministic: start on the circle, then repulsion between all nodes,
  // springs along edges, a pull to the centre, cooling step by step
  function force(nodes, edges) {
    circle(nodes);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const links = edges.map((e) => [byId.get(e.source), byId.get(e.target), e.count]);
    const k = Math.sqrt((W * H) / Math.max(1, nodes.length)) * 0.45;
    for (let it = 0, t = 40; it < 300; it++, t *= 0.985) {
      for (const n of nodes) { n.dx = 0; n.dy = 0; }
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d2 = Math.max(dx * dx + dy * dy, 1), f = (k * k) / d2;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      for (const [a, b, c] of links) {  // attraction d²/k along the link, more for frequent links
        const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 1);
        const f = (d / k) * Math.min(3, 1 + Math.log(c));
        a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
      }
      for (const n of nodes) {
        n.dx += (W / 2 - n.x) * 0.15; n.dy += (H / 2 - n.y) * 0.15;
        const d = Math.max(Math.hypot(n.dx, n.dy), 1e-9), step = Math.min(d, t);
        n.x = Math.min(W - 40, Math.max(40, n.x + (n.dx / d) * step));
        n.y = Math.min(H - 30, Math.max(30, n.y + (n.dy / d) * step));
      }
    }
  }

  function draw(net) {
    const nodes = net.nodes.slice().sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
    info.textContent = nodes.length
      ? `${nodes.length} actors, ${net.edges.length} links (source → target, per quad class)` +
        (net.actors_left_out ? `; ${net.actors_left_out} less active actors left out` : "") +
        ". Click an actor for its events."
      : "No events with both a source and a target.";
    if (!nodes.length) { plot.replaceChildren(); return; }
    (state.layout === "circle" ? circle : force)(nodes, net.edges);
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const maxC = Math.max(...net.edges.map((e) => e.count), 1);
    const s = svg("svg", {width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "actor network"});
    const defs = svg("defs");
    for (const [q, c] of Object.entries(D.COLOURS)) {
      defs.append(svg("marker", {id: "arrow-q" + q, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9,
                                 markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse"},
                      svg("path", {d: "M0,0 L10,5 L0,10 z", fill: c})));
    }
    s.append(defs);
    const radius = (n) => 6 + 2.5 * Math.sqrt(n.count);
    const gEdges = svg("g", {class: "edges"});
    for (const e of net.edges) {
      const a = byId.get(e.source), b = byId.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
      // parallel links (other classes, other direction) bend apart
      const bend = 18 + 14 * (e.quad_class || 0);
      const mx = (a.x + b.x) / 2 - (dy / d) * bend, my = (a.y + b.y) / 2 + (dx / d) * bend;
      const rb = radius(b) + 3, ex = b.x - ((b.x - mx) / Math.hypot(b.x - mx, b.y - my)) * rb,
            ey = b.y - ((b.y - my) / Math.hypot(b.x - mx, b.y - my)) * rb;
      gEdges.append(svg("path", {d: `M${a.x},${a.y} Q${mx},${my} ${ex},${ey}`, fill: "none",
        stroke: D.COLOURS[e.quad_class], "stroke-opacity": 0.75, "stroke-width": 1 + 5 * Math.sqrt(e.count / maxC),
        "marker-end": `url(#arrow-q${e.quad_class})`, class: "edge", "data-source": e.source, "data-target": e.target},
        svg("title", {}, `${e.source} → ${e.target}: ${e.count} ${D.QUADS[e.quad_class] || ""}`)));
    }
    const gNodes = svg("g", {class: "nodes"});
    for (const n of nodes) {
      const go = () => { location.href = "/events" + D.query({source: n.id}); };
      gNodes.append(svg("g", {class: "node", "data-actor": n.id, tabindex: 0, role: "link",
                              onclick: go, onkeydown: (ev) => { if (ev.key === "Enter") go(); }},
        svg("circle", {cx: n.x, cy: n.y, r: radius(n), fill: "#4a5568"},
            svg("title", {}, `${n.id}: ${n.out} as source, ${n.in} as target`)),
        svg("text", {class: "label", x: n.x, y: n.y - radius(n) - 3, "text-anchor": "middle"}, n.id)));
    }
    s.append(gEdges, gNodes);
    // the strongest links as a list too (readable without the drawing), each to its events
    const strongest = net.edges.slice().sort((x, y) => y.count - x.count).slice(0, 15).map((e) => el("li", {},
      D.swatch(e.quad_class), el("a", {href: "/events" + D.query({source: e.source, target: e.target, quad: e.quad_class})},
                                 `${e.source} → ${e.target}`), `: ${e.count} ${D.QUADS[e.quad_class] || ""}`));
    plot.replaceChildren(s, el("h2", {}, "Strongest links"), el("ol", {id: "strongest-links"}, strongest));
  }

  const turn = D.turns();

  async function load() {
    const fresh = turn();
    D.setUrlParams(state);
    try {
      const net = await api("/api/network", {quad: state.quad, top: state.top});
      if (fresh()) draw(net);
    } catch (err) { D.fail(plot, err); }
  }

  load();
})();
