/* A zoomable horizontal timeline of events, coloured by event type.

   Hand-written rather than vis-timeline or ECharts: it is ~150 lines, needs no build step or vendored
   bundle, and positions items only through the CSSOM (el.style.left), which the strict CSP allows
   (style-src 'self' forbids style attributes in markup, not CSSOM writes). Each item is a real link
   to the event page, so it works with the keyboard and in the browser tests. */
"use strict";
(function (SL) {
  const DAY = 86400000;
  const LANE_H = 26, AXIS_H = 28, PAD = 40, LABEL_MAX = 320;  // keep LABEL_MAX in step with .tl-label max-width

  function parseDate(value) {
    if (!value) return null;
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(value));
    if (!m) return null;
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1);
  }

  function tickStep(pxPerDay) {
    if (pxPerDay >= 30) return { days: 1 };
    if (pxPerDay >= 6) return { days: 7 };
    if (pxPerDay >= 1) return { months: 1 };
    return { months: 12 };
  }

  function ticks(t0, t1, step) {
    const out = [];
    const d = new Date(t0);
    let t = step.days ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
      : Date.UTC(d.getUTCFullYear(), step.months === 12 ? 0 : d.getUTCMonth(), 1);
    while (t <= t1 && out.length < 2000) {
      out.push(t);
      if (step.days) t += step.days * DAY;
      else { const x = new Date(t); t = Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + step.months, 1); }
    }
    return out;
  }

  function label(t, step) {
    const iso = new Date(t).toISOString();
    return step.days ? iso.slice(5, 10) : step.months === 12 ? iso.slice(0, 4) : iso.slice(0, 7);
  }

  SL.Timeline = class {
    constructor(host, events) {
      const h = SL.h;
      this.items = events.map((e) => ({ e, t: parseDate(e.date), t2: parseDate(e.date_end) }))
        .filter((x) => x.t !== null).sort((a, b) => a.t - b.t);
      this.host = host;
      this.zoomLabel = h("span", { className: "tl-zoom" });
      const bar = h("div", { className: "tl-toolbar" },
        h("button", { type: "button", className: "tl-in", onclick: () => this.zoom(2) }, "放大 +"),
        h("button", { type: "button", className: "tl-out", onclick: () => this.zoom(0.5) }, "缩小 −"),
        h("button", { type: "button", className: "tl-fit", onclick: () => this.fit() }, "全部 Fit"),
        this.zoomLabel);
      this.scroller = h("div", { className: "tl-scroller" });
      this.canvas = h("div", { className: "tl-canvas" });
      this.scroller.appendChild(this.canvas);
      this.scroller.addEventListener("wheel", (ev) => {
        if (!ev.ctrlKey && !ev.altKey) return; // plain wheel scrolls the page; ctrl/alt + wheel zooms
        ev.preventDefault();
        this.zoom(ev.deltaY < 0 ? 1.5 : 1 / 1.5, ev.clientX - this.scroller.getBoundingClientRect().left);
      }, { passive: false });
      host.appendChild(bar);
      host.appendChild(this.scroller);
      this.fit();
    }

    fit() {
      if (!this.items.length) { this.pxPerDay = 20; this.render(); return; }
      const t0 = this.items[0].t, t1 = this.items[this.items.length - 1].t;
      const width = Math.max(300, this.scroller.clientWidth || 900) - 2 * PAD - 200;
      this.pxPerDay = Math.min(120, Math.max(0.05, width / Math.max(1, (t1 - t0) / DAY)));
      this.render();
    }

    zoom(factor, anchorX) {
      const x = anchorX === undefined ? this.scroller.clientWidth / 2 : anchorX;
      const dayAt = (this.scroller.scrollLeft + x - PAD) / this.pxPerDay;
      this.pxPerDay = Math.min(400, Math.max(0.05, this.pxPerDay * factor));
      this.render();
      this.scroller.scrollLeft = Math.max(0, dayAt * this.pxPerDay + PAD - x);
    }

    render() {
      const h = SL.h;
      SL.clear(this.canvas);
      this.zoomLabel.textContent = this.pxPerDay >= 1 ? Math.round(this.pxPerDay) + " px/天" : (this.pxPerDay * 30).toFixed(1) + " px/月";
      if (!this.items.length) { this.canvas.appendChild(h("p", { className: "muted" }, "没有带日期的事件 No dated events.")); return; }
      const t0 = this.items[0].t - 2 * DAY, t1 = this.items[this.items.length - 1].t + 2 * DAY;
      const x = (t) => PAD + ((t - t0) / DAY) * this.pxPerDay;
      const lanes = [];
      for (const it of this.items) {
        const start = x(it.t);
        // label = date (~75 px) + summary (~13.5 px per CJK character), capped by the CSS max-width
        const labelW = Math.min(LABEL_MAX, 75 + 13.5 * (it.e.summary || it.e.type).length);
        const end = Math.max(start + 14, it.t2 ? x(it.t2) : start) + 18 + labelW;
        let lane = lanes.findIndex((last) => last < start);
        if (lane < 0) { lanes.push(end); lane = lanes.length - 1; } else lanes[lane] = end;
        const link = h("a", {
          className: "tl-item type-" + it.e.type, href: SL.route(["event", it.e.id]),
          title: SL.date(it.e.date) + " " + SL.typeLabel(it.e.type) + " " + (it.e.summary || ""),
          "data-event-id": it.e.id,
        }, h("span", { className: "tl-dot" }), h("span", { className: "tl-label" }, SL.date(it.e.date) + " " + (it.e.summary || it.e.type)));
        link.style.left = start + "px";
        link.style.top = AXIS_H + 6 + lane * LANE_H + "px";
        if (it.t2 && it.t2 > it.t) {
          const span = h("span", { className: "tl-span type-" + it.e.type });
          span.style.width = Math.max(4, x(it.t2) - start) + "px";
          link.prepend(span);
        }
        this.canvas.appendChild(link);
      }
      const step = tickStep(this.pxPerDay);
      for (const t of ticks(t0, t1, step)) {
        const tick = h("span", { className: "tl-tick" }, label(t, step));
        tick.style.left = x(t) + "px";
        this.canvas.appendChild(tick);
      }
      this.canvas.style.width = x(t1) + PAD + 300 + "px";
      this.canvas.style.height = AXIS_H + 16 + Math.max(1, lanes.length) * LANE_H + "px";
    }
  };
})(window.SL);
