// Package pgtest gives tests a fresh PostgreSQL database on a throwaway
// cluster, so that store tests can run against a real PostgreSQL as well as
// SQLite.
//
// The first call to [NewDatabase] in a test binary starts one private cluster
// (initdb into a temporary directory, postgres listening on a free port of
// 127.0.0.1, fsync off). Every call then clones a template database with
// CREATE DATABASE … TEMPLATE, which takes about a tenth of a second, and drops
// the clone when the test ends. The package talks to the server only through
// psql, so it needs no Go driver.
//
// Use [Run] in the package's TestMain so the cluster is stopped and its
// directory removed when the tests end:
//
//	func TestMain(m *testing.M) { pgtest.Run(m) }
//
// Without Run the server stays up until the test binary exits, and its
// temporary directory is left behind (a later run removes it, see below).
//
// # Finding PostgreSQL
//
// The server binaries are taken from $PG_BIN if set, else from initdb and
// postgres on $PATH, else from the highest /usr/lib/postgresql/*/bin. psql
// is taken from the same directory, else from $PATH. initdb refuses to run
// as root, so when the tests run as root the cluster runs as the OS user
// "postgres", which must exist (the Debian/Ubuntu server package creates
// it); the temporary directory must then be reachable by that user, which it
// is for the usual /tmp.
//
// If PostgreSQL cannot be used — binaries missing, cluster failing to start —
// NewDatabase skips the test with the reason. Set OPENINFO_TEST_POSTGRES=require
// (as CI should) to make that a failure instead, or OPENINFO_TEST_POSTGRES=off
// to skip PostgreSQL tests without trying. A failed start is remembered: later
// tests in the same binary skip or fail at once.
//
// # Server settings
//
// The cluster is created with UTF8 encoding and the C.UTF-8 locale (or, where
// that locale does not exist, the C locale with UTF8 encoding), superuser
// "postgres" with trust authentication, and runs with TimeZone=UTC,
// max_connections=200 and no durability (fsync, synchronous_commit and
// full_page_writes off).
//
// # Leaks
//
// The server runs in its own process group. On Linux it also gets SIGKILL
// when the test binary dies (parent-death signal), so a panic, a -timeout or
// a kill of the test binary does not leave a server running; on other systems
// a server can outlive a test binary that dies without running Run's cleanup.
// In either case the temporary directory (tens of megabytes) stays behind;
// the next cluster start in any test binary removes such directories whose
// test binary and server are both gone.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// EnvMode is the environment variable that controls what happens when
// PostgreSQL is unavailable: "require" fails the test, "off" skips
// PostgreSQL tests without trying, anything else skips them with the reason.
const EnvMode = "OPENINFO_TEST_POSTGRES"

const (
	superuser     = "postgres"
	startTimeout  = 30 * time.Second
	psqlTimeout   = 60 * time.Second
	createTimeout = 15 * time.Second
	dirPrefix     = "pgtest-"
)

// Available reports whether PostgreSQL can be used: whether the server
// binaries and psql are found and, when running as root, whether the OS user
// to run the server as exists. It does not start anything, so a nil result
// does not guarantee that a cluster will start.
func Available() error {
	if _, err := findBinaries(); err != nil {
		return err
	}
	_, err := serverOwner()
	return err
}

// NewDatabase returns the URL of a new database for this test, of the form
// postgres://postgres@127.0.0.1:PORT/tN?sslmode=disable. The database is
// dropped (WITH (FORCE) from PostgreSQL 13 on) when the test and its subtests end, after the
// cleanups that the test registers later, so a test should close its
// connections in its own t.Cleanup or before it returns.
//
// The database is a copy of a template that is created once per test binary
// and prepare function: the first call with a given prepare creates an empty
// database, passes its URL to prepare (to run migrations, load fixtures, …)
// and uses the result as the template for every later call with the same
// prepare. Templates are keyed by the function's code, so closures of the
// same function literal share a template: don't let captured values change
// what prepare does. A nil prepare gives an empty database.
//
// prepare must close every connection it opened (sql.DB.Close) before it
// returns: PostgreSQL refuses to copy a database that has sessions. As a
// safety net the template is closed to new connections after prepare and any
// remaining sessions are terminated, and CREATE DATABASE is retried briefly
// while the database is "being accessed by other users". If prepare fails,
// this and every later test using it fails.
//
// NewDatabase is safe for parallel tests. It must be called from the test's
// goroutine, since it may call t.Skip or t.Fatal.
func NewDatabase(t testing.TB, prepare func(dsn string) error) string {
	t.Helper()
	if strings.EqualFold(os.Getenv(EnvMode), "off") {
		t.Skipf("pgtest: PostgreSQL tests disabled by %s=off", EnvMode)
	}
	c, err := getCluster()
	if err != nil {
		unavailable(t, err)
		return ""
	}
	tmpl, err := c.template(prepare)
	if err != nil {
		t.Fatalf("pgtest: preparing the template database: %v", err)
		return ""
	}
	name, err := c.createDatabase(tmpl)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
		return ""
	}
	t.Cleanup(func() { c.dropDatabase(name) })
	return c.url(name)
}

