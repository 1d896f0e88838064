-- +goose Up
-- Agencies asking to join (seed 001): submitted, confirmed by the agency's
-- executive through an e-mailed link, then approved or rejected.
CREATE TABLE onboarding_requests (
    id                 INTEGER PRIMARY KEY,
    status             TEXT NOT NULL,
    agency_name_th     TEXT NOT NULL DEFAULT '',
    agency_name_en     TEXT NOT NULL DEFAULT '',
    agency_type        TEXT NOT NULL DEFAULT '',
    parent_id          INTEGER REFERENCES agencies(id),
    existing_agency_id INTEGER REFERENCES agencies(id),
    province           TEXT NOT NULL DEFAULT '',
    requester_name     TEXT NOT NULL,
    requester_title    TEXT NOT NULL DEFAULT '',
    requester_email    TEXT NOT NULL,
    requester_phone    TEXT NOT NULL DEFAULT '',
    executive_name     TEXT NOT NULL,
    executive_email    TEXT NOT NULL,
    letter_name        TEXT NOT NULL DEFAULT '',
    letter             BLOB NOT NULL,
    letter_size        INTEGER NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    confirmed_at       TIMESTAMP,
    decided_at         TIMESTAMP,
    decided_by         INTEGER,
    reason             TEXT NOT NULL DEFAULT '',
    agency_id          INTEGER REFERENCES agencies(id),
    version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX onboarding_requests_status ON onboarding_requests(status, created_at);

-- +goose Down
DROP TABLE onboarding_requests;
