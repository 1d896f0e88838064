-- +goose Up
-- Ratings committed but not yet added to the roll-ups (issue 19). The rating
-- writer acknowledges a rating once its raw row, its once-per-day row and
-- its id here are committed; a folder adds many such ratings to the roll-ups
-- at once and deletes their ids in the same transaction, so each rating is
-- counted exactly once however often folding is retried or interrupted.
-- Every roll-up reader folds what is listed here first (store.FoldRatings),
-- so a report read after a rating is acknowledged includes it.
CREATE TABLE rating_unfolded (
    id INTEGER PRIMARY KEY
);

-- +goose Down
DROP TABLE rating_unfolded;
