-- +goose Up
-- Ratings flagged as part of a burst from one address (web/rate.go): kept
-- and counted, but never added to the roll-ups, so the report's means leave
-- them out unless an officer asks to include them. The partial index finds
-- the few flagged rows of a period without reading the others.
ALTER TABLE ratings ADD COLUMN suspect BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ratings_suspect ON ratings(month, point_id) WHERE suspect;

-- +goose Down
DROP INDEX ratings_suspect;
ALTER TABLE ratings DROP COLUMN suspect;
