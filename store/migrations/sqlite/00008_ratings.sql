-- +goose Up
-- Satisfaction ratings (issue 6): a stable rating code per service point,
-- versioned question sets, raw ratings, the once-per-day register, counted
-- rejections and pre-aggregated monthly roll-ups.
-- The code of the rating link (/rate/{code}). Existing points get theirs
-- from store.Migrate (openinfo.RateCodeFor), right after this migration.
ALTER TABLE service_points ADD COLUMN rate_code TEXT;
CREATE UNIQUE INDEX service_points_rate_code ON service_points(rate_code);

CREATE TABLE question_sets (
    version     INTEGER PRIMARY KEY,
    questions   TEXT NOT NULL,
    ask_profile BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    created_by  INTEGER NOT NULL DEFAULT 0
);

-- Raw ratings, one row per accepted answer. No foreign keys: ratings are
-- facts that are only ever appended, points and processes are never deleted,
-- and bulk loads stay fast. a_* hold 1..5, 0 where the set did not ask.
CREATE TABLE ratings (
    id           INTEGER PRIMARY KEY,
    point_id     INTEGER NOT NULL,
    agency_id    INTEGER NOT NULL,
    process_id   INTEGER NOT NULL DEFAULT 0,
    question_set INTEGER NOT NULL,
    month        INTEGER NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    a_process    INTEGER NOT NULL DEFAULT 0,
    a_staff      INTEGER NOT NULL DEFAULT 0,
    a_facilities INTEGER NOT NULL DEFAULT 0,
    a_result     INTEGER NOT NULL DEFAULT 0,
    a_channel    INTEGER NOT NULL DEFAULT 0,
    respondent   TEXT NOT NULL DEFAULT '',
    comment      TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL DEFAULT 'qr'
);
CREATE INDEX ratings_agency_month ON ratings(agency_id, month);
CREATE INDEX ratings_point_month ON ratings(point_id, month);
CREATE INDEX ratings_comments ON ratings(month, id) WHERE comment <> '';
CREATE INDEX ratings_comments_agency ON ratings(agency_id, month, id) WHERE comment <> '';

-- Once per device per point per Bangkok day; rows older than two days are
-- purged by the rating writer. device is a hash of the device cookie.
CREATE TABLE rating_once (
    device   TEXT NOT NULL,
    point_id INTEGER NOT NULL,
    day      INTEGER NOT NULL,
    PRIMARY KEY (device, point_id, day)
) WITHOUT ROWID;
CREATE INDEX rating_once_day ON rating_once(day);

-- Refused attempts are counted here, never stored as ratings.
CREATE TABLE rating_rejections (
    day      INTEGER NOT NULL,
    point_id INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    n        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, point_id, reason)
) WITHOUT ROWID;

-- Monthly roll-ups, written in the same transaction as the raw ratings.
-- (SQLite: WITHOUT ROWID keeps each row in its primary key's B-tree, so an
-- upsert touches one tree instead of two.)
-- process_id 0 holds all ratings of the point (or agency); a rating that
-- names a process is also counted under that process. Per dimension
-- (p process, s staff, f facilities, r result, c channel): the sum of the
-- answers and how many answered 1..5.
CREATE TABLE rating_rollup_point (
    point_id     INTEGER NOT NULL,
    process_id   INTEGER NOT NULL,
    month        INTEGER NOT NULL,
    agency_id    INTEGER NOT NULL,
    n            INTEGER NOT NULL DEFAULT 0,
    p_sum        INTEGER NOT NULL DEFAULT 0,
    p1           INTEGER NOT NULL DEFAULT 0,
    p2           INTEGER NOT NULL DEFAULT 0,
    p3           INTEGER NOT NULL DEFAULT 0,
    p4           INTEGER NOT NULL DEFAULT 0,
    p5           INTEGER NOT NULL DEFAULT 0,
    s_sum        INTEGER NOT NULL DEFAULT 0,
    s1           INTEGER NOT NULL DEFAULT 0,
    s2           INTEGER NOT NULL DEFAULT 0,
    s3           INTEGER NOT NULL DEFAULT 0,
    s4           INTEGER NOT NULL DEFAULT 0,
    s5           INTEGER NOT NULL DEFAULT 0,
    f_sum        INTEGER NOT NULL DEFAULT 0,
    f1           INTEGER NOT NULL DEFAULT 0,
    f2           INTEGER NOT NULL DEFAULT 0,
    f3           INTEGER NOT NULL DEFAULT 0,
    f4           INTEGER NOT NULL DEFAULT 0,
    f5           INTEGER NOT NULL DEFAULT 0,
    r_sum        INTEGER NOT NULL DEFAULT 0,
    r1           INTEGER NOT NULL DEFAULT 0,
    r2           INTEGER NOT NULL DEFAULT 0,
    r3           INTEGER NOT NULL DEFAULT 0,
    r4           INTEGER NOT NULL DEFAULT 0,
    r5           INTEGER NOT NULL DEFAULT 0,
    c_sum        INTEGER NOT NULL DEFAULT 0,
    c1           INTEGER NOT NULL DEFAULT 0,
    c2           INTEGER NOT NULL DEFAULT 0,
    c3           INTEGER NOT NULL DEFAULT 0,
    c4           INTEGER NOT NULL DEFAULT 0,
    c5           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (point_id, process_id, month, agency_id)
) WITHOUT ROWID;
CREATE INDEX rating_rollup_point_agency ON rating_rollup_point(agency_id, month);

