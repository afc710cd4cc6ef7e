/* Overview views: coverage over time (stacked bars drawn by ECharts) and the entity co-occurrence
   network (drawn by Cytoscape.js). Both libraries are vendored (vendor/, scripts/vendor_web.sh, checksums
   in vendor/VERSIONS.txt): a maintained chart library gives axes, stacking, zoom and hit-testing that a
   hand-written SVG would do poorly.

   - Both draw on a canvas: names from untrusted article text become canvas text, never HTML. ECharts'
     tooltip is rendered as rich text on the canvas too (renderMode "richText"): its default HTML
     tooltip is built from strings with inline style attributes, which our CSP refuses and which
     would parse data as HTML.
   - Every chart has a plain list under it with the same links (keyboard, screen readers, tests).
   - The router replaces the view on every hash change: charts are disposed then. */
"use strict";
(function (SL) {
  const h = SL.h;
  SL.views = SL.views || {};
  const OTHER = "其他 other";

  function onLeave(dispose) { window.addEventListener("hashchange", dispose, { once: true }); }

  /* The category window: the newest busy month and up to 23 months before it, when there are more. */
  function windowAround(periods, busy) {
    const end = Math.max(0, periods.indexOf(busy) >= 0 ? periods.indexOf(busy) : periods.length - 1);
    return { startValue: Math.max(0, end - 23), endValue: Math.min(periods.length - 1, end + 2) };
  }

  /* Where a bar leads: an outlet's articles of that month, or that type's events on the timeline. */
  function barRoute(by, key, period) {
    if (by === "outlet") return SL.route(["articles"], { outlet: key || null, from: period, to: period });
    return SL.route(["timeline"], { type: key || null, from: period, to: period });
  }

  /* An event type's colour as app.css gives it (.type-X), so the chart matches the timeline. */
  function typeColour(type) {
    const probe = h("span", { className: "type-" + type });
    document.body.appendChild(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }

  SL.views.coverage = async function (parts, params) {
    const by = params.get("by") === "type" ? "type" : "outlet";
    const query = { by, entity: params.get("entity"), from: params.get("from"), to: params.get("to") };
    const tabs = h("p", { className: "tabs" },
      h("a", { href: SL.route(["coverage"], { ...query, by: "outlet" }), className: by === "outlet" ? "active" : "" }, "按媒体 By outlet (文章 articles)"),
      h("a", { href: SL.route(["coverage"], { ...query, by: "type" }), className: by === "type" ? "active" : "" }, "按事件类型 By event type (事件 events)"));
    const form = h("form", { className: "filters" }, h("input", { type: "hidden", name: "by", value: by }),
      h("label", null, "实体 Entity ", h("input", { name: "entity", maxlength: 100, value: query.entity || "" })),
      h("label", null, "从 From ", h("input", { name: "from", maxlength: 10, placeholder: "2022-01", value: query.from || "" })),
      h("label", null, "到 To ", h("input", { name: "to", maxlength: 10, placeholder: "2022-06", value: query.to || "" })),
      h("button", { type: "submit" }, "筛选 Filter"));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = SL.route(["coverage"], Object.fromEntries(new FormData(form))); });
    const head = [h("h1", null, "报道量 Coverage over time"), tabs, form];
    let data;
    try {
      data = await SL.api("views/coverage", { ...query, top: by === "type" ? 16 : 10 });
    } catch (err) {
      return [...head, SL.errorBox(err)];
    }
    if (!data.periods.length) return [...head, h("p", { className: "muted" }, "没有带日期的数据 Nothing dated.")];
    const name = (key) => (key ? (by === "type" ? SL.typeLabel(key) : key) : OTHER);
    const host = h("div", { className: "chart", id: "coverage-chart", role: "img",
      "aria-label": "每月" + (by === "outlet" ? "各媒体文章数" : "各类型事件数") + " monthly counts" });
    setTimeout(() => {
      const chart = echarts.init(host, null, { renderer: "canvas" });
      const zoom = data.periods.length > 24 ? [{ type: "slider", ...windowAround(data.periods, data.busy) }] : [];
      chart.setOption({
        animation: false,
        tooltip: { trigger: "item", renderMode: "richText" },
        legend: { type: "scroll", top: 0 },
        grid: { left: 48, right: 16, top: 40, bottom: zoom.length ? 64 : 32 },
        xAxis: { type: "category", data: data.periods },
        yAxis: { type: "value", minInterval: 1 },
        dataZoom: zoom,
        series: data.series.map((s) => ({ type: "bar", stack: "all", name: name(s.key), data: s.counts, emphasis: { focus: "series" },
          itemStyle: by === "type" && s.key ? { color: typeColour(s.key) } : undefined })),
      });
      chart.on("click", (p) => {
        if (p.componentType === "series") location.hash = barRoute(by, data.series[p.seriesIndex].key, data.periods[p.dataIndex]);
      });
      const resize = () => chart.resize();
      window.addEventListener("resize", resize);
      onLeave(() => { window.removeEventListener("resize", resize); chart.dispose(); });
      host.dataset.ready = "1";
    }, 0);
    const busy = data.busy ? [h("p", { className: "muted" }, "最近的活跃月份 Newest busy month: ",
      h("a", { className: "busy-month", href: barRoute(by, null, data.busy) }, data.busy),
      " · 点击柱子查看该月的" + (by === "outlet" ? "文章" : "事件") + " Click a bar to open that month's " + (by === "outlet" ? "articles" : "events"))] : [];
    return [...head, h("p", { className: "muted" }, data.total + (by === "outlet" ? " 篇文章 articles" : " 个事件 events")), ...busy, host,
      h("h2", null, "合计 Totals"),
      h("table", { className: "list totals" }, h("tbody", null, data.series.map((s) => h("tr", null,
        h("td", null, name(s.key)), h("td", null, String(s.total)),
        h("td", null, h("a", { href: barRoute(by, s.key, data.busy) }, data.busy ? data.busy + " →" : "→")))))),
      SL.exportBar("coverage-" + by, [["key", (r) => r.key], ["period", (r) => r.period], ["count", (r) => r.count]],
        () => data.series.flatMap((s) => data.periods.map((period, i) => ({ key: s.key, period, count: s.counts[i] })))),
    ];
  };

  const NODE_COLOURS = { PERSON: "#1f8fbf", ORG: "#9b4dca", GPE: "#2f9e44", LOC: "#2f9e44" };

  SL.views.network = async function (parts, params) {
    const query = { entity: params.get("entity"), type: params.get("type"), from: params.get("from"), to: params.get("to"),
      limit: params.get("limit") || 60 };
    const form = h("form", { className: "filters", id: "network-filters", role: "search" },
      h("label", null, "实体 Entity ", h("input", { type: "search", name: "entity", maxlength: 100, placeholder: "普京 / Vladimir Putin", value: query.entity || "" })),
      h("label", null, "事件类型 Event type ", h("select", { name: "type" }, h("option", { value: "" }, "全部 all"),
        SL.eventTypes().map((t) => h("option", { value: t, selected: query.type === t }, SL.typeLabel(t))))),
      h("label", null, "从 From ", h("input", { name: "from", maxlength: 10, placeholder: "2022-01", value: query.from || "" })),
      h("label", null, "到 To ", h("input", { name: "to", maxlength: 10, placeholder: "2022-06", value: query.to || "" })),
      h("button", { type: "submit" }, "显示 Show"));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = SL.route(["network"], Object.fromEntries(new FormData(form))); });
    const head = [h("h1", null, "关系网 Entity network"),
      h("p", { className: "muted" }, "同一事件中的参与者相连，线越粗共同事件越多；点击实体打开其档案。Actors of the same events are linked, thicker for more shared events; click an entity to open it."), form];
    let data;
    try {
      data = await SL.api("views/network", query);
    } catch (err) {
      return [...head, SL.errorBox(err)];
    }
    if (!data.nodes.length) return [...head, h("p", { className: "muted" }, "没有共同出现的实体 No co-occurring entities.")];
    const host = h("div", { className: "network", id: "network", role: "img", "aria-label": "实体关系网 entity network" });
    setTimeout(() => {
      const maxEvents = Math.max(...data.nodes.map((n) => n.events), 1);
      const maxWeight = Math.max(...data.edges.map((e) => e.weight), 1);
      const cy = cytoscape({
        container: host,
        elements: [
          ...data.nodes.map((n) => ({ data: { id: n.id, label: n.name, size: 14 + 36 * Math.sqrt(n.events / maxEvents),
            colour: NODE_COLOURS[n.type] || "#868e96", focus: query.entity && (n.name === query.entity || n.id === query.entity) ? 1 : 0 } })),
          ...data.edges.map((e, i) => ({ data: { id: "x" + i, source: e.source, target: e.target, weight: e.weight,
            width: 1 + 7 * (e.weight / maxWeight) } })),
        ],
        style: [
          { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "data(colour)",
            "font-size": 11, "text-valign": "bottom", "text-margin-y": 3, color: "#1d232a" } },
          { selector: "node[focus = 1]", style: { "border-width": 3, "border-color": "#e8590c" } },
          { selector: "edge", style: { width: "data(width)", "line-color": "#adb5bd", opacity: 0.7, "curve-style": "haystack" } },
        ],
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 8000, idealEdgeLength: () => 90 },
        minZoom: 0.2, maxZoom: 4,
      });
      cy.on("tap", "node", (ev) => { location.hash = SL.route(["entity", ev.target.id()]); });
      host.cy = cy;  // for the browser tests, which click a node at its rendered position
      onLeave(() => cy.destroy());
      host.dataset.ready = "1";
    }, 0);
    const names = new Map(data.nodes.map((n) => [n.id, n.name]));
    return [...head, data.note ? h("p", { className: "note" }, data.note) : null, host,
      h("h2", null, "最强的联系 Strongest links"),
      h("ol", { className: "edges" }, data.edges.slice(0, 30).map((e) => h("li", null,
        h("a", { href: SL.route(["entity", e.source]) }, names.get(e.source)), " — ",
        h("a", { href: SL.route(["entity", e.target]) }, names.get(e.target)),
        " · " + e.weight + " 个共同事件 shared events · ",
        h("a", { href: SL.route(["network"], { entity: e.source }) }, "以此为中心 centre here")))),
      SL.exportBar("network-edges", [["source_id", (e) => e.source], ["source", (e) => names.get(e.source)],
        ["target_id", (e) => e.target], ["target", (e) => names.get(e.target)], ["weight", (e) => e.weight]], () => data.edges),
    ];
  };
})(window.SL);
