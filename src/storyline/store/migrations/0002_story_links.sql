-- Schema v2: index tables behind disputes and stories, so both can be updated incrementally
-- (forget one article's disputes, find the story an event belongs to) without scanning JSON.
CREATE TABLE IF NOT EXISTS dispute_articles (
    dispute_id TEXT NOT NULL,
    article_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dispute_articles_article ON dispute_articles (article_id);
CREATE INDEX IF NOT EXISTS dispute_articles_dispute ON dispute_articles (dispute_id);
CREATE TABLE IF NOT EXISTS story_events (
    story_id TEXT NOT NULL,
    event_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_events_event ON story_events (event_id);
CREATE INDEX IF NOT EXISTS story_events_story ON story_events (story_id);
