/* Router and the text views: home, search, article list, article with highlighted annotations.
   Routes are hash based (#/article/ID?p=3&s=10&e=40) so the app is a static page with no server
   routing, and deep links work offline. */
"use strict";
(function (SL) {
  const h = SL.h;
  const view = document.getElementById("view");

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const [path, query] = raw.split("?", 2);
    const parts = path.split("/").filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch (e) { return p; } });
    return { parts, params: new URLSearchParams(query || "") };
  }

  SL.views = SL.views || {};

  SL.views.home = async function () {
    const stats = await SL.api("stats");
    return [
      h("h1", null, "storyline 故事线"),
      h("p", { className: "lead" }, "新闻中的人物、事件、引语、争议与时间线 — entities, events, quotes, disputes and a timeline from Chinese-language news."),
      h("ul", { className: "stats" },
        h("li", null, h("a", { href: "#/articles" }, stats.articles + " 篇文章 articles")),
        h("li", null, h("a", { href: "#/entities" }, stats.entities + " 个实体 entities")),
        h("li", null, h("a", { href: "#/timeline" }, stats.events + " 个事件 events")),
        h("li", null, stats.quotes + " 条引语 quotes"),
        h("li", null, h("a", { href: "#/disputes" }, stats.disputes + " 个争议 disputes"))),
      h("h2", null, "浏览 Explore"),
      h("ul", { className: "stats explore" },
        h("li", null, h("a", { href: "#/coverage" }, "报道量 Coverage over time"), " — 各媒体、各类事件每月的数量 monthly, by outlet and by event type"),
        h("li", null, h("a", { href: "#/stories" }, "故事线 Stories"), " — 最近的活跃月份 the newest busy month's threads"),
        h("li", null, h("a", { href: "#/network" }, "关系网 Entity network"), " — 谁和谁出现在同一事件中 who appears in the same events")),
      h("h2", null, "媒体 Outlets"),
      h("ul", { className: "outlets" }, stats.outlets.map((o) => h("li", null,
        h("a", { href: SL.route(["articles"], { outlet: o.name }) }, o.name), " (" + o.articles + ")"))),
    ];
  };

  SL.views.search = async function (parts, params) {
    const q = params.get("q") || "";
    document.getElementById("search-input").value = q;
    const stats = await SL.api("stats");
    const filters = h("form", { className: "filters", id: "search-filters" },
      h("input", { type: "hidden", name: "q", value: q }),
      h("label", null, "媒体 Outlet ", h("select", { name: "outlet" }, h("option", { value: "" }, "全部 all"),
        stats.outlets.map((o) => h("option", { value: o.name, selected: params.get("outlet") === o.name }, o.name)))),
      h("label", null, "从 From ", h("input", { name: "from", type: "text", placeholder: "2022-02-01", maxlength: 10, value: params.get("from") || "" })),
      h("label", null, "到 To ", h("input", { name: "to", type: "text", placeholder: "2022-03-01", maxlength: 10, value: params.get("to") || "" })),
      h("label", null, "实体 Entity ", h("input", { name: "entity", type: "text", maxlength: 100, value: params.get("entity") || "" })),
      h("label", null, "事件类型 Event type ", h("select", { name: "type" }, h("option", { value: "" }, "全部 all"),
        SL.eventTypes().map((t) => h("option", { value: t, selected: params.get("type") === t }, SL.typeLabel(t))))),
      h("label", null, "范围 In ", h("select", { name: "kind" }, h("option", { value: "" }, "全部 all"),
        ["title", "sentence", "quote"].map((k) => h("option", { value: k, selected: params.get("kind") === k }, SL.label("kind", k))))),
      h("button", { type: "submit" }, "筛选 Filter"));
    filters.addEventListener("submit", (ev) => {
      ev.preventDefault();
      location.hash = SL.route(["search"], Object.fromEntries(new FormData(filters)));
    });
    const out = [h("h1", null, "搜索 Search"), filters];
    if (!q) return out;
    const query = { q, outlet: params.get("outlet"), from: params.get("from"), to: params.get("to"), entity: params.get("entity"), type: params.get("type"), kind: params.get("kind") };
    let page;
    try {
      page = await SL.api("search", { ...query, limit: 50, offset: params.get("offset") });
    } catch (err) {  // a bad filter (422): say so under the form, which stays as typed
      out.push(SL.errorBox(err));
      return out;
    }
    out.push(h("p", { className: "muted", id: "search-total" }, page.total + (page.total_exact === false ? "+" : "") + " 条结果 hits" + (page.note ? " — " + page.note : "")));
    out.push(h("ol", { className: "hits" }, page.items.map((hit) => {
      const target = hit.paragraph >= 0
        ? SL.route(["article", hit.article_id], { p: hit.paragraph, s: hit.start, e: hit.end })
        : SL.route(["article", hit.article_id]);
      return h("li", { className: "hit kind-" + hit.kind },
        h("a", { className: "hit-link", href: target }, SL.marked(hit.snippet, hit.snippet_start, hit.highlights)),
        h("div", { className: "meta" },
          hit.article_id + " · " + (hit.paragraph >= 0 ? "第" + hit.paragraph + "段 ¶" + hit.paragraph : "标题 title") + " · " +
          SL.date(hit.published) + " · " + (hit.outlet || "—") + " · " + (hit.title || "")));
    })));
    out.push(SL.pager(page, (o) => SL.route(["search"], { ...query, offset: o })));
    out.push(SL.exportBar("search", [["article_id", (x) => x.article_id], ["kind", (x) => x.kind], ["paragraph", (x) => x.paragraph],
      ["start", (x) => x.start], ["end", (x) => x.end], ["published", (x) => x.published], ["outlet", (x) => x.outlet],
      ["title", (x) => x.title], ["snippet", (x) => x.snippet]], () => page.items));
    return out;
  };

  SL.views.articles = async function (parts, params) {
    const offset = +(params.get("offset") || 0);
    const query = { outlet: params.get("outlet"), from: params.get("from"), to: params.get("to") };
    const page = await SL.api("articles", { limit: 50, offset, ...query });
    return [
      h("h1", null, "文章 Articles" + (query.outlet ? " — " + query.outlet : "") + (query.from ? " · " + query.from + (query.to && query.to !== query.from ? "–" + query.to : "") : "")),
      h("p", { className: "muted" }, page.total + " 篇"),
      h("table", { className: "list" }, h("tbody", null, page.items.map((a) => h("tr", null,
        h("td", null, SL.date(a.published)), h("td", null, a.outlet || "—"),
        h("td", null, h("a", { href: SL.route(["article", a.id]) }, a.title || a.path)))))),
      pager(page, (o) => SL.route(["articles"], { ...query, offset: o })),
      SL.exportBar("articles", [["id", (a) => a.id], ["published", (a) => a.published], ["outlet", (a) => a.outlet],
        ["title", (a) => a.title], ["path", (a) => a.path]], () => page.items),
    ];
  };

  function pager(page, link) {
    const out = h("nav", { className: "pager" });
    if (page.offset > 0) out.appendChild(h("a", { href: link(Math.max(0, page.offset - page.limit)) }, "← 上一页 Prev"));
    if (page.offset + page.limit < page.total) out.appendChild(h("a", { href: link(page.offset + page.limit) }, "下一页 Next →"));
    return out;
  }
  SL.pager = pager;

  /* One paragraph cut at every annotation boundary; each piece carries the classes of all the
     annotations covering it. Entity pieces are links to the entity page. */
  function paragraphNodes(raw, idx, ann, target) {
    const text = SL.clean(raw);
    const spans = [];
    ann.mentions.filter((m) => m.paragraph === idx).forEach((m) => spans.push({ s: m.start, e: m.end, cls: "ent ent-" + m.type, entity: m.entity_name || m.text, tip: m.type + (m.entity_name ? " → " + m.entity_name : "") }));
    ann.times.filter((t) => t.paragraph === idx).forEach((t) => spans.push({ s: t.start, e: t.end, cls: "time", tip: "时间 " + (t.value || "") }));
    ann.events.filter((e) => e.paragraph === idx && e.trigger_start !== null).forEach((e) => spans.push({ s: e.trigger_start, e: e.trigger_end, cls: "trigger type-" + e.type, tip: SL.typeLabel(e.type) }));
    const quotes = ann.quotes.filter((q) => q.paragraph === idx);
    quotes.forEach((q) => spans.push({ s: q.start, e: q.end, cls: "quote", tip: "引语 " + (q.speaker.name || "") + " " + (q.cue || "") }));
    if (target && target.p === idx) spans.push({ s: target.s, e: target.e, cls: "target" });
    // offsets are code points (the API's), the text is indexed in UTF-16 units: convert first
    const at = SL.unitIndex(text);
    const cuts = new Set([0, text.length]);
    spans.forEach((sp) => { sp.s = at(sp.s); sp.e = Math.max(sp.s, at(sp.e)); cuts.add(sp.s); cuts.add(sp.e); });
    const speakerAt = new Map(quotes.map((q) => [at(q.start), q]));
    const points = [...cuts].sort((a, b) => a - b);
    const nodes = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      if (speakerAt.has(a)) {  // the speaker, visible next to the quote (not only in the tooltip)
        const q = speakerAt.get(a);
        speakerAt.delete(a);
        nodes.push(h("span", { className: "speaker-tag", "aria-label": "说话人 speaker" }, (q.speaker.name || "?") + (q.cue ? " " + q.cue : "") + "："));
      }
      const cover = spans.filter((sp) => sp.s <= a && sp.e >= b && sp.e > sp.s);
      const piece = text.slice(a, b);
      if (!cover.length) { nodes.push(piece); continue; }
      const ent = cover.find((sp) => sp.entity);
      const el = ent ? h("a", { href: SL.route(["entity", ent.entity]) }, piece) : h("span", null, piece);
      el.className = cover.map((sp) => sp.cls).join(" ");
      const tip = cover.map((sp) => sp.tip).filter(Boolean).join(" | ");
      if (tip) el.title = tip;
      nodes.push(el);
    }
    return nodes;
  }

  SL.views.article = async function (parts, params) {
    const a = await SL.api("articles/" + encodeURIComponent(parts[1] || ""));
    const target = params.has("p") ? { p: +params.get("p"), s: +(params.get("s") || 0), e: +(params.get("e") || 1e9) } : null;
    const legend = h("p", { className: "legend" }, "图例 Legend: ",
      h("span", { className: "ent ent-PERSON" }, "人物"), " ", h("span", { className: "ent ent-ORG" }, "机构"), " ",
      h("span", { className: "ent ent-GPE" }, "地名"), " ", h("span", { className: "time" }, "时间"), " ",
      h("span", { className: "trigger" }, "事件触发词"), " ", h("span", { className: "quote" }, "引语"));
    const body = h("div", { className: "article-body" }, a.paragraphs.map((text, i) =>
      h("p", { id: "p-" + i, "data-p": i }, h("span", { className: "pno" }, "¶" + i), paragraphNodes(text, i, a, target))));
    const events = a.events.length ? [h("h2", null, "事件 Events"), h("ul", null, a.events.map((e) => h("li", null,
      e.event_id ? h("a", { href: SL.route(["event", e.event_id]) }, SL.typeLabel(e.type)) : SL.typeLabel(e.type),
      " ¶" + e.paragraph + " «" + (e.trigger || "") + "» " + (e.date || "") + (e.status ? " · " + SL.label("status", e.status) : "")))) ] : [];
    const quotes = a.quotes.length ? [h("h2", null, "引语 Quotes"), h("ul", null, a.quotes.map((q) => h("li", null,
      h("a", { href: SL.route(["article", a.id], { p: q.paragraph, s: q.start, e: q.end }) }, "¶" + q.paragraph),
      " ", h("strong", { className: "speaker" }, q.speaker.name || "?"), " " + (q.cue || "") + "：", h("q", null, q.text)))) ] : [];
    setTimeout(() => {
      const el = view.querySelector(".target");
      if (el) el.scrollIntoView({ block: "center" });
    }, 0);
    return [
      h("h1", { className: "article-title" }, a.title || "(无标题 untitled)"),
      h("p", { className: "meta" }, [a.id, a.outlet || "—", SL.date(a.published), a.author || ""].filter(Boolean).join(" · ")),
      a.url ? h("p", { className: "meta original" }, "原文链接 Original: ", SL.externalLink(a.url) || a.url) : null,
      a.duplicate_of ? h("p", { className: "note" }, "重复文章 duplicate of ", h("a", { href: SL.route(["article", a.duplicate_of]) }, a.duplicate_of)) : null,
      legend, body, events, quotes,
    ];
  };

  async function render() {
    const { parts, params } = parseHash();
    const name = parts[0] || "home";
    const fn = SL.views[name] || SL.views.home;
    SL.clear(view).appendChild(h("p", { className: "muted" }, "加载中 Loading…"));
    document.querySelectorAll("header nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("href") === "#/" + name));
    try {
      const nodes = await fn(parts, params);
      SL.clear(view);
      SL.append(view, nodes);
      view.dataset.view = name;
    } catch (err) {
      SL.clear(view).appendChild(SL.errorBox(err));
    }
  }

  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const q = document.getElementById("search-input").value.trim();
    if (q) location.hash = SL.route(["search"], { q });
  });
  window.addEventListener("hashchange", render);
  SL.loadLabels().then(render);
})(window.SL);
