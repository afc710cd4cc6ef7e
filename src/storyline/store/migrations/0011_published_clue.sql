-- Schema v11: the evidence an inferred publication date rests on (issue #30): the dated
-- mention of the text it was taken from, its paragraph and the rule, or null when the
-- article had a dateline. `storyline articles`, `show`, the exports and the API show it.
ALTER TABLE articles ADD COLUMN published_clue TEXT;
