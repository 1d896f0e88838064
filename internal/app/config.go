package app

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo/notify"
)

// Config is every setting of openinfo. Each is a flag and an OPENINFO_*
// environment variable; a flag wins over the variable.
type Config struct {
	Addr            string
	DataDir         string
	DatabaseURL     string
	BaseURL         string
	Demo            bool
	LogLevel        string
	LogFormat       string
	SecureCookies   bool
	ShutdownTimeout time.Duration
	Secret          string
	Dev             bool
	TokenTTL        time.Duration

	OIDCIssuer, OIDCClientID, OIDCClientSecret string
	OIDCScopes                                 []string
	OIDCClaimUsername, OIDCClaimGiven          string
	OIDCClaimFamily, OIDCClaimPhone            string
	OIDCDGASecret                              bool
	OIDCLogoutParam                            string
	SMSURL, SMSToken                           string
	LocalGovDepartment                         string
	SMTP                                       notify.SMTPConfig
	TrustedProxies                             []netip.Prefix
	Dictionary                                 string
	PageCache                                  bool
	PageCacheBytes                             int64
	KeepPages                                  bool
	MapTiles, MapAttribution                   string
	DelayRetention                             time.Duration
	// Operator is who runs the site (footer, privacy notice); the
	// operator-* settings, DGA when none is given.
	OperatorNameTH, OperatorNameEN            string
	OperatorEmail, OperatorPhone, OperatorURL string
	MemoryLimit                               int64 // bytes; 0: none
	DebugAddr                                 string
	MetricsAddr, MetricsToken                 string
	SearchPoll                                time.Duration
	OpenDataPerMinute                         int // open data API requests one address may make a minute

	// Version is the build's, shown by the site: the command sets it, it
	// is not a setting.
	Version string
	// NoJobs: this process runs no timed jobs (the benchmarks: a daily
	// export or the pages' backfill must not run inside a measurement).
	// Not a setting either.
	NoJobs bool
	// RenderVersion, when set, names the renderer of kept pages instead
	// of the executable's hash (the benchmark, run again after a change
	// that renders the same pages). Not a setting.
	RenderVersion string

	devSet *bool
}

// Settle fills what depends on the address actually listened on: the base
// URL (when not configured) and the development pages (on by default only
// on localhost, since they show one-time codes).
func (c *Config) Settle(listenAddr string) {
	if c.BaseURL == "" {
		// The host as configured (people type "localhost", and cookies care),
		// the port as listened on (":0" picks one).
		host, _, _ := net.SplitHostPort(c.Addr)
		_, port, _ := net.SplitHostPort(listenAddr)
		if host == "" || host == "::" || host == "0.0.0.0" {
			host = "localhost"
		}
		c.BaseURL = "http://" + net.JoinHostPort(host, port)
	}
	if c.devSet != nil {
		c.Dev = *c.devSet
	} else {
		c.Dev = loopbackOnly(c.BaseURL, listenAddr)
	}
}

