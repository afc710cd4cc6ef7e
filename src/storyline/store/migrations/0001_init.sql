-- Schema v1. Written in the SQL common to SQLite and PostgreSQL: JSON is kept as TEXT,
-- booleans as INTEGER 0/1, so one migration serves both backends.
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source_key TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    outlet TEXT,
    title TEXT,
    author TEXT,
    editor TEXT,
    published TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0,
    url TEXT,
    language TEXT,
    encoding TEXT,
    paragraphs TEXT NOT NULL,
    categories TEXT NOT NULL DEFAULT '[]',
    links TEXT NOT NULL DEFAULT '[]',
    captions TEXT NOT NULL DEFAULT '[]',
    content_hash TEXT NOT NULL,
    duplicate_of TEXT,
    analysis TEXT
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles (outlet);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);

-- MinHash LSH bands: near-duplicate candidates are found by index look-up, so duplicate
-- detection stays incremental and needs no in-memory index of the whole store.
CREATE TABLE IF NOT EXISTS article_bands (
    band INTEGER NOT NULL,
    hash TEXT NOT NULL,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS article_bands_key ON article_bands (band, hash);
CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands (article_id);
CREATE TABLE IF NOT EXISTS article_minhash (
    article_id TEXT PRIMARY KEY,
    signature TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_name ON entities (name);
CREATE TABLE IF NOT EXISTS entity_aliases (
    alias TEXT NOT NULL,
    entity_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_aliases_alias ON entity_aliases (alias);
CREATE INDEX IF NOT EXISTS entity_aliases_entity ON entity_aliases (entity_id);

CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_id TEXT,
    role_title TEXT,
    role_of TEXT
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id);

CREATE TABLE IF NOT EXISTS times (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT,
    mod TEXT,
    anchor TEXT,
    range_end TEXT
);
CREATE INDEX IF NOT EXISTS times_article ON times (article_id);

CREATE TABLE IF NOT EXISTS event_mentions (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    trigger_word TEXT,
    trigger_start INTEGER,
    trigger_end INTEGER,
    mode TEXT,
    status TEXT,
    date TEXT,
    date_end TEXT,
    location TEXT,
    duration_minutes REAL,
    actors TEXT NOT NULL,
    event_id TEXT
);
CREATE INDEX IF NOT EXISTS event_mentions_article ON event_mentions (article_id);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions (event_id);

CREATE TABLE IF NOT EXISTS quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    paragraph INTEGER NOT NULL,
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    text TEXT NOT NULL,
    cue TEXT,
    direct INTEGER NOT NULL,
    stance TEXT,
    speaker_name TEXT,
    speaker_entity_id TEXT,
    via TEXT,
    date TEXT
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_entity_id);

-- Merged (cross-article) events, disputes and stories are derived tables, rebuilt
-- incrementally by the link stage.
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    date TEXT,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
CREATE TABLE IF NOT EXISTS disputes (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL
);

-- Which entities take part in which merged event: the index behind `--entity` filters.
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL,
    entity_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS event_actors_entity ON event_actors (entity_id);
CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id);
