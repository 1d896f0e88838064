package peers

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/openinfo/openinfo/search"
	"github.com/openinfo/openinfo/search/thai"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"
)

// PgTrgm is PostgreSQL's pg_trgm: word similarity of the query to the whole
// text of a document, with a GIN trigram index.
type PgTrgm struct {
	db *sql.DB
}

// NewPgTrgm uses db (driver "pgx"); the role must be allowed to create the
// pg_trgm extension if it is not there yet.
func NewPgTrgm(db *sql.DB) *PgTrgm { return &PgTrgm{db: db} }

// Name implements searchbench.Engine.
func (p *PgTrgm) Name() string { return "postgres pg_trgm" }

// Load implements searchbench.Engine.
func (p *PgTrgm) Load(ctx context.Context, docs []search.Doc) error {
	err := execAll(ctx, p.db,
		`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
		`DROP TABLE IF EXISTS trgm_docs`,
		`CREATE TABLE trgm_docs (kind text NOT NULL, id bigint NOT NULL, doc text NOT NULL)`)
	if err != nil {
		return fmt.Errorf("pg_trgm: %w", err)
	}
	err = insertBatches(ctx, p.db, docs, `INSERT INTO trgm_docs (kind, id, doc) VALUES ($1, $2, $3)`,
		func(d *search.Doc) []any {
			text := strings.Join([]string{d.Title, altText(d), d.Agency, d.Place, d.Body}, " ")
			return []any{string(d.Kind), d.ID, thai.Normalize(text)}
		})
	if err != nil {
		return fmt.Errorf("pg_trgm: %w", err)
	}
	return execAll(ctx, p.db, `CREATE INDEX trgm_docs_doc ON trgm_docs USING gin (doc gin_trgm_ops)`, `ANALYZE trgm_docs`)
}

// Search implements searchbench.Engine.
func (p *PgTrgm) Search(ctx context.Context, q string, limit int) ([]search.DocRef, error) {
	q = thai.Normalize(q)
	if q == "" {
		return nil, nil
	}
	// pg_trgm only sees letters and digits as word characters, and Thai
	// vowel and tone marks are neither: Thai words fall apart into pieces, so
	// the default threshold (0.6) finds almost nothing. 0.3 is the lowest
	// that stays selective.
	tx, err := p.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL pg_trgm.word_similarity_threshold = `+trgmThreshold); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT kind, id FROM trgm_docs WHERE $1 <% doc
		ORDER BY word_similarity($1, doc) DESC, id LIMIT $2`, q, limit)
	if err != nil {
		return nil, err
	}
	return scanRefs(rows)
}

const trgmThreshold = "0.3"

// PgTSVector is PostgreSQL full-text search over text segmented with
// openinfo's Thai segmenter (words joined with spaces, the 'simple'
// configuration), fields weighted A (title), B (alternative names),
// C (agency, place), D (body), ranked with ts_rank.
type PgTSVector struct {
	db   *sql.DB
	dict *thai.Dict
}

// NewPgTSVector uses db (driver "pgx") and segments with dict.
func NewPgTSVector(db *sql.DB, dict *thai.Dict) *PgTSVector { return &PgTSVector{db: db, dict: dict} }

// Name implements searchbench.Engine.
func (p *PgTSVector) Name() string { return "postgres tsvector (segmented)" }

func (p *PgTSVector) words(s string) string { return strings.Join(p.dict.Tokenize(s), " ") }

// Load implements searchbench.Engine.
func (p *PgTSVector) Load(ctx context.Context, docs []search.Doc) error {
	err := execAll(ctx, p.db,
		`DROP TABLE IF EXISTS tsv_docs`,
		`CREATE TABLE tsv_docs (kind text NOT NULL, id bigint NOT NULL, tsv tsvector NOT NULL)`)
	if err != nil {
		return fmt.Errorf("tsvector: %w", err)
	}
	err = insertBatches(ctx, p.db, docs, `INSERT INTO tsv_docs (kind, id, tsv) VALUES ($1, $2,
		setweight(to_tsvector('simple', $3), 'A') || setweight(to_tsvector('simple', $4), 'B') ||
		setweight(to_tsvector('simple', $5), 'C') || setweight(to_tsvector('simple', $6), 'D'))`,
		func(d *search.Doc) []any {
			return []any{string(d.Kind), d.ID, p.words(d.Title), p.words(altText(d)),
				p.words(d.Agency + " " + d.Place), p.words(d.Body)}
		})
	if err != nil {
		return fmt.Errorf("tsvector: %w", err)
	}
	return execAll(ctx, p.db, `CREATE INDEX tsv_docs_tsv ON tsv_docs USING gin (tsv)`, `ANALYZE tsv_docs`)
}

// Search implements searchbench.Engine: every word of the segmented query is
// required.
func (p *PgTSVector) Search(ctx context.Context, q string, limit int) ([]search.DocRef, error) {
	words := p.words(q)
	if words == "" {
		return nil, nil
	}
	rows, err := p.db.QueryContext(ctx, `SELECT kind, id FROM tsv_docs, plainto_tsquery('simple', $1) AS q
		WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT $2`, words, limit)
	if err != nil {
		return nil, err
	}
	return scanRefs(rows)
}

func execAll(ctx context.Context, db *sql.DB, stmts ...string) error {
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return nil
}

// insertBatches inserts docs with stmt, loadBatch rows per transaction.
func insertBatches(ctx context.Context, db *sql.DB, docs []search.Doc, stmt string, args func(*search.Doc) []any) error {
	for start := 0; start < len(docs); start += loadBatch {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		st, err := tx.PrepareContext(ctx, stmt)
		if err != nil {
			tx.Rollback()
			return err
		}
		for i := start; i < min(len(docs), start+loadBatch); i++ {
			if _, err := st.ExecContext(ctx, args(&docs[i])...); err != nil {
				tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
