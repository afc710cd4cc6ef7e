/* Export of the current view: the records a view shows, downloaded as CSV (UTF-8 with a BOM, so that
   Excel reads Chinese correctly; one plain value per cell, lists joined with "; ", never JSON) or as
   JSONL (the API's records as they are, one per line). Built in the browser from the data already
   on screen, so the file is exactly what the reader sees, filters included. */
"use strict";
(function (SL) {
  const h = SL.h;

  /* One CSV cell. A cell starting with = + - @ would be run as a formula by a spreadsheet: quoted
     with a leading apostrophe (OWASP's advice for CSV injection). */
  function cell(value) {
    let s = value === null || value === undefined ? "" : Array.isArray(value) ? value.join("; ") : String(value);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  SL.toCsv = function (columns, rows) {
    const lines = [columns.map((c) => cell(c[0])).join(",")];
    for (const r of rows) lines.push(columns.map((c) => cell(c[1](r))).join(","));
    return "\uFEFF" + lines.join("\r\n") + "\r\n";
  };
  SL.toJsonl = (rows) => rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length ? "\n" : "");

  SL.download = function (name, type, text) {
    const a = document.createElement("a");
    a.setAttribute("href", URL.createObjectURL(new Blob([text], { type })));
    a.setAttribute("download", name);
    a.className = "hidden";
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  };

  /* The export buttons of a view: `rows()` gives the records shown (called on click), `records()` the
     JSONL lines when they differ from the CSV's rows. */
  SL.exportBar = function (name, columns, rows, records) {
    return h("p", { className: "export" }, "导出当前视图 Export this view: ",
      h("button", { type: "button", className: "export-csv", onclick: () => SL.download(name + ".csv", "text/csv;charset=utf-8", SL.toCsv(columns, rows())) }, "CSV"),
      " ",
      h("button", { type: "button", className: "export-jsonl", onclick: () => SL.download(name + ".jsonl", "application/x-ndjson", SL.toJsonl((records || rows)())) }, "JSONL"));
  };

  const names = (list) => (list || []).map((x) => x.name + (x.role ? " (" + SL.label("role", x.role) + ")" : ""));
  const outletCount = (e) => (e.corroboration && e.corroboration.outlets !== undefined
    ? (Array.isArray(e.corroboration.outlets) ? e.corroboration.outlets.length : e.corroboration.outlets)
    : (e.outlets || []).length);
  SL.EVENT_COLUMNS = [
    ["id", (e) => e.id], ["date", (e) => e.date], ["date_end", (e) => e.date_end], ["type", (e) => e.type],
    ["类型 type label", (e) => SL.typeLabel(e.type)], ["mode", (e) => e.mode], ["status", (e) => SL.label("status", e.status)],
    ["summary", (e) => e.summary], ["actors", (e) => names(e.actors)], ["outlets", (e) => e.outlets],
    ["outlet_count", outletCount], ["unconfirmed", (e) => (e.unconfirmed === undefined ? "" : e.unconfirmed ? "yes" : "no")],
    ["mentions", (e) => (e.mentions || []).length],
    ["first_article", (e) => ((e.mentions || [])[0] || {}).article_id],
  ];
})(window.SL);
