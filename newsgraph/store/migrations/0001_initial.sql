-- The first schema: articles with metadata and text, entity mentions, damage.
-- Every later change is a new numbered file; a released migration is never edited.

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    url           TEXT,
    source        TEXT,
    title         TEXT,
    authors       TEXT NOT NULL DEFAULT '[]',   -- JSON list
    published     TEXT,                         -- ISO 8601
    language      TEXT,
    analyzed      INTEGER NOT NULL DEFAULT 0,   -- 0: stored but not analyzed (e.g. not English)
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '[]',   -- JSON list of {kind, text}
    metadata      TEXT NOT NULL DEFAULT '{}',   -- JSON object: other input fields
    sentences     TEXT NOT NULL DEFAULT '[]',   -- JSON list of [start, end]
    origin        TEXT,                         -- file [record] it was first read from
    decoded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_published ON articles (published);

-- Inputs already decoded, by the hash of their exact content: a re-run skips them before
-- any parsing. Several inputs may lead to one article.
CREATE TABLE inputs (
    raw_hash    TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX inputs_article ON inputs (article_id);

CREATE TABLE entities (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE mentions (
    article_id  TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, entity_id)
        ON DELETE CASCADE
);
CREATE INDEX mentions_entity ON mentions (article_id, entity_id);

CREATE TABLE damage (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX damage_article ON damage (article_id);
CREATE INDEX damage_kind ON damage (kind);
