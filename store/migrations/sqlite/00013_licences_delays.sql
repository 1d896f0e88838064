-- +goose Up
-- Licensing Facilitation Act compliance (issue 14): licence-issuance
-- reports with their deadline locks and unlocks, the holiday calendar the
-- business-day rules count with, and delay notices (section 10).
-- Months are yyyymm (Common Era) as in the rating roll-ups; dates without a
-- time are 'YYYY-MM-DD' Bangkok dates in TEXT, which compare and sort the
-- same on both engines.

-- Who reports an agency's processes from which month: absent, its service
-- points do (seed 002). A switch is a new row from the next month on, so
-- past months keep the reporter they had.
CREATE TABLE licence_reporting_levels (
    id         INTEGER PRIMARY KEY,
    agency_id  INTEGER NOT NULL REFERENCES agencies(id),
    level      TEXT NOT NULL,
    from_month INTEGER NOT NULL,
    set_by     INTEGER NOT NULL DEFAULT 0,
    set_at     TIMESTAMP NOT NULL,
    UNIQUE (agency_id, from_month)
);

-- One report per reporter, process and month; the reporter is a service
-- point or an agency (reporter_kind), agency_id is the reporter's agency,
-- for roll-ups under an agency path.
CREATE TABLE licence_reports (
    id            INTEGER PRIMARY KEY,
    reporter_kind TEXT NOT NULL,
    reporter_id   INTEGER NOT NULL,
    agency_id     INTEGER NOT NULL REFERENCES agencies(id),
    process_id    INTEGER NOT NULL REFERENCES processes(id),
    month         INTEGER NOT NULL,
    state         TEXT NOT NULL,
    pending_start INTEGER NOT NULL DEFAULT 0,
    received      INTEGER NOT NULL DEFAULT 0,
    issued        INTEGER NOT NULL DEFAULT 0,
    refused       INTEGER NOT NULL DEFAULT 0,
    withdrawn     INTEGER NOT NULL DEFAULT 0,
    on_time       INTEGER NOT NULL DEFAULT 0,
    late          INTEGER NOT NULL DEFAULT 0,
    pending_end   INTEGER NOT NULL DEFAULT 0,
    delay_notices INTEGER NOT NULL DEFAULT 0,
    corrections   INTEGER NOT NULL DEFAULT 0,
    version       INTEGER NOT NULL DEFAULT 1,
    submitted_at  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    updated_by    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (reporter_kind, reporter_id, month, process_id)
);
CREATE INDEX licence_reports_month ON licence_reports(month, agency_id);
CREATE INDEX licence_reports_agency ON licence_reports(agency_id, month);

-- Every save of a report as it was after it: drafts, the submission and
-- each correction.
CREATE TABLE licence_report_history (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES licence_reports(id),
    version   INTEGER NOT NULL,
    event     TEXT NOT NULL,
    counts    TEXT NOT NULL,
    actor_id  INTEGER NOT NULL DEFAULT 0,
    at        TIMESTAMP NOT NULL,
    UNIQUE (report_id, version)
);

-- The one unlock request a reporter may make for a month: the unique key
-- refuses a second one even when two requests race.
CREATE TABLE licence_unlocks (
    id            INTEGER PRIMARY KEY,
    reporter_kind TEXT NOT NULL,
    reporter_id   INTEGER NOT NULL,
    agency_id     INTEGER NOT NULL REFERENCES agencies(id),
    month         INTEGER NOT NULL,
    reason        TEXT NOT NULL,
    requested_by  INTEGER NOT NULL DEFAULT 0,
    requested_at  TIMESTAMP NOT NULL,
    status        TEXT NOT NULL,
    decided_by    INTEGER NOT NULL DEFAULT 0,
    decided_at    TIMESTAMP,
    comment       TEXT NOT NULL DEFAULT '',
    window_end    TIMESTAMP,
    closed_at     TIMESTAMP,
    UNIQUE (reporter_kind, reporter_id, month)
);
CREATE INDEX licence_unlocks_status ON licence_unlocks(status, requested_at);
CREATE INDEX licence_unlocks_agency ON licence_unlocks(agency_id, month);

-- What the deadline job found: who had not submitted every report when the
-- month locked (the state itself follows from the time, see
-- openinfo.LicencePeriod.EffectiveState).
CREATE TABLE licence_locks (
    reporter_kind TEXT NOT NULL,
    reporter_id   INTEGER NOT NULL,
    month         INTEGER NOT NULL,
    agency_id     INTEGER NOT NULL,
    missing       INTEGER NOT NULL,
    locked_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (reporter_kind, reporter_id, month)
);
CREATE INDEX licence_locks_month ON licence_locks(month, agency_id);

-- Government holidays and substitution days, kept by the platform
-- administrator; store.Migrate loads thaitime's table for this year and
-- next once.
CREATE TABLE holidays (
    id      INTEGER PRIMARY KEY,
    day     TEXT NOT NULL,
    name_th TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    UNIQUE (day, name_th)
);

-- Applications that were late, and the notices sent about them. The
-- applicant_* columns are personal data: the retention job blanks them
-- (redacted_at) a set time after the decision. duty_due is the day the next
-- section 10 duty falls due ('' when none): overdue once it is before today.
CREATE TABLE delay_cases (
    id              INTEGER PRIMARY KEY,
    ref             TEXT NOT NULL,
    ref_key         TEXT NOT NULL,
    process_id      INTEGER NOT NULL REFERENCES processes(id),
    point_id        INTEGER NOT NULL REFERENCES service_points(id),
    agency_id       INTEGER NOT NULL REFERENCES agencies(id),
    applicant_name  TEXT NOT NULL DEFAULT '',
    applicant_phone TEXT NOT NULL DEFAULT '',
    applicant_email TEXT NOT NULL DEFAULT '',
    redacted_at     TIMESTAMP,
    received_on     TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    due_reason      TEXT NOT NULL DEFAULT '',
    decision        TEXT NOT NULL DEFAULT '',
    decided_on      TEXT NOT NULL DEFAULT '',
    told_on         TEXT NOT NULL DEFAULT '',
    notices         INTEGER NOT NULL DEFAULT 0,
    last_notice_on  TEXT NOT NULL DEFAULT '',
    duty_due        TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_by      INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (agency_id, ref_key)
);
CREATE INDEX delay_cases_ref ON delay_cases(ref_key);
CREATE INDEX delay_cases_agency ON delay_cases(agency_id, duty_due);
CREATE INDEX delay_cases_duty ON delay_cases(duty_due) WHERE duty_due <> '';
CREATE INDEX delay_cases_retention ON delay_cases(decided_on) WHERE redacted_at IS NULL AND decided_on <> '';

CREATE TABLE delay_notices (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES delay_cases(id),
    seq         INTEGER NOT NULL,
    number      TEXT NOT NULL,
    notice_on   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    expected_on TEXT NOT NULL,
    file_id     INTEGER NOT NULL DEFAULT 0,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER NOT NULL DEFAULT 0,
    UNIQUE (case_id, seq)
);
CREATE INDEX delay_notices_on ON delay_notices(notice_on);

-- +goose Down
DROP TABLE delay_notices;
DROP TABLE delay_cases;
DROP TABLE holidays;
DROP TABLE licence_locks;
DROP TABLE licence_unlocks;
DROP TABLE licence_report_history;
DROP TABLE licence_reports;
DROP TABLE licence_reporting_levels;
