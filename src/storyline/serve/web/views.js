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
      " · " + SL.typeLabel(e.type) + (e.mode ? " / " + SL.label("mode", e.mode) : "") + " · " + (e.outlets || []).join("、") + " ",
      SL.eventBadges(e));
  }
  SL.eventLine = eventLine;

  /* YYYY-MM shifted by `delta` months. */
  function shiftMonth(period, delta) {
    const [y, mo] = period.split("-").map(Number);
    const d = new Date(y, mo - 1 + delta, 1);
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0");
  }
  SL.shiftMonth = shiftMonth;

  const PAGE = 500;  // events per timeline page (the API's maximum)

  SL.views.timeline = async function (parts, params) {
    const query = { entity: params.get("entity"), from: params.get("from"), to: params.get("to"), type: params.get("type") };
    /* More dated events than a page: open on the newest busy month (api_views.busy_month), not on
       the oldest 500 (1812 first). A page holds them all otherwise, and the chart frames them all. */
    let opened = null;
    if (!query.from && !query.to && !params.get("all") && !params.get("offset")) {
      try {
        const cov = await SL.api("views/coverage", { by: "type", entity: query.entity, type: query.type });
        if (cov.busy && cov.total > PAGE) { opened = cov.busy; query.from = query.to = cov.busy; }
      } catch (err) { /* the filters' error is shown below, with the form */ }
    }
    const form = h("form", { className: "filters" },
      h("label", null, "实体 Entity ", h("input", { name: "entity", maxlength: 100, value: query.entity || "" })),
      h("label", null, "从 From ", h("input", { name: "from", maxlength: 10, placeholder: "2022-02-01", value: query.from || "" })),
      h("label", null, "到 To ", h("input", { name: "to", maxlength: 10, placeholder: "2022-03-01", value: query.to || "" })),
      h("label", null, "类型 Type ", h("select", { name: "type" }, h("option", { value: "" }, "全部 all"),
        SL.eventTypes().map((t) => h("option", { value: t, selected: query.type === t }, SL.typeLabel(t))))),
      h("button", { type: "submit" }, "筛选 Filter"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const wanted = Object.fromEntries(new FormData(form));
      if (!wanted.from && !wanted.to) wanted.all = 1;  // dates cleared on purpose: every date
      location.hash = SL.route(["timeline"], wanted);
    });
    let data;
    try {
      data = await SL.api("timeline", { ...query, limit: PAGE, offset: params.get("offset") });
    } catch (err) {  // a bad filter (422): the message under the form, which keeps what was typed
      return [h("h1", null, "时间线 Timeline"), form, SL.errorBox(err)];
    }
    const month = /^\d{4}-\d{2}$/.test(query.from || "") && query.from === query.to ? query.from : null;
    const base = { entity: query.entity, type: query.type };
    const nav = h("p", { className: "month-nav" },
      opened ? h("span", { className: "opened" }, "最近的活跃月份 Newest busy month: " + opened + " · ") : null,
      month ? [h("a", { className: "prev-month", href: SL.route(["timeline"], { ...base, from: shiftMonth(month, -1), to: shiftMonth(month, -1) }) }, "← " + shiftMonth(month, -1)), " · ",
        h("a", { className: "next-month", href: SL.route(["timeline"], { ...base, from: shiftMonth(month, 1), to: shiftMonth(month, 1) }) }, shiftMonth(month, 1) + " →"), " · "] : null,
      h("a", { className: "all-dates", href: SL.route(["timeline"], { ...base, all: 1 }) }, "所有日期 All dates"), " · ",
      h("a", { href: SL.route(["coverage"], { by: "type", entity: query.entity }) }, "按月报道量 Coverage by month"));
    const host = h("div", { className: "timeline", id: "timeline" });
    const types = [...new Set(data.items.map((e) => e.type))].sort();
    setTimeout(() => new SL.Timeline(host, data.items), 0);
    return [
      h("h1", null, "时间线 Timeline"), form,
      h("p", { className: "muted" }, data.total + " 个带日期的事件 dated events" + (data.undated ? "，" + data.undated + " 个无日期 undated" : "") +
        (data.total > data.items.length ? " · 本页 this page: " + (data.offset + 1) + "–" + (data.offset + data.items.length) : "") +
        " · Ctrl+滚轮缩放、拖动平移 Ctrl+wheel zooms, drag pans"),
      nav,
      h("p", { className: "legend" }, types.map((t) => h("span", { className: "legend-item" }, h("span", { className: "swatch type-" + t }), SL.typeLabel(t)))),
      host,
      h("h2", null, "列表 List"), h("ul", { className: "events" }, data.items.map(eventLine)),
      SL.pager(data, (o) => SL.route(["timeline"], { ...query, offset: o })),
      SL.exportBar("timeline", SL.EVENT_COLUMNS, () => data.items),
    ];
  };

  SL.views.event = async function (parts) {
    const e = await SL.api("events/" + encodeURIComponent(parts[1] || ""));
    const urls = new Map();
    (await SL.api("views/links", { event: e.id })).items.forEach((a) => urls.set(a.id, a.url));
    return [
      h("h1", null, e.summary || SL.typeLabel(e.type)),
      h("p", { className: "meta" }, [SL.date(e.date) + (e.date_end ? " — " + SL.date(e.date_end) : ""), SL.typeLabel(e.type) + (e.mode ? " / " + SL.label("mode", e.mode) : ""),
        SL.label("status", e.status), e.location, e.duration_minutes ? e.duration_minutes + " 分钟 min" : null].filter(Boolean).join(" · "), " ", SL.eventBadges(e)),
      h("h2", null, "参与者 Actors"),
      h("ul", null, e.actors.map((a) => h("li", null, h("a", { href: SL.route(["entity", a.entity_id || a.name]) }, a.name), " (" + SL.label("role", a.role) + ")"))),
      h("h2", null, "来源 Sources"),
      h("ol", { className: "sources" }, e.sources.map((s) => h("li", { className: "source" },
        h("blockquote", null, s.text),
        h("div", { className: "meta" }, (s.outlet || "—") + " · " + SL.date(s.published) + " · " + (s.title || s.article_id) + " · ",
          sentenceLink(s, "原文 ¶" + s.paragraph + " View in article"),
          urls.get(s.article_id) ? [" · ", SL.externalLink(urls.get(s.article_id), "原始网页 Original page ↗")] : null)))),
      SL.exportBar("event-sources", [["article_id", (s) => s.article_id], ["paragraph", (s) => s.paragraph], ["outlet", (s) => s.outlet],
        ["published", (s) => s.published], ["title", (s) => s.title], ["url", (s) => urls.get(s.article_id)], ["text", (s) => s.text]], () => e.sources),
    ];
  };

  SL.views.entities = async function (parts, params) {
    const offset = +(params.get("offset") || 0);
    const page = await SL.api("entities", { limit: 100, offset, type: params.get("type"), q: params.get("q") });
    const tabs = h("p", { className: "tabs" }, ["", "PERSON", "ORG", "GPE", "LOC"].map((t) =>
      h("a", { href: SL.route(["entities"], { type: t, q: params.get("q") }), className: (params.get("type") || "") === t ? "active" : "" }, t ? SL.label("entity", t) : "全部 all")));
    const find = h("form", { className: "filters", id: "entity-search", role: "search" },
      h("input", { type: "search", name: "q", maxlength: 100, placeholder: "名称或别名 Name or alias", "aria-label": "实体搜索 Find an entity", value: params.get("q") || "" }),
      h("input", { type: "hidden", name: "type", value: params.get("type") || "" }),
      h("button", { type: "submit" }, "查找 Find"),
      h("a", { href: SL.route(["network"]) }, "关系网 Network →"));
    find.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = SL.route(["entities"], Object.fromEntries(new FormData(find))); });
    return [
      h("h1", null, "实体 Entities"), find, tabs,
      h("p", { className: "muted" }, page.total + " 个实体 entities"),
      h("table", { className: "list" }, h("tbody", null, page.items.map((e) => h("tr", null,
        h("td", null, h("a", { href: SL.route(["entity", e.id]) }, e.name)), h("td", null, SL.label("entity", e.type)),
        h("td", null, e.english || ""), h("td", null, e.mentions + " 次 / " + e.articles + " 篇"),
        h("td", { className: "muted" }, e.aliases.filter((a) => a !== e.name).join("、")))))),
      SL.pager(page, (o) => SL.route(["entities"], { type: params.get("type"), q: params.get("q"), offset: o })),
      SL.exportBar("entities", [["id", (e) => e.id], ["name", (e) => e.name], ["type", (e) => e.type], ["english", (e) => e.english],
        ["mentions", (e) => e.mentions], ["articles", (e) => e.articles], ["aliases", (e) => e.aliases]], () => page.items),
    ];
  };

  SL.views.entity = async function (parts) {
    const e = await SL.api("entities/" + encodeURIComponent(parts[1] || ""));
    return [
      h("h1", null, e.name + (e.english ? " (" + e.english + ")" : "")),
      h("p", { className: "meta" }, SL.label("entity", e.type) + " · " + e.mentions + " 次提及 mentions · " + e.articles + " 篇文章 articles"),
      h("h2", null, "别名 Aliases"), h("p", null, e.aliases.join("、") || "—"),
      h("h2", null, "职务 Roles"), h("ul", null, e.roles.map((r) => h("li", null, (r.of || "") + " " + (r.title || "")))),
      h("p", null, h("a", { href: SL.route(["timeline"], { entity: e.id }) }, "在时间线上查看 On the timeline →"), " · ",
        h("a", { className: "network-link", href: SL.route(["network"], { entity: e.id }) }, "关系网 Network →"), " · ",
        h("a", { href: SL.route(["disputes"], { entity: e.id }) }, "争议 Disputes →")),
      h("h2", null, "事件 Events"), h("ul", { className: "events" }, e.events.map(eventLine)),
      h("h2", null, "引语 Quotes"), h("ul", { className: "quotes" }, e.quotes.map((q) => h("li", null,
        SL.date(q.date) + " ", h("strong", { className: "speaker" }, (q.speaker && q.speaker.name) || e.name), " " + (q.cue || "") + "：",
        h("q", null, q.text), " ", sentenceLink(q, "原文 source")))),
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
    const form = h("form", { className: "filters", id: "dispute-filters" },
      h("label", null, "实体 Entity ", h("input", { name: "entity", maxlength: 100, placeholder: "普京", value: params.get("entity") || "" })),
      h("button", { type: "submit" }, "筛选 Filter"));
    form.addEventListener("submit", (ev) => { ev.preventDefault(); location.hash = SL.route(["disputes"], Object.fromEntries(new FormData(form))); });
    let page;
    try {
      page = await SL.api("disputes", { limit: 200, entity: params.get("entity") });
    } catch (err) {
      return [h("h1", null, "争议 Disputes"), form, SL.errorBox(err)];
    }
    return [
      h("h1", null, "争议 Disputes"), form,
      h("p", { className: "muted" }, page.total + " 个争议 disputes: 说法与反驳 claim and counter-claim"),
      page.items.map((d) => h("section", { className: "dispute", id: "dispute-" + d.id },
        h("h2", null, d.topic || "争议"),
        h("div", { className: "sides" }, side("说法 Claim", d.claim, "claim"), side("反驳 Counter", d.counter, "counter")),
        h("p", { className: "meta" }, "媒体 Outlets: " + (d.outlets || []).join("、")))),
      SL.exportBar("disputes", [["id", (d) => d.id], ["topic", (d) => d.topic], ["claim_by", (d) => d.claim && d.claim.by && d.claim.by.name],
        ["claim", (d) => d.claim && d.claim.text], ["counter_by", (d) => d.counter && d.counter.by && d.counter.by.name],
        ["counter", (d) => d.counter && d.counter.text], ["outlets", (d) => d.outlets]], () => page.items),
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
    const perEvent = new Set(["event_coverage", "event_framing"]);
    const features = [...new Set(data.records.map((r) => r.feature))].filter((f) => !perEvent.has(f));
    // a share as a percentage with what it counts (60% (21/35)), never a raw fraction
    const cell = (r) => {
      if (r.feature === "scare_quote") return r.percent + "% (" + r.quoted + "/" + (r.quoted + r.plain) + ")";
      if (r.percent != null) return r.percent + "%" + (r.count != null ? " (" + r.count + ")" : "");
      return String(r.value);
    };
    const tables = features.map((f) => {
      const recs = data.records.filter((r) => r.feature === f);
      const keys = [...new Set(recs.map((r) => String(r.key)))].slice(0, 40);
      const keyCell = (k) => {
        const r = recs.find((x) => String(x.key) === k);
        if (!/^ev_/.test(k)) return f === "event_type_share" ? SL.typeLabel(k) : k;
        return h("a", { href: SL.route(["event", k]) }, (r && r.summary) || SL.typeLabel(r && r.type) || "事件 event");
      };
      return [h("h2", { "data-feature": f }, SL.label("feature", f)), h("table", { className: "list compare" },
        h("thead", null, h("tr", null, h("th", null, "项 key"), outlets.map((o) => h("th", null, o)))),
        h("tbody", null, keys.map((k) => h("tr", null, h("td", null, keyCell(k)), outlets.map((o) => {
          const r = recs.find((x) => x.outlet === o && String(x.key) === k);
          return h("td", { title: r && r.examples && r.examples[0] ? r.examples[0].text : null }, r ? cell(r) : "");
        })))))];
    });
    // per event: who reports it, who was publishing but silent, and how each outlet tells it
    const list = (items, fmt) => items.length ? items.map(fmt).join("、") : "-";
    const events = data.records.filter((r) => r.feature === "event_coverage").map((ev) => {
      const rows = data.records.filter((r) => r.feature === "event_framing" && r.key === ev.key);
      const title = ev.event_id ? h("a", { href: SL.route(["event", ev.event_id]) }, ev.key) : ev.key;
      return h("section", { className: "event-framing" }, h("h3", null, title),
        h("p", { className: "meta" }, "报道 Reported by: " + ev.reported_by.join("、") + " (" + ev.articles + ")" +
          (ev.silent && ev.silent.length ? " · 同期未报道 silent while publishing: " + ev.silent.join("、") : "")),
        h("table", { className: "list compare event-framing" },
          h("thead", null, h("tr", null, ["媒体 outlet", "用词 distinctive words", "引述 quoted voices",
            "引号 in quotation marks", "文章 articles"].map((c) => h("th", null, c)))),
          h("tbody", null, rows.map((r) => h("tr", null, h("td", null, r.outlet),
            h("td", null, list(r.words, (w) => w.word)), h("td", null, list(r.voices, (v) => v.name + " " + v.count)),
            h("td", null, list(r.scare_quotes, (q) => "「" + q.term + "」" + q.count)),
            h("td", null, r.articles.slice(0, 3).map((a) => h("div", null,
              h("a", { href: SL.route(["article", a.article_id]) }, a.title || a.published || "文章 article")))))))));
    });
    if (events.length) tables.push([h("h2", { "data-feature": "event_framing" }, SL.label("feature", "event_framing")), events]);
    return [h("h1", null, "媒体比较 Outlet comparison"), form, data.note ? h("p", { className: "note" }, data.note) : null,
      features.length ? tables : h("p", { className: "muted" }, "没有比较数据 No framing records.")];
  };
})(window.SL);
