/* Views over linked data: timeline, event, entities, entity, disputes, outlet comparison. */
"use strict";
window.SL = window.SL || {};
(function (SL) {
  const h = SL.h;
  SL.views = SL.views || {};

  function sentenceLink(m, label) {
    return h("a", { className: "source-link", href: SL.route(["article", m.article_id], { p: m.paragraph, s: m.start, e: m.end }) }, label);
  }

  function eventLine(e) {
    return h("li", { className: "event type-" + e.type },
      h("span", { className: "swatch type-" + e.type }), SL.date(e.date) + " ",
      h("a", { href: SL.route(["event", e.id]) }, e.summary || SL.typeLabel(e.type)),
      " · " + SL.typeLabel(e.type) + (e.mode ? "/" + e.mode : "") + " · " + (e.outlets || []).join("、"));
  }

  SL.views.timeline = async function (parts, params) {
    const query = { entity: params.get("entity"), from: params.get("from"), to: params.get("to"), type: params.get("type") };
    const data = await SL.api("timeline", { ...query, limit: 500, offset: params.get("offset") });
    const form = h("form", { className: "filters" },
      h("label", null, "实体 Entity ", h("input", { name: "entity", maxlength: 100, value: query.entity || "" })),
      h("label", null, "从 From ", h("input", { name: "from", maxlength: 10, placeholder: "2022-02-01", value: query.from || "" })),
      h("label", null, "到 To ", h("input", { name: "to", maxlength: 10, placeholder: "2022-03-01", value: query.to || "" })),
      h("label", null, "类型 Type ", h("select", { name: "type" }, h("option", { value: "" }, "全部 all"),
        Object.keys(SL.TYPE_ZH).map((t) => h("option", { value: t, selected: query.type === t }, SL.typeLabel(t))))),
      h("button", { type: "submit" }, "筛选 Filter"));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = SL.route(["timeline"], Object.fromEntries(new FormData(form))); });
    const host = h("div", { className: "timeline", id: "timeline" });
    const types = [...new Set(data.items.map((e) => e.type))].sort();
    setTimeout(() => new SL.Timeline(host, data.items), 0);
    return [
      h("h1", null, "时间线 Timeline"), form,
      h("p", { className: "muted" }, data.total + " 个带日期的事件 dated events" + (data.undated ? "，" + data.undated + " 个无日期 undated" : "") +
        (data.total > data.items.length ? " · 本页 this page: " + (data.offset + 1) + "–" + (data.offset + data.items.length) : "") +
        " · Ctrl+滚轮缩放、拖动平移 Ctrl+wheel zooms, drag pans"),
      h("p", { className: "legend" }, types.map((t) => h("span", { className: "legend-item" }, h("span", { className: "swatch type-" + t }), SL.typeLabel(t)))),
      host,
      h("h2", null, "列表 List"), h("ul", { className: "events" }, data.items.map(eventLine)),
      SL.pager(data, (o) => SL.route(["timeline"], { ...query, offset: o })),
    ];
  };

  SL.views.event = async function (parts) {
    const e = await SL.api("events/" + encodeURIComponent(parts[1] || ""));
    return [
      h("h1", null, e.summary || SL.typeLabel(e.type)),
      h("p", { className: "meta" }, [SL.date(e.date) + (e.date_end ? " — " + SL.date(e.date_end) : ""), SL.typeLabel(e.type) + (e.mode ? "/" + e.mode : ""),
        e.status, e.location, e.duration_minutes ? e.duration_minutes + " 分钟 min" : null].filter(Boolean).join(" · ")),
      h("h2", null, "参与者 Actors"),
      h("ul", null, e.actors.map((a) => h("li", null, h("a", { href: SL.route(["entity", a.entity_id || a.name]) }, a.name), " (" + a.role + ")"))),
      h("h2", null, "来源 Sources"),
      h("ol", { className: "sources" }, e.sources.map((s) => h("li", { className: "source" },
        h("blockquote", null, s.text),
        h("div", { className: "meta" }, (s.outlet || "—") + " · " + SL.date(s.published) + " · " + (s.title || s.article_id) + " · ",
          sentenceLink(s, "原文 ¶" + s.paragraph + " View in article"))))),
    ];
  };

  SL.views.entities = async function (parts, params) {
    const offset = +(params.get("offset") || 0);
    const page = await SL.api("entities", { limit: 100, offset, type: params.get("type"), q: params.get("q") });
    const tabs = h("p", { className: "tabs" }, ["", "PERSON", "ORG", "GPE", "LOC"].map((t) =>
      h("a", { href: SL.route(["entities"], { type: t }), className: (params.get("type") || "") === t ? "active" : "" }, t || "全部 all")));
    return [
      h("h1", null, "实体 Entities"), tabs,
      h("table", { className: "list" }, h("tbody", null, page.items.map((e) => h("tr", null,
        h("td", null, h("a", { href: SL.route(["entity", e.id]) }, e.name)), h("td", null, e.type),
        h("td", null, e.english || ""), h("td", null, e.mentions + " 次 / " + e.articles + " 篇"),
        h("td", { className: "muted" }, e.aliases.filter((a) => a !== e.name).join("、")))))),
      SL.pager(page, (o) => SL.route(["entities"], { type: params.get("type"), offset: o })),
    ];
  };

  SL.views.entity = async function (parts) {
    const e = await SL.api("entities/" + encodeURIComponent(parts[1] || ""));
    return [
      h("h1", null, e.name + (e.english ? " (" + e.english + ")" : "")),
      h("p", { className: "meta" }, e.type + " · " + e.mentions + " 次提及 mentions · " + e.articles + " 篇文章 articles"),
      h("h2", null, "别名 Aliases"), h("p", null, e.aliases.join("、") || "—"),
      h("h2", null, "职务 Roles"), h("ul", null, e.roles.map((r) => h("li", null, (r.of || "") + " " + (r.title || "")))),
      h("p", null, h("a", { href: SL.route(["timeline"], { entity: e.id }) }, "在时间线上查看 On the timeline →")),
      h("h2", null, "事件 Events"), h("ul", { className: "events" }, e.events.map(eventLine)),
      h("h2", null, "引语 Quotes"), h("ul", { className: "quotes" }, e.quotes.map((q) => h("li", null,
        SL.date(q.date) + " " + (q.cue || "") + "：", h("q", null, q.text), " ", sentenceLink(q, "原文 source")))),
    ];
  };

  function side(label, s, cls) {
    return h("div", { className: "side " + cls },
      h("h3", null, label + " — ", s.by && s.by.entity_id ? h("a", { href: SL.route(["entity", s.by.entity_id]) }, s.by.name) : (s.by && s.by.name) || "?"),
      h("blockquote", null, s.text),
      h("div", { className: "meta" }, SL.date(s.date) + " · ", s.article_id
        ? h("a", { href: SL.route(["article", s.article_id], s.paragraph !== undefined && s.paragraph !== null ? { p: s.paragraph } : {}) }, "原文 source")
        : "—"));
  }

  SL.views.disputes = async function (parts, params) {
    const page = await SL.api("disputes", { limit: 200, entity: params.get("entity") });
    return [
      h("h1", null, "争议 Disputes"),
      h("p", { className: "muted" }, page.total + " 个争议 disputes: 说法与反驳 claim and counter-claim"),
      page.items.map((d) => h("section", { className: "dispute", id: "dispute-" + d.id },
        h("h2", null, d.topic || "争议"),
        h("div", { className: "sides" }, side("说法 Claim", d.claim, "claim"), side("反驳 Counter", d.counter, "counter")),
        h("p", { className: "meta" }, "媒体 Outlets: " + (d.outlets || []).join("、")))),
    ];
  };

  SL.views.compare = async function (parts, params) {
    const stats = await SL.api("stats");
    const chosen = (params.get("outlets") || "").split(",").filter(Boolean);
    const form = h("form", { className: "filters" }, stats.outlets.map((o) => h("label", null,
      h("input", { type: "checkbox", name: "o", value: o.name, checked: chosen.includes(o.name) }), o.name)),
      h("button", { type: "submit" }, "比较 Compare"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      location.hash = SL.route(["compare"], { outlets: new FormData(form).getAll("o").join(",") });
    });
    const data = await SL.api("compare", { outlets: chosen.join(",") });
    const outlets = data.outlets;
    const features = [...new Set(data.records.map((r) => r.feature))];
    const tables = features.map((f) => {
      const recs = data.records.filter((r) => r.feature === f);
      const keys = [...new Set(recs.map((r) => String(r.key)))].slice(0, 40);
      return [h("h2", null, f), h("table", { className: "list compare" },
        h("thead", null, h("tr", null, h("th", null, "key"), outlets.map((o) => h("th", null, o)))),
        h("tbody", null, keys.map((k) => h("tr", null, h("td", null, k), outlets.map((o) => {
          const r = recs.find((x) => x.outlet === o && String(x.key) === k);
          return h("td", { title: r && r.examples && r.examples[0] ? r.examples[0].text : null }, r ? String(r.value) : "");
        })))))];
    });
    return [h("h1", null, "媒体比较 Outlet comparison"), form, data.note ? h("p", { className: "note" }, data.note) : null,
      features.length ? tables : h("p", { className: "muted" }, "没有比较数据 No framing records.")];
  };
})(window.SL);
