-- +goose Up
-- Until package digitalid owned its schema, this migration created the
-- built-in Digital ID provider's did_ tables. They are now created by the
-- provider's own migrations (digitalid/migrations, version table
-- goose_db_version_digitalid), only where the provider runs; databases
-- migrated before keep their tables and rows, which those migrations adopt.
-- The version stays so that later versions keep their numbers.
SELECT 1;

-- +goose Down
SELECT 1;
