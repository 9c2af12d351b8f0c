-- Story grouping compares articles by lemmas, central actors, events, places, text dates and
-- shared quotations (see newsgraph/stories). Each grouped article keeps those features, so
-- that comparing a new article with it reads one row. The first grouping's index, links and
-- stories do not fit them: they are dropped, and every article they held is queued to be
-- grouped again by the next update (stories_pending).

ALTER TABLE story_articles ADD COLUMN features TEXT NOT NULL DEFAULT '{}';  -- JSON

CREATE TABLE stories_pending (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO stories_pending (article_id) SELECT article_id FROM story_articles;
DELETE FROM story_articles;  -- cascades to story_terms and story_links
DELETE FROM stories;
DELETE FROM stories_dirty;
DELETE FROM story_term_df;
