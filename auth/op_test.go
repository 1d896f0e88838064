package auth

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/coreos/go-oidc/v3/oidc/oidctest"
)

// fakeOP is a minimal OpenID provider for the relying party's tests: its
// discovery document, token answer and ID token claims are the test's to set.
type fakeOP struct {
	srv    *httptest.Server
	issuer string
	key    *rsa.PrivateKey
	keys   oidctest.Server

	mu        sync.Mutex
	discovery map[string]any
	hits      int                                               // discovery requests
	block     chan struct{}                                     // when set, discovery waits for it (or the client giving up)
	token     func(w http.ResponseWriter, r *http.Request) bool // answers the token request itself when it returns true
	claims    map[string]any                                    // of the next ID token
	secret    string
}

func newFakeOP(t *testing.T, trailingSlash bool) *fakeOP {
	t.Helper()
	op := &fakeOP{secret: "s3cret"}
	op.key, _ = rsa.GenerateKey(rand.Reader, 2048)
	op.keys.PublicKeys = []oidctest.PublicKey{{PublicKey: op.key.Public(), KeyID: "k1", Algorithm: oidc.RS256}}
	op.srv = httptest.NewServer(http.HandlerFunc(op.serve))
	t.Cleanup(op.srv.Close)
	op.issuer = op.srv.URL
	if trailingSlash {
		op.issuer += "/"
	}
	op.keys.SetIssuer(op.srv.URL)
	base := op.srv.URL
	op.discovery = map[string]any{"issuer": op.issuer, "authorization_endpoint": base + "/auth",
		"token_endpoint": base + "/token", "jwks_uri": base + "/keys", "id_token_signing_alg_values_supported": []string{"RS256"},
		"response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"}}
	return op
}

func (op *fakeOP) set(k string, v any) {
	op.mu.Lock()
	defer op.mu.Unlock()
	if v == nil {
		delete(op.discovery, k)
	} else {
		op.discovery[k] = v
	}
}

func (op *fakeOP) serve(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/.well-known/openid-configuration":
		op.mu.Lock()
		op.hits++
		block := op.block
		doc, _ := json.Marshal(op.discovery)
		op.mu.Unlock()
		if block != nil {
			select {
			case <-block:
			case <-r.Context().Done():
				return
			}
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(doc)
	case "/keys":
		op.keys.ServeHTTP(w, r)
	case "/token":
		op.mu.Lock()
		tokenFn, claims, secret := op.token, op.claims, op.secret
		op.mu.Unlock()
		if tokenFn != nil && tokenFn(w, r) {
			return
		}
		if id, s, _ := r.BasicAuth(); id+":"+s != "client:"+secret && r.PostFormValue("client_secret") != secret {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":"invalid_client"}`))
			return
		}
		c, _ := json.Marshal(claims)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "Bearer",
			"id_token": oidctest.SignIDToken(op.key, "k1", oidc.RS256, string(c))})
	default:
		http.NotFound(w, r)
	}
}

func (op *fakeOP) hitCount() int {
	op.mu.Lock()
	defer op.mu.Unlock()
	return op.hits
}

// testLogger collects log lines.
type testLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *testLogger) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, strings.TrimSpace(string(b)))
	return len(b), nil
}

func (l *testLogger) count(sub string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.lines {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

func slogTo(l *testLogger) *slog.Logger { return slog.New(slog.NewTextHandler(l, nil)) }