// Run runs the tests of m, then stops the cluster if one was started,
// removes its directory, and exits with the tests' exit code. Call it from
// TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Run(m) }
func Run(m *testing.M) {
	code := m.Run()
	shutdown()
	os.Exit(code)
}

// unavailable skips or fails t because PostgreSQL cannot be used.
func unavailable(t testing.TB, err error) {
	t.Helper()
	if strings.EqualFold(os.Getenv(EnvMode), "require") {
		t.Fatalf("pgtest: PostgreSQL is required (%s=require) but unavailable: %v", EnvMode, err)
		return
	}
	t.Skipf("pgtest: skipping, PostgreSQL is unavailable (set %s=require to fail instead): %v", EnvMode, err)
}

// The one cluster of this test binary.
var state struct {
	mu      sync.Mutex
	started bool // a start was attempted
	stopped bool // shutdown ran
	c       *cluster
	err     error
}

func getCluster() (*cluster, error) {
	state.mu.Lock()
	defer state.mu.Unlock()
	if state.stopped {
		return nil, errors.New("the cluster was already shut down (NewDatabase called after pgtest.Run's tests ended)")
	}
	if !state.started {
		state.started = true
		state.c, state.err = startCluster()
	}
	return state.c, state.err
}

func shutdown() {
	state.mu.Lock()
	defer state.mu.Unlock()
	state.stopped = true
	if state.c != nil {
		state.c.stop()
		state.c = nil
	}
}

// binaries are the programs used, as absolute paths.
type binaries struct {
	initdb, postgres, psql string
}

func findBinaries() (binaries, error) {
	if dir := os.Getenv("PG_BIN"); dir != "" {
		b, err := binariesIn(dir)
		if err != nil {
			return b, fmt.Errorf("PG_BIN=%s: %w", dir, err)
		}
		return b, nil
	}
	if initdb, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("postgres"); err == nil {
			// Use the directory initdb really lives in (it is often a
			// symlink), which is also where it looks for postgres.
			if real, err := filepath.EvalSymlinks(initdb); err == nil {
				initdb = real
			}
			return binariesIn(filepath.Dir(initdb))
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool {
		return versionLess(filepath.Base(filepath.Dir(dirs[i])), filepath.Base(filepath.Dir(dirs[j])))
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		if b, err := binariesIn(dirs[i]); err == nil {
			return b, nil
		}
	}
	return binaries{}, errors.New("PostgreSQL server binaries not found: set PG_BIN to the directory holding initdb and postgres, put them on PATH, or install them under /usr/lib/postgresql/VERSION/bin")
}

func binariesIn(dir string) (binaries, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return binaries{}, err
	}
	var b binaries
	var missing []string
	for _, p := range []struct {
		name string
		path *string
	}{{"initdb", &b.initdb}, {"postgres", &b.postgres}, {"psql", &b.psql}} {
		path, err := exec.LookPath(filepath.Join(dir, p.name+exeSuffix()))
		if err != nil && p.name == "psql" {
			path, err = exec.LookPath("psql")
		}
		if err != nil {
			missing = append(missing, p.name)
			continue
		}
		*p.path = path
	}
	if len(missing) > 0 {
		return b, fmt.Errorf("%s not found in %s", strings.Join(missing, ", "), dir)
	}
	return b, nil
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// versionLess compares versions like "9.6" and "15" numerically.
func versionLess(a, b string) bool {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, errx := strconv.Atoi(as[i])
		y, erry := strconv.Atoi(bs[i])
		if errx != nil || erry != nil {
			if as[i] != bs[i] {
				return as[i] < bs[i]
			}
			continue
		}
		if x != y {
			return x < y
		}
	}
	return len(as) < len(bs)
}

type cluster struct {
	bins    binaries
	owner   *owner // nil: the server runs as the current user
	root    string // temporary directory: data directory, socket, log
	data    string
	logPath string
	port    int
	version int // server_version_num
	srv     *server

	dbCounter atomic.Int64

	tmplMu    sync.Mutex
	templates map[uintptr]*template
}

