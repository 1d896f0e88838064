package store

import (
	"context"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/bundle"
)

// Removed is the outcome of a tombstone that removed (or unpublished) its
// record.
const Removed Outcome = "removed"

// removeRecord carries out a tombstone (bundle.Removal) for the local
// record id of entity e. What the public saw goes away; what other records
// or reports still refer to stays, unpublished (docs/bundle.md):
// agencies become inactive, points hidden, manuals withdrawn (the
// published revision superseded), other services unpublished, Section
// 10/16 records revoked, officers unbound from their agency and role,
// first tokens revoked. Ratings, licence reports and delayed applications
// are deleted (drop reports the mapping must go too: the row is gone).
func (d *DB) removeRecord(ctx context.Context, tx *stmtTx, e bundle.Entity, id int64, b *BundleBatch) (drop bool, err error) {
	now := d.now()
	var qs []string
	switch e {
	case bundle.Agencies:
		qs = []string{`UPDATE agencies SET status = 'inactive', version = version + 1, updated_at = $2 WHERE id = $1`}
	case bundle.Points:
		qs = []string{`UPDATE service_points SET visible = false, version = version + 1, updated_at = $2 WHERE id = $1`}
	case bundle.Processes:
		qs = []string{`UPDATE manual_revisions SET state = '` + string(openinfo.RevSuperseded) + `', updated_at = $2 WHERE process_id = $1 AND state = '` + string(openinfo.RevPublished) + `'`,
			`UPDATE processes SET version = version + 1, updated_at = $2 WHERE id = $1`}
	case bundle.Services:
		qs = []string{`UPDATE other_services SET published = false, version = version + 1, updated_at = $2 WHERE id = $1`}
	case bundle.Egov:
		qs = []string{`UPDATE egov_records SET state = '` + string(openinfo.EgovRevoked) + `', ended_at = COALESCE(ended_at, $2), version = version + 1, updated_at = $2 WHERE id = $1`}
	case bundle.Officers:
		qs = []string{`UPDATE users SET agency_id = NULL, role = '', version = version + 1, updated_at = $2 WHERE id = $1`}
	case bundle.Tokens:
		qs = []string{`UPDATE officer_tokens SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1`}
	case bundle.LicenceReports:
		b.LicencesChanged, drop = true, true
		qs = []string{`DELETE FROM licence_report_history WHERE report_id = $1 AND $2 = $2`, `DELETE FROM licence_reports WHERE id = $1 AND $2 = $2`}
	case bundle.DelayNotices:
		drop = true
		qs = []string{`DELETE FROM delay_letters WHERE case_id = $1 AND $2 = $2`, `DELETE FROM delay_notices WHERE case_id = $1 AND $2 = $2`,
			`DELETE FROM delay_cases WHERE id = $1 AND $2 = $2`}
	case bundle.Ratings:
		b.RatingsChanged, drop = true, true
		qs = []string{`DELETE FROM ratings WHERE id = $1 AND $2 = $2`}
	}
	for _, q := range qs {
		if _, err := tx.ExecContext(ctx, q, id, now); err != nil {
			return false, err
		}
	}
	return drop, nil
}

// removePin carries out a pin's tombstone: the pin goes (it is no record
// of its own). It reports whether there was one.
func (d *DB) removePin(ctx context.Context, tx *stmtTx, r *bundle.Removal, b *BundleBatch) (bool, error) {
	res := &resolver{ctx: ctx, tx: tx, b: b}
	point := res.id(bundle.Points, "point", *r.Point)
	var other int64
	table, col := "point_processes", "process_id"
	if r.Process != nil {
		other = res.id(bundle.Processes, "process", *r.Process)
	} else {
		other = res.id(bundle.Services, "service", *r.Service)
		table, col = "point_services", "service_id"
	}
	if err := res.done(); err != nil || point <= 0 || other <= 0 {
		// A pin of a record that is not here is not here either.
		return false, res.err
	}
	made, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE point_id = $1 AND `+col+` = $2`, point, other)
	if err != nil {
		return false, err
	}
	n, err := made.RowsAffected()
	return n > 0, err
}

// importRemoval carries out the tombstone of item it, whose own mapping is
// o: Removed, or Unchanged when there is nothing (left) to remove.
func (d *DB) importRemoval(ctx context.Context, tx *stmtTx, e bundle.Entity, it *BundleItem, rm *bundle.Removal, o own, b *BundleBatch) error {
	it.Outcome = Unchanged
	if e == bundle.Pins {
		if b.DryRun {
			return nil
		}
		gone, err := d.removePin(ctx, tx, rm, b)
		if gone {
			it.Outcome, b.Bulk = Removed, true
		}
		return err
	}
	if !o.found {
		return nil
	}
	it.Outcome = Removed
	if b.DryRun {
		return nil
	}
	drop, err := d.removeRecord(ctx, tx, e, o.local, b)
	if err != nil {
		return err
	}
	k := rm.Key
	switch {
	case drop && !o.adopt:
		_, err = tx.ExecContext(ctx, `DELETE FROM bundle_ids WHERE entity = $1 AND source = $2 AND legacy_id = $3`, string(e), k.Source, k.LegacyID)
	case drop:
	case o.adopt:
		_, err = tx.ExecContext(ctx, `INSERT INTO bundle_ids (entity, source, legacy_id, local_id, hash) VALUES ($1, $2, $3, $4, $5)`,
			string(e), k.Source, k.LegacyID, o.local, it.Hash)
	default:
		_, err = tx.ExecContext(ctx, `UPDATE bundle_ids SET hash = $1 WHERE entity = $2 AND source = $3 AND legacy_id = $4`, it.Hash, string(e), k.Source, k.LegacyID)
	}
	return err
}
