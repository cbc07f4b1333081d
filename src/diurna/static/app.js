// diurna web app: helpers shared by the pages (no libraries, nothing from outside).
// Text from articles only ever enters the page through text nodes (textContent):
// no HTML strings are ever parsed.
"use strict";

const D = (() => {
  const QUADS = {0: "neutral", 1: "verbal cooperation", 2: "material cooperation",
                 3: "verbal conflict", 4: "material conflict"};
  const COLOURS = {0: "#888888", 1: "#2b8cbe", 2: "#31a354", 3: "#fd8d3c", 4: "#de2d26"};
  const CAMEO_ROOTS = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
    "05": "engage in diplomatic cooperation", "06": "engage in material cooperation", "07": "provide aid",
    "08": "yield", "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
    "14": "protest", "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault",
    "19": "fight", "20": "use unconventional mass violence"};
  const SVG_NS = "http://www.w3.org/2000/svg";

  function append(node, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  // el("a", {href: "/x", class: "y", onclick: fn}, "text", child...): strings become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      const aria = k.startsWith("aria-");  // aria-pressed="false" is a value, disabled=false no attribute
      if (v === null || v === undefined || (v === false && !aria)) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "text") node.textContent = String(v);
      else node.setAttribute(k, v === true && !aria ? "" : String(v));
    }
    return append(node, children);
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, String(v));
    }
    return append(node, children);
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") q.set(k, v);
    }
    const s = q.toString();
    return s ? "?" + s : "";
  }

  async function api(path, params) {
    const r = await fetch(path + query(params), {headers: {Accept: "application/json"}});
    const body = await r.json().catch(() => ({}));
    if (r.headers.get("X-Diurna-Cache") === "stale" && !document.getElementById("stale-note")) {
      document.querySelector("main").prepend(el("p", {class: "error", id: "stale-note", role: "status"},
        "The store is being written to (a run is going on): showing the last answers; reload later for new ones."));
    }
    if (!r.ok) {
      const d = body.detail;
      const msg = Array.isArray(d) ? d.map((x) => (x.loc || []).slice(1).join(".") + ": " + x.msg).join("; ") : d;
      throw new Error(`${r.status}: ${msg || r.statusText}`);
    }
    return body;
  }

  // turns() -> turn(): each call of turn() starts a new turn and returns a check
  // that stays true only while no later turn has started, so a slow answer to an
  // earlier request never overwrites the answer to a later one
  function turns() {
    let last = 0;
    return () => { const mine = ++last; return () => mine === last; };
  }

  function urlParams() { return Object.fromEntries(new URLSearchParams(location.search)); }
  function setUrlParams(params) { history.replaceState(null, "", location.pathname + query(params)); }

  // the text of a sentence starting at `start` (article offsets) with [a, b) spans in <mark>
  function highlight(text, start, spans, cls) {
    const frag = document.createDocumentFragment();
    let pos = 0;
    const sorted = spans.map(([a, b]) => [a - start, b - start])
      .filter(([a, b]) => a >= 0 && b <= text.length && a < b).sort((x, y) => x[0] - y[0]);
    for (const [a, b] of sorted) {
      if (a < pos) continue;
      frag.appendChild(document.createTextNode(text.slice(pos, a)));
      frag.appendChild(el("mark", {class: cls || "trigger"}, text.slice(a, b)));
      pos = b;
    }
    frag.appendChild(document.createTextNode(text.slice(pos)));
    return frag;
  }

  function swatch(q) { return el("span", {class: "swatch q" + q, title: QUADS[q] || ""}); }

  function actor(code, list) {
    const words = (list || []).map((a) => a.text).filter(Boolean).join(", ");
    if (!code && !words) return el("span", {class: "muted"}, "—");
    return el("span", {}, code ? el("code", {}, code) : null, words ? " " + words : null);
  }

  // "FRA France —020 appeal (REQUEST)→ RUS Russia"
  function eventLine(e) {
    const root = CAMEO_ROOTS[(e.cameo || "").slice(0, 2)] || "";
    return el("span", {class: "event"}, swatch(e.quad_class), actor(e.source_code, e.source), " —",
              el("b", {}, e.cameo), " ", root, e.plover ? ` (${e.plover})` : "", "→ ",
              actor(e.target_code, e.target), e.trigger_text ? el("small", {}, `  “${e.trigger_text}”`) : null);
  }

  // the quad-class filter of a toolbar: <select name="quad"> with "any" first
  function quadSelect(any) {
    return el("select", {name: "quad"}, el("option", {value: ""}, any),
              Object.entries(QUADS).map(([q, n]) => el("option", {value: q}, n)));
  }

  function legend() {
    return el("p", {class: "legend"}, Object.entries(QUADS).map(([q, name]) => el("span", {}, swatch(q), name)));
  }

  function fail(container, err) {
    container.replaceChildren(el("p", {class: "error", role: "alert"}, String(err.message || err)));
  }

  // dates as UTC days
  function day(iso) { return new Date(iso.slice(0, 10) + "T00:00:00Z"); }
  function iso(d) { return d.toISOString().slice(0, 10); }
  function addDays(isoDate, n) { const d = day(isoDate); d.setUTCDate(d.getUTCDate() + n); return iso(d); }
  function periodEnd(start, unit) {
    const d = day(start);
    if (unit === "day") return iso(d);
    if (unit === "week") return addDays(start, 6);
    if (unit === "month") return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
    return iso(new Date(Date.UTC(d.getUTCFullYear(), 11, 31)));
  }
  function periodLabel(start, unit) {
    const d = day(start);
    if (unit === "year") return String(d.getUTCFullYear());
    if (unit === "month") return d.toLocaleDateString("en-GB", {month: "short", year: "numeric", timeZone: "UTC"});
    return d.toLocaleDateString("en-GB", {day: "numeric", month: "short", year: "numeric", timeZone: "UTC"});
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const a of document.querySelectorAll("header.top nav a")) {
      if (a.getAttribute("href") === location.pathname) a.setAttribute("aria-current", "page");
    }
  });

  return {QUADS, COLOURS, CAMEO_ROOTS, el, svg, api, query, turns, urlParams, setUrlParams, highlight, swatch, actor,
          eventLine, legend, quadSelect, fail, day, iso, addDays, periodEnd, periodLabel};
})();
