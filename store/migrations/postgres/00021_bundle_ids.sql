-- +goose Up
-- Bundle import and export (docs/bundle.md): each imported record's key in
-- the system it came from (source, legacy ID) mapped to the local row, with
-- the hash of the record as last imported, so that importing the same
-- bundle again changes nothing and an interrupted import resumes where it
-- stopped. Records made here have no row: their key is ("openinfo"-like
-- source, local ID).
CREATE TABLE bundle_ids (
    entity    TEXT NOT NULL,
    source    TEXT NOT NULL,
    legacy_id TEXT NOT NULL,
    local_id  BIGINT NOT NULL,
    hash      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (entity, source, legacy_id)
);
CREATE UNIQUE INDEX bundle_ids_local ON bundle_ids(entity, local_id);

-- Old public links and poster codes: a manual's UUID in info.go.th's URLs
-- (kind 'manual_uuid') and the rating codes printed on old posters (kind
-- 'rate_code'), each to the local record.
CREATE TABLE legacy_links (
    kind     TEXT NOT NULL,
    code     TEXT NOT NULL,
    local_id BIGINT NOT NULL,
    PRIMARY KEY (kind, code)
);
CREATE INDEX legacy_links_local ON legacy_links(kind, local_id);

-- +goose Down
DROP TABLE legacy_links;
DROP TABLE bundle_ids;
