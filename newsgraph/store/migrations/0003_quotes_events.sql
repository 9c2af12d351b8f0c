-- Quotes with their speakers (full-text searchable) and events with their actors, evidence,
-- dates and places. Spans are Python string indices into articles.text.

CREATE TABLE quotes (
    article_id         TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    quote_id           TEXT NOT NULL,
    kind               TEXT NOT NULL,               -- direct, indirect, mixed
    text               TEXT NOT NULL,
    spans              TEXT NOT NULL,               -- JSON list of [start, end]
    start              INTEGER NOT NULL,            -- first content character
    end                INTEGER NOT NULL,            -- after the last content character
    speaker_name       TEXT,
    speaker_entity     TEXT,                        -- entities.entity_id in the article
    speaker_canonical  TEXT,                        -- actors.canonical_id
    speaker_start      INTEGER,
    speaker_end        INTEGER,
    speaker_role       TEXT,
    speaker_code       TEXT,
    cue_text           TEXT,
    cue_start          INTEGER,
    cue_end            INTEGER,
    tone               REAL,
    PRIMARY KEY (article_id, quote_id)
);
CREATE INDEX quotes_speaker ON quotes (speaker_canonical);
CREATE INDEX quotes_speaker_name ON quotes (speaker_name COLLATE NOCASE);

-- Full-text search over what was said and who said it; kept in step by triggers (deleting an
-- article cascades to its quotes, and cascaded deletes fire the delete trigger).
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, speaker_name, content = 'quotes', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (new.rowid, new.text, new.speaker_name);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
        VALUES ('delete', old.rowid, old.text, old.speaker_name);
END;

CREATE TABLE events (
    article_id          TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id            TEXT NOT NULL,
    type                TEXT NOT NULL,              -- PLOVER event type
    mode                TEXT,
    context             TEXT NOT NULL DEFAULT '[]', -- JSON list of PLOVER contexts
    cameo               TEXT,
    quad_class          INTEGER,
    goldstein           REAL,
    modality            TEXT NOT NULL,              -- asserted, negated, future, hypothetical
    reported_by_name    TEXT,
    reported_by_entity  TEXT,
    reported_by_start   INTEGER,
    reported_by_end     INTEGER,
    reported_by_role    TEXT,
    reported_by_code    TEXT,
    quote_id            TEXT,
    date                TEXT,                       -- ISO 8601 at the text's precision
    date_source         TEXT,                       -- text, published
    date_start          INTEGER,
    date_end            INTEGER,
    location_name       TEXT,
    location_country    TEXT,
    lat                 REAL,
    lon                 REAL,
    location_start      INTEGER,
    location_end        INTEGER,
    geonameid           INTEGER,
    trigger_start       INTEGER NOT NULL,
    trigger_end         INTEGER NOT NULL,
    sentence_start      INTEGER NOT NULL,
    sentence_end        INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_country ON events (location_country);

-- The sides of an event: PLOVER's actor (source) and recipient (target), one row per actor.
-- The event's type, date, modality, quad class and Goldstein value are copied here (they
-- never change apart from the event) so that an actor's events are counted, dated and
-- ordered from this table's indexes alone, without a lookup per event.
CREATE TABLE event_actors (
    article_id    TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    side          TEXT NOT NULL CHECK (side IN ('source', 'target')),
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    entity_id     TEXT,
    canonical_id  TEXT,
    code          TEXT,
    country       TEXT,                             -- the code's first three letters
    start         INTEGER,
    end           INTEGER,
    type          TEXT NOT NULL,
    date          TEXT,
    modality      TEXT NOT NULL,
    quad_class    INTEGER,
    goldstein     REAL,
    PRIMARY KEY (article_id, event_id, side, position),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, event_id)
        ON DELETE CASCADE
);
CREATE INDEX event_actors_canonical ON event_actors (canonical_id, side, date);
CREATE INDEX event_actors_code ON event_actors (code, side, date);
CREATE INDEX event_actors_country ON event_actors (country, side, date);

-- Every source x target pair of an event, GDELT-style (one actor per side a row): the
-- dyad queries (A towards B over time) are index lookups here.
CREATE TABLE event_dyads (
    article_id           TEXT NOT NULL,
    event_id             TEXT NOT NULL,
    source_position      INTEGER NOT NULL,
    target_position      INTEGER NOT NULL,
    source_name          TEXT NOT NULL,
    source_canonical_id  TEXT,
    source_code          TEXT,
    source_country       TEXT,
    target_name          TEXT NOT NULL,
    target_canonical_id  TEXT,
    target_code          TEXT,
    target_country       TEXT,
    type                 TEXT NOT NULL,
    date                 TEXT,
    modality             TEXT NOT NULL,
    quad_class           INTEGER,
    goldstein            REAL,
    PRIMARY KEY (article_id, event_id, source_position, target_position),
    FOREIGN KEY (article_id, event_id) REFERENCES events (article_id, event_id)
        ON DELETE CASCADE
);
CREATE INDEX event_dyads_canonical ON event_dyads (source_canonical_id, target_canonical_id, date);
CREATE INDEX event_dyads_canonical_in ON event_dyads (target_canonical_id, source_canonical_id, date);
CREATE INDEX event_dyads_code ON event_dyads (source_code, target_code, date);
CREATE INDEX event_dyads_code_in ON event_dyads (target_code, source_code, date);
CREATE INDEX event_dyads_country ON event_dyads (source_country, target_country, date);
CREATE INDEX event_dyads_country_in ON event_dyads (target_country, source_country, date);
