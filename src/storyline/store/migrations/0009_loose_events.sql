-- Schema v9: the events without a plain day date (undated, a year, a month: a few percent of
-- them), by type. Event merging reads all of a type's such events at once (link.events) instead
-- of sifting each busy entity's thousands of events for them, key after key.
CREATE INDEX IF NOT EXISTS events_loose ON events (type) WHERE date IS NULL OR length(date) <> 10;
