package digitalid

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPasswordHash(t *testing.T) {
	h := hashPassword("Secret123x")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not a PHC argon2id string", h)
	}
	if !verifyPassword(h, "Secret123x") || verifyPassword(h, "Secret123X") || verifyPassword("garbage", "Secret123x") {
		t.Fatal("verifyPassword is wrong")
	}
	if hashPassword("Secret123x") == h {
		t.Fatal("no salt")
	}
}

func TestCredentialRules(t *testing.T) {
	for _, tc := range []struct {
		user, pw string
		fields   string
	}{
		{"somchai99", "Secret123x", ""},
		{"som", "Secret123x", "username"},
		{"somchai_99", "Secret123x", "username"},
		{"สมชาย12345", "Secret123x", "username"},
		{"somchai99", "secret123x", "password"},
		{"somchai99", "SECRET123X", "password"},
		{"somchai99", "SecretXyzw", "password"},
		{"somchai99", "Se1", "password"},
		{"somchai99", "XSomchai99x", "password"},
	} {
		var v validation
		checkUsername(&v, tc.user)
		checkPassword(&v, "password", tc.pw, strings.ToLower(tc.user))
		var got []string
		for _, f := range v.fields {
			got = append(got, f.Field)
		}
		if strings.Join(got, ",") != tc.fields {
			t.Errorf("%q/%q: errors on %v, want %q", tc.user, tc.pw, got, tc.fields)
		}
	}
}

func TestHTTPSMSSender(t *testing.T) {
	var got struct{ To, Text string }
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" || r.Method != http.MethodPost {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		json.NewDecoder(r.Body).Decode(&got)
	}))
	defer srv.Close()
	s := &HTTPSMSSender{URL: srv.URL, Token: "tok"}
	if err := s.SendSMS(context.Background(), "+66812345678", "รหัส 123456"); err != nil {
		t.Fatal(err)
	}
	if got.To != "+66812345678" || got.Text != "รหัส 123456" {
		t.Fatalf("gateway got %+v", got)
	}
	s.Token = "wrong"
	if err := s.SendSMS(context.Background(), "+66812345678", "x"); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("want a 401 error, got %v", err)
	}
}

func TestMobileForms(t *testing.T) {
	m, err := parseMobileE164("081-234-5678")
	if err != nil || m != "+66812345678" || nationalMobile(m) != "081 234 5678" || maskMobile(m) != "08x xxx 5678" {
		t.Fatalf("%q %v %q %q", m, err, nationalMobile(m), maskMobile(m))
	}
}

// TestNewPasswordForgetsDevices: a browser known to an account (exempt from
// the limits that others' failures fill) is forgotten when the password
// changes, as after a reset that follows a theft.
func TestNewPasswordForgetsDevices(t *testing.T) {
	p := &Provider{secret: []byte("device test secret"), now: time.Now}
	u := &user{Sub: "sub-1", PasswordHash: hashPassword("Secret123x")}
	rec := httptest.NewRecorder()
	p.rememberDevice(rec, httptest.NewRequest("GET", "/", nil), u)
	r := httptest.NewRequest("GET", "/", nil)
	for _, c := range rec.Result().Cookies() {
		r.AddCookie(c)
	}
	if !p.knownDevice(r, u) {
		t.Fatal("the browser that signed in is not known")
	}
	if p.knownDevice(r, &user{Sub: "sub-2", PasswordHash: u.PasswordHash}) {
		t.Fatal("the browser is known to another account")
	}
	u.PasswordHash = hashPassword("NewSecret456y")
	if p.knownDevice(r, u) {
		t.Fatal("the browser is still known after the password changed")
	}
}
