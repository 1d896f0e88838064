package app

import (
	"io"
	"testing"

	"github.com/openinfo/openinfo/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestConfig(t *testing.T) {
	c, err := ParseConfig("serve", []string{"--addr", ":9000"}, envOf(map[string]string{
		"OPENINFO_ADDR": ":7000", "OPENINFO_DATA_DIR": "/var/lib/openinfo", "OPENINFO_BASE_URL": "https://info.example/",
		"OPENINFO_DEMO": "false"}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":9000" || c.DataDir != "/var/lib/openinfo" || c.Demo || !c.SecureCookies || c.BaseURL != "https://info.example" {
		t.Fatalf("config = %+v", c)
	}
	if tp, err := ParseConfig("serve", nil, envOf(map[string]string{"OPENINFO_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.7"}), io.Discard, nil); err != nil ||
		len(tp.TrustedProxies) != 2 || tp.TrustedProxies[1].String() != "192.0.2.7/32" {
		t.Fatalf("trusted proxies = %v, %v", tp, err)
	}
	c.Settle("127.0.0.1:9000")
	if c.BaseURL != "https://info.example" || c.Dev {
		t.Fatalf("settled = %q dev=%v", c.BaseURL, c.Dev)
	}
	d, _ := ParseConfig("serve", nil, envOf(map[string]string{"OPENINFO_ADDR": "localhost:8080"}), io.Discard, nil)
	d.Settle("127.0.0.1:8080")
	if d.BaseURL != "http://localhost:8080" || !d.Dev {
		t.Fatalf("default base URL = %q dev=%v (the host people type, so cookies match)", d.BaseURL, d.Dev)
	}
	// Development pages (one-time codes, first tokens) turn on unasked only
	// when nothing but this machine can reach the site.
	for _, tc := range []struct {
		addr, base, listen string
		dev                bool
	}{
		{":8080", "", "[::]:8080", false},
		{"0.0.0.0:8080", "", "0.0.0.0:8080", false},
		{"192.0.2.10:8080", "", "192.0.2.10:8080", false},
		{"127.0.0.1:8080", "https://info.example.go.th", "127.0.0.1:8080", false},
		{"127.0.0.1:8080", "", "127.0.0.1:8080", true},
		{"[::1]:8080", "", "[::1]:8080", true},
	} {
		e, _ := ParseConfig("serve", nil, envOf(map[string]string{"OPENINFO_ADDR": tc.addr, "OPENINFO_BASE_URL": tc.base}), io.Discard, nil)
		e.Settle(tc.listen)
		if e.Dev != tc.dev {
			t.Errorf("addr %q base %q: dev = %v, want %v", tc.addr, tc.base, e.Dev, tc.dev)
		}
	}
	forced, _ := ParseConfig("serve", []string{"--dev=true"}, envOf(map[string]string{"OPENINFO_ADDR": ":8080"}), io.Discard, nil)
	if forced.Settle("[::]:8080"); !forced.Dev {
		t.Error("--dev=true did not turn the development pages on")
	}
	if c.MemoryLimit != 1200<<20 {
		t.Fatalf("default memory limit = %d", c.MemoryLimit)
	}
	for v, want := range map[string]int64{"0": 0, "2GiB": 2 << 30, "1500 MB": 1500e6, "512mib": 512 << 20, "1048576": 1 << 20} {
		if m, err := ParseConfig("serve", nil, envOf(map[string]string{"OPENINFO_MEMORY_LIMIT": v}), io.Discard, nil); err != nil || m.MemoryLimit != want {
			t.Fatalf("memory limit %q = %v, %v; want %d", v, m, err, want)
		}
	}
	if c.OpenDataPerMinute != 300 {
		t.Fatalf("default open data limit = %d", c.OpenDataPerMinute)
	}
	if o, err := ParseConfig("serve", []string{"--open-data-per-minute", "60"}, envOf(map[string]string{"OPENINFO_OPEN_DATA_PER_MINUTE": "1000"}), io.Discard, nil); err != nil || o.OpenDataPerMinute != 60 {
		t.Fatalf("open data limit: the flag must win: %v, %v", o, err)
	}
	if o, err := ParseConfig("serve", nil, envOf(map[string]string{"OPENINFO_OPEN_DATA_PER_MINUTE": "1000"}), io.Discard, nil); err != nil || o.OpenDataPerMinute != 1000 {
		t.Fatalf("open data limit from the environment: %v, %v", o, err)
	}
	if c.DSN() != "/var/lib/openinfo/openinfo.db" {
		t.Fatalf("dsn = %q", c.DSN())
	}
	for _, bad := range []map[string]string{
		{"OPENINFO_DEMO": "maybe"}, {"OPENINFO_LOG_LEVEL": "loud"}, {"OPENINFO_TRUSTED_PROXIES": "10.0.0.0/33"}, {"OPENINFO_SHUTDOWN_TIMEOUT": "soon"}, {"OPENINFO_LOG_FORMAT": "xml"},
		{"OPENINFO_METRICS_TOKEN": "short"}, {"OPENINFO_METRICS_ADDR": "9090"},
		{"OPENINFO_DELAY_RETENTION": "2 years"}, {"OPENINFO_DELAY_RETENTION": "1h"}, {"OPENINFO_MEMORY_LIMIT": "lots"}, {"OPENINFO_MEMORY_LIMIT": "12TB"}, {"OPENINFO_MEMORY_LIMIT": "-1GiB"},
		{"OPENINFO_OPEN_DATA_PER_MINUTE": "0"}, {"OPENINFO_OPEN_DATA_PER_MINUTE": "lots"},
	} {
		if _, err := ParseConfig("serve", nil, envOf(bad), io.Discard, nil); err == nil {
			t.Fatalf("%v accepted", bad)
		}
	}
}

// TestOperatorSettings: the operator named in the footer and the privacy
// notice is configurable; its details need its Thai name.
func TestOperatorSettings(t *testing.T) {
	c, err := ParseConfig("serve", []string{"--operator-name", "สำนักงานทดสอบ", "--operator-email", "dpo@example.go.th"}, envOf(map[string]string{
		"OPENINFO_OPERATOR_URL": "https://example.go.th"}), io.Discard, nil)
	if err != nil || c.OperatorNameTH != "สำนักงานทดสอบ" || c.OperatorEmail != "dpo@example.go.th" || c.OperatorURL != "https://example.go.th" {
		t.Fatalf("%+v, %v", c, err)
	}
	if _, err := ParseConfig("serve", []string{"--operator-email", "dpo@example.go.th"}, envOf(nil), io.Discard, nil); err == nil {
		t.Error("details without a name accepted")
	}
	if _, err := ParseConfig("serve", []string{"--operator-name", "x", "--operator-url", "javascript:alert(1)"}, envOf(nil), io.Discard, nil); err == nil {
		t.Error("a non-http operator URL accepted")
	}
}
