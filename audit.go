package openinfo

import (
	"context"
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
