package notify_test

import (
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/notify"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

// eachDB runs fn on both databases: the outbox keeps its mail in the store.
func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) { dbtest.Each(t, fn) }

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in, want string // want "" means invalid
	}{
		{"somchai@example.go.th", "somchai@example.go.th"},
		{"  Somchai.J@Example.GO.TH \n", "somchai.j@example.go.th"},
		{"สมชาย <somchai@example.go.th>", "somchai@example.go.th"},
		{"Somchai Jaidee <SOMCHAI@dga.or.th>", "somchai@dga.or.th"},
		{"first.last+tag@sub.agency.go.th", "first.last+tag@sub.agency.go.th"},
		{"o'brien_1-x@mail-host.co.th", "o'brien_1-x@mail-host.co.th"},
		{"a@b.co", "a@b.co"},
		{"a@thnic.xn--o3cw4h", "a@thnic.xn--o3cw4h"}, // .ไทย in punycode
		{"", ""},
		{"   ", ""},
		{"somchai", ""},
		{"somchai@", ""},
		{"@example.go.th", ""},
		{"somchai@localhost", ""},        // one label
		{"somchai@example", ""},          // one label
		{"somchai@example..go.th", ""},   // empty label
		{"somchai@-example.go.th", ""},   // leading hyphen
		{"somchai@example-.go.th", ""},   // trailing hyphen
		{"somchai@example.123", ""},      // numeric TLD
		{"somchai@[127.0.0.1]", ""},      // IP literal
		{"somchai@exa_mple.go.th", ""},   // underscore in domain
		{".somchai@example.go.th", ""},   // leading dot
		{"somchai.@example.go.th", ""},   // trailing dot
		{"som..chai@example.go.th", ""},  // double dot
		{`"som chai"@example.go.th`, ""}, // quoted local part
		{"สมชาย@example.go.th", ""},      // Thai local part
		{"somchai@ตัวอย่าง.ไทย", ""},     // IDN domain
		{"a@b.co, c@d.co", ""},           // a list
		{"somchai@example.go.th\r\nBcc: x@y.co", ""},
		{strings.Repeat("a", 65) + "@example.go.th", ""},
		{"a@" + strings.Repeat("b", 64) + ".go.th", ""},
		{"a@" + strings.Repeat(strings.Repeat("b", 60)+".", 5) + "th", ""},
	}
	for _, tt := range tests {
		got, err := notify.ParseAddress(tt.in)
		if tt.want == "" {
			if err == nil {
				t.Errorf("ParseAddress(%q) = %q, want an error", tt.in, got)
				continue
			}
			if openinfo.ErrorCode(err) != openinfo.EINVALID {
				t.Errorf("ParseAddress(%q): code %q, want %q", tt.in, openinfo.ErrorCode(err), openinfo.EINVALID)
			}
			e := err.(*openinfo.Error)
			if e.TH == "" || e.EN == "" || e.TH == e.EN {
				t.Errorf("ParseAddress(%q): messages TH %q EN %q, want both languages", tt.in, e.TH, e.EN)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseAddress(%q): %v", tt.in, err)
		} else if got != tt.want {
			t.Errorf("ParseAddress(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
