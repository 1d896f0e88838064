package store

import (
	"context"
	"database/sql"

	"github.com/openinfo/openinfo"
)

// LoadEgovRecords writes generated Section 10/16 records (gen-data) in one
// transaction, as they come: a published record ends the agency's
// published one of the same section before it (superseded, as
// PublishEgovRecord does). Like LoadRatings it writes no audit entry:
// nobody typed them. It returns how many records it wrote.
func (d *DB) LoadEgovRecords(ctx context.Context, gen func(emit func(*openinfo.EgovRecord) error) error) (int, error) {
	n := 0
	err := d.tx(ctx, func(tx *sql.Tx) error {
		type key struct {
			agency  int64
			section openinfo.EgovSection
		}
		current := map[key]int64{}
		now := d.now()
		return gen(func(r *openinfo.EgovRecord) error {
			r.Normalize()
			if err := r.ValidateDraft(now); err != nil {
				return err
			}
			k := key{r.AgencyID, r.Section}
			var published any
			if r.State == openinfo.EgovPublished {
				published = r.PublishedAt.UTC() // SQLite keeps times as text: one zone for all
				if old, ok := current[k]; ok {
					if _, err := tx.ExecContext(ctx, `UPDATE egov_records SET state = $1, ended_at = $2 WHERE id = $3`,
						openinfo.EgovSuperseded, r.PublishedAt.UTC(), old); err != nil {
						return err
					}
				}
			}
			created := r.PublishedAt.UTC()
			if created.IsZero() {
				created = now
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO egov_records (agency_id, section, title, document_no, signed_on, effective_on,
				file_key, url, state, created_at, updated_at, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id`,
				r.AgencyID, r.Section, r.Title, r.DocumentNo, egovDateText(r.SignedOn), egovDateText(r.EffectiveOn), r.FileKey, r.URL,
				r.State, created, published).Scan(&r.ID); err != nil {
				return err
			}
			if r.State == openinfo.EgovPublished {
				if old, ok := current[k]; ok {
					if _, err := tx.ExecContext(ctx, `UPDATE egov_records SET superseded_by = $1 WHERE id = $2`, r.ID, old); err != nil {
						return err
					}
				}
				current[k] = r.ID
			}
			for i, it := range r.Items {
				if _, err := tx.ExecContext(ctx, `INSERT INTO egov_items (record_id, position, kind, name, address, purpose)
					VALUES ($1, $2, $3, $4, $5, $6)`, r.ID, i, it.Kind, it.Name, it.Address, it.Purpose); err != nil {
					return err
				}
			}
			n++
			return nil
		})
	})
	return n, err
}
