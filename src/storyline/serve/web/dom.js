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
  SL.api = async function (path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") q.set(k, v);
    const url = "/api/" + path + (q.toString() ? "?" + q.toString() : "");
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    if (!res.ok) {
      let detail = res.status + " " + res.statusText;
      try { const body = await res.json(); if (typeof body.detail === "string") detail = body.detail; } catch (e) { /* not JSON */ }
      throw new Error(detail);
    }
    return res.json();
  };
  SL.date = (d) => (d ? String(d).slice(0, 10) : "—");
  SL.clear = function (el) { while (el.firstChild) el.removeChild(el.firstChild); return el; };
  SL.TYPE_ZH = {
    AGREE: "同意", CONSULT: "磋商", SUPPORT: "支持", CONCEDE: "让步", COOPERATE: "合作", AID: "援助",
    RETREAT: "撤退", REQUEST: "请求", ACCUSE: "指责", REJECT: "拒绝", THREATEN: "威胁", PROTEST: "抗议",
    SANCTION: "制裁", MOBILIZE: "动员", COERCE: "胁迫", ASSAULT: "攻击",
  };
  SL.typeLabel = (t) => (SL.TYPE_ZH[t] ? SL.TYPE_ZH[t] + " " + t : t);
  /* Text with highlighted ranges: ranges are [start, end] offsets into the full paragraph; base is
     the offset of `text` within it. */
  SL.marked = function (text, base, ranges, cls) {
    const out = [];
    let pos = 0;
    for (const [s0, e0] of ranges) {
      const s = s0 - base, e = e0 - base;
      if (s < pos || e > text.length) continue;
      out.push(text.slice(pos, s), h("mark", { className: cls || "hit" }, text.slice(s, e)));
      pos = e;
    }
    out.push(text.slice(pos));
    return out;
  };
})(window.SL);
