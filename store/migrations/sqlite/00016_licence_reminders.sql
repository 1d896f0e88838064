-- +goose Up
-- Officers' e-mail address, as their OpenID provider sends it at each
-- login: where the licence-report reminders go.
ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';

-- One row per reminder sent: reporter, month and the days-before mark, so
-- that two nodes or two runs of the job never send the same one twice.
CREATE TABLE licence_reminders (
    id            INTEGER PRIMARY KEY,
    reporter_kind TEXT NOT NULL,
    reporter_id   INTEGER NOT NULL,
    month         INTEGER NOT NULL,
    days_before   INTEGER NOT NULL,
    recipients    INTEGER NOT NULL DEFAULT 0,
    sent_at       TIMESTAMP NOT NULL,
    UNIQUE (reporter_kind, reporter_id, month, days_before)
);

-- +goose Down
DROP TABLE licence_reminders;
ALTER TABLE users DROP COLUMN email;
