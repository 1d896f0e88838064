-- +goose Up
-- The letter of a delay notice (issue 14): a PDF that names the applicant,
-- so it lives here rather than in the shared, content-addressed files table:
-- only officers of the case's agency subtree and OPDC read it, and the
-- retention job deletes it with the applicant's name and contacts. A letter
-- is uploaded with its notice's form and kept (notice_id 0) when the form
-- is refused, so it need not be chosen again; the case it was uploaded for
-- is the only one it can be attached to.
CREATE TABLE delay_letters (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES delay_cases(id),
    notice_id    INTEGER NOT NULL DEFAULT 0,
    name         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    data         BLOB NOT NULL,
    uploaded_at  TIMESTAMP NOT NULL,
    uploaded_by  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX delay_letters_case ON delay_letters(case_id, notice_id);
-- A notice has at most one letter.
CREATE UNIQUE INDEX delay_letters_notice ON delay_letters(notice_id) WHERE notice_id <> 0;
-- The notices' file_id, meant for the shared files table, was never set.
ALTER TABLE delay_notices DROP COLUMN file_id;

-- +goose Down
ALTER TABLE delay_notices ADD COLUMN file_id INTEGER NOT NULL DEFAULT 0;
DROP TABLE delay_letters;
