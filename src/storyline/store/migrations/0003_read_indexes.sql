-- Schema v3: indexes for the read side (HTTP API, CLI), so filtered, sorted and paged queries
-- walk an index instead of reading and sorting whole tables.
-- Timeline pages: events in (date, id) order, a date range as an index range.
CREATE INDEX IF NOT EXISTS events_date_id ON events (date, id);
-- An entity's events sorted by date without reading their JSON records (covering index).
CREATE INDEX IF NOT EXISTS events_id_date ON events (id, date);
-- `--entity` filters and counts answered from the index alone.
CREATE INDEX IF NOT EXISTS event_actors_entity_event ON event_actors (entity_id, event_id);
-- An entity's quotes, most recent first (an index walk that stops after one page), and their count.
CREATE INDEX IF NOT EXISTS quotes_speaker_date ON quotes (speaker_entity_id, date, id);
