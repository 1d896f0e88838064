package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/bundle"
)

// BundleFiles opens the files of a bundle's files/ directory by SHA-256
// (bundle.Bundle): fs.ErrNotExist when the bundle does not hold it.
type BundleFiles interface {
	OpenFile(sum string) (io.ReadCloser, error)
}

// bundleFile reads and checks the file a record refers to (field): its
// bytes must have the SHA-256 and the size the record says, and be a
// PDF, PNG or JPEG (a delay letter: a PDF), judged by content. It refuses
// the record when the file is missing or bad: never a record pointing at
// bytes nobody has.
func (b *BundleBatch) bundleFile(field string, f bundle.FileRef, letter bool) ([]byte, string, error) {
	missing := func() error {
		return refuse(field, "ไม่พบไฟล์ files/"+f.SHA256+" ("+f.Name+") ในชุดข้อมูล", "The file files/"+f.SHA256+" ("+f.Name+") is not in the bundle.")
	}
	if b.Files == nil {
		return nil, "", missing()
	}
	r, err := b.Files.OpenFile(f.SHA256)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, "", missing()
	}
	if err != nil {
		return nil, "", err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, openinfo.MaxAttachmentSize+1))
	if err != nil {
		return nil, "", err
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != f.SHA256 || (f.Size != 0 && int64(len(data)) != f.Size) { // a Section 10/16 record gives no size
		return nil, "", refuse(field, "ไฟล์ files/"+f.SHA256+" ("+f.Name+") ไม่ตรงกับ SHA-256 หรือขนาดที่ระเบียนระบุ",
			"The file files/"+f.SHA256+" ("+f.Name+") does not match the SHA-256 or size its record gives.")
	}
	head := data[:min(len(data), 512)]
	var ctype string
	if letter {
		err, ctype = openinfo.CheckDelayLetter(f.Name, head, int64(len(data))), openinfo.TypePDF
	} else {
		ctype, err = openinfo.CheckAttachment(f.Name, head, int64(len(data)))
	}
	if err != nil {
		return nil, "", refuse(field, openinfo.ErrorMessage(err, "th")+" (files/"+f.SHA256+")", openinfo.ErrorMessage(err, "en")+" (files/"+f.SHA256+")")
	}
	return data, ctype, nil
}

// sharedFile makes sure the shared, content-addressed files table holds the
// file a record refers to: already there (a file is never changed under
// its key), or taken from the bundle.
func (d *DB) sharedFile(ctx context.Context, tx *stmtTx, b *BundleBatch, field string, f bundle.FileRef) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM files WHERE key = $1`, f.SHA256).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	data, ctype, err := b.bundleFile(field, f, false)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO files (key, content_type, size, data, created_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (key) DO NOTHING`, f.SHA256, ctype, int64(len(data)), data, d.now())
	return err
}

// FileSink is a BundleSink that also takes the bundle's files (bundle.Writer).
type FileSink interface {
	File(sum string, data []byte) error
}

// exportFiles writes the files the exported records referred to (sums):
// shared files from the files table, delay letters from theirs. A file
// missing from the database is left out (the import then names it).
func (d *DB) exportFiles(ctx context.Context, sums map[string]bool, sink FileSink) error {
	if len(sums) == 0 {
		return nil
	}
	written := map[string]bool{}
	for sum := range sums {
		var data []byte
		err := d.db.QueryRowContext(ctx, `SELECT data FROM files WHERE key = $1`, sum).Scan(&data)
		if err != nil {
			continue // not a shared file: a letter, below
		}
		if err := sink.File(sum, data); err != nil {
			return err
		}
		written[sum] = true
	}
	if len(written) == len(sums) { // no letters among them (never in the published bundle)
		return nil
	}
	last := int64(0)
	for { // letters, page by page
		rows, err := d.db.QueryContext(ctx, `SELECT id, data FROM delay_letters WHERE notice_id <> 0 AND id > $1 ORDER BY id LIMIT 50`, last)
		if err != nil {
			return err
		}
		n := 0
		var page [][]byte
		for rows.Next() {
			var data []byte
			if err := rows.Scan(&last, &data); err != nil {
				rows.Close()
				return err
			}
			n++
			page = append(page, bytes.Clone(data))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, data := range page {
			s := sha256.Sum256(data)
			sum := hex.EncodeToString(s[:])
			if sums[sum] && !written[sum] {
				if err := sink.File(sum, data); err != nil {
					return err
				}
				written[sum] = true
			}
		}
		if n < 50 {
			return nil
		}
	}
}

func sha256Hex(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
