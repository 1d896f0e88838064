-- +goose Up
-- Rendered public pages (issue 19): a manual's or service point's page,
-- rendered once and kept gzip-compressed, so that serving it is a lookup.
-- A row is dropped by the triggers below in the same transaction as any
-- change of what the page shows, whichever code or node made it; version
-- names the renderer (the binary and its settings), so a page another
-- build rendered is a miss, never served.
CREATE TABLE rendered_pages (
    kind    TEXT NOT NULL,     -- 'manual' (a process ID) or 'point'
    id      INTEGER NOT NULL,
    lang    TEXT NOT NULL,     -- 'th' or 'en'
    version TEXT NOT NULL,
    etag    TEXT NOT NULL,
    body    BLOB NOT NULL,     -- the page, gzip
    at      TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, id, lang)
);

-- Every change that drops pages counts here, in its transaction: a page
-- rendered from what was read before a change is not stored after it
-- (store.DB.StoreRendered compares).
CREATE TABLE rendered_epoch (
    id INTEGER PRIMARY KEY,
    n  INTEGER NOT NULL
);
INSERT INTO rendered_epoch (id, n) VALUES (1, 0);

-- What each page shows, and so what drops it:
--   manual P: process P, its agency's name, its published revision, the
--             visible service points pinned to it (names, kinds, provinces);
--   point X:  point X, its agency and that agency's ancestors (names), the
--             published manuals and services pinned to it (names).

-- +goose StatementBegin
CREATE TRIGGER rendered_process_update AFTER UPDATE ON processes BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id IN (OLD.id, NEW.id);
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT point_id FROM point_processes WHERE process_id IN (OLD.id, NEW.id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_process_delete AFTER DELETE ON processes BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id = OLD.id;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT point_id FROM point_processes WHERE process_id = OLD.id);
END;
-- +goose StatementEnd

-- A publish, a withdrawal, a published revision archived or edited.
-- +goose StatementBegin
CREATE TRIGGER rendered_revision_insert AFTER INSERT ON manual_revisions WHEN NEW.state = 'published' BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id = NEW.process_id;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT point_id FROM point_processes WHERE process_id = NEW.process_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_revision_update AFTER UPDATE ON manual_revisions WHEN OLD.state = 'published' OR NEW.state = 'published' BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id IN (OLD.process_id, NEW.process_id);
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT point_id FROM point_processes WHERE process_id IN (OLD.process_id, NEW.process_id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_revision_delete AFTER DELETE ON manual_revisions WHEN OLD.state = 'published' BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id = OLD.process_id;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT point_id FROM point_processes WHERE process_id = OLD.process_id);
END;
-- +goose StatementEnd

-- An agency renamed or moved: its manuals, and the points of its subtree
-- (a point's page names its agency's ancestors). Paths end in "/", so the
-- subtree of "/1/5/" is every path from "/1/5/" up to, not including,
-- "/1/50" ('0' follows '/').
-- +goose StatementBegin
CREATE TRIGGER rendered_agency_update AFTER UPDATE ON agencies BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id IN (SELECT id FROM processes WHERE agency_id IN (OLD.id, NEW.id));
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT sp.id FROM service_points sp WHERE sp.agency_id IN (
        SELECT a.id FROM agencies a WHERE a.path >= OLD.path AND a.path < substr(OLD.path, 1, length(OLD.path) - 1) || '0'
        UNION SELECT a.id FROM agencies a WHERE a.path >= NEW.path AND a.path < substr(NEW.path, 1, length(NEW.path) - 1) || '0'
        UNION SELECT OLD.id UNION SELECT NEW.id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_agency_delete AFTER DELETE ON agencies BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id IN (SELECT id FROM processes WHERE agency_id = OLD.id);
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT sp.id FROM service_points sp WHERE sp.agency_id IN (
        SELECT a.id FROM agencies a WHERE a.path >= OLD.path AND a.path < substr(OLD.path, 1, length(OLD.path) - 1) || '0'
        UNION SELECT OLD.id));
END;
-- +goose StatementEnd

-- A point edited, hidden or removed: its page, and the manuals pinned to it.
-- +goose StatementBegin
CREATE TRIGGER rendered_point_insert AFTER INSERT ON service_points BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_point_update AFTER UPDATE ON service_points BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (OLD.id, NEW.id);
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id IN (SELECT process_id FROM point_processes WHERE point_id IN (OLD.id, NEW.id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_point_delete AFTER DELETE ON service_points BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id = OLD.id;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id IN (SELECT process_id FROM point_processes WHERE point_id = OLD.id);
END;
-- +goose StatementEnd

-- A pin or an unpin: the manual's page and the point's.
-- +goose StatementBegin
CREATE TRIGGER rendered_pin_insert AFTER INSERT ON point_processes BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id = NEW.process_id;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id = NEW.point_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_pin_update AFTER UPDATE ON point_processes BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id IN (OLD.process_id, NEW.process_id);
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (OLD.point_id, NEW.point_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_pin_delete AFTER DELETE ON point_processes BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'manual' AND id = OLD.process_id;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id = OLD.point_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_service_pin_insert AFTER INSERT ON point_services BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id = NEW.point_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_service_pin_update AFTER UPDATE ON point_services BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (OLD.point_id, NEW.point_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_service_pin_delete AFTER DELETE ON point_services BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id = OLD.point_id;
END;
-- +goose StatementEnd

-- An other service edited, published, withdrawn: the points it is pinned to.
-- +goose StatementBegin
CREATE TRIGGER rendered_service_update AFTER UPDATE ON other_services BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT point_id FROM point_services WHERE service_id IN (OLD.id, NEW.id));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER rendered_service_delete AFTER DELETE ON other_services BEGIN
    UPDATE rendered_epoch SET n = n + 1 WHERE id = 1;
    DELETE FROM rendered_pages WHERE kind = 'point' AND id IN (SELECT point_id FROM point_services WHERE service_id = OLD.id);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER rendered_service_delete;
DROP TRIGGER rendered_service_update;
DROP TRIGGER rendered_service_pin_delete;
DROP TRIGGER rendered_service_pin_update;
DROP TRIGGER rendered_service_pin_insert;
DROP TRIGGER rendered_pin_delete;
DROP TRIGGER rendered_pin_update;
DROP TRIGGER rendered_pin_insert;
DROP TRIGGER rendered_point_delete;
DROP TRIGGER rendered_point_update;
DROP TRIGGER rendered_point_insert;
DROP TRIGGER rendered_agency_delete;
DROP TRIGGER rendered_agency_update;
DROP TRIGGER rendered_revision_delete;
DROP TRIGGER rendered_revision_update;
DROP TRIGGER rendered_revision_insert;
DROP TRIGGER rendered_process_delete;
DROP TRIGGER rendered_process_update;
DROP TABLE rendered_epoch;
DROP TABLE rendered_pages;
