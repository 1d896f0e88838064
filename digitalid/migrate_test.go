package digitalid_test

import (
	"context"
	"database/sql"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/store"
)

// TestMigrateAdoptsStoreTables: store no longer creates the provider's
// tables; in a database where it did (store's old migration 00002, kept in
// testdata) the provider's migrations adopt them with their rows, and the
// schema they leave is the one they create in a fresh database.
func TestMigrateAdoptsStoreTables(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		sdb, dialect := db.SQL(), digitalid.Dialect(db.Dialect())
		if s := describe(t, sdb, dialect); len(s) != 0 {
			t.Fatalf("store's migrations created tables of the provider:\n%s", strings.Join(s, "\n"))
		}

		// A database migrated by an earlier openinfo.
		old, err := os.ReadFile("testdata/store00002/" + string(dialect) + ".sql")
		if err != nil {
			t.Fatal(err)
		}
		up, _, _ := strings.Cut(string(old), "-- +goose Down")
		if _, err := sdb.ExecContext(ctx, up); err != nil {
			t.Fatal(err)
		}
		legacy := describe(t, sdb, dialect)
		if len(legacy) < 10 {
			t.Fatalf("the old migration made %d tables and indexes", len(legacy))
		}
		granted := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		if _, err := sdb.ExecContext(ctx, `INSERT INTO did_consents (sub, client_id, scopes, granted_at) VALUES ('s1', 'openinfo', 'openid', $1)`, granted); err != nil {
			t.Fatal(err)
		}

		newProvider(t, db, "http://idp.example/digitalid", &clock{}, nil)
		if v, pending, err := digitalid.SchemaVersion(ctx, sdb, dialect); err != nil || v != 1 || pending != 0 {
			t.Fatalf("adopted: version %d, %d pending, %v; want 1, 0", v, pending, err)
		}
		var n int
		if err := sdb.QueryRowContext(ctx, `SELECT count(*) FROM did_consents WHERE sub = 's1'`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("the consent row did not survive: %d, %v", n, err)
		}
		if err := sdb.QueryRowContext(ctx, `SELECT count(*) FROM did_keys`).Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d signing keys, %v; want 1", n, err)
		}
		if got := describe(t, sdb, dialect); !slices.Equal(got, legacy) {
			t.Errorf("adopting changed the schema:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(legacy, "\n"))
		}

		// The same database as if it had never had them: a fresh migration
		// makes the very same schema.
		for _, table := range []string{"did_consents", "did_sessions", "did_tokens", "did_auth_requests", "did_attempts",
			"did_sms_outbox", "did_otps", "did_registrations", "did_users", "did_keys", "goose_db_version_digitalid"} {
			if _, err := sdb.ExecContext(ctx, `DROP TABLE `+table); err != nil {
				t.Fatal(err)
			}
		}
		if s := describe(t, sdb, dialect); len(s) != 0 {
			t.Fatalf("left after dropping: %q", s)
		}
		for range 2 { // and again: nothing to do
			if err := digitalid.Migrate(ctx, sdb, dialect); err != nil {
				t.Fatal(err)
			}
		}
		if got := describe(t, sdb, dialect); !slices.Equal(got, legacy) {
			t.Errorf("fresh schema:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(legacy, "\n"))
		}
		if v, pending, err := digitalid.SchemaVersion(ctx, sdb, dialect); err != nil || v != 1 || pending != 0 {
			t.Fatalf("fresh: version %d, %d pending, %v; want 1, 0", v, pending, err)
		}
	})
}

// describe lists the did_ tables' columns and indexes, one line each.
func describe(t *testing.T, db *sql.DB, d digitalid.Dialect) []string {
	t.Helper()
	var q string
	if d == digitalid.Postgres {
		q = `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable ||
				' default=' || coalesce(column_default, '') || ' identity=' || is_identity
			FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE 'did\_%'
			UNION ALL
			SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE 'did\_%'`
	} else {
		q = `SELECT 'column ' || m.name || '.' || c.name || ' ' || c.type || ' notnull=' || c."notnull" ||
				' default=' || coalesce(c.dflt_value, '') || ' pk=' || c.pk
			FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name LIKE 'did\_%' ESCAPE '\'
			UNION ALL
			SELECT 'index ' || m.name || ' ' || i.name || ' unique=' || i."unique" || ' origin=' || i.origin ||
				' columns=' || (SELECT group_concat(name, ',') FROM pragma_index_info(i.name))
			FROM sqlite_master m, pragma_index_list(m.name) i WHERE m.type = 'table' AND m.name LIKE 'did\_%' ESCAPE '\'`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestDialectRequired: a provider without a dialect does not guess one.
func TestDialectRequired(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		_, err := digitalid.New(digitalid.Config{DB: db.SQL(), Issuer: "http://idp.example/digitalid", Secret: secret, Insecure: true})
		if err == nil || !strings.Contains(err.Error(), "dialect") {
			t.Fatalf("New without a dialect: %v", err)
		}
		var n int
		if db.SQL().QueryRow(`SELECT count(*) FROM did_keys`).Scan(&n) == nil {
			t.Error("New without a dialect created tables")
		}
	})
}

// TestOwnTablesOnly: the package's SQL names only its own tables (did_*),
// which its migrations create; store's tables are store's to query.
func TestOwnTablesOnly(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	// Keywords in capitals, tables in lower case, as the package writes SQL.
	table := regexp.MustCompile(`\b(?:FROM|INTO|UPDATE|JOIN)\s+([a-z_][a-z0-9_]*)`)
	seen := 0
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			for _, m := range table.FindAllStringSubmatch(lit.Value, -1) {
				seen++
				if !strings.HasPrefix(m[1], "did_") {
					t.Errorf("%s: SQL on table %q, not the provider's", fset.Position(lit.Pos()), m[1])
				}
			}
			return true
		})
	}
	if seen < 20 {
		t.Fatalf("found %d table names in the package's SQL; the pattern is broken", seen)
	}
}
