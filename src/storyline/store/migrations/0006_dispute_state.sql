-- Schema v6: the dispute graph's state, kept in the store (storyline.link.disputes). Before v6
-- the linker rebuilt clusters and best claims in memory from every stored statement within 44
-- days of each new statement day: on a 100k-article store one chunk loaded ~290k statements
-- (2.3 GB), and an append reloaded most busy months. Now each claim keeps its label (the first
-- of itself and its near claims) and each counter its best claim, so a new statement is compared
-- only with the stored statements within WINDOW_DAYS of its own day, and a dispute is rebuilt
-- from the rows that name its cluster.
CREATE TABLE IF NOT EXISTS dispute_nodes (
    key TEXT PRIMARY KEY,          -- quote id or event mention id
    article_id TEXT NOT NULL,
    role TEXT NOT NULL,            -- 'claim' or 'counter'
    paragraph INTEGER NOT NULL,    -- with article_id, start_pos and key: the label order
    start_pos INTEGER NOT NULL,
    day INTEGER,                   -- the statement's day (proleptic ordinal, null: undated)
    label TEXT,                    -- claims: first of itself and its near claims
    best TEXT,                     -- counters: the best claim's key (null: none)
    score INTEGER,                 -- counters: the best pair's score, topic and rank parts
    topic TEXT,
    other_article INTEGER,
    distance INTEGER
);
CREATE INDEX IF NOT EXISTS dispute_nodes_article ON dispute_nodes (article_id);
CREATE INDEX IF NOT EXISTS dispute_nodes_label ON dispute_nodes (label);
CREATE INDEX IF NOT EXISTS dispute_nodes_best ON dispute_nodes (best);
-- near claims, stored both ways (what a removed claim's neighbours are relabelled from)
CREATE TABLE IF NOT EXISTS dispute_near (
    key TEXT NOT NULL,
    other TEXT NOT NULL,
    PRIMARY KEY (key, other)
);
-- disputes stored before v6 have no state: every article is linked again by the next ingest
-- (even one that finds nothing new to read), which rebuilds them under the same rules
INSERT INTO link_queue (kind, item_id) SELECT 'dispute', id FROM articles
    WHERE duplicate_of IS NULL AND id NOT IN (SELECT item_id FROM link_queue WHERE kind = 'dispute');
