-- The actor layer: codes, roles and canonical ids on entities; how each mention refers;
-- one row per real-world actor across articles, with the name keys that find it again.

ALTER TABLE entities ADD COLUMN country TEXT;
ALTER TABLE entities ADD COLUMN sector TEXT;
ALTER TABLE entities ADD COLUMN code TEXT;
ALTER TABLE entities ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';  -- JSON list
ALTER TABLE entities ADD COLUMN canonical_id TEXT;
CREATE INDEX entities_canonical ON entities (canonical_id);
CREATE INDEX entities_code ON entities (code);

ALTER TABLE mentions ADD COLUMN kind TEXT;   -- name, surname, title, nominal, pronoun, ...
ALTER TABLE mentions ADD COLUMN role TEXT;   -- the role the text gives the actor there

CREATE TABLE actors (
    canonical_id  TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    country       TEXT,
    sector        TEXT,
    code          TEXT
);
CREATE INDEX actors_code ON actors (code);

-- Keys that find an actor again in a later article: "name:<normalized full name>" and, for
-- people, "surname:<surname>" (candidates then compared by first name).
CREATE TABLE actor_keys (
    key           TEXT NOT NULL,
    canonical_id  TEXT NOT NULL REFERENCES actors (canonical_id) ON DELETE CASCADE,
    PRIMARY KEY (key, canonical_id)
);
