-- +goose Up
-- The built-in Digital ID provider's tables. Every table is prefixed did_;
-- all state lives here so any app node can serve any request.
--
-- Before package digitalid owned its schema, store's migration 00002
-- created these very tables: IF NOT EXISTS adopts them, rows and all, in a
-- database migrated then. So this file must stay what 00002 was; a change
-- to the schema goes in a later migration here.

-- RS256 signing keys shared by all nodes; slot numbers make a key generation
-- unique, so two nodes starting together cannot both create one.
CREATE TABLE IF NOT EXISTS did_keys (
    id          TEXT PRIMARY KEY,
    slot        INTEGER NOT NULL UNIQUE,
    alg         TEXT NOT NULL,
    private_key TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS did_users (
    id            INTEGER PRIMARY KEY,
    sub           TEXT NOT NULL UNIQUE,
    citizen_id    TEXT NOT NULL UNIQUE,
    given_name    TEXT NOT NULL,
    family_name   TEXT NOT NULL,
    birth_date    TEXT NOT NULL,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    mobile        TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- Multi-step flows (registration, password reset), keyed by the SHA-256 of
-- a random ID kept in a cookie.
CREATE TABLE IF NOT EXISTS did_registrations (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL DEFAULT '{}',
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS did_registrations_expires ON did_registrations(expires_at);

CREATE TABLE IF NOT EXISTS did_otps (
    id          INTEGER PRIMARY KEY,
    purpose     TEXT NOT NULL,
    ref         TEXT NOT NULL,
    mobile      TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX IF NOT EXISTS did_otps_ref ON did_otps(purpose, ref, id);

CREATE TABLE IF NOT EXISTS did_sms_outbox (
    id          INTEGER PRIMARY KEY,
    to_number   TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- Failed logins and OTP tries, counted per user name and per client IP.
CREATE TABLE IF NOT EXISTS did_attempts (
    id     INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL,
    key    TEXT NOT NULL,
    at     TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS did_attempts_key ON did_attempts(kind, key, at);
CREATE INDEX IF NOT EXISTS did_attempts_at ON did_attempts(at);

CREATE TABLE IF NOT EXISTS did_auth_requests (
    id                    TEXT PRIMARY KEY,
    client_id             TEXT NOT NULL,
    redirect_uri          TEXT NOT NULL,
    scopes                TEXT NOT NULL,
    state                 TEXT NOT NULL DEFAULT '',
    nonce                 TEXT NOT NULL DEFAULT '',
    response_type         TEXT NOT NULL,
    response_mode         TEXT NOT NULL DEFAULT '',
    code_challenge        TEXT NOT NULL DEFAULT '',
    code_challenge_method TEXT NOT NULL DEFAULT '',
    prompt                TEXT NOT NULL DEFAULT '',
    max_age               INTEGER,
    login_hint            TEXT NOT NULL DEFAULT '',
    user_sub              TEXT NOT NULL DEFAULT '',
    auth_time             TIMESTAMP,
    done_at               TIMESTAMP,
    code                  TEXT UNIQUE,
    created_at            TIMESTAMP NOT NULL,
    expires_at            TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS did_auth_requests_expires ON did_auth_requests(expires_at);

CREATE TABLE IF NOT EXISTS did_tokens (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL,
    sub         TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    audience    TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS did_tokens_sub ON did_tokens(sub, client_id);
CREATE INDEX IF NOT EXISTS did_tokens_expires ON did_tokens(expires_at);

-- Single sign-on sessions of the provider, keyed by the SHA-256 of the cookie.
CREATE TABLE IF NOT EXISTS did_sessions (
    id          TEXT PRIMARY KEY,
    sub         TEXT NOT NULL,
    auth_time   TIMESTAMP NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX IF NOT EXISTS did_sessions_sub ON did_sessions(sub);

CREATE TABLE IF NOT EXISTS did_consents (
    sub         TEXT NOT NULL,
    client_id   TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    granted_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (sub, client_id)
);

-- +goose Down
DROP TABLE IF EXISTS did_consents;
DROP TABLE IF EXISTS did_sessions;
DROP TABLE IF EXISTS did_tokens;
DROP TABLE IF EXISTS did_auth_requests;
DROP TABLE IF EXISTS did_attempts;
DROP TABLE IF EXISTS did_sms_outbox;
DROP TABLE IF EXISTS did_otps;
DROP TABLE IF EXISTS did_registrations;
DROP TABLE IF EXISTS did_users;
DROP TABLE IF EXISTS did_keys;