type template struct {
	once sync.Once
	name string
	err  error
}

func startCluster() (*cluster, error) {
	bins, err := findBinaries()
	if err != nil {
		return nil, err
	}
	own, err := serverOwner()
	if err != nil {
		return nil, err
	}
	removeStaleDirs()
	root, err := os.MkdirTemp("", fmt.Sprintf("%s%d-", dirPrefix, os.Getpid()))
	if err != nil {
		return nil, err
	}
	c := &cluster{
		bins:      bins,
		owner:     own,
		root:      root,
		data:      filepath.Join(root, "data"),
		logPath:   filepath.Join(root, "postgres.log"),
		templates: map[uintptr]*template{},
	}
	ok := false
	defer func() {
		if !ok {
			c.stop()
		}
	}()
	if err := own.chown(root); err != nil {
		return nil, err
	}
	if err := c.initdb(); err != nil {
		return nil, err
	}
	const attempts = 5
	for i := 1; ; i++ {
		err := c.start()
		if err == nil {
			break
		}
		if !errors.Is(err, errPortInUse) || i == attempts {
			return nil, err
		}
	}
	out, err := c.psql("postgres", "SHOW server_version_num")
	if err != nil {
		return nil, fmt.Errorf("server started but does not answer: %w\nserver log:\n%s", err, c.logTail())
	}
	if c.version, err = strconv.Atoi(strings.TrimSpace(out)); err != nil {
		return nil, fmt.Errorf("unexpected server_version_num %q", out)
	}
	ok = true
	return c, nil
}

func (c *cluster) initdb() error {
	var errs []string
	for _, locale := range []string{"--locale=C.UTF-8", "--no-locale"} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, c.bins.initdb,
			"-D", c.data, "-U", superuser, "-A", "trust", "-E", "UTF8", locale, "--no-sync")
		cmd.Dir = c.root
		cmd.Env = cleanEnv()
		cmd.SysProcAttr = sysProcAttr(c.owner, false)
		out, err := cmd.CombinedOutput()
		cancel()
		if err == nil {
			return nil
		}
		errs = append(errs, fmt.Sprintf("initdb %s: %v\n%s", locale, err, bytes.TrimSpace(out)))
		os.RemoveAll(c.data)
	}
	return errors.New(strings.Join(errs, "\n"))
}

var errPortInUse = errors.New("port in use")

// start starts the server on a free port and waits until it accepts
// connections.
func (c *cluster) start() error { return c.startOn(0) }

// startOn starts the server on port (0: a free one).
func (c *cluster) startOn(port int) error {
	if port == 0 {
		p, err := pickPort()
		if err != nil {
			return err
		}
		port = p
	}
	logFile, err := os.OpenFile(c.logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close() // the server has its own descriptor
	cmd := exec.Command(c.bins.postgres, "-D", c.data, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories="+c.root,
		"-c", "fsync=off",
		"-c", "synchronous_commit=off",
		"-c", "full_page_writes=off",
		"-c", "max_connections=200",
		"-c", "TimeZone=UTC",
		"-c", "log_timezone=UTC",
	)
	cmd.Dir = c.root
	cmd.Env = cleanEnv()
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = sysProcAttr(c.owner, true)
	srv, err := launch(cmd)
	if err != nil {
		return fmt.Errorf("starting %s: %w", c.bins.postgres, err)
	}
	c.srv = srv
	c.port = port

	// The server is ready when its postmaster.pid says so; that is how
	// pg_ctl -w waits, and unlike dialing the port it cannot be fooled by
	// another process listening there.
	deadline := time.Now().Add(startTimeout)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-srv.done:
			c.srv = nil
			killGroup(srv.cmd.Process)
			log := c.logTail()
			if strings.Contains(log, "could not bind") || strings.Contains(log, "could not create any TCP/IP sockets") {
				return fmt.Errorf("%w: %d\nserver log:\n%s", errPortInUse, port, log)
			}
			return fmt.Errorf("postgres exited during startup (%v)\nserver log:\n%s", srv.err, log)
		case <-tick.C:
		}
		if pidFileReady(filepath.Join(c.data, "postmaster.pid")) {
			return nil
		}
		if time.Now().After(deadline) {
			c.stopServer()
			return fmt.Errorf("postgres did not accept connections within %v\nserver log:\n%s", startTimeout, c.logTail())
		}
	}
}

// pidFileReady reports whether postmaster.pid has status "ready" (line 8).
func pidFileReady(path string) bool {
	b, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	lines := strings.Split(string(b), "\n")
	return len(lines) >= 8 && strings.TrimSpace(lines[7]) == "ready"
}

