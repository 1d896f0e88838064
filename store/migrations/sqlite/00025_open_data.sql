-- +goose Up
-- The open data API's rate limit: requests per address per minute, one row
-- per address and minute (an upsert per request, pruned hourly), shared by
-- every node.
CREATE TABLE api_hits (
    key  TEXT NOT NULL,
    slot INTEGER NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (key, slot)
);
CREATE INDEX api_hits_slot ON api_hits(slot);

-- The daily bulk downloads of the published data (/open-data): one row per
-- file made by the opendata.bulk job, the file in chunks of about 1 MiB
-- (as export_chunks), so that any node serves it.
CREATE TABLE open_data_files (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    day         TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'building',
    size        INTEGER NOT NULL DEFAULT 0,
    sha256      TEXT NOT NULL DEFAULT '',
    counts      TEXT NOT NULL DEFAULT '{}',
    created_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);
CREATE INDEX open_data_files_kind ON open_data_files(kind, state, id);

CREATE TABLE open_data_chunks (
    file_id INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    data    BLOB NOT NULL,
    PRIMARY KEY (file_id, seq)
);

-- +goose Down
DROP TABLE open_data_chunks;
DROP TABLE open_data_files;
DROP TABLE api_hits;
