package thai

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestSegment(t *testing.T) {
	d := Default()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"driving licence", "ขอใบอนุญาตขับขี่", []string{"ขอ", "ใบอนุญาต", "ขับขี่"}},
		{"house registration", "ทะเบียนบ้าน", []string{"ทะเบียนบ้าน"}},
		{"move house registration", "ย้ายทะเบียนบ้าน", []string{"ย้าย", "ทะเบียนบ้าน"}},
		{"id card renewal", "ทำบัตรประชาชนใหม่", []string{"ทำ", "บัตรประชาชน", "ใหม่"}},
		{"mixed", "ต่อภาษีรถยนต์ online 2567", []string{"ต่อ", "ภาษี", "รถยนต์", "online", "2567"}},
		{"thai digits", "ภาษีที่ดินปี ๒๕๖๗", []string{"ภาษีที่ดิน", "ปี", "2567"}},
		{"birth at district office", "แจ้งเกิดที่สำนักงานเขต", []string{"แจ้ง", "เกิด", "ที่", "สำนักงานเขต"}},
		{"punctuation dropped", "ขอ, ใบอนุญาต! (ร้านอาหาร)", []string{"ขอ", "ใบอนุญาต", "ร้านอาหาร"}},
		{"mai yamok dropped", "เอกสารต่างๆ", []string{"เอกสาร", "ต่าง"}},
		{"unknown word one group", "ขอเฟื่องฟ้า", []string{"ขอ", "เฟื่องฟ้า"}},
		{"karan cluster", "จันทร์สิทธิ์", []string{"จันทร์", "สิทธิ์"}},
		{"empty", "", nil},
		{"only spaces", "   \t  ", nil},
		{"latin and digits", "Form A-12", []string{"form", "a", "12"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := d.Tokenize(tt.in)
			if !equal(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSegmentNoDictionary(t *testing.T) {
	for _, d := range []*Dict{nil, {}, NewDict()} {
		got := d.Tokenize("ขอใบอนุญาต abc")
		if want := []string{"ขอใบอนุญาต", "abc"}; !equal(got, want) {
			t.Errorf("empty dict: got %q, want %q", got, want)
		}
	}
}

func TestSegmentUnknownKeepsClusters(t *testing.T) {
	d := NewDict("ขอ", "เมือง")
	// "เกี่ยว" is unknown: it must stay one token, never split as เก|ี่ยว.
	got := d.Tokenize("ขอเกี่ยวเมือง")
	if want := []string{"ขอ", "เกี่ยว", "เมือง"}; !equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// A dictionary word that would end inside a cluster is not used: "เมื"
	// would cut เมือ-ง, "ก" would take the consonant from its vowels.
	d = NewDict("เมื", "ก", "ขอ")
	got = d.Tokenize("ขอกี่เมือง")
	for _, tok := range got {
		if tok == "เมื" || tok == "ก" {
			t.Errorf("token %q splits a cluster: %q", tok, got)
		}
	}
}

func TestSegmentOffsets(t *testing.T) {
	d := Default()
	s := Normalize("ต่อภาษีรถยนต์ online ๒๕๖๗ ที่สำนักงานเขต")
	toks := d.SegmentOffsets(s)
	if len(toks) == 0 {
		t.Fatal("no tokens")
	}
	checkTokens(t, s, toks)
	if toks[0].Text != "ต่อ" || toks[0].Start != 0 || toks[0].End != len("ต่อ") {
		t.Errorf("first token %+v", toks[0])
	}
}

func TestDomainWords(t *testing.T) {
	d := Default()
	before := d.Tokenize("ขอจดทะเบียนพาณิชย์อิเล็กทรอนิกส์สำหรับวิสาหกิจเพื่อสังคม")
	if n := d.Add("สำหรับ", "วิสาหกิจเพื่อสังคม"); n != 2 {
		t.Errorf("Add returned %d, want 2", n)
	}
	got := d.Tokenize("ขอจดทะเบียนพาณิชย์อิเล็กทรอนิกส์สำหรับวิสาหกิจเพื่อสังคม")
	want := []string{"อิเล็กทรอนิกส์", "สำหรับ", "วิสาหกิจเพื่อสังคม"}
	if len(got) < 3 || !equal(got[len(got)-3:], want) {
		t.Errorf("before %q\nafter %q\nwant to end with %q", before, got, want)
	}
	if equal(before, got) {
		t.Error("domain words changed nothing")
	}
}

// thaiRuns returns the Thai runs of normalised s as the segmenter sees them.
func thaiRuns(s string) []string {
	var runs []string
	forEachThaiRun(s, func(run string) { runs = append(runs, run) })
	return runs
}

func TestSegmentProperties(t *testing.T) {
	d := Default()
	inputs := []string{
		"ขอใบอนุญาตขับขี่รถจักรยานยนต์ชั่วคราวที่สำนักงานขนส่งจังหวัดเชียงใหม่",
		"การจดทะเบียนสมรสและการจดทะเบียนหย่าที่ว่าการอำเภอหรือสำนักงานเขต",
		"เปลี่ยนชื่อตัวชื่อสกุลเกี่ยวกับเอกสารสำคัญของคนต่างด้าวเกี๊ยวซ่าฬ",
		"ไทยแลนด์ ่่ ะ า ำ ๆ ฯ ฿ ข้าวผัดกะเพรา เฉลิมพระเกียรติ กรุงเทพฯ",
		"ก็ ก่ ก้ ํ า เ แ โ ใ ไ เ่ อ์ ร์ กร์ เกาะ เเ",
	}
	for _, in := range inputs {
		s := Normalize(in)
		toks := d.SegmentOffsets(s)
		checkTokens(t, s, toks)
		// Concatenating the tokens of each Thai run gives back the run.
		var thai strings.Builder
		for _, tok := range toks {
			r, _ := utf8.DecodeRuneInString(tok.Text)
			if isThaiBlock(r) {
				thai.WriteString(tok.Text)
			}
		}
		if got, want := thai.String(), strings.Join(thaiRuns(s), ""); got != want {
			t.Errorf("%q: Thai tokens %q, runs %q", in, got, want)
		}
	}
}

// checkTokens checks the invariants of SegmentOffsets.
func checkTokens(t *testing.T, s string, toks []Token) {
	t.Helper()
	prev := 0
	for _, tok := range toks {
		if tok.Text == "" {
			t.Fatalf("empty token in %q", s)
		}
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
			t.Fatalf("bad offsets %+v (prev end %d, len %d)", tok, prev, len(s))
		}
		if s[tok.Start:tok.End] != tok.Text {
			t.Fatalf("token %+v is not s[%d:%d] = %q", tok, tok.Start, tok.End, s[tok.Start:tok.End])
		}
		r, _ := utf8.DecodeRuneInString(tok.Text)
		if isThaiLetter(r) && !isThaiBase(r) {
			t.Fatalf("token %q starts with a following vowel or mark (%U)", tok.Text, r)
		}
		prev = tok.End
	}
}

func TestSegmentHuge(t *testing.T) {
	d := Default()
	q := "ขอใบอนุญาตขับขี่รถยนต์ชั่วคราวเกี่ยวกับเอกสาร"
	var b strings.Builder
	for b.Len() < 1<<20 {
		b.WriteString(q)
	}
	s := Normalize(b.String())
	toks := d.SegmentOffsets(s)
	checkTokens(t, s, toks)
	var joined strings.Builder
	for _, tok := range toks {
		joined.WriteString(tok.Text)
	}
	if joined.String() != s {
		t.Fatal("tokens of a huge run do not join back to it")
	}
	// A huge text with spaces and Latin too.
	s = Normalize(strings.Repeat("ต่อภาษีรถยนต์ online 2567 ", 40000))
	checkTokens(t, s, d.SegmentOffsets(s))
}

func TestSegmentBinary(t *testing.T) {
	d := Default()
	b := make([]byte, 64*1024)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	// Raw (not normalised) and normalised input.
	raw := string(b)
	checkTokens(t, raw, d.SegmentOffsets(raw))
	s := Normalize(raw)
	checkTokens(t, s, d.SegmentOffsets(s))
}

func BenchmarkSegment(b *testing.B) {
	d := Default()
	// A realistic query of about 200 characters.
	query := Normalize("ขอใบอนุญาตขับขี่รถยนต์ชั่วคราวและต่อภาษีรถจักรยานยนต์ที่สำนักงานขนส่งจังหวัดเชียงใหม่ " +
		"แจ้งย้ายทะเบียนบ้านออนไลน์ ทำบัตรประชาชนใหม่กรณีสูญหาย จดทะเบียนพาณิชย์ร้านอาหาร " +
		"ขอใบอนุญาตก่อสร้างอาคารที่เทศบาล")
	var text strings.Builder
	for text.Len() < 10*1024 {
		text.WriteString("การขอใบอนุญาตประกอบกิจการร้านค้าและร้านอาหารต้องยื่นคำขอที่สำนักงานเขตหรือเทศบาล ")
		text.WriteString("พร้อมบัตรประจำตัวประชาชนและสำเนาทะเบียนบ้าน ค่าธรรมเนียม 500 บาท ระยะเวลา 15 วันทำการ ")
	}
	doc := Normalize(text.String())
	b.Run("query200", func(b *testing.B) {
		b.SetBytes(int64(len(query)))
		for b.Loop() {
			d.Segment(query)
		}
	})
	b.Run("text10KB", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		for b.Loop() {
			d.Segment(doc)
		}
	})
}

// TestSegmentConcurrent segments texts of every size from several
// goroutines at once: the segmenters and their buffers come from a pool,
// and a huge text's buffers must not leak into another's result.
func TestSegmentConcurrent(t *testing.T) {
	d := Default()
	texts := []string{"การขออนุญาตก่อสร้างอาคาร", strings.Repeat("ใบอนุญาตประกอบกิจการโรงงาน", 2000), "บัตรประจำตัวประชาชน ID card 2567", ""}
	want := make([][]string, len(texts))
	for i, s := range texts {
		want[i] = d.Segment(s)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				i := (g + k) % len(texts)
				if got := d.Segment(texts[i]); !slices.Equal(got, want[i]) {
					t.Errorf("text %d: %d tokens, want %d", i, len(got), len(want[i]))
					return
				}
			}
		}()
	}
	wg.Wait()
}
