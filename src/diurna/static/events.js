// Events table with facets: counts by quad class, CAMEO root, source, target and
// PLOVER type (/api/facets); clicking a facet value filters the table (/api/events).
"use strict";

(() => {
  const {el, api} = D;
  const root = document.getElementById("app");
  const FILTERS = ["quad", "cameo", "source", "target", "plover", "article", "q", "since", "until", "story", "place"];
  const FACETS = [["quad", "Quad class", "quad"], ["cameo_root", "CAMEO root", "cameo"],
                  ["source", "Source (who acts)", "source"], ["target", "Target (acted on)", "target"],
                  ["plover", "PLOVER type", "plover"]];
  const PAGE = 100;
  const state = D.urlParams();

  const facets = el("aside", {class: "facets", id: "facets", "aria-label": "facets"});
  const chips = el("div", {class: "chips toolbar", id: "active-filters"});
  const search = el("form", {class: "toolbar", onsubmit: (ev) => {
    ev.preventDefault();
    const f = new FormData(search);
    for (const k of ["q", "since", "until"]) state[k] = f.get(k) || undefined;
    delete state.offset;
    load();
  }}, el("label", {}, "Words ", el("input", {name: "q", type: "search", maxlength: 200})),
      el("label", {}, "From ", el("input", {name: "since", type: "date"})),
      el("label", {}, "to ", el("input", {name: "until", type: "date"})),
      el("button", {type: "submit"}, "Apply"));
  const summary = el("p", {class: "muted", id: "events-summary"});
  const table = el("div", {id: "events-table"});
  const pager = el("div", {class: "toolbar", id: "pager"});
  root.append(el("h1", {}, "Events"), D.legend(),
              el("div", {class: "with-facets"}, facets, el("section", {}, search, chips, summary, table, pager)));

  function filters() {
    const f = {};
    for (const k of FILTERS) if (state[k]) f[k] = state[k];
    return f;
  }

  function facetLabel(name, value) {
    if (name === "quad") return D.QUADS[value] || String(value);
    if (name === "cameo_root") return `${value} ${D.CAMEO_ROOTS[value] || ""}`;
    return String(value);
  }

  function toggle(param, value) {
    if (state[param] === String(value)) delete state[param];
    else state[param] = String(value);
    delete state.offset;
    load();
  }

  function drawFacets(data) {
    facets.replaceChildren(...FACETS.map(([name, title, param]) => el("section", {"data-facet": name},
      el("h3", {}, title),
      el("ul", {}, data[name].map(({value, count}) => el("li", {},
        value === null
          ? el("span", {class: "muted"}, "(not coded) ", el("span", {class: "count"}, String(count)))
          : el("button", {type: "button", "data-value": value, "aria-pressed": state[param] === String(value),
                          onclick: () => toggle(param, value)},
               el("span", {}, name === "quad" ? D.swatch(value) : null, facetLabel(name, value)),
               el("span", {class: "count"}, String(count)))))))));
  }

  function drawChips() {
    const active = Object.entries(filters());
    chips.replaceChildren(...(active.length ? [el("span", {class: "muted"}, "Filters:")] : []),
      ...active.map(([k, v]) => el("button", {type: "button", title: "remove this filter",
        onclick: () => { delete state[k]; delete state.offset; load(); }},
        `${k} = ${v}${k === "quad" ? ` (${D.QUADS[v] || "?"})` : ""} ✕`)));
    for (const k of ["q", "since", "until"]) search.elements[k].value = state[k] || "";
  }

  function drawTable(page) {
    const offset = page.offset;
    summary.textContent = page.total
      ? `${page.total} events; ${offset + 1}–${offset + page.count} shown.` : "No events match.";
    const rows = page.items.map((e) => {
      const spans = e.trigger_start === null ? [] : [[e.trigger_start, e.trigger_end]];
      const sentence = e.sentence_text && e.sentence_start !== null
        ? D.highlight(e.sentence_text, e.sentence_start, spans) : (e.sentence_text || "");
      return el("tr", {"data-event": e.id},
        el("td", {}, String(e.date || "undated"), e.date_source ? el("br") : null, el("small", {}, e.date_source || "")),
        el("td", {class: "actor"}, D.actor(e.source_code, e.source)),
        el("td", {}, D.swatch(e.quad_class), el("b", {}, e.cameo), " ", D.CAMEO_ROOTS[e.cameo.slice(0, 2)] || "",
           e.plover ? el("br") : null, el("small", {}, e.plover || "")),
        el("td", {class: "actor"}, D.actor(e.target_code, e.target)),
        el("td", {class: "sentence"}, sentence),
        el("td", {}, el("a", {href: `/articles/${encodeURIComponent(e.article_id)}#s${e.sentence}`},
                        e.article_title || e.article_id)));
    });
    table.replaceChildren(el("table", {class: "grid"},
      el("thead", {}, el("tr", {}, ["date", "source", "event", "target", "sentence", "article"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)));
    const go = (o) => { state.offset = o || undefined; load(); };
    pager.replaceChildren(
      el("button", {type: "button", disabled: offset === 0, onclick: () => go(Math.max(0, offset - PAGE))}, "← previous"),
      el("button", {type: "button", disabled: offset + page.count >= page.total, onclick: () => go(offset + PAGE)}, "next →"),
      el("a", {href: "/api/events" + D.query(Object.assign(filters(), {format: "csv", limit: 500}))}, "CSV (first 500)"));
  }

  const turn = D.turns();

  async function load() {
    const fresh = turn();
    D.setUrlParams(Object.assign(filters(), state.offset ? {offset: state.offset} : {}));
    drawChips();
    try {
      const [fc, page] = await Promise.all([
        api("/api/facets", filters()),
        api("/api/events", Object.assign(filters(), {limit: PAGE, offset: state.offset || 0}))]);
      if (!fresh()) return;
      drawFacets(fc);
      drawTable(page);
    } catch (err) { D.fail(table, err); }
  }

  load();
})();
