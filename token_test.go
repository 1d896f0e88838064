package openinfo

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestNewToken(t *testing.T) {
	const n = 20000
	seen := make(map[string]bool, n)
	var counts [tokenLen][10]int
	for i := 0; i < n; i++ {
		tok, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if !isDigits(tok, tokenLen) || tok[0] == '0' {
			t.Fatalf("NewToken() = %q: want 15 digits, the first not 0", tok)
		}
		if p, err := ParseToken(tok); err != nil || p != tok {
			t.Fatalf("ParseToken(%q) = %q, %v", tok, p, err)
		}
		if seen[tok] {
			t.Fatalf("NewToken() repeated %q", tok)
		}
		seen[tok] = true
		for j := 0; j < tokenLen; j++ {
			counts[j][tok[j]-'0']++
		}
	}
	// Each position is uniform: 1–9 for the first, 0–9 for the others. With
	// 20,000 draws a digit is expected 2,000 (2,222) times, σ ≈ 42; allow 6σ.
	for j := 0; j < tokenLen; j++ {
		lo, k := 0, 10.0
		if j == 0 {
			lo, k = 1, 9
		}
		want := float64(n) / k
		for d := lo; d < 10; d++ {
			if got := float64(counts[j][d]); got < want-300 || got > want+300 {
				t.Errorf("digit %d appears %v times at position %d; want about %v", d, got, j, want)
			}
		}
	}
}

func TestParseToken(t *testing.T) {
	tests := []struct {
		in, want string
		th, en   string
	}{
		{in: "123456789012345", want: "123456789012345"},
		{in: "123 456 789 012 345", want: "123456789012345"},
		{in: "123-456-789-012-345", want: "123456789012345"},
		{in: "  123456 789012345\n", want: "123456789012345"},
		{in: "๑๒๓ ๔๕๖ ๗๘๙ ๐๑๒ ๓๔๕", want: "123456789012345"},
		{in: "900000000000000", want: "900000000000000"},

		{in: "", th: "กรุณากรอกรหัส Token", en: "Enter the 15-digit token"},
		{in: "   ", th: "กรุณากรอกรหัส Token", en: "Enter the 15-digit token"},
		{in: "12345678901234", th: "กรอกมา 14 หลัก", en: "14 were entered"},
		{in: "1234567890123456", th: "กรอกมา 16 หลัก", en: "16 were entered"},
		{in: "012345678901234", th: "ไม่ขึ้นต้นด้วยเลข 0", en: "never starts with 0"},
		{in: "12345678901234O", th: "เฉพาะตัวเลข", en: "no letters"},
		{in: "123.456.789.012.345", th: "เฉพาะตัวเลข", en: "no letters"},
	}
	for _, tt := range tests {
		got, err := ParseToken(tt.in)
		if tt.want != "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseToken(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if got != "" {
			t.Errorf("ParseToken(%q) = %q, want \"\" with an error", tt.in, got)
		}
		wantInvalid(t, "ParseToken("+tt.in+")", err, tt.th, tt.en)
	}
}

