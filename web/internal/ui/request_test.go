package ui

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientIP(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	tests := []struct {
		remote, xff, want string
	}{
		{"203.0.113.9:5000", "", "203.0.113.9"},
		{"203.0.113.9:5000", "198.51.100.1", "203.0.113.9"},         // untrusted peer: header ignored
		{"10.1.2.3:5000", "198.51.100.1", "198.51.100.1"},           // behind the load balancer
		{"10.1.2.3:5000", "6.6.6.6, 198.51.100.1", "198.51.100.1"},  // the client's own claim is not believed
		{"10.1.2.3:5000", "198.51.100.1, 10.9.9.9", "198.51.100.1"}, // two trusted hops
		{"10.1.2.3:5000", "", "10.1.2.3"},                           // a proxy with no header
		{"[::1]:5000", "2001:db8::1", "2001:db8::1"},                // IPv6
		{"10.1.2.3:5000", "not-an-ip", "not-an-ip"},                 // junk is its own key, not trusted
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := ClientIP(r, proxies); got != tt.want {
			t.Errorf("%s + %q = %q, want %q", tt.remote, tt.xff, got, tt.want)
		}
	}
}
