package openinfo

import (
	"reflect"
	"strings"
	"testing"
)

func TestAuditChanges(t *testing.T) {
	long := strings.Repeat("ก", 400)
	for _, c := range []struct {
		name, before, after string
		want                []AuditChange
	}{
		{"create", "", `{"NameTH":"กรมใหม่","ID":7}`, []AuditChange{{"ID", "", "7"}, {"NameTH", "", "กรมใหม่"}}},
		{"delete", `{"Role":"author"}`, "", []AuditChange{{"Role", "author", ""}}},
		{"one field", `{"Role":"author","Version":2,"Name":"ก"}`, `{"Role":"reviewer","Version":3,"Name":"ก"}`,
			[]AuditChange{{"Role", "author", "reviewer"}, {"Version", "2", "3"}}},
		{"same up to spacing", `{"A": [1, 2]}`, `{"A":[1,2]}`, nil},
		{"nested and null", `{"C":{"x":1},"D":null}`, `{"C":{"x":2},"D":"v"}`, []AuditChange{{"C", `{"x":1}`, `{"x":2}`}, {"D", "", "v"}}},
		{"not objects", `[1]`, `[2]`, []AuditChange{{"", "[1]", "[2]"}}},
		{"long values are cut", "", `{"T":"` + long + `"}`, []AuditChange{{"T", "", strings.Repeat("ก", 300) + "…"}}},
	} {
		if got := AuditChanges(c.before, c.after); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
