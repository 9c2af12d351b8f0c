-- Live news: the feeds and pages `newsgraph watch` polls, what fetching each last did, and
-- per host what robots.txt said and how long the host asked to be left alone. Times are
-- ISO 8601 UTC ("2024-06-04T10:00:00Z"), so they compare as text.

CREATE TABLE sources (
    url            TEXT PRIMARY KEY,
    name           TEXT,                         -- the outlet, from the sources file
    added_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    etag           TEXT,                         -- validators of the last complete read:
    last_modified  TEXT,                         --   the next request is conditional
    body_hash      TEXT,                         -- hash of the last body read whole
    last_attempt   TEXT,
    last_success   TEXT,
    last_status    TEXT,                         -- "200", "304" or an error code
    last_error     TEXT,                         -- the last error's message (NULL after success)
    errors         INTEGER NOT NULL DEFAULT 0,   -- failures in a row: the backoff grows with them
    next_due       TEXT,                         -- not polled before this time
    articles       INTEGER NOT NULL DEFAULT 0,   -- articles stored from this source
    requests       INTEGER NOT NULL DEFAULT 0,   -- requests sent for it (pages and robots.txt too)
    bytes          INTEGER NOT NULL DEFAULT 0    -- bytes received for it
);
CREATE INDEX sources_next_due ON sources (next_due);

CREATE TABLE hosts (
    host            TEXT PRIMARY KEY,            -- scheme://host[:port]
    robots_status   INTEGER,                     -- HTTP status of robots.txt; 0: unreachable
    robots_txt      TEXT,                        -- its text (or why it could not be had)
    robots_fetched  REAL,                        -- when, in seconds since the epoch
    not_before      REAL                         -- asked (Retry-After) to be left alone until
);
