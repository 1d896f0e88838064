package thai

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDict(t *testing.T) {
	d := NewDict("ขอ", "ใบ อนุญาต", "ภ.ง.ด.", "น\u0E4D\u0E32")
	for _, w := range []string{"ขอ", "ใบ", "อนุญาต", "ภ", "ง", "ด", "นำ"} {
		if !d.Contains(w) {
			t.Errorf("Contains(%q) = false", w)
		}
	}
	if d.Contains("ใบอนุญาต") || d.Contains("") || d.Contains("ข") {
		t.Error("Contains reports a word that was not added")
	}
	if n := d.Add("ขอ", "ใหม่"); n != 1 {
		t.Errorf("Add returned %d new words, want 1", n)
	}
	if d.Len() != 8 {
		t.Errorf("Len = %d, want 8", d.Len())
	}
	var zero Dict
	zero.Add("ขอ")
	if !zero.Contains("ขอ") {
		t.Error("zero Dict does not work")
	}
}

func TestDefaultSeed(t *testing.T) {
	d := Default()
	if d.Len() < 300 {
		t.Errorf("seed list has %d words, want a few hundred", d.Len())
	}
	for _, w := range []string{"ขอ", "ใบอนุญาต", "ทะเบียนบ้าน", "บัตรประชาชน", "ใบขับขี่", "รถยนต์",
		"จักรยานยนต์", "ภาษี", "โฉนด", "สำนักงาน", "อำเภอ", "เทศบาล", "ต่ออายุ"} {
		if !d.Contains(w) {
			t.Errorf("seed list lacks %q", w)
		}
	}
	// Default returns independent dictionaries.
	d.Add("คำทดสอบเฉพาะ")
	if Default().Contains("คำทดสอบเฉพาะ") {
		t.Error("Default shares state between calls")
	}
}

func TestLoadWords(t *testing.T) {
	d := NewDict()
	in := "\uFEFF# openinfo test list\nขอ\n\nใบอนุญาต\tnoun\n  ทะเบียนบ้าน  \n" +
		string([]byte{0xA2, 0xCD}) + "\n" // "ขอ" in TIS-620
	n, err := d.LoadWords(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Errorf("LoadWords added %d, want 3", n)
	}
	for _, w := range []string{"ขอ", "ใบอนุญาต", "ทะเบียนบ้าน"} {
		if !d.Contains(w) {
			t.Errorf("missing %q", w)
		}
	}
}

// tis620 encodes Thai text in TIS-620.
func tis620(s string) []byte {
	var b []byte
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
		} else {
			b = append(b, byte(r-0x0D60))
		}
	}
	return b
}

func TestLoadHunspell(t *testing.T) {
	dir := t.TempDir()
	utf := filepath.Join(dir, "utf.dic")
	os.WriteFile(utf, []byte("3\nขอ/AB\nใบอนุญาต\nบ/ช\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "utf.aff"), []byte("SET UTF-8\n"), 0o644)

	tis := filepath.Join(dir, "tis.dic")
	body := append([]byte("2\n"), tis620("ทะเบียนบ้าน/X\nรถยนต์\n")...)
	os.WriteFile(tis, body, 0o644)
	os.WriteFile(filepath.Join(dir, "tis.aff"), []byte("# Thai\nSET TIS-620\nTRY abc\n"), 0o644)

	// No .aff at all: TIS-620 is detected from invalid UTF-8.
	noaff := filepath.Join(dir, "noaff.dic")
	os.WriteFile(noaff, append([]byte("1\n"), tis620("ภาษี")...), 0o644)

	d := NewDict()
	for _, p := range []string{utf, tis, noaff} {
		if _, err := d.LoadFile(p); err != nil {
			t.Fatal(err)
		}
	}
	for _, w := range []string{"ขอ", "ใบอนุญาต", "บ", "ทะเบียนบ้าน", "รถยนต์", "ภาษี"} {
		if !d.Contains(w) {
			t.Errorf("missing %q", w)
		}
	}
	if d.Contains("3") || d.Contains("ช") {
		t.Error("count line or flags were loaded as words")
	}
	if _, err := d.LoadHunspell(filepath.Join(dir, "missing.dic")); err == nil {
		t.Error("no error for a missing file")
	}
}

func TestLoadSystem(t *testing.T) {
	found := false
	for _, p := range SystemDictPaths {
		if _, err := os.Stat(p); err == nil {
			found = true
		}
	}
	d := Default()
	seed := d.Len()
	path, ok := LoadSystem(d)
	if !found {
		if ok {
			t.Fatalf("LoadSystem reported %s although no file exists", path)
		}
		t.Skip("no system Thai dictionary (install hunspell-th to run this test)")
	}
	if !ok {
		t.Fatalf("a system dictionary exists but LoadSystem failed")
	}
	t.Logf("loaded %s: %d words (seed %d)", path, d.Len(), seed)
	if d.Len() < seed+10000 {
		t.Errorf("only %d words after loading %s", d.Len(), path)
	}
	// hunspell-th holds compounds such as ใบอนุญาตขับขี่, so only check
	// what does not depend on them.
	got := d.Tokenize("ขอใบอนุญาตขับขี่ที่สำนักงานขนส่ง")
	if len(got) < 3 || got[0] != "ขอ" || strings.Join(got, "") != "ขอใบอนุญาตขับขี่ที่สำนักงานขนส่ง" {
		t.Errorf("with %s: %q", path, got)
	}
	t.Logf("%q", got)
	t.Logf("%q", d.Tokenize("การขอใบอนุญาตประกอบกิจการโรงงานจำพวกที่สามต้องยื่นคำขอต่อสำนักงานอุตสาหกรรมจังหวัด"))
}