// pickPort is freePort; tests replace it.
var pickPort = freePort

// freePort returns a port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port, nil
}

// logTail returns the end of the server log.
func (c *cluster) logTail() string {
	b, err := os.ReadFile(c.logPath)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", c.logPath, err)
	}
	const max = 8 << 10
	if len(b) > max {
		b = append([]byte("…"), b[len(b)-max:]...)
	}
	return strings.TrimSpace(string(b))
}

// stop stops the server, if running, and removes the cluster's directory.
func (c *cluster) stop() {
	c.stopServer()
	os.RemoveAll(c.root)
}

func (c *cluster) stopServer() {
	if c.srv == nil {
		return
	}
	srv := c.srv
	c.srv = nil
	stopProcess(srv.cmd.Process) // immediate shutdown: the data is thrown away
	select {
	case <-srv.done:
	case <-time.After(10 * time.Second):
		killGroup(srv.cmd.Process)
		select {
		case <-srv.done:
		case <-time.After(5 * time.Second):
		}
	}
	// Anything left in the server's process group. Its id cannot have been
	// reused while the group has members.
	killGroup(srv.cmd.Process)
}

// server is a running server process.
type server struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // from Wait, valid after done
}

// launch starts cmd and waits for it in the background.
//
// The parent-death signal set on Linux is sent when the thread that started
// the child exits, not the process, and the Go runtime may end threads. So
// the process is started and waited for on a goroutine locked to its thread,
// which keeps that thread alive as long as the server runs.
func launch(cmd *exec.Cmd) (*server, error) {
	s := &server{cmd: cmd, done: make(chan struct{})}
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		if err := cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		s.err = cmd.Wait()
		close(s.done)
	}()
	if err := <-started; err != nil {
		return nil, err
	}
	return s, nil
}

// template returns the name of the template database for prepare, creating
// and preparing it on first use.
func (c *cluster) template(prepare func(dsn string) error) (string, error) {
	if prepare == nil {
		return "template0", nil
	}
	key := reflect.ValueOf(prepare).Pointer()
	c.tmplMu.Lock()
	tm := c.templates[key]
	if tm == nil {
		tm = &template{name: fmt.Sprintf("tmpl%d", len(c.templates)+1)}
		c.templates[key] = tm
	}
	c.tmplMu.Unlock()
	tm.once.Do(func() {
		// Stays if prepare panics or calls runtime.Goexit (t.FailNow), so
		// that later callers don't use a half-prepared template.
		tm.err = errors.New("prepare did not return (it panicked, or called t.FailNow or runtime.Goexit)")
		tm.err = c.prepareTemplate(tm.name, prepare)
	})
	return tm.name, tm.err
}

func (c *cluster) prepareTemplate(name string, prepare func(dsn string) error) error {
	if _, err := c.psql("postgres", fmt.Sprintf("CREATE DATABASE %s TEMPLATE template0", name)); err != nil {
		return err
	}
	if err := prepare(c.url(name)); err != nil {
		return err
	}
	// Nothing may connect to the template any more; end the sessions that
	// prepare left open.
	if _, err := c.psql("postgres", fmt.Sprintf("ALTER DATABASE %s WITH ALLOW_CONNECTIONS false", name)); err != nil {
		return err
	}
	c.terminateSessions(name)
	return nil
}

func (c *cluster) terminateSessions(db string) {
	c.psql("postgres", fmt.Sprintf(
		"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%s' AND pid <> pg_backend_pid()", db))
}

// createDatabase creates a new database copied from tmpl and returns its
// name.
func (c *cluster) createDatabase(tmpl string) (string, error) {
	name := fmt.Sprintf("t%d", c.dbCounter.Add(1))
	stmt := fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tmpl)
	if c.version >= 150000 {
		// Copying the files is faster for small databases than the default
		// WAL_LOG (120 against 165 ms here); the checkpoints it forces are
		// cheap with fsync off.
		stmt += " STRATEGY FILE_COPY"
	}
	deadline := time.Now().Add(createTimeout)
	for {
		_, err := c.psql("postgres", stmt)
		if err == nil {
			return name, nil
		}
		if !strings.Contains(err.Error(), "being accessed by other users") || time.Now().After(deadline) {
			return "", err
		}
		c.terminateSessions(tmpl)
		time.Sleep(100 * time.Millisecond)
	}
}

func (c *cluster) dropDatabase(name string) {
	stmt := "DROP DATABASE IF EXISTS " + name
	if c.version >= 130000 {
		stmt += " WITH (FORCE)"
	}
	c.psql("postgres", stmt) // errors don't matter: the cluster is thrown away
}

