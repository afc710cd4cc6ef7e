/* The zoomable timeline of events, coloured by event type, drawn by vis-timeline (vendor/, written by
   scripts/vendor_web.sh from npm; versions and checksums in vendor/VERSIONS.txt). A maintained library
   gives us what a hand-written chart did poorly: wheel/pinch zoom and drag panning, an axis that adapts
   to the zoom level, stacking of overlapping labels, date ranges.

   - The peer build, with moment and vis-data as their own files, not the standalone bundle: the
     standalone bundle injects its CSS as inline <style> elements, which our CSP (style-src 'self')
     refuses. vis-timeline itself positions items through the CSSOM (el.style.x), which the CSP allows.
   - Summaries come from untrusted article text: each item's content is a DOM node built by `template`
     with text nodes only, so no data reaches vis-timeline's innerHTML paths (`content` stays empty).
   - Each item is a link to its event page. A plain mouse click is left to vis-timeline's tap event, so
     that dragging the chart never follows a link by accident; keyboard activation follows the link,
     and the list under the chart carries the same links. */
"use strict";
(function (SL) {
  const DAY = 86400000;

  /* "2022-02-12", "2022-02" or "2022" (the store's date precisions) as a local date, so the axis
     labels show the same calendar day as the list. */
  function parseDate(value) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(value || ""));
    return m ? new Date(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) : null;
  }

  function label(e) {
    const h = SL.h;
    const text = SL.date(e.date) + " " + (e.summary || SL.typeLabel(e.type));
    return h("a", {
      className: "tl-label", href: SL.route(["event", e.id]), "data-event-id": e.id, draggable: "false",
      title: text + " · " + SL.typeLabel(e.type) + (e.unconfirmed ? " · 单一来源 unconfirmed" : ""),
      // detail === 0: Enter on a focused link. Mouse clicks go through the chart's tap (see below).
      onclick: (ev) => { if (ev.detail !== 0 && !ev.ctrlKey && !ev.metaKey && !ev.shiftKey) ev.preventDefault(); },
    }, text);
  }

  SL.Timeline = class {
    constructor(host, events) {
      const h = SL.h;
      const byId = new Map();
      const items = [];
      for (const e of events) {
        const start = parseDate(e.date);
        if (!start) continue;
        const end = parseDate(e.date_end);
        byId.set(String(e.id), e);
        // a single-source event (the linker's `unconfirmed`) is drawn dashed
        const className = "type-" + e.type + (e.unconfirmed ? " unconfirmed" : "");
        items.push(end && end > start
          ? { id: String(e.id), start, end, type: "range", className, content: "" }
          : { id: String(e.id), start, type: "point", className, content: "" });
      }
      if (!items.length) { host.appendChild(h("p", { className: "muted" }, "没有带日期的事件 No dated events.")); return; }
      host.appendChild(h("div", { className: "tl-toolbar" },
        h("button", { type: "button", className: "tl-in", onclick: () => this.chart.zoomIn(0.5) }, "放大 +"),
        h("button", { type: "button", className: "tl-out", onclick: () => this.chart.zoomOut(0.5) }, "缩小 −"),
        h("button", { type: "button", className: "tl-fit", onclick: () => this.fit() }, "全部 Fit")));
      const frame = h("div", { className: "tl-chart" });
      host.appendChild(frame);
      this.chart = new vis.Timeline(frame, new vis.DataSet(items), {
        template: (item) => label(byId.get(String(item.id))),
        zoomKey: "ctrlKey",  // plain wheel keeps scrolling the page
        zoomMin: DAY, zoomMax: 30 * 365 * DAY,
        maxHeight: 520, verticalScroll: true,
        selectable: false, showCurrentTime: false, orientation: { axis: "top" },
        margin: { item: { horizontal: 6, vertical: 4 } },
        // axis labels through moment's zh-cn locale (vendor/moment-locale-zh-cn.js); vis-timeline's own words:
        locale: "zh-cn", locales: { "zh-cn": { current: "当前", time: "时间", deleteSelected: "删除所选" } },
      });
      const times = items.flatMap((it) => [it.start.getTime(), (it.end || it.start).getTime()]);
      this.first = Math.min(...times);
      this.last = Math.max(...times);
      this.fit();
      this.chart.on("click", (p) => {
        if (p.what === "item" && p.item !== null) location.hash = SL.route(["event", p.item]);
      });
      // the router replaces the view on every hash change: free the chart's listeners and timers then
      window.addEventListener("hashchange", () => this.chart.destroy(), { once: true });
    }

    /* All events in view. Not vis-timeline's fit(): that frames the items' start dates, so the label of
       the last item ran off the right edge; labels extend rightwards, hence the wider right margin. */
    fit() {
      const span = Math.max(this.last - this.first, 7 * DAY);
      this.chart.setWindow(this.first - 0.04 * span, this.last + 0.3 * span, { animation: false });
    }
  };
})(window.SL);
