-- +goose Up
-- IF NOT EXISTS: databases made during issue 14 hold this index under an older number.
-- The submitted reports of a month by reporter and process, holding all
-- that the search for missing reporters (store.MissingReporters) asks of a
-- report: each expected (reporter, process) finds its report in the month's
-- part of this index instead of reading the report's row for its state.
CREATE INDEX IF NOT EXISTS licence_reports_submitted ON licence_reports(month, reporter_kind, reporter_id, process_id) WHERE state = 'submitted';

-- +goose Down
DROP INDEX licence_reports_submitted;
