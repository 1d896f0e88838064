package openinfo

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"time"
)

// AuditEntry records one change: who, what, when, and the record before and
// after (JSON). The store writes it in the same transaction as the change.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    int64  // 0 for the system (migrations, imports, demo data)
	ActorName  string // kept as it was at the time
	Action     string // "agency.create", "service_point.update", ...
	EntityType string
	EntityID   int64
	Before     string // JSON, "" on create
	After      string // JSON, "" on delete
	RequestID  string
}

// Actor is whoever makes a change.
type Actor struct {
	UserID    int64
	Name      string
	RequestID string
	// AgencyPath is the agency the change concerns: the one the request was
	// authorized on, else the officer's own; the audit-log viewer finds a
	// subtree's changes by it.
	AgencyPath string
}

type actorKey struct{}

// WithActor returns a context that carries the actor of the changes made with it.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the context's actor; the system when there is none.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Name: "system"}
}

// AuditChange is one field an audited change altered.
type AuditChange struct {
	Field         string
	Before, After string // "" when the field was absent
}

// maxAuditValue is how much of a value the audit viewer shows.
const maxAuditValue = 300

// AuditChanges lists the top-level fields that differ between an entry's
// before and after records (JSON objects), in field order; a record that
// is not an object is one change named "". Long values are cut.
func AuditChanges(before, after string) []AuditChange {
	decode := func(s string) (map[string]json.RawMessage, bool) {
		if s == "" {
			return map[string]json.RawMessage{}, true
		}
		var m map[string]json.RawMessage
		return m, json.Unmarshal([]byte(s), &m) == nil && m != nil
	}
	b, okB := decode(before)
	a, okA := decode(after)
	if !okB || !okA {
		if before == after {
			return nil
		}
		return []AuditChange{{Before: auditValue(json.RawMessage(before)), After: auditValue(json.RawMessage(after))}}
	}
	keys := make([]string, 0, len(a)+len(b))
	for k := range b {
		keys = append(keys, k)
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []AuditChange
	for _, k := range keys {
		if bytes.Equal(compactJSON(b[k]), compactJSON(a[k])) {
			continue
		}
		out = append(out, AuditChange{Field: k, Before: auditValue(b[k]), After: auditValue(a[k])})
	}
	return out
}

func compactJSON(v json.RawMessage) []byte {
	var buf bytes.Buffer
	if json.Compact(&buf, v) != nil {
		return v
	}
	return buf.Bytes()
}

// auditValue shows a JSON value: a string without its quotes, anything
// else as compact JSON, null as empty, cut to maxAuditValue runes.
func auditValue(v json.RawMessage) string {
	if len(v) == 0 || string(v) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) != nil {
		s = string(compactJSON(v))
	}
	if r := []rune(s); len(r) > maxAuditValue {
		s = string(r[:maxAuditValue]) + "…"
	}
	return s
}
