-- Schema v8: a few related events of each story event, saved with its story (link.story_pieces).
-- When an event of a stored story changes its date or loses an actor, the story used to be
-- searched again event by event (a busy month's story holds up to 2,000 events). The links
-- split what is left into pieces still known to be connected: the largest is kept whole, and
-- only the events of the others are compared again. Stories stored before v8 have none and are
-- searched again as before, the first time one of their events changes.
ALTER TABLE story_events ADD COLUMN links TEXT;
