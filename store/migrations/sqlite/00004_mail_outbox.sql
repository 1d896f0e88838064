-- +goose Up
-- Every e-mail openinfo sends, recorded before it is handed to the SMTP
-- server so that all nodes (and the development outbox page) see it. A row
-- with sent_at NULL and an empty send_error is recorded only (no SMTP server
-- configured) or still being sent; send_error holds the server's reply when
-- sending failed.
CREATE TABLE mail_outbox (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL DEFAULT '',
    recipients  TEXT NOT NULL DEFAULT '[]',
    subject     TEXT NOT NULL DEFAULT '',
    body_text   TEXT NOT NULL DEFAULT '',
    body_html   TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    sent_at     TIMESTAMP,
    send_error  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at);

-- +goose Down
DROP TABLE mail_outbox;
