package auth

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestDGASecret: with the DGA option the token request authenticates with
// Basic auth and the client secret hashed as DGA expects (DOMAIN.md §6).
func TestDGASecret(t *testing.T) {
	var gotAuth string
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": srv.URL, "authorization_endpoint": srv.URL + "/connect/authorize",
			"token_endpoint": srv.URL + "/connect/token", "jwks_uri": srv.URL + "/keys", "userinfo_endpoint": srv.URL + "/connect/userinfo",
			"end_session_endpoint": srv.URL + "/connect/endsession", "id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/connect/token", func(w http.ResponseWriter, r *http.Request) {
		gotAuth = r.Header.Get("Authorization")
		http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
	})
	rp := New(Config{Issuer: srv.URL, ClientID: "info-client", ClientSecret: "s3cret", RedirectURL: "http://app/cb", DGASecret: true,
		LogoutParam: "post_logout_redirect_url", PostLogoutURL: "http://app/"})
	authURL, flow, err := rp.Start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(authURL)
	if u.Query().Get("code_challenge_method") != "S256" || u.Query().Get("nonce") != flow.Nonce || u.Query().Get("state") != flow.State {
		t.Fatalf("authorization URL lacks PKCE, nonce or state: %s", authURL)
	}
	_, _, err = rp.Finish(context.Background(), url.Values{"state": {flow.State}, "code": {"c"}}, flow)
	if err == nil {
		t.Fatal("exchange against a refusing server succeeded")
	}
	x := "s3cret"
	for i := 0; i < 7; i++ {
		sum := md5.Sum([]byte(x + "EGA"))
		x = hex.EncodeToString(sum[:])
	}
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("info-client:"+x))
	if gotAuth != want {
		t.Fatalf("Authorization = %q, want %q", gotAuth, want)
	}
	// A wrong state never reaches the token endpoint.
	gotAuth = ""
	if _, _, err := rp.Finish(context.Background(), url.Values{"state": {"forged"}, "code": {"c"}}, flow); err != ErrBadState || gotAuth != "" {
		t.Fatalf("forged state: %v (token endpoint called: %v)", err, gotAuth != "")
	}
	if _, _, err := rp.Finish(context.Background(), url.Values{"error": {"access_denied"}}, flow); err != ErrDeclined {
		t.Fatalf("declined: %v", err)
	}
	if l := rp.LogoutURL(context.Background(), "tok"); !strings.Contains(l, "post_logout_redirect_url=http%3A%2F%2Fapp%2F") || !strings.Contains(l, "id_token_hint=tok") {
		t.Fatalf("logout URL = %s", l)
	}
}

func TestSealer(t *testing.T) {
	s, err := NewSealer([]byte("0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	sealed := s.Seal("100200300400500")
	if got, err := s.Open(sealed); err != nil || got != "100200300400500" {
		t.Fatalf("open = %q, %v", got, err)
	}
	if _, err := s.Open(sealed[:len(sealed)-2] + "AA"); err == nil {
		t.Fatal("a tampered token opened")
	}
	other, _ := NewSealer([]byte("another secret!!"))
	if _, err := other.Open(sealed); err == nil {
		t.Fatal("another key opened the token")
	}
	if !s.Verify(s.Sign("a", "b"), "a", "b") || s.Verify(s.Sign("a", "b"), "ab") || s.Verify(s.Sign("a"), "b") {
		t.Fatal("Sign/Verify")
	}
	if _, err := NewSealer([]byte("short")); err == nil {
		t.Fatal("short secret accepted")
	}
}
