-- Schema v10: how well each merged event is supported (link.consensus): the number of independent
-- sources (outlets; an article without an outlet is its own) that report it, and whether only one
-- does (unconfirmed: 1). The full corroboration record is in the event's JSON record; these
-- columns let the CLI, the API and the UI filter and sort by support without parsing records.
-- Events stored before v10 have NULL here until they are next saved.
ALTER TABLE events ADD COLUMN sources INTEGER;
ALTER TABLE events ADD COLUMN unconfirmed INTEGER;
CREATE INDEX IF NOT EXISTS events_sources ON events (sources);
