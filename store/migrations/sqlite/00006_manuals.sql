-- +goose Up
-- OPDC's Service Catalog: categories, user groups and tags.
CREATE TABLE catalog_terms (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    code      TEXT NOT NULL,
    name_th   TEXT NOT NULL,
    name_en   TEXT NOT NULL DEFAULT '',
    parent_id INTEGER REFERENCES catalog_terms(id),
    active    BOOLEAN NOT NULL DEFAULT TRUE,
    version   INTEGER NOT NULL DEFAULT 1,
    UNIQUE (kind, code)
);

-- Processes (กระบวนงาน) and their citizen manual's revisions.
CREATE TABLE processes (
    id           INTEGER PRIMARY KEY,
    agency_id    INTEGER NOT NULL REFERENCES agencies(id),
    name_th      TEXT NOT NULL,
    name_en      TEXT NOT NULL DEFAULT '',
    sort_key     TEXT NOT NULL DEFAULT '',
    common_names TEXT NOT NULL DEFAULT '[]',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX processes_agency ON processes(agency_id, sort_key);

CREATE TABLE process_terms (
    process_id INTEGER NOT NULL REFERENCES processes(id),
    term_id    INTEGER NOT NULL REFERENCES catalog_terms(id),
    PRIMARY KEY (process_id, term_id)
);

CREATE TABLE manual_revisions (
    id           INTEGER PRIMARY KEY,
    process_id   INTEGER NOT NULL REFERENCES processes(id),
    number       INTEGER NOT NULL,
    state        TEXT NOT NULL,
    content      TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_by   INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    UNIQUE (process_id, number)
);
CREATE INDEX manual_revisions_state ON manual_revisions(state, process_id);

-- Every transition: who, when, with what comment.
CREATE TABLE revision_records (
    id          INTEGER PRIMARY KEY,
    revision_id INTEGER NOT NULL REFERENCES manual_revisions(id),
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    event       TEXT NOT NULL,
    actor_id    INTEGER NOT NULL DEFAULT 0,
    at          TIMESTAMP NOT NULL,
    comment     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX revision_records_revision ON revision_records(revision_id, id);

-- +goose Down
DROP TABLE revision_records;
DROP TABLE manual_revisions;
DROP TABLE process_terms;
DROP TABLE processes;
DROP TABLE catalog_terms;
