-- +goose Up
-- Timed work that must run once across all nodes (package jobs): a node
-- runs a job only while it holds its lease, and records how the run went.
CREATE TABLE jobs (
    name          TEXT PRIMARY KEY,
    next_run      TIMESTAMPTZ NOT NULL,
    lease_owner   TEXT NOT NULL DEFAULT '',
    lease_until   TIMESTAMPTZ,
    last_start    TIMESTAMPTZ,
    last_end      TIMESTAMPTZ,
    last_duration_ms BIGINT NOT NULL DEFAULT 0,
    last_error    TEXT NOT NULL DEFAULT '',
    last_owner    TEXT NOT NULL DEFAULT '',
    runs          BIGINT NOT NULL DEFAULT 0,
    failures      BIGINT NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE jobs;