func (c *cluster) url(db string) string {
	return (&url.URL{
		Scheme:   "postgres",
		User:     url.User(superuser),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)),
		Path:     "/" + db,
		RawQuery: "sslmode=disable",
	}).String()
}

func (c *cluster) psql(db, sql string) (string, error) {
	return runPsql(c.bins.psql, c.url(db), sql)
}

// runPsql runs one SQL command with psql and returns its unaligned,
// tuples-only output.
func runPsql(psql, dsn, sql string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), psqlTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-c", sql)
	cmd.Env = append(cleanEnv(), "PGCLIENTENCODING=UTF8", "PGCONNECT_TIMEOUT=10")
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return stdout.String(), fmt.Errorf("psql %q: %v: %s", sql, err, bytes.TrimSpace(stderr.Bytes()))
	}
	return strings.TrimSuffix(stdout.String(), "\n"), nil
}

// cleanEnv is the environment without libpq settings (PGHOST, PGDATA, …)
// and with messages in English, which the code above matches.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "PG") || strings.HasPrefix(k, "LC_") || k == "LANG" || k == "LANGUAGE" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "LC_ALL=C")
}

// removeStaleDirs removes the directories of clusters whose test binary and
// server have both exited, left behind when a test binary died.
func removeStaleDirs() {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), dirPrefix+"*-*"))
	for _, dir := range dirs {
		pidText, _, ok := strings.Cut(strings.TrimPrefix(filepath.Base(dir), dirPrefix), "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, "data", "postmaster.pid"))
		if err == nil {
			line, _, _ := strings.Cut(string(b), "\n")
			if pid, err := strconv.Atoi(strings.TrimSpace(line)); err != nil || processAlive(pid) {
				continue
			}
		} else if !errors.Is(err, os.ErrNotExist) {
			continue
		}
		os.RemoveAll(dir)
	}
}

// Throwaway starts this process's private cluster (as for tests) and returns
// the URL of a new empty database on it, and a function that stops the
// cluster and removes its directory. Commands that compare against
// PostgreSQL, such as "openinfo-bench search", use it when no PostgreSQL is
// configured, so the comparison still runs from one command.
func Throwaway() (string, func(), error) {
	c, err := getCluster()
	if err != nil {
		return "", nil, err
	}
	tmpl, err := c.template(nil)
	if err != nil {
		shutdown()
		return "", nil, err
	}
	name, err := c.createDatabase(tmpl)
	if err != nil {
		shutdown()
		return "", nil, err
	}
	return c.url(name), shutdown, nil
}

// Cluster is a private cluster for one test that the test may stop and
// start again, to see what the application does while its database is away
// (issue 19). The databases of NewDatabase live on the binary's shared
// cluster, which is never stopped.
type Cluster struct {
	c  *cluster
	mu sync.Mutex
}

// NewCluster starts a private cluster, stopped and removed when the test
// ends. It skips (or fails, see EnvMode) when PostgreSQL cannot be used.
func NewCluster(t testing.TB) *Cluster {
	t.Helper()
	if strings.EqualFold(os.Getenv(EnvMode), "off") {
		t.Skipf("pgtest: PostgreSQL tests disabled by %s=off", EnvMode)
	}
	c, err := startCluster()
	if err != nil {
		unavailable(t, err)
		return nil
	}
	t.Cleanup(c.stop)
	return &Cluster{c: c}
}

// Database returns the URL of a new database on the cluster, prepared as
// by NewDatabase.
func (c *Cluster) Database(t testing.TB, prepare func(dsn string) error) string {
	t.Helper()
	tmpl, err := c.c.template(prepare)
	if err != nil {
		t.Fatalf("pgtest: preparing the template database: %v", err)
	}
	name, err := c.c.createDatabase(tmpl)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return c.c.url(name)
}

// Stop shuts the server down (fast shutdown: clients are cut off, open
// transactions rolled back, committed data kept) and returns once it has
// exited; connecting then fails with "connection refused".
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	srv := c.c.srv
	if srv == nil {
		return nil
	}
	c.c.srv = nil
	stopFast(srv.cmd.Process)
	select {
	case <-srv.done:
	case <-time.After(30 * time.Second):
		killGroup(srv.cmd.Process)
		<-srv.done
	}
	killGroup(srv.cmd.Process)
	return nil
}

// Start starts the server again on the same port, returning once it
// accepts connections.
func (c *Cluster) Start() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.c.srv != nil {
		return nil
	}
	return c.c.startOn(c.c.port)
}
