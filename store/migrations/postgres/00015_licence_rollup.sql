-- +goose Up
-- The licence reports' roll-up (issue 14): the submitted reports summed per
-- agency subtree and month, agency 0 for the whole country, kept in the
-- transaction of each submission and correction (store.SaveLicenceReport)
-- as the ratings' roll-ups are. A fiscal year of the country's breakdown
-- then reads 12 rows per top-level agency instead of every report.
CREATE TABLE licence_rollup (
    agency_id     BIGINT NOT NULL,
    month         INTEGER NOT NULL,
    reports       BIGINT NOT NULL DEFAULT 0,
    pending_start BIGINT NOT NULL DEFAULT 0,
    received      BIGINT NOT NULL DEFAULT 0,
    issued        BIGINT NOT NULL DEFAULT 0,
    refused       BIGINT NOT NULL DEFAULT 0,
    withdrawn     BIGINT NOT NULL DEFAULT 0,
    on_time       BIGINT NOT NULL DEFAULT 0,
    late          BIGINT NOT NULL DEFAULT 0,
    pending_end   BIGINT NOT NULL DEFAULT 0,
    delay_notices BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, month)
);

-- The same per fiscal year (BE): the country's breakdown of a fiscal year
-- reads one row per top-level agency (about 7,900) instead of twelve.
CREATE TABLE licence_rollup_fy (
    agency_id     BIGINT NOT NULL,
    fy            INTEGER NOT NULL,
    reports       BIGINT NOT NULL DEFAULT 0,
    pending_start BIGINT NOT NULL DEFAULT 0,
    received      BIGINT NOT NULL DEFAULT 0,
    issued        BIGINT NOT NULL DEFAULT 0,
    refused       BIGINT NOT NULL DEFAULT 0,
    withdrawn     BIGINT NOT NULL DEFAULT 0,
    on_time       BIGINT NOT NULL DEFAULT 0,
    late          BIGINT NOT NULL DEFAULT 0,
    pending_end   BIGINT NOT NULL DEFAULT 0,
    delay_notices BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, fy)
);

-- Section 9 of a manual sums one process's reports (LicenceReceivedPerMonth).
CREATE INDEX licence_reports_process ON licence_reports(process_id, month);

-- +goose Down
DROP INDEX licence_reports_process;
DROP TABLE licence_rollup_fy;
DROP TABLE licence_rollup;
