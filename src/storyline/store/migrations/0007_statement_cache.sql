-- Schema v7: each article's dispute statements as last built (storyline.link.dispute_cache).
-- A dispute sweep reads the stored statements near its new ones from one row per article
-- instead of rebuilding them from quotes, event mentions, mentions and entity records (the
-- bulk of what adding articles to a large store cost). A row is dropped with its article's
-- annotations, and when the name or side of an entity its article mentions changes
-- (dispute_speakers keeps the values the cached rows were built with). `version` names the
-- lexicon and the builder: rows of another version are built again.
CREATE TABLE IF NOT EXISTS dispute_statements (
    article_id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS dispute_speakers (
    entity_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    side TEXT
);
-- the stored claims and counters of a span of days (the sweep streams them past the new ones)
CREATE INDEX IF NOT EXISTS dispute_nodes_day ON dispute_nodes (day);
-- what each event's story was computed from (its date and actor count, link.stories): an
-- event that only gained actors or reports keeps its story whole when it changes
ALTER TABLE story_events ADD COLUMN basis TEXT;
