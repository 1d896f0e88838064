package openinfo

import "strings"

// SortKey returns a key that orders Thai text as a Thai dictionary does: a
// leading vowel (เ แ โ ใ ไ) is written before its consonant but sorted after
// it, so "เชียงใหม่" files under ช, not under เ. Code-point order would put
// every name starting with เ after all of ฮ.
func SortKey(s string) string {
	r := []rune(strings.ToLower(s))
	for i := 0; i+1 < len(r); i++ {
		if r[i] >= 'เ' && r[i] <= 'ไ' && r[i+1] >= 'ก' && r[i+1] <= 'ฮ' {
			r[i], r[i+1] = r[i+1], r[i]
			i++
		}
	}
	return string(r)
}
