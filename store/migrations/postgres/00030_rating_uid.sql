-- +goose Up
-- Each submission carries a unique id (issue 19): a rating kept in a node's
-- spool while the database was away is written again when it returns, and
-- perhaps more than once (a node that stops mid-replay starts over). The
-- once-per-day register already holds one row per rated device, point and
-- day; the id beside it tells a replay of the same submission (accepted
-- again, not counted twice) from a second rating by the device (refused).
-- A submission without a device registers under its id instead.
ALTER TABLE rating_once ADD COLUMN uid TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE rating_once DROP COLUMN uid;