func TestFormatToken(t *testing.T) {
	tests := []struct{ in, want string }{
		{"123456789012345", "123 456 789 012 345"},
		{"12345", "12345"},
		{"123 456 789 012 345", "123 456 789 012 345"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FormatToken(tt.in); got != tt.want {
			t.Errorf("FormatToken(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHashToken(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	const tok = "123456789012345"
	h := HashToken(secret, tok)
	if len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" {
		t.Fatalf("HashToken = %q: want 64 lower-case hex digits", h)
	}
	if h == HashToken(secret, "123456789012346") {
		t.Error("two tokens hash alike")
	}
	if h == HashToken([]byte("another secret, another server.."), tok) {
		t.Error("the hash does not depend on the secret")
	}
	for _, spelling := range []string{"123 456 789 012 345", "๑๒๓-๔๕๖-๗๘๙-๐๑๒-๓๔๕"} {
		if got := HashToken(secret, spelling); got != h {
			t.Errorf("HashToken(%q) = %q, want the canonical token's %q", spelling, got, h)
		}
	}
	if HashToken(secret, "abc") == HashToken(secret, "abd") {
		t.Error("unparsable inputs hash alike")
	}
	// RFC 4231 test case 2: the construction is plain HMAC-SHA256.
	if got, want := HashToken([]byte("Jefe"), "what do ya want for nothing?"),
		"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"; got != want {
		t.Errorf("HMAC = %s, want %s", got, want)
	}
}

func TestTokenHashEqual(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	a, b := HashToken(secret, "123456789012345"), HashToken(secret, "123456789012346")
	tests := []struct {
		x, y string
		want bool
	}{
		{a, a, true},
		{a, strings.Clone(a), true},
		{a, b, false},
		{a, a[:63], false},
		{a, "", false},
		{"", "", true},
	}
	for _, tt := range tests {
		if got := TokenHashEqual(tt.x, tt.y); got != tt.want {
			t.Errorf("TokenHashEqual(%q, %q) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestCheckRedeem(t *testing.T) {
	now := time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC)
	good := TokenState{AgencyID: 23, Role: RolePointOfficer, ExpiresAt: now.Add(time.Hour)}
	with := func(f func(*TokenState)) TokenState { s := good; f(&s); return s }
	tests := []struct {
		name  string
		state TokenState
		bound bool
		want  error
		code  string
	}{
		{"valid", good, false, nil, ""},
		{"valid, no expiry", with(func(s *TokenState) { s.ExpiresAt = time.Time{} }), false, nil, ""},
		{"valid, central officer", with(func(s *TokenState) { s.Role = RoleCentral }), false, nil, ""},
		{"valid until the last instant", with(func(s *TokenState) { s.ExpiresAt = now.Add(time.Nanosecond) }), false, nil, ""},
		{"user already bound", good, true, ErrAlreadyBound, ECONFLICT},
		{"user bound beats a spent token", with(func(s *TokenState) { s.SpentAt = now.Add(-time.Hour) }), true, ErrAlreadyBound, ECONFLICT},
		{"spent", with(func(s *TokenState) { s.SpentAt = now.Add(-time.Hour) }), false, ErrTokenSpent, EINVALID},
		{"spent and revoked", with(func(s *TokenState) { s.SpentAt = now.Add(-time.Hour); s.Revoked = true }), false, ErrTokenSpent, EINVALID},
		{"revoked by Refresh", with(func(s *TokenState) { s.Revoked = true }), false, ErrTokenRevoked, EINVALID},
		{"revoked and expired", with(func(s *TokenState) { s.Revoked = true; s.ExpiresAt = now.Add(-time.Hour) }), false, ErrTokenRevoked, EINVALID},
		{"expired", with(func(s *TokenState) { s.ExpiresAt = now.Add(-time.Hour) }), false, ErrTokenExpired, EINVALID},
		{"expires exactly now", with(func(s *TokenState) { s.ExpiresAt = now }), false, ErrTokenExpired, EINVALID},
		{"no agency", with(func(s *TokenState) { s.AgencyID = 0 }), false, ErrTokenBroken, EINTERNAL},
		{"no role", with(func(s *TokenState) { s.Role = "" }), false, ErrTokenBroken, EINTERNAL},
		{"unknown role", with(func(s *TokenState) { s.Role = "superuser" }), false, ErrTokenBroken, EINTERNAL},
		{"OPDC role", with(func(s *TokenState) { s.Role = RoleOPDC }), false, ErrTokenBroken, EINTERNAL},
		{"admin role", with(func(s *TokenState) { s.Role = RoleAdmin }), true, ErrTokenBroken, EINTERNAL},
	}
	for _, tt := range tests {
		err := CheckRedeem(tt.state, now, tt.bound)
		if !errors.Is(err, tt.want) || (tt.want == nil) != (err == nil) {
			t.Errorf("%s: CheckRedeem = %v, want %v", tt.name, err, tt.want)
			continue
		}
		if err == nil {
			continue
		}
		if ErrorCode(err) != tt.code {
			t.Errorf("%s: code %q, want %q", tt.name, ErrorCode(err), tt.code)
		}
		if ErrorMessage(err, "th") == "" || ErrorMessage(err, "en") == "" || ErrorMessage(err, "th") == ErrorMessage(err, "en") {
			t.Errorf("%s: messages %q / %q", tt.name, ErrorMessage(err, "th"), ErrorMessage(err, "en"))
		}
	}
	// The refusals are told apart by their messages too, not only by identity.
	msgs := map[string]bool{}
	for _, e := range []*Error{ErrAlreadyBound, ErrTokenSpent, ErrTokenRevoked, ErrTokenExpired, ErrTokenBroken} {
		if msgs[e.TH] || msgs[e.EN] {
			t.Errorf("message repeated: %q", e.EN)
		}
		msgs[e.TH], msgs[e.EN] = true, true
	}
	if !strings.Contains(ErrTokenSpent.TH, "Token นี้ถูกใช้ไปแล้ว") {
		t.Errorf("spent message %q", ErrTokenSpent.TH)
	}
}

func FuzzParseToken(f *testing.F) {
	for _, s := range []string{"123456789012345", "123 456 789 012 345", "๑๒๓-๔๕๖-๗๘๙-๐๑๒-๓๔๕", "", "012345678901234", "1234567890123456", "12x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tok, err := ParseToken(s)
		if err != nil {
			if tok != "" || ErrorCode(err) != EINVALID {
				t.Fatalf("ParseToken(%q) = %q, %v", s, tok, err)
			}
			return
		}
		if !isDigits(tok, tokenLen) || tok[0] == '0' {
			t.Fatalf("ParseToken(%q) = %q: not 15 digits starting 1–9", s, tok)
		}
		for _, again := range []string{tok, FormatToken(tok)} {
			if t2, err := ParseToken(again); err != nil || t2 != tok {
				t.Fatalf("ParseToken(%q) = %q, %v; want %q", again, t2, err, tok)
			}
		}
		secret := []byte("0123456789abcdef0123456789abcdef")
		if !TokenHashEqual(HashToken(secret, s), HashToken(secret, tok)) {
			t.Fatalf("HashToken(%q) differs from HashToken(%q)", s, tok)
		}
	})
}
