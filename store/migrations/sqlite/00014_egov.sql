-- +goose Up
-- Electronic Government Act Sections 10 and 16 (DOMAIN.md §4): each agency's
-- announcements of its channels for citizens (section 10) and orders of the
-- systems its officers use (section 16), with their history. Dates are
-- calendar dates as 'YYYY-MM-DD' ('' when not given).
CREATE TABLE egov_records (
    id            INTEGER PRIMARY KEY,
    agency_id     INTEGER NOT NULL REFERENCES agencies(id),
    section       INTEGER NOT NULL CHECK (section IN (10, 16)),
    title         TEXT NOT NULL DEFAULT '',
    document_no   TEXT NOT NULL DEFAULT '',
    signed_on     TEXT NOT NULL DEFAULT '',
    effective_on  TEXT NOT NULL DEFAULT '',
    file_key      TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    revoke_reason TEXT NOT NULL DEFAULT '',
    superseded_by INTEGER REFERENCES egov_records(id),
    created_by    INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    published_at  TIMESTAMP,
    ended_at      TIMESTAMP
);
CREATE INDEX egov_records_agency ON egov_records(agency_id, section, state);
CREATE INDEX egov_records_state ON egov_records(state, updated_at);
-- At most one current record per agency and section, whatever the races.
CREATE UNIQUE INDEX egov_records_current ON egov_records(agency_id, section) WHERE state = 'published';

-- A record's channels (section 10) or systems (section 16), in form order.
CREATE TABLE egov_items (
    record_id INTEGER NOT NULL REFERENCES egov_records(id),
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL DEFAULT '',
    name      TEXT NOT NULL DEFAULT '',
    address   TEXT NOT NULL DEFAULT '',
    purpose   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (record_id, position)
);

-- OPDC's follow-up settings: one row once OPDC saves them (the defaults of
-- openinfo.DefaultEgovSettings apply until then).
CREATE TABLE egov_settings (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    agency_types  TEXT NOT NULL DEFAULT '[]',
    deadline      TEXT NOT NULL DEFAULT '',
    reminder_days INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    updated_by    INTEGER NOT NULL DEFAULT 0,
    updated_at    TIMESTAMP NOT NULL
);

-- Every reminder sent to an agency still missing a record.
CREATE TABLE egov_reminders (
    id        INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    user_id   INTEGER NOT NULL DEFAULT 0,
    email     TEXT NOT NULL DEFAULT '',
    missing   TEXT NOT NULL DEFAULT '[]',
    deadline  TEXT NOT NULL DEFAULT '',
    mail_id   INTEGER NOT NULL DEFAULT 0,
    sent_at   TIMESTAMP NOT NULL
);
CREATE INDEX egov_reminders_agency ON egov_reminders(agency_id, sent_at);
CREATE INDEX egov_reminders_sent ON egov_reminders(sent_at);

-- +goose Down
DROP TABLE egov_reminders;
DROP TABLE egov_settings;
DROP TABLE egov_items;
DROP TABLE egov_records;
