package peers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"

	_ "modernc.org/sqlite" // driver "sqlite"
)

// SQLiteFTS is SQLite FTS5 with the trigram tokenizer: substring matching
// with no segmentation, ranked by FTS5's bm25 with the same field weights
// as openinfo's index.
type SQLiteFTS struct {
	db *sql.DB
}

// NewSQLiteFTS opens an SQLite database at path (":memory:" for one in
// memory) for the benchmark.
func NewSQLiteFTS(path string) (*SQLiteFTS, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: an in-memory database is per connection
	return &SQLiteFTS{db: db}, nil
}

// Close closes the database.
func (s *SQLiteFTS) Close() error { return s.db.Close() }

// Name implements searchbench.Engine.
func (s *SQLiteFTS) Name() string { return "sqlite fts5 trigram" }

// Load implements searchbench.Engine.
func (s *SQLiteFTS) Load(ctx context.Context, docs []search.Doc) error {
	for _, q := range []string{
		`DROP TABLE IF EXISTS fts_docs`,
		`CREATE VIRTUAL TABLE fts_docs USING fts5(kind UNINDEXED, id UNINDEXED, title, alt, agency, place, body, tokenize = 'trigram')`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlite fts5: %w", err)
		}
	}
	for start := 0; start < len(docs); start += loadBatch {
		if err := s.insert(ctx, docs[start:min(len(docs), start+loadBatch)]); err != nil {
			return err
		}
	}
	return nil
}

func (s *SQLiteFTS) insert(ctx context.Context, docs []search.Doc) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO fts_docs (kind, id, title, alt, agency, place, body) VALUES ($1, $2, $3, $4, $5, $6, $7)`)
	if err != nil {
		return err
	}
	for i := range docs {
		d := &docs[i]
		// Normalised text, so that queries (normalised too) match.
		if _, err := st.ExecContext(ctx, string(d.Kind), d.ID, thai.Normalize(d.Title), thai.Normalize(altText(d)),
			thai.Normalize(d.Agency), thai.Normalize(d.Place), thai.Normalize(d.Body)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// ftsQuery makes an FTS5 query: every word of three characters or more as
// a quoted string (the trigram tokenizer cannot match shorter ones), all
// required.
func ftsQuery(q string) string {
	var parts []string
	for _, w := range strings.Fields(thai.Normalize(q)) {
		if utf8.RuneCountInString(w) >= 3 {
			parts = append(parts, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
		}
	}
	return strings.Join(parts, " AND ")
}

// Search implements searchbench.Engine.
func (s *SQLiteFTS) Search(ctx context.Context, q string, limit int) ([]search.DocRef, error) {
	fq := ftsQuery(q)
	if fq == "" {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, id FROM fts_docs WHERE fts_docs MATCH $1
		ORDER BY bm25(fts_docs, 0, 0, 5, 3.5, 2, 2, 1) LIMIT $2`, fq, limit)
	if err != nil {
		return nil, err
	}
	return scanRefs(rows)
}

func scanRefs(rows *sql.Rows) ([]search.DocRef, error) {
	defer rows.Close()
	var out []search.DocRef
	for rows.Next() {
		var r search.DocRef
		var kind string
		if err := rows.Scan(&kind, &r.ID); err != nil {
			return nil, err
		}
		r.Kind = search.Kind(kind)
		out = append(out, r)
	}
	return out, rows.Err()
}
