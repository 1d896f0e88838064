package auth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// login runs Start and Finish against op, whose ID token carries claims
// (plus iss, aud, exp and the nonce).
func login(t *testing.T, rp *RP, op *fakeOP, claims map[string]any) (url.Values, error) {
	t.Helper()
	ctx := context.Background()
	authURL, flow, err := rp.Start(ctx)
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(authURL)
	c := map[string]any{"iss": op.issuer, "aud": "client", "exp": time.Now().Add(time.Hour).Unix(), "nonce": flow.Nonce}
	for k, v := range claims {
		c[k] = v
	}
	op.mu.Lock()
	op.claims = c
	op.mu.Unlock()
	user, _, err := rp.Finish(ctx, url.Values{"state": {flow.State}, "code": {"c"}}, flow)
	if err == nil {
		q := url.Values{"full_name": {user.FullName()}, "username": {user.Username}, "email": {user.Email}}
		return mergeQ(u.Query(), q), nil
	}
	return u.Query(), err
}

func mergeQ(a, b url.Values) url.Values {
	for k, v := range b {
		a[k] = v
	}
	return a
}

// TestNameFallback: an officer whose provider sends only name or e-mail, or
// nothing but sub, still has a name to show and to audit.
func TestNameFallback(t *testing.T) {
	op := newFakeOP(t, false)
	rp := New(Config{Issuer: op.issuer, ClientID: "client", ClientSecret: "s3cret", RedirectURL: "http://app/cb"})
	now := time.Now().Unix()
	for _, c := range []struct {
		claims map[string]any
		want   string
	}{
		{map[string]any{"sub": "u1", "name": "Somsri Jaidee", "email": "somsri@example.go.th", "auth_time": now}, "Somsri Jaidee"},
		{map[string]any{"sub": "u2", "email": "somchai@example.go.th", "auth_time": now}, "somchai@example.go.th"},
		{map[string]any{"sub": "u3", "auth_time": now}, "u3"},
		{map[string]any{"sub": "u4", "given_name": "มาลี", "family_name": "ดีใจ", "name": "Malee", "auth_time": now}, "มาลี ดีใจ"},
	} {
		q, err := login(t, rp, op, c.claims)
		if err != nil {
			t.Fatal(err)
		}
		if q.Get("full_name") != c.want {
			t.Fatalf("claims %v: name %q, want %q", c.claims, q.Get("full_name"), c.want)
		}
		// The e-mail claim is kept as the officer's address (reminders).
		if e, _ := c.claims["email"].(string); q.Get("email") != e {
			t.Fatalf("claims %v: email %q", c.claims, q.Get("email"))
		}
	}
}

// TestFreshAuthentication: every sign-in asks for prompt=login and max_age,
// and an ID token whose auth_time is older than max_age (the provider reused
// its session) is refused; one without auth_time passes with a warning.
func TestFreshAuthentication(t *testing.T) {
	op := newFakeOP(t, false)
	logs := &testLogger{}
	rp := New(Config{Issuer: op.issuer, ClientID: "client", ClientSecret: "s3cret", RedirectURL: "http://app/cb", Logger: slogTo(logs)})
	q, err := login(t, rp, op, map[string]any{"sub": "u1", "auth_time": time.Now().Add(-9 * time.Minute).Unix()})
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("prompt") != "login" || q.Get("max_age") != "600" {
		t.Fatalf("authorization request prompt=%q max_age=%q", q.Get("prompt"), q.Get("max_age"))
	}
	if _, err := login(t, rp, op, map[string]any{"sub": "u1", "auth_time": time.Now().Add(-8 * time.Hour).Unix()}); !errors.Is(err, ErrNotFresh) {
		t.Fatalf("an 8-hour-old authentication: %v", err)
	}
	for range 2 {
		if _, err := login(t, rp, op, map[string]any{"sub": "u1"}); err != nil {
			t.Fatalf("no auth_time: %v", err)
		}
	}
	if logs.count("no auth_time") != 1 {
		t.Fatalf("log = %q", logs.lines)
	}
}

// TestSetupErrors: each setup mistake is its own error, not "sign-in
// expired": a refused client secret, a refused scope, an unreachable
// provider; an expired or reused code is a stale sign-in.
func TestSetupErrors(t *testing.T) {
	op := newFakeOP(t, false)
	claims := map[string]any{"sub": "u1", "auth_time": time.Now().Unix()}
	wrong := New(Config{Issuer: op.issuer, ClientID: "client", ClientSecret: "wrong", RedirectURL: "http://app/cb"})
	if _, err := login(t, wrong, op, claims); !errors.Is(err, ErrCredentials) {
		t.Fatalf("wrong client secret: %v", err)
	}
	rp := New(Config{Issuer: op.issuer, ClientID: "client", ClientSecret: "s3cret", RedirectURL: "http://app/cb"})
	_, flow, err := rp.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := rp.Finish(context.Background(), url.Values{"error": {"invalid_scope"}, "state": {flow.State}}, flow); !errors.Is(err, ErrScope) {
		t.Fatalf("invalid_scope: %v", err)
	}
	op.mu.Lock()
	op.token = func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"error":"invalid_grant"}`))
		return true
	}
	op.mu.Unlock()
	if _, err := login(t, rp, op, claims); !errors.Is(err, ErrBadState) {
		t.Fatalf("invalid_grant: %v", err)
	}
	op.srv.Close()
	down := New(Config{Issuer: op.issuer, ClientID: "client"})
	if _, _, err := down.Start(context.Background()); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("unreachable provider: %v", err)
	}
	if _, _, err := rp.Finish(context.Background(), url.Values{"state": {flow.State}, "code": {"c"}}, flow); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("unreachable token endpoint: %v", err)
	}
}
