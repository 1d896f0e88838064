package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/openinfo/openinfo"
)

// ProcessByLegacyUUID returns the process whose manual had uuid in
// info.go.th's public URLs (/procedure/{uuid}/view), as a bundle import
// linked them (docs/bundle.md).
func (d *DB) ProcessByLegacyUUID(ctx context.Context, uuid string) (int64, error) {
	var id int64
	err := d.db.QueryRowContext(ctx, `SELECT local_id FROM legacy_links WHERE kind = 'manual_uuid' AND code = $1`,
		strings.ToLower(strings.TrimSpace(uuid))).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคู่มือตามลิงก์เดิมนี้", "No manual has this old link.")
	}
	return id, err
}