// loopbackOnly reports whether nobody but this machine can reach the site:
// it listens on a loopback address and its public URL names one. Only then
// do the development pages (one-time codes, first tokens) turn on unasked;
// ":8080" listens on every interface, whatever the base URL says.
func loopbackOnly(baseURL, listenAddr string) bool {
	host, _, err := net.SplitHostPort(listenAddr)
	if ip, perr := netip.ParseAddr(host); err != nil || perr != nil || !ip.Unmap().IsLoopback() {
		return false
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(h)
	return err == nil && ip.Unmap().IsLoopback()
}

type setting struct {
	name, env, help string
	def             string
}

// settings documents each option once, for flags, env and `openinfo help`.
var settings = []setting{
	{"addr", "OPENINFO_ADDR", "address to listen on", "localhost:8080"},
	{"data-dir", "OPENINFO_DATA_DIR", "directory for the embedded SQLite database and local files", "./openinfo-data"},
	{"database-url", "OPENINFO_DATABASE_URL", "postgres://user:pass@host/db to use PostgreSQL; empty = SQLite in the data directory", ""},
	{"base-url", "OPENINFO_BASE_URL", "public URL of the site, for canonical links (e.g. https://info.example.go.th)", ""},
	{"demo", "OPENINFO_DEMO", "load demo data on the first start of an empty database", "true"},
	{"log-level", "OPENINFO_LOG_LEVEL", "debug, info, warn or error", "info"},
	{"log-format", "OPENINFO_LOG_FORMAT", "text or json", "text"},
	{"secure-cookies", "OPENINFO_SECURE_COOKIES", "mark cookies Secure and send HSTS (on by itself when base-url is https)", "false"},
	{"shutdown-timeout", "OPENINFO_SHUTDOWN_TIMEOUT", "how long to let requests finish on shutdown", "15s"},
	{"secret", "OPENINFO_SECRET", "installation secret (32+ characters) for tokens, cookies and signing keys; empty = generated once and kept in {data-dir}/secret (SQLite only: required with PostgreSQL)", ""},
	{"dev", "OPENINFO_DEV", "development pages (SMS and mail outboxes with one-time codes and first tokens); default on only when the site listens on loopback only", ""},
	{"token-ttl", "OPENINFO_TOKEN_TTL", "how long an officer token stays valid", "720h"},
	{"oidc-issuer", "OPENINFO_OIDC_ISSUER", "OpenID provider for officer login; empty = the built-in Digital ID provider at {base-url}/digitalid", ""},
	{"oidc-client-id", "OPENINFO_OIDC_CLIENT_ID", "client ID at the OpenID provider", "openinfo-backoffice"},
	{"oidc-client-secret", "OPENINFO_OIDC_CLIENT_SECRET", "client secret at the OpenID provider (built-in provider: derived from the secret)", ""},
	{"oidc-scopes", "OPENINFO_OIDC_SCOPES", "scopes to ask for, space-separated", "openid profile phone email"},
	{"oidc-claim-username", "OPENINFO_OIDC_CLAIM_USERNAME", "claim holding the username", "preferred_username"},
	{"oidc-claim-given-name", "OPENINFO_OIDC_CLAIM_GIVEN_NAME", "claim holding the given name", "given_name"},
	{"oidc-claim-family-name", "OPENINFO_OIDC_CLAIM_FAMILY_NAME", "claim holding the family name", "family_name"},
	{"oidc-claim-phone", "OPENINFO_OIDC_CLAIM_PHONE", "claim holding the phone number", "phone_number"},
	{"oidc-dga-secret", "OPENINFO_OIDC_DGA_SECRET", "send the client secret hashed as DGA's Digital ID expects (md5 x7 with \"EGA\")", "false"},
	{"oidc-logout-param", "OPENINFO_OIDC_LOGOUT_PARAM", "end-session parameter for the return URL (DGA: post_logout_redirect_url)", "post_logout_redirect_uri"},
	{"local-gov-department", "OPENINFO_LOCAL_GOV_DEPARTMENT", "Thai name of the department whose central officers issue local governments' first tokens (seed 004)", "กรมส่งเสริมการปกครองท้องถิ่น"},
	{"trusted-proxies", "OPENINFO_TRUSTED_PROXIES", "load balancers (CIDRs, comma-separated) whose X-Forwarded-For gives the client address for rate limits", ""},
	{"smtp-host", "OPENINFO_SMTP_HOST", "SMTP server for e-mail; empty = mail is only recorded in the outbox (shown at /dev/outbox in development)", ""},
	{"smtp-port", "OPENINFO_SMTP_PORT", "SMTP port (0 = 587 for starttls, 465 for tls, 25 for none)", "0"},
	{"smtp-username", "OPENINFO_SMTP_USERNAME", "SMTP user", ""},
	{"smtp-password", "OPENINFO_SMTP_PASSWORD", "SMTP password", ""},
	{"smtp-from", "OPENINFO_SMTP_FROM", "sender of e-mail", "openinfo <no-reply@localhost.localdomain>"},
	{"smtp-tls", "OPENINFO_SMTP_TLS", "starttls (mandatory), tls (implicit) or none (loopback servers only)", "starttls"},
	{"sms-url", "OPENINFO_SMS_URL", "SMS gateway URL for the built-in provider's OTPs (POST {to, text}); empty = the development outbox in dev mode, and no SMS (so no registration) otherwise", ""},
	{"sms-token", "OPENINFO_SMS_TOKEN", "bearer token for the SMS gateway", ""},
	{"dictionary", "OPENINFO_DICTIONARY", "Thai word list for search (one word per line, or a hunspell .dic); empty = the system's hunspell-th or libthai list when found, else the built-in seed list", ""},
	{"search-poll", "OPENINFO_SEARCH_POLL", "how often each node reads the change feed to keep its search index fresh", "1s"},
	{"page-cache", "OPENINFO_PAGE_CACHE", "keep rendered public pages for up to 30 seconds (emptied on every change)", "true"},
	{"page-cache-size", "OPENINFO_PAGE_CACHE_SIZE", "most memory the page cache may hold (e.g. 64MiB, 256MiB)", "64MiB"},
	{"keep-pages", "OPENINFO_KEEP_PAGES", "keep manual and service point pages rendered and compressed in the database (dropped by any change of what they show)", "true"},
	{"map-tiles", "OPENINFO_MAP_TILES", "map tiles of the back office's pin picker, a URL template with {z}, {x}, {y}; empty = a coordinate grid only (offline)", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"},
	{"map-attribution", "OPENINFO_MAP_ATTRIBUTION", "credit shown under the map for its tiles", "© OpenStreetMap contributors"},
	{"delay-retention", "OPENINFO_DELAY_RETENTION", "how long after the decision a delay case keeps the applicant's name and contacts (then blanked by a job)", "17520h"},
	{"operator-name", "OPENINFO_OPERATOR_NAME", "Thai name of the agency that runs the site, in every page's footer and the privacy notice; empty = สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", ""},
	{"operator-name-en", "OPENINFO_OPERATOR_NAME_EN", "English name of the operator (with --operator-name)", ""},
	{"operator-email", "OPENINFO_OPERATOR_EMAIL", "e-mail address for questions about the site and personal data (the privacy notice's contact)", ""},
	{"operator-phone", "OPENINFO_OPERATOR_PHONE", "telephone number of the operator", ""},
	{"operator-url", "OPENINFO_OPERATOR_URL", "website of the operator", ""},
	{"debug-addr", "OPENINFO_DEBUG_ADDR", "address for Go's profiler (/debug/pprof/), loopback only, e.g. 127.0.0.1:6060; empty = off", ""},
	{"metrics-addr", "OPENINFO_METRICS_ADDR", "address of a separate listener for Prometheus /metrics (e.g. 127.0.0.1:9090 or an internal interface); empty = none", ""},
	{"metrics-token", "OPENINFO_METRICS_TOKEN", "bearer token (16+ characters) that opens /metrics on the site itself; empty = /metrics only on --metrics-addr", ""},
	{"open-data-per-minute", "OPENINFO_OPEN_DATA_PER_MINUTE", "requests a minute one address may make to the open data API (/api/hsds/v3), counted across all nodes; beyond it, 429 with Retry-After", "300"},
	{"memory-limit", "OPENINFO_MEMORY_LIMIT", "soft limit of the Go heap (e.g. 1200MiB, 2GiB; 0 = none); Go's GOMEMLIMIT, when set, wins", "1200MiB"},
}

// ParseConfig reads flags from args with defaults from the environment;
// extra, if not nil, adds a command's own flags.
func ParseConfig(name string, args []string, env func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (*Config, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	if extra != nil {
		extra(fs)
	}
	vals := map[string]*string{}
	for _, s := range settings {
		def := s.def
		if v := env(s.env); v != "" {
			def = v
		}
		vals[s.name] = fs.String(s.name, def, s.help+" ($"+s.env+")")
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	c := &Config{Addr: *vals["addr"], DataDir: *vals["data-dir"], DatabaseURL: *vals["database-url"],
		BaseURL: strings.TrimRight(*vals["base-url"], "/"), LogLevel: *vals["log-level"], LogFormat: *vals["log-format"]}
	var err error
	if c.Demo, err = parseBool("demo", *vals["demo"]); err != nil {
		return nil, err
	}
	if c.SecureCookies, err = parseBool("secure-cookies", *vals["secure-cookies"]); err != nil {
		return nil, err
	}
	if strings.HasPrefix(c.BaseURL, "https://") {
		c.SecureCookies = true
	}
	c.Secret = *vals["secret"]
	if c.Secret != "" && len(c.Secret) < 32 {
		return nil, fmt.Errorf("secret: use at least 32 characters")
	}
	if v := *vals["dev"]; v != "" {
		d, err := parseBool("dev", v)
		if err != nil {
			return nil, err
		}
		c.devSet = &d
	}
	if c.TokenTTL, err = time.ParseDuration(*vals["token-ttl"]); err != nil || c.TokenTTL <= 0 {
		return nil, fmt.Errorf("token-ttl: %q is not a duration like 720h", *vals["token-ttl"])
	}
	c.OIDCIssuer = *vals["oidc-issuer"] // exactly as written: discovery must match it, trailing slash included
	c.OIDCClientID, c.OIDCClientSecret = *vals["oidc-client-id"], *vals["oidc-client-secret"]
	c.OIDCScopes = strings.Fields(*vals["oidc-scopes"])
	c.OIDCClaimUsername, c.OIDCClaimGiven = *vals["oidc-claim-username"], *vals["oidc-claim-given-name"]
	c.OIDCClaimFamily, c.OIDCClaimPhone = *vals["oidc-claim-family-name"], *vals["oidc-claim-phone"]
	if c.OIDCDGASecret, err = parseBool("oidc-dga-secret", *vals["oidc-dga-secret"]); err != nil {
		return nil, err
	}
	c.OIDCLogoutParam = *vals["oidc-logout-param"]
	c.SMSURL, c.SMSToken = *vals["sms-url"], *vals["sms-token"]
	c.Dictionary = *vals["dictionary"]
	c.MapTiles, c.MapAttribution = *vals["map-tiles"], *vals["map-attribution"]
	if c.PageCache, err = parseBool("page-cache", *vals["page-cache"]); err != nil {
		return nil, err
	}
	if c.KeepPages, err = parseBool("keep-pages", *vals["keep-pages"]); err != nil {
		return nil, err
	}
	if c.PageCacheBytes, err = parseSize(*vals["page-cache-size"]); err != nil || c.PageCacheBytes < 1<<20 {
		return nil, fmt.Errorf("page-cache-size: %q is not a size of 1MiB or more, like 64MiB", *vals["page-cache-size"])
	}
	if c.DelayRetention, err = time.ParseDuration(*vals["delay-retention"]); err != nil || c.DelayRetention < 24*time.Hour {
		return nil, fmt.Errorf("delay-retention: %q is not a duration of a day or more, like 17520h (two years)", *vals["delay-retention"])
	}
	c.OperatorNameTH, c.OperatorNameEN = strings.TrimSpace(*vals["operator-name"]), strings.TrimSpace(*vals["operator-name-en"])
	c.OperatorEmail, c.OperatorPhone, c.OperatorURL = strings.TrimSpace(*vals["operator-email"]), strings.TrimSpace(*vals["operator-phone"]), strings.TrimSpace(*vals["operator-url"])
	if c.OperatorNameTH == "" && (c.OperatorNameEN != "" || c.OperatorEmail != "" || c.OperatorPhone != "" || c.OperatorURL != "") {
		return nil, fmt.Errorf("operator-name: give the operator's Thai name with its other details")
	}
	if u := c.OperatorURL; u != "" && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return nil, fmt.Errorf("operator-url: %q is not an http(s) address", u)
	}
	if c.MemoryLimit, err = parseSize(*vals["memory-limit"]); err != nil {
		return nil, fmt.Errorf("memory-limit: %w", err)
	}
	c.MetricsAddr, c.MetricsToken = *vals["metrics-addr"], *vals["metrics-token"]
	if c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return nil, fmt.Errorf("metrics-token: use at least 16 characters")
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return nil, fmt.Errorf("metrics-addr: %q is not host:port, like 127.0.0.1:9090", c.MetricsAddr)
		}
	}
	if c.DebugAddr = *vals["debug-addr"]; c.DebugAddr != "" {
		host, _, err := net.SplitHostPort(c.DebugAddr)
		if ip, perr := netip.ParseAddr(host); err != nil || perr != nil || !ip.IsLoopback() {
			return nil, fmt.Errorf("debug-addr: %q must be a loopback address with a port, like 127.0.0.1:6060 (the profiler must not be public)", c.DebugAddr)
		}
	}
	if c.SearchPoll, err = time.ParseDuration(*vals["search-poll"]); err != nil || c.SearchPoll <= 0 {
		return nil, fmt.Errorf("search-poll: %q is not a duration like 1s", *vals["search-poll"])
	}
	c.LocalGovDepartment = *vals["local-gov-department"]
	if c.OpenDataPerMinute, err = strconv.Atoi(*vals["open-data-per-minute"]); err != nil || c.OpenDataPerMinute < 1 {
		return nil, fmt.Errorf("open-data-per-minute: %q is not a whole number of requests, 1 or more, like 300", *vals["open-data-per-minute"])
	}
	port, err := strconv.Atoi(*vals["smtp-port"])
	if err != nil || port < 0 || port > 65535 {
		return nil, fmt.Errorf("smtp-port: %q is not a port number", *vals["smtp-port"])
	}
	for _, cidr := range strings.FieldsFunc(*vals["trusted-proxies"], func(r rune) bool { return r == ',' || r == ' ' }) {
		p, err := netip.ParsePrefix(cidr)
		if err != nil {
			a, aerr := netip.ParseAddr(cidr)
			if aerr != nil {
				return nil, fmt.Errorf("trusted-proxies: %q is not an address or CIDR like 10.0.0.0/8", cidr)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, p.Masked())
	}
	c.SMTP = notify.SMTPConfig{Host: *vals["smtp-host"], Port: port, Username: *vals["smtp-username"],
		Password: *vals["smtp-password"], From: *vals["smtp-from"], TLS: *vals["smtp-tls"]}
	if c.OIDCIssuer != "" && c.OIDCClientSecret == "" {
		return nil, fmt.Errorf("oidc-client-secret: an outside OpenID provider needs the client secret")
	}
	if c.ShutdownTimeout, err = time.ParseDuration(*vals["shutdown-timeout"]); err != nil || c.ShutdownTimeout < 0 {
		return nil, fmt.Errorf("shutdown-timeout: %q is not a duration like 15s", *vals["shutdown-timeout"])
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return nil, fmt.Errorf("log-level: %q is not debug, info, warn or error", c.LogLevel)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return nil, fmt.Errorf("log-format: %q is not text or json", c.LogFormat)
	}
	return c, nil
}

func parseBool(name, v string) (bool, error) {
	switch strings.ToLower(v) {
	case "1", "true", "yes", "on":
		return true, nil
	case "0", "false", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("%s: %q is not true or false", name, v)
}

// parseSize reads a size in bytes: a whole number with an optional unit
// (B, KB, MB, GB, KiB, MiB, GiB; case-insensitive); "0" means none.
func parseSize(v string) (int64, error) {
	v = strings.TrimSpace(v)
	i := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	n, err := strconv.ParseInt(v[:i], 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a size like 1200MiB or 2GiB", v)
	}
	units := map[string]int64{"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30}
	u, ok := units[strings.ToLower(strings.TrimSpace(v[i:]))]
	if !ok || n > (1<<62)/u {
		return 0, fmt.Errorf("%q is not a size like 1200MiB or 2GiB", v)
	}
	return n * u, nil
}

// DSN is the database to open: PostgreSQL when configured, else SQLite in the data directory.
func (c *Config) DSN() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return filepath.Join(c.DataDir, "openinfo.db")
}

// Logger logs at the configured level in the configured format.
func (c *Config) Logger(w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// PrintSettings lists every setting with its variable and default.
func PrintSettings(w io.Writer) {
	for _, s := range settings {
		def := s.def
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(w, "  --%-18s %-28s %s (default %s)\n", s.name, s.env, s.help, def)
	}
}
