package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"github.com/openinfo/openinfo"
)

// File is an uploaded file, addressed by the SHA-256 of its bytes.
type File struct {
	Key         string
	ContentType string
	Size        int64
	Data        []byte
}

// PutFile stores data (already admitted by openinfo.CheckAttachment) and
// returns its key. Storing the same bytes twice keeps one copy.
func (d *DB) PutFile(ctx context.Context, contentType string, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:])
	_, err := d.db.ExecContext(ctx, `INSERT INTO files (key, content_type, size, data, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (key) DO NOTHING`, key, contentType, int64(len(data)), data, d.now())
	return key, err
}

// GetFile returns a stored file.
func (d *DB) GetFile(ctx context.Context, key string) (*File, error) {
	f := File{Key: key}
	err := d.db.QueryRowContext(ctx, `SELECT content_type, size, data FROM files WHERE key = $1`, key).Scan(&f.ContentType, &f.Size, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบไฟล์", "File not found.")
	}
	return &f, err
}
