package pgtest

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"
)

func TestMain(m *testing.M) { Run(m) }

// psql runs sql on the database at dsn with the psql this package uses.
func psql(t *testing.T, dsn, sql string) string {
	t.Helper()
	b, err := findBinaries()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runPsql(b.psql, dsn, sql)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Tests that set the environment run first, before any parallel test can
// start the cluster.

func TestAvailable(t *testing.T) {
	err := Available()
	if os.Getenv(EnvMode) == "require" && err != nil {
		t.Fatalf("Available() = %v with %s=require", err, EnvMode)
	}
	if err == nil {
		b, _ := findBinaries()
		t.Setenv("PG_BIN", filepath.Dir(b.initdb))
		if err := Available(); err != nil {
			t.Errorf("Available() with PG_BIN=%s: %v", filepath.Dir(b.initdb), err)
		}
	}
	empty := t.TempDir()
	t.Setenv("PG_BIN", empty)
	if err := Available(); err == nil || !strings.Contains(err.Error(), "initdb") {
		t.Errorf("Available() with PG_BIN=%s (empty) = %v, want an error about initdb", empty, err)
	}
}

// fakeTB records Skipf and Fatalf without stopping the test; other
// methods are nil.
type fakeTB struct {
	testing.TB
	skipped, fatal string
}

func (f *fakeTB) Helper()                           {}
func (f *fakeTB) Skipf(format string, args ...any)  { f.skipped = fmt.Sprintf(format, args...) }
func (f *fakeTB) Fatalf(format string, args ...any) { f.fatal = fmt.Sprintf(format, args...) }

func TestUnavailable(t *testing.T) {
	reason := fmt.Errorf("no binaries here")
	for _, tc := range []struct {
		mode      string
		wantFatal bool
	}{{"", false}, {"require", true}, {"REQUIRE", true}, {"other", false}} {
		t.Setenv(EnvMode, tc.mode)
		var f fakeTB
		unavailable(&f, reason)
		got := f.skipped
		if tc.wantFatal {
			got = f.fatal
		}
		if !strings.Contains(got, reason.Error()) || (f.fatal != "") != tc.wantFatal || (f.skipped != "") == tc.wantFatal {
			t.Errorf("%s=%q: skipped %q, fatal %q", EnvMode, tc.mode, f.skipped, f.fatal)
		}
	}
}

func TestOff(t *testing.T) {
	t.Setenv(EnvMode, "off")
	var skipped bool
	t.Run("sub", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		NewDatabase(t, nil)
		t.Error("NewDatabase returned with OPENINFO_TEST_POSTGRES=off")
	})
	if !skipped {
		t.Error("not skipped")
	}
}

func TestVersionLess(t *testing.T) {
	sorted := []string{"9.5", "9.6", "10", "11", "15", "16"}
	for i := range sorted {
		for j := range sorted {
			if got := versionLess(sorted[i], sorted[j]); got != (i < j) {
				t.Errorf("versionLess(%s, %s) = %v", sorted[i], sorted[j], got)
			}
		}
	}
}

var prepareCalls atomic.Int32

// prepareThings is a template preparation: it creates a table and a row.
func prepareThings(dsn string) error {
	prepareCalls.Add(1)
	b, err := findBinaries()
	if err != nil {
		return err
	}
	_, err = runPsql(b.psql, dsn, "CREATE TABLE things (id int PRIMARY KEY, name text NOT NULL); INSERT INTO things VALUES (1, 'one')")
	return err
}

var dsnPattern = regexp.MustCompile(`^postgres://postgres@127\.0\.0\.1:[0-9]+/t[0-9]+\?sslmode=disable$`)

