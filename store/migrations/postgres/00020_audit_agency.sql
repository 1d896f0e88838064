-- +goose Up
-- The agency each change concerns (the one the request was authorized on,
-- else the officer's own), so the audit-log viewer shows a subtree's
-- changes. Entries written before have none and show to OPDC and the
-- platform administrator only.
ALTER TABLE audit_log ADD COLUMN agency_path TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_agency ON audit_log(agency_path text_pattern_ops, id);

-- +goose Down
DROP INDEX audit_log_agency;
ALTER TABLE audit_log DROP COLUMN agency_path;
