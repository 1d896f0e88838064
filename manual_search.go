package openinfo

import "strings"

// SearchTextMax bounds the text of a manual that search indexes: the start
// of a manual says what it is about; its 40th step adds noise, not recall.
const SearchTextMax = 4000

// SearchText is the part of the manual that search indexes besides its
// names: criteria, step details, document names, fee details and legal
// bases, a line each, cut at SearchTextMax bytes (on a character boundary).
// The store keeps it beside the content, so that building the index reads
// text instead of decoding every manual's JSON.
func (c *ManualContent) SearchText() string {
	var b strings.Builder
	line := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	line(c.Criteria)
	for _, s := range c.Steps {
		line(s.Detail)
	}
	for _, d := range c.Documents {
		line(d.Name)
	}
	for _, x := range c.Fees {
		line(x.Detail)
	}
	for _, l := range c.LegalBases {
		line(l.Kind + l.Name)
	}
	return ClipText(b.String(), SearchTextMax)
}

// ClipText cuts s to at most n bytes without splitting a UTF-8 character.
// It stays here rather than in searchfeed because SearchText, which the
// store keeps, is cut by it too; the feed cuts its other bodies the same way.
func ClipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
		cut--
	}
	return s[:cut]
}
