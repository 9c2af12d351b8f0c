-- Stories: articles from any outlet about the same real-world development, grouped as they
-- arrive (see newsgraph/stories); and merged events: one row per real event however many
-- articles report it, with every article's event kept as evidence.

-- One row per grouped article: its day (publication, else arrival) and its story.
CREATE TABLE story_articles (
    article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    day         INTEGER NOT NULL,              -- proleptic Gregorian ordinal (date.toordinal)
    story_id    TEXT NOT NULL,
    centrality  REAL NOT NULL DEFAULT 0        -- sum of its similarities inside the story
);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE INDEX story_articles_day ON story_articles (day);

-- The words and actors an article is compared by (title + lead words, canonical actors),
-- with their raw weights; (term, day) finds the candidate neighbours of a new article.
CREATE TABLE story_terms (
    article_id  TEXT NOT NULL REFERENCES story_articles (article_id) ON DELETE CASCADE,
    term        TEXT NOT NULL,
    weight      REAL NOT NULL,
    day         INTEGER NOT NULL,
    PRIMARY KEY (article_id, term)
);
CREATE INDEX story_terms_term_day ON story_terms (term, day);

-- Document frequency of every term over the grouped articles (the IDF of the similarity),
-- kept in step by triggers so that a replaced or deleted article leaves no trace.
CREATE TABLE story_term_df (
    term  TEXT PRIMARY KEY,
    df    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER story_terms_df_insert AFTER INSERT ON story_terms BEGIN
    INSERT INTO story_term_df (term, df) VALUES (new.term, 1)
        ON CONFLICT (term) DO UPDATE SET df = df + 1;
END;
CREATE TRIGGER story_terms_df_delete AFTER DELETE ON story_terms BEGIN
    UPDATE story_term_df SET df = df - 1 WHERE term = old.term;
    DELETE FROM story_term_df WHERE term = old.term AND df <= 0;
END;

-- Pairs of articles similar enough to be about the same development (both directions):
-- a story is a connected group of links.
CREATE TABLE story_links (
    article_id  TEXT NOT NULL REFERENCES story_articles (article_id) ON DELETE CASCADE,
    other_id    TEXT NOT NULL REFERENCES story_articles (article_id) ON DELETE CASCADE,
    similarity  REAL NOT NULL,
    PRIMARY KEY (article_id, other_id)
) WITHOUT ROWID;

CREATE TABLE stories (
    id               TEXT PRIMARY KEY,         -- hash of its earliest article's id
    title            TEXT,                     -- title of its most central article
    first_published  TEXT,
    last_published   TEXT,
    articles         INTEGER NOT NULL,
    sources          INTEGER NOT NULL          -- distinct outlets
);
CREATE INDEX stories_last_published ON stories (last_published);

-- Stories that lost an article (replaced or deleted): regrouped on the next update.
CREATE TABLE stories_dirty (story_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER story_articles_dirty AFTER DELETE ON story_articles BEGIN
    INSERT OR IGNORE INTO stories_dirty (story_id) VALUES (old.story_id);
END;

-- One real event: same PLOVER type, same actors, compatible place and dates.
CREATE TABLE merged_events (
    id                TEXT PRIMARY KEY,        -- hash of its earliest member event
    type              TEXT NOT NULL,
    signature         TEXT NOT NULL,           -- the actors' keys, see stories/events.py
    cameo             TEXT,
    goldstein         REAL,
    source_codes      TEXT NOT NULL DEFAULT '[]',   -- JSON lists
    source_names      TEXT NOT NULL DEFAULT '[]',
    target_codes      TEXT NOT NULL DEFAULT '[]',
    target_names      TEXT NOT NULL DEFAULT '[]',
    date              TEXT,                    -- the most precise date of its members
    first_day         INTEGER NOT NULL,
    last_day          INTEGER NOT NULL,
    location_country  TEXT,
    location_name     TEXT,
    mentions          INTEGER NOT NULL,        -- member events
    articles          INTEGER NOT NULL,
    sources           INTEGER NOT NULL         -- distinct outlets
);
CREATE INDEX merged_events_signature ON merged_events (type, signature, first_day);
CREATE INDEX merged_events_day ON merged_events (first_day);

-- The evidence: each article's event that is part of a merged event.
CREATE TABLE merged_event_members (
    merged_id   TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    day         INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_id),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, event_id)
        ON DELETE CASCADE
);
CREATE INDEX merged_event_members_merged ON merged_event_members (merged_id);

-- Merged events that lost a member: recounted (or split) on the next update.
CREATE TABLE merged_events_dirty (merged_id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TRIGGER merged_event_members_dirty AFTER DELETE ON merged_event_members BEGIN
    INSERT OR IGNORE INTO merged_events_dirty (merged_id) VALUES (old.merged_id);
END;
