/* The stories view: threads of events within a month (GET /api/views/stories), opening on the newest
   busy month; each story with its events in date order, each event linked to its page and sources. */
"use strict";
(function (SL) {
  const h = SL.h;
  SL.views = SL.views || {};

  SL.views.stories = async function (parts, params) {
    const period = params.get("period");
    const offset = +(params.get("offset") || 0);
    let data;
    try {
      data = await SL.api("views/stories", { period, limit: 20, offset, events: 30 });
    } catch (err) {
      return [h("h1", null, "故事线 Stories"), SL.errorBox(err)];
    }
    const months = data.periods.map((p) => p.period);
    const at = months.indexOf(data.period);
    const pick = h("select", { name: "period", "aria-label": "月份 Month" }, data.periods.slice().reverse().map((p) =>
      h("option", { value: p.period, selected: p.period === data.period },
        p.period + " · " + p.stories + " 个故事 stories · " + p.events + " 个事件 events" + (p.period === data.busy ? " ★" : ""))));
    pick.addEventListener("change", () => { location.hash = SL.route(["stories"], { period: pick.value }); });
    const nav = h("p", { className: "month-nav" },
      at > 0 ? h("a", { className: "prev-month", href: SL.route(["stories"], { period: months[at - 1] }) }, "← " + months[at - 1]) : null, " ",
      pick, " ",
      at >= 0 && at + 1 < months.length ? h("a", { className: "next-month", href: SL.route(["stories"], { period: months[at + 1] }) }, months[at + 1] + " →") : null);
    const head = [h("h1", null, "故事线 Stories" + (data.period ? " — " + data.period : "")),
      h("p", { className: "muted" }, "同一个月内相互关联的事件 Events of one month that belong together." +
        (data.busy ? " ★ 最近的活跃月份 newest busy month: " + data.busy : "")), nav];
    if (!data.items.length) return [...head, h("p", { className: "muted" }, "没有故事 No stories.")];
    return [...head,
      h("p", { className: "muted" }, data.total + " 个故事 stories"),
      data.items.map((s) => h("section", { className: "story", id: "story-" + s.id },
        h("h2", null, s.title || "故事 story"),
        h("p", { className: "meta" }, [SL.date(s.start) + (s.end && s.end !== s.start ? " — " + SL.date(s.end) : ""),
          (s.types || []).map((t) => SL.typeLabel(t)).join("、"), s.events_total + " 个事件 events"].filter(Boolean).join(" · "), " · ",
          (s.actors || []).map((a, i) => [i ? "、" : "", h("a", { href: SL.route(["entity", a]) }, a)])),
        h("ul", { className: "events" }, s.events.map(SL.eventLine)),
        s.events_total > s.events.length ? h("p", { className: "muted" }, "另有 " + (s.events_total - s.events.length) + " 个事件 more events") : null)),
      SL.pager(data, (o) => SL.route(["stories"], { period: data.period, offset: o })),
      SL.exportBar("stories-" + data.period, [["story_id", (r) => r.story.id], ["story", (r) => r.story.title],
        ...SL.EVENT_COLUMNS.map(([name, fn]) => [name, (r) => fn(r.event)])],
      () => data.items.flatMap((story) => story.events.map((event) => ({ story, event }))),
      // JSONL: each event as the API gives it, with its story's id and title
      () => data.items.flatMap((story) => story.events.map((event) => ({ story_id: story.id, story_title: story.title, ...event })))),
    ];
  };
})(window.SL);
