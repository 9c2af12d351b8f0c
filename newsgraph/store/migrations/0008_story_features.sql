-- Story grouping compares articles by lemmas, central actors, events, places, text dates and
-- shared quotations (see newsgraph/stories). Each grouped article keeps those features
-- (JSON: {"t": {term: weight}, "q": [quotation shingles]}), so that comparing a new article
-- with it reads one row. The first grouping's index, links and stories do not fit them:
-- they are dropped, and every article they held is queued to be grouped again by the next
-- update (stories_pending).

ALTER TABLE story_articles ADD COLUMN features TEXT NOT NULL DEFAULT '{}';

CREATE TABLE stories_pending (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE
) WITHOUT ROWID;

INSERT INTO stories_pending (article_id) SELECT article_id FROM story_articles;
DELETE FROM story_articles;  -- cascades to story_terms and story_links
DELETE FROM stories;
DELETE FROM stories_dirty;
DELETE FROM story_term_df;

-- story_terms is now only the index an article is found by (its rarest terms, not all of
-- them); the document frequencies count every term and shingle of the features instead,
-- and "*" counts the grouped articles.
DROP TRIGGER story_terms_df_insert;
DROP TRIGGER story_terms_df_delete;
CREATE TRIGGER story_articles_df_insert AFTER INSERT ON story_articles BEGIN
    INSERT INTO story_term_df (term, df)
        SELECT key, 1 FROM json_each(new.features, '$.t') WHERE true
        UNION ALL SELECT value, 1 FROM json_each(new.features, '$.q') WHERE true
        UNION ALL SELECT '*', 1 WHERE true
        ON CONFLICT (term) DO UPDATE SET df = df + 1;
END;
CREATE TRIGGER story_articles_df_delete AFTER DELETE ON story_articles BEGIN
    UPDATE story_term_df SET df = df - 1 WHERE term IN (
        SELECT key FROM json_each(old.features, '$.t')
        UNION ALL SELECT value FROM json_each(old.features, '$.q')
        UNION ALL SELECT '*'
    );
    DELETE FROM story_term_df WHERE df <= 0 AND term IN (
        SELECT key FROM json_each(old.features, '$.t')
        UNION ALL SELECT value FROM json_each(old.features, '$.q')
        UNION ALL SELECT '*'
    );
END;
