-- +goose Up
-- The months the deadline job has locked: the hourly job skips them, since
-- finding the country's missing reporters takes a minute at national scale
-- and would hold the write lock each hour for nothing.
CREATE TABLE licence_locked_months (
    month     INTEGER PRIMARY KEY,
    reporters INTEGER NOT NULL,
    locked_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE licence_locked_months;
