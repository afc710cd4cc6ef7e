-- Schema v4: work the linker has queued and not yet done. The writer queues each batch's items
-- in the batch's own transaction and does the work once, after the last batch (e.g. disputes
-- for `kind` = 'dispute', keyed by article id: linked in date order, so each stored statement is
-- read about once, not once per batch). The queue survives a killed ingest; the next ingest
-- finishes it.
CREATE TABLE IF NOT EXISTS link_queue (
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    PRIMARY KEY (kind, item_id)
);
