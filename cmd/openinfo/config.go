package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"
)

// config is every setting of openinfo. Each is a flag and an OPENINFO_*
// environment variable; a flag wins over the variable.
type config struct {
	Addr            string
	DataDir         string
	DatabaseURL     string
	BaseURL         string
	Demo            bool
	LogLevel        string
	LogFormat       string
	SecureCookies   bool
	ShutdownTimeout time.Duration
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
}

// parseConfig reads flags from args with defaults from the environment;
// extra, if not nil, adds a command's own flags.
func parseConfig(name string, args []string, env func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (*config, error) {
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
	c := &config{Addr: *vals["addr"], DataDir: *vals["data-dir"], DatabaseURL: *vals["database-url"],
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

// dsn is the database to open: PostgreSQL when configured, else SQLite in the data directory.
func (c *config) dsn() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return filepath.Join(c.DataDir, "openinfo.db")
}

func (c *config) logger(w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// printSettings lists every setting with its variable and default.
func printSettings(w io.Writer) {
	for _, s := range settings {
		def := s.def
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(w, "  --%-18s %-28s %s (default %s)\n", s.name, s.env, s.help, def)
	}
}
