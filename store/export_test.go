package store

import (
	"context"
	"database/sql"
	"slices"

	"github.com/openinfo/openinfo"
)

// HoldFolding keeps w's folder from folding until called with false: its
// ratings stay pending, so only the readers' own folding counts them.
func HoldFolding(w *RatingWriter, hold bool) {
	w.folder.hold.Store(hold)
	if !hold {
		select {
		case w.folder.wake <- struct{}{}:
		default:
		}
	}
}

// WriteRatingOldPath stores r as the rating writer did before issue 19, in
// one transaction: the once-per-day register, the raw row and the roll-ups
// at once (nothing pending). It returns openinfo.ErrAlreadyRated when the
// device rated the point that day. Tests compare the reports of ratings
// ingested this way with those of the writer.
func (d *DB) WriteRatingOldPath(ctx context.Context, r *openinfo.Rating, device string) error {
	if r.Channel == "" {
		r.Channel = openinfo.ChannelQR
	}
	return d.tx(ctx, func(tx *sql.Tx) error {
		if device != "" {
			res, err := tx.ExecContext(ctx, `INSERT INTO rating_once (device, point_id, day) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
				device, r.PointID, openinfo.RatingDay(r.CreatedAt))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return openinfo.ErrAlreadyRated
			}
		}
		if err := d.insertRawRatings(ctx, tx, []*openinfo.Rating{r}); err != nil {
			return err
		}
		counted := slices.DeleteFunc([]*openinfo.Rating{r}, func(r *openinfo.Rating) bool { return r.Suspect })
		anc := ancestors{}
		if err := anc.load(ctx, tx, counted); err != nil {
			return err
		}
		return upsertRollups(ctx, tx, counted, anc, d.dialect == Postgres, 1)
	})
}

// PendingRatings counts the ratings committed but not yet folded.
func (d *DB) PendingRatings(ctx context.Context) (n int64, err error) {
	err = d.db.QueryRowContext(ctx, `SELECT count(*) FROM rating_unfolded`).Scan(&n)
	return n, err
}
