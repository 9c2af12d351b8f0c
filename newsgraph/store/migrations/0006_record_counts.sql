-- Counts of the record kept up to date with it (newsgraph/store/counts.py), in the same
-- transaction as an article's events, so that profiles and timelines of busy actors and
-- whole countries read a few hundred rows instead of every event. Only asserted events are
-- counted. An actor is its canonical id, 'country:' and a country code (every actor of
-- the country), or '*' (every event, with actors or not). A period is the event date's first 7 (by = 'month') or 4 (by = 'year')
-- characters; '' when the event has no date. Filled here from the events already stored.

CREATE TABLE actor_months (
    actor        TEXT NOT NULL,
    side         TEXT NOT NULL,    -- source, target, or any (either side, an event once)
                                   -- (source and target: by month, per type; any: by month
                                   -- and year, every type '*' (and per type for '*'))
    by           TEXT NOT NULL,    -- month or year
    period       TEXT NOT NULL,
    type         TEXT NOT NULL,    -- a PLOVER type, or '*' (every type)
    events       INTEGER NOT NULL, -- distinct events
    cooperation  INTEGER NOT NULL, -- of which quad class 1-2
    conflict     INTEGER NOT NULL, -- of which quad class 3-4
    goldstein    REAL NOT NULL,    -- their Goldstein values summed
    articles     INTEGER NOT NULL, -- distinct articles
    PRIMARY KEY (actor, side, by, period, type)
) WITHOUT ROWID;

-- Events from one country's actors to another's (a group dyad), one row per period.
CREATE TABLE country_dyad_months (
    source       TEXT NOT NULL,    -- country code
    target       TEXT NOT NULL,
    by           TEXT NOT NULL,
    period       TEXT NOT NULL,
    events       INTEGER NOT NULL,
    cooperation  INTEGER NOT NULL,
    conflict     INTEGER NOT NULL,
    goldstein    REAL NOT NULL,
    articles     INTEGER NOT NULL,
    PRIMARY KEY (source, target, by, period)
) WITHOUT ROWID;

-- An actor's (or a country's) counterparts over all time, event_dyads rows as the profile
-- counts them: `counterpart` is the other side's canonical id, else its code, else its name.
CREATE TABLE actor_relations (
    actor        TEXT NOT NULL,
    counterpart  TEXT NOT NULL,
    side         TEXT NOT NULL,    -- the actor's side: source or target
    name         TEXT NOT NULL,    -- as the text named the counterpart
    code         TEXT NOT NULL,    -- '' when none
    rows         INTEGER NOT NULL,
    cooperation  INTEGER NOT NULL,
    conflict     INTEGER NOT NULL,
    goldstein    REAL NOT NULL,
    PRIMARY KEY (actor, counterpart, side, name, code)
) WITHOUT ROWID;

-- The same summed per counterpart, indexed by size: the strongest relations of a country
-- (tens of thousands of counterparts) are the first rows of the index.
CREATE TABLE actor_relation_totals (
    actor        TEXT NOT NULL,
    counterpart  TEXT NOT NULL,
    rows         INTEGER NOT NULL,
    PRIMARY KEY (actor, counterpart)
) WITHOUT ROWID;
CREATE INDEX actor_relation_totals_rows ON actor_relation_totals (actor, rows);

-- An actor's mentions and the articles that mention it.
CREATE TABLE actor_totals (
    canonical_id TEXT PRIMARY KEY,
    mentions     INTEGER NOT NULL,
    articles     INTEGER NOT NULL
) WITHOUT ROWID;

-- The roles the text gives an actor, by the publication date of the article ('' if none).
CREATE TABLE actor_roles (
    canonical_id TEXT NOT NULL,
    role         TEXT NOT NULL,
    published    TEXT NOT NULL,
    mentions     INTEGER NOT NULL,
    PRIMARY KEY (canonical_id, role, published)
) WITHOUT ROWID;
