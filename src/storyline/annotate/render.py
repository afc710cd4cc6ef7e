"""Show an article's clean paragraphs, and an annotation record as readable lines, at run time only
(the text comes from the shared folder, never from the repository)."""

from __future__ import annotations

from storyline.annotate.corpus import GoldDoc
from storyline.model import Doc


def show_article(doc: Doc, rel_path: str, record: str | None) -> str:
    a = doc.article
    lines = [f"# file: {rel_path}"]
    if record:
        lines.append(f"# record: {record}")
    lines += [f"# outlet: {a.outlet}", f"# title: {a.title}", f"# published: {a.published}",
              f"# language: {a.language}", f"# paragraphs: {len(doc.paragraphs)}"]
    for p in doc.paragraphs:
        lines.append(f"p{p.index}: {p.text}")
    return "\n".join(lines)


def _arg(gold: GoldDoc, arg: dict) -> str:
    text = f"{gold.span_text(arg['span'])}@p{arg['span']['p']}"
    if arg.get("ref"):
        text += f"=>{gold.span_text(arg['ref'])}@p{arg['ref']['p']}"
    return text


def show_annotations(gold: GoldDoc) -> str:
    d, out = gold.data, []
    for m in d.get("entities", []):
        out.append(f"ENT p{m['p']} {m['type']} {gold.span_text(m)}  [{m['s']}-{m['e']}]")
    for t in d.get("times", []):
        out.append(f"TIME p{t['p']} {gold.span_text(t)} = {t['value']} {t['type']}"
                   + (f" mod={t['mod']}" if t.get("mod") else ""))
    for ev in d.get("events", []):
        args = " ".join(f"{a['role']}={_arg(gold, a)}" for a in ev.get("args", []))
        out.append(f"EV p{ev['trigger']['p']} {ev['type']} trigger={gold.span_text(ev['trigger'])} {args} "
                   f"status={ev['status']} date={ev.get('date')}" + (f" mode={ev['mode']}" if ev.get("mode") else ""))
    for q in d.get("quotes", []):
        speaker = _arg(gold, q["speaker"]) if q.get("speaker") else "none"
        cue = gold.span_text(q["cue"]) if q.get("cue") else "none"
        out.append(f"Q p{q['content']['p']} speaker={speaker} cue={cue} "
                   f"{'direct' if q['direct'] else 'indirect'} stance={q['stance']} "
                   f"content=「{gold.span_text(q['content'])}」")
    if gold.problems:
        out += [f"! {p}" for p in gold.problems]
    return "\n".join(out)
