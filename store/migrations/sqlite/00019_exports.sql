-- +goose Up
-- Exports too large to stream in the request run in the background (the
-- exports.run job, on one node at a time) and are kept here for a day: the
-- file in chunks of about 1 MiB, so that any node can serve the download and
-- neither writing nor reading it holds the whole file in memory.
CREATE TABLE exports (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    params      TEXT NOT NULL,
    format      TEXT NOT NULL,
    lang        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'queued',
    total_rows  INTEGER NOT NULL DEFAULT 0,
    done_rows   INTEGER NOT NULL DEFAULT 0,
    size        INTEGER NOT NULL DEFAULT 0,
    error       TEXT NOT NULL DEFAULT '',
    runner      TEXT NOT NULL DEFAULT '',
    heartbeat   TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX exports_user ON exports(user_id, id);
CREATE INDEX exports_state ON exports(state, id);

CREATE TABLE export_chunks (
    export_id INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (export_id, seq)
);

-- +goose Down
DROP TABLE export_chunks;
DROP TABLE exports;