func TestTemplateDatabases(t *testing.T) {
	t.Parallel()
	dsns := make([]string, 8)
	t.Run("group", func(t *testing.T) {
		for i := range dsns {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				dsn := NewDatabase(t, prepareThings)
				if !dsnPattern.MatchString(dsn) {
					t.Errorf("DSN %q does not match %v", dsn, dsnPattern)
				}
				if got := psql(t, dsn, "SELECT name FROM things WHERE id = 1"); got != "one" {
					t.Errorf("prepared row: got %q, want %q", got, "one")
				}
				dsns[i] = dsn
				if i%2 == 0 {
					psql(t, dsn, "CREATE TABLE only_here (x int); INSERT INTO things VALUES (2, 'two')")
				}
				if got, want := psql(t, dsn, "SELECT count(*) FROM things"), fmt.Sprint(1+(i+1)%2); got != want {
					t.Errorf("rows: got %s, want %s", got, want)
				}
				if got, want := psql(t, dsn, "SELECT to_regclass('only_here') IS NOT NULL"), fmt.Sprint(i%2 == 0)[:1]; got != want {
					t.Errorf("table only_here exists: got %s, want %s", got, want)
				}
			})
		}
	})
	if t.Failed() {
		return
	}
	if dsns[0] == "" {
		t.Skip("subtests skipped")
	}
	if n := prepareCalls.Load(); n != 1 {
		t.Errorf("prepare ran %d times, want 1", n)
	}
	seen := map[string]bool{}
	for _, dsn := range dsns {
		if seen[dsn] {
			t.Errorf("DSN %s handed out twice", dsn)
		}
		seen[dsn] = true
	}
	// The subtests' databases are dropped when they end.
	u, _ := url.Parse(dsns[0])
	u.Path = "/postgres"
	for _, dsn := range dsns {
		d, _ := url.Parse(dsn)
		name := strings.TrimPrefix(d.Path, "/")
		if got := psql(t, u.String(), fmt.Sprintf("SELECT count(*) FROM pg_database WHERE datname = '%s'", name)); got != "0" {
			t.Errorf("database %s still exists after its test ended", name)
		}
	}
}

