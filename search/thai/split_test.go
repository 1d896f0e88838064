package thai

import (
	"slices"
	"testing"
)

func TestSplit(t *testing.T) {
	d := NewDict("บัตร", "ประจำตัว", "ประชาชน", "บัตรประจำตัวประชาชน", "ใบ", "อนุญาต", "ขับ", "รถ", "ยนต์")
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"บัตรประจำตัวประชาชน", []string{"บัตร", "ประจำตัว", "ประชาชน"}},
		{"ใบอนุญาต", []string{"ใบ", "อนุญาต"}},
		{"รถยนต์", []string{"รถ", "ยนต์"}},
		{"บัตร", nil},      // a single word is not split
		{"บัตรหาย", nil},   // หาย is not a word
		{"abc", nil},       // not Thai
		{"", nil},          // empty
		{"ใบอนุญาติ", nil}, // ติ is one cluster: no cut inside it
	} {
		if got := d.Split(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Split(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	var nilDict *Dict
	if nilDict.Split("ใบอนุญาต") != nil {
		t.Error("nil dict split")
	}
}

// TestSplitCache checks that a remembered split is dropped when the
// dictionary gains a word that cuts the word differently.
func TestSplitCache(t *testing.T) {
	d := NewDict("ใบ", "อนุญาต", "ขับขี่", "ขับ", "ขี่")
	w := "ใบอนุญาตขับขี่"
	want := []string{"ใบ", "อนุญาต", "ขับขี่"}
	for range 2 { // computed, then remembered
		if got := d.Split(w); !slices.Equal(got, want) {
			t.Fatalf("Split(%q) = %q, want %q", w, got, want)
		}
	}
	d.Add("ใบอนุญาต")
	want = []string{"ใบอนุญาต", "ขับขี่"}
	if got := d.Split(w); !slices.Equal(got, want) {
		t.Fatalf("after Add: Split(%q) = %q, want %q", w, got, want)
	}
	d.Add("ใบอนุญาต") // not new: the cache stays
	if got := d.Split(w); !slices.Equal(got, want) {
		t.Fatalf("after a second Add: Split(%q) = %q, want %q", w, got, want)
	}
}
