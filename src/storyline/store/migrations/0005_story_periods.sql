-- Schema v5: a story is a thread within one calendar month (its `period`, 'YYYY-MM'; null for
-- events with no usable date and no publication month). Unbounded threads chained a whole
-- corpus's worth of daily 普京/拜登 reports into one story (41,669 of 75,711 events on a
-- 100k-article store) that every ingest had to walk again. The period column lets a story find
-- its continuation in the months before and after (storyline.link.story_reads).
-- Stories stored before v5 are unbounded: their events are queued, so the next ingest recomputes
-- them under the new rule.
ALTER TABLE stories ADD COLUMN period TEXT;
CREATE INDEX IF NOT EXISTS stories_period ON stories (period);
-- The story list (GET /api/stories) pages in SQL by first date instead of parsing every record:
-- a 100k store has ~31k stories.
ALTER TABLE stories ADD COLUMN start TEXT;
INSERT INTO link_queue (kind, item_id) SELECT 'story', event_id FROM story_events
    WHERE event_id NOT IN (SELECT item_id FROM link_queue WHERE kind = 'story');
-- The dispute linker looks up the statements dated in a span of days (link/disputes.py
-- _articles_dated): without these, every look-up read all quotes and event mentions.
CREATE INDEX IF NOT EXISTS quotes_date ON quotes (date);
CREATE INDEX IF NOT EXISTS event_mentions_date ON event_mentions (date);
