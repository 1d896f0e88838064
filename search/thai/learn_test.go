package thai

import (
	"reflect"
	"testing"
)

// TestLearntWords: a learnt word cuts a query only where it saves a word of
// the list; it never swallows the start of the next word (issue 16, point
// 4). Indexed texts keep learnt names whole.
func TestLearntWords(t *testing.T) {
	d := NewDict("ใบ", "ขับขี่", "ขี่", "ขับ", "แจ้ง", "เกิด", "ลูก", "ลำ", "กา")
	if n := d.Learn("ใบขับ", "แจ้งเกิด", "ลำลูกกา", "ขับขี่"); n != 3 {
		t.Errorf("Learn: %d new words, want 3 (ขับขี่ is of the list)", n)
	}
	if !d.Learnt("ใบขับ") || d.Learnt("ขับขี่") || d.Learnt("ใบ") || !d.Contains("ใบขับ") {
		t.Error("Learnt: wrong words")
	}
	texts := func(toks []Token) []string {
		var out []string
		for _, tok := range toks {
			out = append(out, tok.Text)
		}
		return out
	}
	for q, want := range map[string][]string{
		"ใบขับขี่":    {"ใบ", "ขับขี่"},        // not ใบขับ|ขี่: as many words
		"แจ้งเกิดลูก": {"แจ้งเกิด", "ลูก"},     // saves a word
		"ลำลูกกา":     {"ลำลูกกา"},             // saves two
		"ขับขี่ใบขับ": {"ขับขี่", "ใบขับ"},     // saves a word
		"ขับใบขับขี่": {"ขับ", "ใบ", "ขับขี่"}, // not ขับ|ใบขับ|ขี่
	} {
		if got := texts(d.SegmentQuery(q)); !reflect.DeepEqual(got, want) {
			t.Errorf("SegmentQuery(%q) = %v, want %v", q, got, want)
		}
	}
	if got := texts(d.SegmentOffsets("ลำลูกกา")); !reflect.DeepEqual(got, []string{"ลำลูกกา"}) {
		t.Errorf("SegmentOffsets(ลำลูกกา) = %v", got)
	}
	// A learnt word later found in a list becomes a word of the list.
	d.Add("ใบขับ")
	if d.Learnt("ใบขับ") {
		t.Error("ใบขับ still learnt after Add")
	}
}
