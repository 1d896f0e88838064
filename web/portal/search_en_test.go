package portal

import "testing"

// TestProvinceEN: a hit's place reads in English: the province, without the
// district the index adds for a service point.
func TestProvinceEN(t *testing.T) {
	for in, want := range map[string]string{"เชียงใหม่": "Chiang Mai", "อำเภอเมืองสงขลา สงขลา": "Songkhla", "ที่ไหนสักแห่ง": "ที่ไหนสักแห่ง", "": ""} {
		if got := provinceEN(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
