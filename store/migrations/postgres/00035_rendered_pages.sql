-- +goose Up
-- Rendered public pages (issue 19): a manual's or service point's page,
-- rendered once and kept gzip-compressed, so that serving it is a lookup.
-- A row is dropped by the triggers below in the same transaction as any
-- change of what the page shows, whichever code or node made it; version
-- names the renderer (the binary and its settings), so a page another
-- build rendered is a miss, never served.
CREATE TABLE rendered_pages (
    kind    TEXT NOT NULL,     -- 'manual' (a process ID) or 'point'
    id      BIGINT NOT NULL,
    lang    TEXT NOT NULL,     -- 'th' or 'en'
    version TEXT NOT NULL,
    etag    TEXT NOT NULL,
    body    BYTEA NOT NULL,    -- the page, gzip
    at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, id, lang)
);
ALTER TABLE rendered_pages ALTER COLUMN body SET STORAGE EXTERNAL; -- gzip already: TOAST need not compress it again

-- Every change that drops pages takes a number from rendered_seq (not
-- transactional: seen at once) while it holds a shared advisory lock until
-- it commits. A page rendered from what was read before a change is not
-- stored after it: store.DB.StoreRendered stores only under the exclusive
-- lock (no change in flight) and only if no number was taken since the
-- render began. Changes never wait for each other on it.
CREATE SEQUENCE rendered_seq;

-- What each page shows, and so what drops it:
--   manual P: process P, its agency's name, its published revision, the
--             visible service points pinned to it (names, kinds, provinces);
--   point X:  point X, its agency and that agency's ancestors (names), the
--             published manuals and services pinned to it (names).
-- The triggers run once per statement, over its changed rows.

