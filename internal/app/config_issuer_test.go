package app

import (
	"io"
	"testing"
)

// TestIssuerKeptExactly: an issuer with a trailing slash is kept as written;
// discovery compares it byte for byte with the provider's.
func TestIssuerKeptExactly(t *testing.T) {
	c, err := ParseConfig("serve", nil, envOf(map[string]string{"OPENINFO_OIDC_ISSUER": "https://id.example.go.th/realms/gov/",
		"OPENINFO_OIDC_CLIENT_SECRET": "s"}), io.Discard, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.OIDCIssuer != "https://id.example.go.th/realms/gov/" {
		t.Fatalf("issuer = %q", c.OIDCIssuer)
	}
}
