-- +goose Up
-- How often each published manual is read: the home page's "most viewed"
-- and a small prior in search. Nodes count in memory and add their counts
-- here now and then.
CREATE TABLE manual_views (
    process_id INTEGER PRIMARY KEY REFERENCES processes(id),
    views      INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX manual_views_views ON manual_views(views DESC);

-- +goose Down
DROP TABLE manual_views;
