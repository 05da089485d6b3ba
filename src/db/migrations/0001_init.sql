-- Schema version 1: orders (cases), tracking numbers, statuses, messages, evidence,
-- manual flags and the hash-chained event log. Never edit this file once shipped:
-- add a new numbered migration instead.

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    platform         TEXT NOT NULL,
    number           TEXT NOT NULL,
    item             TEXT,
    store            TEXT,
    price            TEXT,
    currency         TEXT,
    ordered          TEXT,
    shipped          TEXT,
    protection_until TEXT,
    protection_days  INTEGER,
    country          TEXT,
    city             TEXT,
    postcode         TEXT,
    weight_grams     REAL,
    shipping         TEXT,
    outcome          TEXT,
    close_note       TEXT,
    closed_at        TEXT,
    created_at       TEXT NOT NULL,
    UNIQUE (platform, number)
);
CREATE INDEX orders_number ON orders (number);

CREATE TABLE tracking_numbers (
    id       INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    number   TEXT NOT NULL,
    carrier  TEXT,
    note     TEXT,
    added_at TEXT NOT NULL,
    UNIQUE (order_id, number)
);
CREATE INDEX tracking_numbers_number ON tracking_numbers (number);

CREATE TABLE statuses (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    at           TEXT NOT NULL,
    at_sort      INTEGER NOT NULL,
    text         TEXT NOT NULL,
    place        TEXT,
    weight_grams REAL,
    source       TEXT NOT NULL,
    track        TEXT,
    stage        TEXT,
    added_at     TEXT NOT NULL
);
CREATE INDEX statuses_order ON statuses (order_id, at_sort);

CREATE TABLE evidence (
    id         INTEGER PRIMARY KEY,
    order_id   INTEGER NOT NULL REFERENCES orders (id),
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    width      INTEGER,
    height     INTEGER,
    file_name  TEXT NOT NULL,
    note       TEXT,
    taken      TEXT,
    added_at   TEXT NOT NULL,
    UNIQUE (order_id, seq),
    UNIQUE (order_id, sha256)
);
CREATE INDEX evidence_sha256 ON evidence (sha256);

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    sender      TEXT NOT NULL,
    at          TEXT NOT NULL,
    at_sort     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence (id),
    added_at    TEXT NOT NULL
);
CREATE INDEX messages_order ON messages (order_id, at_sort);

CREATE TABLE flags (
    order_id INTEGER NOT NULL REFERENCES orders (id),
    code     TEXT NOT NULL,
    note     TEXT,
    set_at   TEXT NOT NULL,
    PRIMARY KEY (order_id, code)
);

-- One hash chain per case. `body` is the canonical JSON of the entry (sorted keys, no
-- spaces) including the previous entry's hash; `hash` is SHA-256 of `body`.
CREATE TABLE events (
    id       INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (id),
    seq      INTEGER NOT NULL,
    body     TEXT NOT NULL,
    hash     TEXT NOT NULL,
    UNIQUE (order_id, seq)
);

-- The log is append-only: the database itself refuses edits and deletions.
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
