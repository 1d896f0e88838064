-- +goose Up
-- What search indexes of a revision, written with its content: building
-- the index at start then reads text instead of decoding every manual's
-- JSON. NULL for revisions saved before this migration: search then reads
-- the content as before until store.Migrate fills them (once, at start).
ALTER TABLE manual_revisions ADD COLUMN search_name TEXT;
ALTER TABLE manual_revisions ADD COLUMN search_text TEXT;
-- store.Migrate looks for revisions still without it on every start: with
-- this index that is a lookup, not a scan of every manual's content.
CREATE INDEX manual_revisions_no_search_text ON manual_revisions(id) WHERE search_text IS NULL;

-- +goose Down
DROP INDEX manual_revisions_no_search_text;
ALTER TABLE manual_revisions DROP COLUMN search_text;
ALTER TABLE manual_revisions DROP COLUMN search_name;
