-- +goose Up
-- Other services (บริการอื่นๆ): services with no manual under the Act,
-- published directly by the agency's officers. Content is JSON
-- (openinfo.ServiceContent).
CREATE TABLE other_services (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies(id),
    name_th    TEXT NOT NULL,
    name_en    TEXT NOT NULL DEFAULT '',
    sort_key   TEXT NOT NULL DEFAULT '',
    content    TEXT NOT NULL DEFAULT '{}',
    published  BOOLEAN NOT NULL DEFAULT FALSE,
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX other_services_agency ON other_services(agency_id, sort_key);

-- Pins (ปักหมุดคู่มือ): the service points that serve a process's manual or an
-- other service.
CREATE TABLE point_processes (
    point_id   INTEGER NOT NULL REFERENCES service_points(id),
    process_id INTEGER NOT NULL REFERENCES processes(id),
    PRIMARY KEY (point_id, process_id)
);
CREATE INDEX point_processes_process ON point_processes(process_id, point_id);

CREATE TABLE point_services (
    point_id   INTEGER NOT NULL REFERENCES service_points(id),
    service_id INTEGER NOT NULL REFERENCES other_services(id),
    PRIMARY KEY (point_id, service_id)
);
CREATE INDEX point_services_service ON point_services(service_id, point_id);

-- Uploaded files (manual form attachments), addressed by their SHA-256 so a
-- new revision's copy of a manual shares its files.
CREATE TABLE files (
    key          TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    data         BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE files;
DROP TABLE point_services;
DROP TABLE point_processes;
DROP TABLE other_services;
