/* DOM and fetch helpers. Article text is untrusted: every piece of data becomes a text node
   (textContent / createTextNode); no HTML string is ever parsed. Links are built from our own
   route prefixes with encodeURIComponent, never taken from data. */
"use strict";
window.SL = window.SL || {};
(function (SL) {
  function h(tag, attrs) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === "className") el.className = value;
        else if (key === "text") el.textContent = String(value);
        else if (key === "href") el.setAttribute("href", SL.safeHref(value));
        else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
        else el.setAttribute(key, String(value));
      }
    }
    for (let i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach((c) => append(el, c)); return; }
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  SL.h = h;
  SL.append = append;
  SL.safeHref = function (href) {
    const s = String(href);
    return (s.startsWith("#/") || s.startsWith("/api/") || s === "/docs") ? s : "#/";
  };
  SL.route = function (parts, params) {
    let out = "#/" + parts.map((p) => encodeURIComponent(String(p))).join("/");
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
    const qs = q.toString();
    return qs ? out + "?" + qs : out;
  };
  /* An API error as an Error with its status; FastAPI's 422 detail (a list of {loc, msg}) as one line. */
  SL.api = async function (path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
    const url = "/api/" + path + (q.toString() ? "?" + q.toString() : "");
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) {
      let detail = res.status + " " + res.statusText;
      try {
        const body = await res.json();
        if (typeof body.detail === "string") detail = body.detail;
        else if (Array.isArray(body.detail)) {
          detail = body.detail.map((d) => {
            const loc = Array.isArray(d.loc) ? d.loc[d.loc.length - 1] : "";
            return (loc ? loc + ": " : "") + (d.msg || "");
          }).join("; ");
        }
      } catch (e) { /* not JSON */ }
      const err = new Error(detail);
      err.status = res.status;
      throw err;
    }
    return res.json();
  };
  SL.errorBox = (err) => h("p", { className: "error", role: "alert" }, "出错了 Error: " + (err && err.message ? err.message : String(err)));
  SL.date = (d) => (d ? String(d).slice(0, 10) : "—");
  SL.clear = function (el) { while (el.firstChild) el.removeChild(el.firstChild); return el; };

  /* Display labels of codes (event types, statuses, feature names...) from labels.json, a data file
     loaded once before the first view; a code without a label is shown as it is. */
  SL.LABELS = {};
  SL.loadLabels = async function () {
    try { SL.LABELS = await (await fetch("/static/labels.json")).json(); } catch (e) { SL.LABELS = {}; }
  };
  SL.label = (kind, key) => (key === null || key === undefined || key === "" ? "" : ((SL.LABELS[kind] || {})[key] || String(key)));
  SL.typeLabel = (t) => SL.label("type", t);
  SL.eventTypes = () => Object.keys(SL.LABELS.type || {});

  /* The API counts offsets in code points (Python strings); JavaScript strings index UTF-16 code
     units, so a character outside the BMP (an emoji) counts 2 here and 1 there. unitIndex(text)
     maps a code-point offset of `text` to its UTF-16 index (clamped to the text). */
  SL.unitIndex = function (text) {
    const idx = [0];
    let u = 0;
    for (const ch of text) { u += ch.length; idx.push(u); }
    return (cp) => idx[Math.max(0, Math.min(idx.length - 1, Math.floor(+cp || 0)))];
  };
  SL.cpLength = (text) => [...text].length;
  // a lone surrogate (text cut inside a pair somewhere upstream) would render as U+FFFD: drop it
  SL.clean = (text) => String(text).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");

  /* Text with highlighted ranges: ranges are [start, end] code-point offsets into the full paragraph;
     base is the offset of `text` within it. */
  SL.marked = function (raw, base, ranges, cls) {
    const text = SL.clean(raw);
    const at = SL.unitIndex(text);
    const length = SL.cpLength(text);
    const out = [];
    let pos = 0;
    for (const [s0, e0] of ranges) {
      const s = s0 - base, e = e0 - base;
      if (s < pos || e > length || e <= s) continue;
      out.push(text.slice(at(pos), at(s)), h("mark", { className: cls || "hit" }, text.slice(at(s), at(e))));
      pos = e;
    }
    out.push(text.slice(at(pos)));
    return out;
  };

  /* A link to an article's original page: only absolute http(s) URLs, opened without a referrer. */
  SL.externalLink = function (url, label) {
    let parsed;
    try { parsed = new URL(String(url)); } catch (e) { return null; }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    const a = document.createElement("a");
    a.setAttribute("href", parsed.href);
    a.rel = "noopener noreferrer external";
    a.target = "_blank";
    a.className = "external";
    a.textContent = label || parsed.href;
    return a;
  };

  /* Merged events carry `corroboration` {mentions, articles, outlets, ...} and `unconfirmed` when the
     linker computed them: a badge for a single-source event and the number of outlets. */
  SL.eventBadges = function (e) {
    const out = [];
    if (e.unconfirmed) out.push(h("span", { className: "badge unconfirmed", title: "只有一个来源 only one source reports it" }, "单一来源 unconfirmed"));
    const c = e.corroboration;
    if (c && c.outlets !== undefined && c.outlets !== null) {
      const n = Array.isArray(c.outlets) ? c.outlets.length : +c.outlets;
      out.push(h("span", { className: "badge outlets", title: [c.articles !== undefined ? c.articles + " 篇文章 articles" : null,
        c.mentions !== undefined ? c.mentions + " 次提及 mentions" : null].filter(Boolean).join(" · ") || null }, n + " 家媒体 outlets"));
    }
    return out;
  };
})(window.SL);