func TestEmptyDatabase(t *testing.T) {
	t.Parallel()
	dsn := NewDatabase(t, nil)
	got := psql(t, dsn, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")
	if got != "0" {
		t.Errorf("public relations in a database without prepare: %s", got)
	}
}

func TestThai(t *testing.T) {
	t.Parallel()
	dsn := NewDatabase(t, nil)
	if got := psql(t, dsn, "SHOW server_encoding"); got != "UTF8" {
		t.Errorf("server_encoding = %s, want UTF8", got)
	}
	const bangkok = "กรุงเทพมหานคร"
	psql(t, dsn, "CREATE TABLE cities (name text); INSERT INTO cities VALUES ('"+bangkok+"')")
	if got := psql(t, dsn, "SELECT name FROM cities"); got != bangkok {
		t.Errorf("got %q, want %q", got, bangkok)
	}
	if got, want := psql(t, dsn, "SELECT length(name) FROM cities"), fmt.Sprint(utf8.RuneCountInString(bangkok)); got != want {
		t.Errorf("length = %s, want %s", got, want)
	}
	if got := psql(t, dsn, "SELECT count(*) FROM cities WHERE name LIKE 'กรุงเทพ%'"); got != "1" {
		t.Errorf("LIKE prefix match: %s rows, want 1", got)
	}
}

func TestTimeZone(t *testing.T) {
	t.Parallel()
	dsn := NewDatabase(t, nil)
	if got := psql(t, dsn, "SHOW TimeZone"); got != "UTC" {
		t.Errorf("TimeZone = %s, want UTC", got)
	}
}

func TestPrepareLeavesSessionOpen(t *testing.T) {
	t.Parallel()
	b, err := findBinaries()
	if err != nil {
		NewDatabase(t, nil) // skips or fails as appropriate
	}
	var session *exec.Cmd
	exited := make(chan error, 1)
	prepare := func(dsn string) error {
		session = exec.Command(b.psql, "-X", "-q", "-d", dsn, "-c", "SELECT pg_sleep(120)")
		if err := session.Start(); err != nil {
			return err
		}
		go func() { exited <- session.Wait() }()
		for range 200 {
			out, err := runPsql(b.psql, dsn, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'")
			if err != nil {
				return err
			}
			if out == "1" {
				return nil
			}
			time.Sleep(50 * time.Millisecond)
		}
		return errors.New("the session did not show up")
	}
	t.Cleanup(func() {
		if session != nil && session.Process != nil {
			session.Process.Kill()
		}
	})
	start := time.Now()
	dsn := NewDatabase(t, prepare)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("NewDatabase took %v", d)
	}
	if got := psql(t, dsn, "SELECT 1"); got != "1" {
		t.Errorf("got %q", got)
	}
	if session == nil {
		return // prepared in an earlier run of this test (-count)
	}
	select {
	case err := <-exited:
		if err == nil {
			t.Error("the session left open by prepare ended without error; want it terminated")
		}
	case <-time.After(10 * time.Second):
		t.Error("the session left open by prepare is still running")
	}
}

// failingPrepareCalls counts the calls of TestPrepareFails's prepare, over
// all runs of the test (-count): the template is per test binary.
var failingPrepareCalls atomic.Int32

func TestPrepareFails(t *testing.T) {
	t.Parallel()
	calls := &failingPrepareCalls
	prepare := func(string) error {
		calls.Add(1)
		return errors.New("migration 3 is broken")
	}
	for i := range 2 {
		var f fakeTB
		if dsn := NewDatabase(&f, prepare); dsn != "" {
			t.Fatalf("NewDatabase returned %q although prepare failed", dsn)
		}
		if f.skipped != "" {
			t.Skip(f.skipped)
		}
		if !strings.Contains(f.fatal, "migration 3 is broken") {
			t.Errorf("call %d: fatal %q, want the prepare error", i, f.fatal)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("prepare ran %d times, want 1", n)
	}
}

func TestRemoveStaleDirs(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip(err)
	}
	deadPID := dead.ProcessState.Pid()
	dirs := map[string]bool{ // name: kept
		fmt.Sprintf("%s%d-1", dirPrefix, deadPID):      false,
		fmt.Sprintf("%s%d-2", dirPrefix, os.Getpid()):  true,
		fmt.Sprintf("%s%d-3", dirPrefix, os.Getppid()): true,
		fmt.Sprintf("%s%d-4", dirPrefix, deadPID):      true, // its server is alive
		"pgtest-x-5": true,
		"other-1-6":  true,
	}
	for name := range dirs {
		if err := os.MkdirAll(filepath.Join(tmp, name, "data"), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	pidFile := fmt.Sprintf("%d\n/some/data\n", os.Getpid())
	if err := os.WriteFile(filepath.Join(tmp, fmt.Sprintf("%s%d-4", dirPrefix, deadPID), "data", "postmaster.pid"), []byte(pidFile), 0o600); err != nil {
		t.Fatal(err)
	}
	removeStaleDirs()
	for name, kept := range dirs {
		_, err := os.Stat(filepath.Join(tmp, name))
		if exists := err == nil; exists != kept {
			t.Errorf("%s: exists %v, want %v", name, exists, kept)
		}
	}
}

func TestPortInUse(t *testing.T) {
	if err := Available(); err != nil {
		NewDatabase(t, nil) // skips or fails as appropriate
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	busy := l.Addr().(*net.TCPAddr).Port
	picks := 0
	pickPort = func() (int, error) {
		picks++
		if picks == 1 {
			return busy, nil
		}
		return freePort()
	}
	defer func() { pickPort = freePort }()
	c, err := startCluster() // a second cluster, just for this test
	if err != nil {
		t.Fatal(err)
	}
	defer c.stop()
	if picks != 2 || c.port == busy {
		t.Errorf("after %d picks the server listens on %d; busy port %d", picks, c.port, busy)
	}
	if out, err := c.psql("postgres", "SELECT 1"); err != nil || out != "1" {
		t.Errorf("SELECT 1: %q, %v", out, err)
	}
}