-- +goose StatementBegin
CREATE FUNCTION rendered_drop(manuals BIGINT[], points BIGINT[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(1869181552); -- store.renderedLock
    PERFORM nextval('rendered_seq');
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id = ANY(manuals);
    DELETE FROM rendered_pages WHERE kind = 'point' AND id = ANY(points);
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION rendered_processes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        PERFORM rendered_drop(ARRAY(SELECT id FROM changed),
            ARRAY(SELECT x.point_id FROM point_processes x WHERE x.process_id IN (SELECT id FROM changed)));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER rendered_process_update AFTER UPDATE ON processes REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_processes();
CREATE TRIGGER rendered_process_delete AFTER DELETE ON processes REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_processes();

-- A publish, a withdrawal, a published revision archived or edited: an
-- update is seen before (OLD) and after (NEW), each by a trigger.
-- +goose StatementBegin
CREATE FUNCTION rendered_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed WHERE state = 'published') THEN
        PERFORM rendered_drop(ARRAY(SELECT process_id FROM changed WHERE state = 'published'),
            ARRAY(SELECT x.point_id FROM point_processes x WHERE x.process_id IN (SELECT process_id FROM changed WHERE state = 'published')));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER rendered_revision_insert AFTER INSERT ON manual_revisions REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_revisions();
CREATE TRIGGER rendered_revision_update_old AFTER UPDATE ON manual_revisions REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_revisions();
CREATE TRIGGER rendered_revision_update_new AFTER UPDATE ON manual_revisions REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_revisions();
CREATE TRIGGER rendered_revision_delete AFTER DELETE ON manual_revisions REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_revisions();

-- An agency renamed or moved: its manuals, and the points of its subtree
-- (a point's page names its agency's ancestors); before and after a move.
-- +goose StatementBegin
CREATE FUNCTION rendered_agencies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        PERFORM rendered_drop(ARRAY(SELECT p.id FROM processes p WHERE p.agency_id IN (SELECT id FROM changed)),
            ARRAY(SELECT sp.id FROM service_points sp WHERE sp.agency_id IN (SELECT id FROM changed)
                OR sp.agency_id IN (SELECT a.id FROM agencies a WHERE EXISTS (SELECT 1 FROM changed c WHERE starts_with(a.path, c.path)))));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER rendered_agency_update_old AFTER UPDATE ON agencies REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_agencies();
CREATE TRIGGER rendered_agency_update_new AFTER UPDATE ON agencies REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_agencies();
CREATE TRIGGER rendered_agency_delete AFTER DELETE ON agencies REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_agencies();

-- A point added, edited, hidden or removed: its page, and the manuals
-- pinned to it.
-- +goose StatementBegin
CREATE FUNCTION rendered_points() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        PERFORM rendered_drop(ARRAY(SELECT x.process_id FROM point_processes x WHERE x.point_id IN (SELECT id FROM changed)),
            ARRAY(SELECT id FROM changed));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER rendered_point_insert AFTER INSERT ON service_points REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_points();
CREATE TRIGGER rendered_point_update AFTER UPDATE ON service_points REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_points();
CREATE TRIGGER rendered_point_delete AFTER DELETE ON service_points REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_points();

-- A pin or an unpin: the manual's page and the point's.
-- +goose StatementBegin
CREATE FUNCTION rendered_pins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        PERFORM rendered_drop(ARRAY(SELECT process_id FROM changed), ARRAY(SELECT point_id FROM changed));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER rendered_pin_insert AFTER INSERT ON point_processes REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_pins();
CREATE TRIGGER rendered_pin_update_old AFTER UPDATE ON point_processes REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_pins();
CREATE TRIGGER rendered_pin_update_new AFTER UPDATE ON point_processes REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_pins();
CREATE TRIGGER rendered_pin_delete AFTER DELETE ON point_processes REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_pins();

-- +goose StatementBegin
CREATE FUNCTION rendered_service_pins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        PERFORM rendered_drop('{}', ARRAY(SELECT point_id FROM changed));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER rendered_service_pin_insert AFTER INSERT ON point_services REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_service_pins();
CREATE TRIGGER rendered_service_pin_update_old AFTER UPDATE ON point_services REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_service_pins();
CREATE TRIGGER rendered_service_pin_update_new AFTER UPDATE ON point_services REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_service_pins();
CREATE TRIGGER rendered_service_pin_delete AFTER DELETE ON point_services REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_service_pins();

-- An other service edited, published, withdrawn: the points it is pinned to.
-- +goose StatementBegin
CREATE FUNCTION rendered_services() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        PERFORM rendered_drop('{}', ARRAY(SELECT x.point_id FROM point_services x WHERE x.service_id IN (SELECT id FROM changed)));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER rendered_service_update AFTER UPDATE ON other_services REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_services();
CREATE TRIGGER rendered_service_delete AFTER DELETE ON other_services REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION rendered_services();

-- +goose Down
DROP TRIGGER rendered_service_delete ON other_services;
DROP TRIGGER rendered_service_update ON other_services;
DROP FUNCTION rendered_services();
DROP TRIGGER rendered_service_pin_delete ON point_services;
DROP TRIGGER rendered_service_pin_update_new ON point_services;
DROP TRIGGER rendered_service_pin_update_old ON point_services;
DROP TRIGGER rendered_service_pin_insert ON point_services;
DROP FUNCTION rendered_service_pins();
DROP TRIGGER rendered_pin_delete ON point_processes;
DROP TRIGGER rendered_pin_update_new ON point_processes;
DROP TRIGGER rendered_pin_update_old ON point_processes;
DROP TRIGGER rendered_pin_insert ON point_processes;
DROP FUNCTION rendered_pins();
DROP TRIGGER rendered_point_delete ON service_points;
DROP TRIGGER rendered_point_update ON service_points;
DROP TRIGGER rendered_point_insert ON service_points;
DROP FUNCTION rendered_points();
DROP TRIGGER rendered_agency_delete ON agencies;
DROP TRIGGER rendered_agency_update_new ON agencies;
DROP TRIGGER rendered_agency_update_old ON agencies;
DROP FUNCTION rendered_agencies();
DROP TRIGGER rendered_revision_delete ON manual_revisions;
DROP TRIGGER rendered_revision_update_new ON manual_revisions;
DROP TRIGGER rendered_revision_update_old ON manual_revisions;
DROP TRIGGER rendered_revision_insert ON manual_revisions;
DROP FUNCTION rendered_revisions();
DROP TRIGGER rendered_process_delete ON processes;
DROP TRIGGER rendered_process_update ON processes;
DROP FUNCTION rendered_processes();
DROP FUNCTION rendered_drop(BIGINT[], BIGINT[]);
DROP SEQUENCE rendered_seq;
DROP TABLE rendered_pages;