-- The same per agency for its whole subtree (its own points and every
-- agency under it), and under agency_id 0 for the whole country: a
-- ministry's fiscal-year report reads 12 rows, its breakdown 12 per child.
-- A rating adds to its agency and to every ancestor (agencies do not move
-- in the tree: UpdateAgency keeps parent_id).
CREATE TABLE rating_rollup_agency (
    agency_id    INTEGER NOT NULL,
    process_id   INTEGER NOT NULL,
    month        INTEGER NOT NULL,
    n            INTEGER NOT NULL DEFAULT 0,
    p_sum        INTEGER NOT NULL DEFAULT 0,
    p1           INTEGER NOT NULL DEFAULT 0,
    p2           INTEGER NOT NULL DEFAULT 0,
    p3           INTEGER NOT NULL DEFAULT 0,
    p4           INTEGER NOT NULL DEFAULT 0,
    p5           INTEGER NOT NULL DEFAULT 0,
    s_sum        INTEGER NOT NULL DEFAULT 0,
    s1           INTEGER NOT NULL DEFAULT 0,
    s2           INTEGER NOT NULL DEFAULT 0,
    s3           INTEGER NOT NULL DEFAULT 0,
    s4           INTEGER NOT NULL DEFAULT 0,
    s5           INTEGER NOT NULL DEFAULT 0,
    f_sum        INTEGER NOT NULL DEFAULT 0,
    f1           INTEGER NOT NULL DEFAULT 0,
    f2           INTEGER NOT NULL DEFAULT 0,
    f3           INTEGER NOT NULL DEFAULT 0,
    f4           INTEGER NOT NULL DEFAULT 0,
    f5           INTEGER NOT NULL DEFAULT 0,
    r_sum        INTEGER NOT NULL DEFAULT 0,
    r1           INTEGER NOT NULL DEFAULT 0,
    r2           INTEGER NOT NULL DEFAULT 0,
    r3           INTEGER NOT NULL DEFAULT 0,
    r4           INTEGER NOT NULL DEFAULT 0,
    r5           INTEGER NOT NULL DEFAULT 0,
    c_sum        INTEGER NOT NULL DEFAULT 0,
    c1           INTEGER NOT NULL DEFAULT 0,
    c2           INTEGER NOT NULL DEFAULT 0,
    c3           INTEGER NOT NULL DEFAULT 0,
    c4           INTEGER NOT NULL DEFAULT 0,
    c5           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, process_id, month)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE rating_rollup_agency;
DROP TABLE rating_rollup_point;
DROP TABLE rating_rejections;
DROP TABLE rating_once;
DROP TABLE ratings;
DROP TABLE question_sets;
DROP INDEX service_points_rate_code;
ALTER TABLE service_points DROP COLUMN rate_code;
