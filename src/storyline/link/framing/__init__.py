"""Outlet framing: how differently outlets tell the same news. The package's one entry point is
`framing_records`; one record per (outlet, feature, key), computed on read from the store (it
always agrees with what is stored; the API caches it per state of the store):

- `scare_quote` (framing.quotes): terms an outlet quotes more than the others (“入侵”), ranked by
  the quoted share's lower bound minus the others' share, with minimum counts and a stop list;
- `name_variant` (framing.voices): which alias an outlet uses for an entity known under several;
- `speaker_share` / `speaker_country_share`: whose statements (quotes) an outlet carries;
- `event_type_share`: the mix of event types an outlet reports;
- `coverage`, `blind_spot`, `only_here` (framing.coverage): the same merged events across outlets,
  silences counted only where the silent outlet was covering the period and the topic;
- `event_coverage`, `event_framing` (framing.events): per event (a tag file's groups, else the
  merged events several outlets report) who reports it and how each tells it: its distinctive
  words, the voices it quotes, the terms it puts in quotation marks.

Articles without an outlet (plain text files) are grouped as "(unknown)" rather than dropped;
duplicates are skipped; Traditional-script text is compared in Simplified (framing.corpus).
"""

from __future__ import annotations

from storyline.link.disputes import DisputeLexicon
from storyline.link.framing.corpus import UNKNOWN, FramingSettings, load
from storyline.link.framing.coverage import coverage
from storyline.link.framing.events import event_framing, merged_groups, read_groups, tagged_groups
from storyline.link.framing.quotes import scare_quotes, wilson_lower
from storyline.link.framing.voices import event_type_shares, name_variants, speaker_shares
from storyline.store import Store

__all__ = ["UNKNOWN", "FramingSettings", "framing_records", "read_groups", "wilson_lower"]


def framing_records(store: Store, outlets: list[str] | None = None,
                    settings: FramingSettings | None = None, tags: dict[str, list[str]] | None = None) -> list[dict]:
    """Every framing record, optionally for the given outlets only ("(unknown)" names no-outlet
    articles), each feature's records in the order to show them. `tags` (event -> relative
    paths, `read_groups` of a tag file such as EVENTS.tsv) gives the per-event framing its
    groups; without it they are the merged events several outlets report."""
    settings = settings or FramingSettings()
    corpus = load(store, outlets)
    records = scare_quotes(corpus, settings)
    records += name_variants(store, corpus)
    records += speaker_shares(store, corpus, DisputeLexicon())
    records += event_type_shares(store, corpus)
    records += coverage(store, corpus, settings)
    groups = tagged_groups(corpus, tags) if tags is not None else merged_groups(
        store, corpus, settings.event_min_outlets, settings.event_max)
    records += event_framing(store, corpus, settings, groups, settings.event_top)
    return records
