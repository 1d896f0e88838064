-- +goose Up
-- Officers of the back office: a person known by their OpenID subject, bound
-- to one agency and one role by redeeming a one-time token.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    issuer        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    username      TEXT NOT NULL DEFAULT '',
    given_name    TEXT NOT NULL DEFAULT '',
    family_name   TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    agency_id     INTEGER REFERENCES agencies(id),
    role          TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    last_login_at TIMESTAMP,
    UNIQUE (issuer, subject)
);
CREATE INDEX users_agency ON users(agency_id);

-- One-time 15-digit tokens. Looked up by an HMAC of the token; the token
-- itself is kept encrypted so the issuing officer can show and copy it again.
CREATE TABLE officer_tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    token_enc   TEXT NOT NULL,
    agency_id   INTEGER NOT NULL REFERENCES agencies(id),
    role        TEXT NOT NULL,
    issued_by   INTEGER NOT NULL DEFAULT 0,
    issued_at   TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    spent_at    TIMESTAMP,
    spent_by    INTEGER,
    revoked_at  TIMESTAMP
);
CREATE INDEX officer_tokens_agency_role ON officer_tokens(agency_id, role);

-- Back-office sessions (scs), so any node serves any request.
CREATE TABLE sessions (
    token  TEXT PRIMARY KEY,
    data   BLOB NOT NULL,
    expiry TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expiry);

-- Events counted by rate limits (logins, token attempts), shared by all nodes.
CREATE TABLE rate_events (
    key TEXT NOT NULL,
    at  TIMESTAMP NOT NULL
);
CREATE INDEX rate_events_key_at ON rate_events(key, at);

-- +goose Down
DROP TABLE rate_events;
DROP TABLE sessions;
DROP TABLE officer_tokens;
DROP TABLE users;
