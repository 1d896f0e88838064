-- +goose Up
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE agencies (
    id           INTEGER PRIMARY KEY,
    parent_id    INTEGER REFERENCES agencies(id),
    path         TEXT NOT NULL,
    depth        INTEGER NOT NULL,
    type         TEXT NOT NULL,
    name_th      TEXT NOT NULL,
    name_en      TEXT NOT NULL DEFAULT '',
    sort_key     TEXT NOT NULL DEFAULT '',
    short_name   TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    subdistrict  TEXT NOT NULL DEFAULT '',
    district     TEXT NOT NULL DEFAULT '',
    province     TEXT NOT NULL DEFAULT '',
    postcode     TEXT NOT NULL DEFAULT '',
    phones       TEXT NOT NULL DEFAULT '[]',
    email        TEXT NOT NULL DEFAULT '',
    website      TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'active',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX agencies_parent ON agencies(parent_id);
CREATE INDEX agencies_path ON agencies(path);
CREATE INDEX agencies_type_province ON agencies(type, province);
CREATE INDEX agencies_province ON agencies(province);
CREATE INDEX agencies_sort ON agencies(sort_key);

CREATE TABLE service_points (
    id           INTEGER PRIMARY KEY,
    agency_id    INTEGER NOT NULL REFERENCES agencies(id),
    name_th      TEXT NOT NULL,
    name_en      TEXT NOT NULL DEFAULT '',
    sort_key     TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL,
    address      TEXT NOT NULL DEFAULT '',
    subdistrict  TEXT NOT NULL DEFAULT '',
    district     TEXT NOT NULL DEFAULT '',
    province     TEXT NOT NULL DEFAULT '',
    postcode     TEXT NOT NULL DEFAULT '',
    lat          REAL,
    lon          REAL,
    phones       TEXT NOT NULL DEFAULT '[]',
    email        TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL DEFAULT '',
    hours        TEXT NOT NULL DEFAULT '{}',
    visible      BOOLEAN NOT NULL DEFAULT TRUE,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX service_points_agency ON service_points(agency_id, sort_key);
CREATE INDEX service_points_province ON service_points(province);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TIMESTAMP NOT NULL,
    actor_id    INTEGER NOT NULL DEFAULT 0,
    actor_name  TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    before      TEXT NOT NULL DEFAULT '',
    after       TEXT NOT NULL DEFAULT '',
    request_id  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE service_points;
DROP TABLE agencies;
DROP TABLE meta;
