package ui

import (
	"html/template"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/search/thai"
)

func TestThaiWords(t *testing.T) {
	b := newThaiBreaker(thai.NewDict("เจ้าหน้าที่", "ตรวจสอบ", "เอกสาร", "สำนักงาน", "ขนส่ง", "จังหวัด", "สงขลา", "และ"))
	for _, c := range []struct{ in, want string }{
		{"เจ้าหน้าที่ตรวจสอบเอกสาร", `<span class="w">เจ้าหน้าที่</span><wbr><span class="w">ตรวจสอบ</span><wbr><span class="w">เอกสาร</span>`},
		{"สำนักงานขนส่งจังหวัดสงขลา สาขา 2", `<span class="w">สำนักงาน</span><wbr><span class="w">ขนส่ง</span><wbr><span class="w">จังหวัด</span><wbr><span class="w">สงขลา</span> <span class="w">สาขา</span> 2`},
		{"ตรวจสอบ<b>เอกสาร</b> & ค่า", `<span class="w">ตรวจสอบ</span>&lt;b&gt;<span class="w">เอกสาร</span>&lt;/b&gt; &amp; ค่า`},
		{"ตรวจสอบและเอกสาร", `<span class="w">ตรวจสอบ</span><wbr>และ<wbr><span class="w">เอกสาร</span>`}, // และ: one syllable, not wrapped
		{"Driving licence <DLT>", `Driving licence &lt;DLT&gt;`}, // no Thai: escaped only
		{"สงขลา", `สงขลา`},                                       // shorter than minThaiBytes... 15 bytes, one word
	} {
		got := string(b.Words(c.in))
		if c.in == "สงขลา" {
			if plain := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(got, ""); plain != c.in {
				t.Errorf("%q: %s", c.in, got)
			}
			continue
		}
		if got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.in, got, c.want)
		}
		if again := string(b.Words(c.in)); again != got {
			t.Errorf("%q: cached %s", c.in, again)
		}
	}
	// An unknown stretch too long for a phone's line is not held together.
	long := strings.Repeat("ฮฮฮฮฮ", 6)
	if got := string(b.Words(long)); strings.Contains(got, `class="w"`) {
		t.Errorf("long unknown word kept whole: %s", got)
	}
	// Text survives unchanged, whatever it is.
	for _, s := range []string{"ก่อน่่่", "\u0E31เริ่ม", "ๆๆ ฯลฯ", "a\x00ข"} {
		got := regexp.MustCompile(`<span class="w">|</span>|<wbr>`).ReplaceAllString(string(b.Words(s)), "")
		if got != template.HTMLEscapeString(s) {
			t.Errorf("%q became %q", s, got)
		}
	}
}

// benchManual is a manual of the usual size: 6 steps, 6 documents, 3 fees.
func benchManual() ManualPage {
	c := openinfo.ManualContent{Name: "การจดทะเบียนสมรสและการจดทะเบียนหย่าโดยความยินยอม", ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryRegistration,
		LegalBases: []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "จดทะเบียนครอบครัว", YearBE: 2478}, {Kind: "ประมวลกฎหมาย", Name: "แพ่งและพาณิชย์", YearBE: 2535}},
		TimeLimit:  openinfo.LegalTimeLimit{Law: "ไม่มี"},
		Channels: []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักทะเบียนอำเภอหรือสำนักทะเบียนเขตทุกแห่ง", Phone: "1548", Hours: "จันทร์–ศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) 08:30–16:30 น. (มีพักเที่ยง)"},
			{Kind: openinfo.ChannelOnline, Place: "จองคิวล่วงหน้าผ่านระบบนัดหมายออนไลน์", URL: "https://q.bora.dopa.go.th"}},
		Criteria: "ชายและหญิงมีอายุ 17 ปีบริบูรณ์ขึ้นไป\nไม่เป็นคนวิกลจริต ไม่เป็นญาติสืบสายโลหิตโดยตรง และไม่มีคู่สมรสอยู่แล้ว",
		Fees: []openinfo.Fee{{Detail: "การจดทะเบียนสมรสในสำนักทะเบียน", Amount: 0, Unit: openinfo.FeeBaht}, {Detail: "การจดทะเบียนสมรสนอกสำนักทะเบียน", Amount: 200, Unit: openinfo.FeeBaht},
			{Detail: "ค่าคัดสำเนาทะเบียน", Amount: 10, Unit: openinfo.FeeBaht, Note: "ฉบับละ"}},
		Complaints: openinfo.DefaultComplaintChannels()[1:],
	}
	for i, d := range []string{"ยื่นคำร้องและตรวจสอบหลักฐานของคู่สมรส", "นายทะเบียนสอบสวนข้อเท็จจริงและความยินยอม", "บันทึกข้อมูลลงในระบบคอมพิวเตอร์",
		"นายทะเบียนพิจารณาและลงนามในทะเบียนสมรส", "ออกใบสำคัญการสมรสให้คู่สมรส", "เจ้าหน้าที่ส่งมอบเอกสารและแจ้งผลการจดทะเบียน"} {
		c.Steps = append(c.Steps, openinfo.Step{Type: openinfo.StepTypes[i%4].Code, Detail: d, Duration: 10, Unit: openinfo.UnitMinute, Responsible: "สำนักทะเบียนอำเภอหรือสำนักทะเบียนเขต"})
	}
	for i, d := range []string{"บัตรประจำตัวประชาชน", "ทะเบียนบ้าน", "หนังสือรับรองความเป็นโสด", "ใบสำคัญการหย่า", "หนังสือยินยอมของบิดามารดา", "ใบรับรองแพทย์"} {
		c.Documents = append(c.Documents, openinfo.Document{Group: openinfo.DocumentGroups[min(i, 1)].Code, Name: d, Issuer: "กรมการปกครอง", Originals: 1, Copies: 1, Unit: openinfo.DocUnitCopy, Note: "สำหรับคู่สมรสทั้งสองฝ่าย"})
	}
	p := &openinfo.Process{ID: 1, AgencyID: 1, NameTH: c.Name}
	a := &openinfo.Agency{ID: 1, NameTH: "กรมการปกครอง", NameEN: "Department of Provincial Administration"}
	rev := &openinfo.ManualRevision{ID: 1, ProcessID: 1, Number: 1, Content: c, PublishedAt: time.Now()}
	m := NewManualPage(p, a, rev, LangTH)
	m.Public = true
	for i := range 12 {
		m.Points = append(m.Points, &openinfo.ServicePoint{ID: int64(i + 1), AgencyID: 1, NameTH: "สำนักทะเบียนอำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่", Kind: openinfo.PointCounter})
	}
	m.PointTotal = len(m.Points)
	return m
}

// BenchmarkManualRender renders the public manual page as the portal does
// (no page cache): without the Thai word breaks, for comparison; with them
// for a manual rendered before (warm: its texts are in the cache); and for
// a manual never rendered since the start (cold: the interface's labels are
// cached, every text of the manual is segmented afresh).
func BenchmarkManualRender(b *testing.B) {
	dict := thai.Default()
	thai.LoadSystem(dict)
	m := benchManual()
	for _, c := range []struct {
		name string
		off  bool
		cold bool
	}{{"no-breaks", true, false}, {"breaks-warm", false, false}, {"breaks-cold", false, true}} {
		b.Run(c.name, func(b *testing.B) {
			u, err := New(Options{Dict: dict})
			if err != nil {
				b.Fatal(err)
			}
			u.breaker.off = c.off
			r := httptest.NewRequest("GET", "/manuals/1", nil)
			u.Render(httptest.NewRecorder(), r, 200, "manual", "คู่มือสำหรับประชาชน", m)
			n := 0
			cpu0 := cpuTime()
			for b.Loop() {
				page := m
				if c.cold { // another manual: every text differs
					n++
					page = renamed(m, n)
				}
				w := httptest.NewRecorder()
				u.Render(w, r, 200, "manual", "คู่มือสำหรับประชาชน", page)
				if w.Code != 200 {
					b.Fatal(w.Body.String())
				}
			}
			if cpu := cpuTime() - cpu0; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// renamed is m with every text of its content made new.
func renamed(m ManualPage, n int) ManualPage {
	suffix := " ฉบับที่ " + strings.Repeat("ก", n%7+1) + string(rune('0'+n%10)) + string(rune('0'+n/10%10)) + string(rune('0'+n/100%10))
	c := m.C
	c.Name += suffix
	c.Steps = append([]openinfo.Step(nil), c.Steps...)
	for i := range c.Steps {
		c.Steps[i].Detail += suffix
		c.Steps[i].Responsible += suffix
	}
	c.Documents = append([]openinfo.Document(nil), c.Documents...)
	for i := range c.Documents {
		c.Documents[i].Name += suffix
		c.Documents[i].Issuer += suffix
		c.Documents[i].Note += suffix
	}
	c.Fees = append([]openinfo.Fee(nil), c.Fees...)
	for i := range c.Fees {
		c.Fees[i].Detail += suffix
	}
	rev := *m.Revision
	rev.Content = c
	out := NewManualPage(m.Process, m.Agency, &rev, LangTH)
	out.Public, out.Points, out.PointTotal = true, m.Points, m.PointTotal
	return out
}

func BenchmarkBreakThai(b *testing.B) {
	dict := thai.Default()
	thai.LoadSystem(dict)
	s := "นายทะเบียนพิจารณาและลงนามในทะเบียนสมรส"
	for b.Loop() {
		breakThai(dict, s)
	}
}

func TestThaiPieces(t *testing.T) {
	u := &UI{breaker: newThaiBreaker(thai.NewDict("สำนักงาน", "ขนส่ง", "จังหวัด", "สงขลา", "งาน", "ทะเบียน", "รถ", "สาขา"))}
	for in, want := range map[string]string{
		"งานทะเบียนรถสำนักงานขนส่งจังหวัดสงขลา": "งาน|ทะเบียน|รถ|สำนักงาน|ขนส่ง|จังหวัด|สงขลา",
		"สำนักงานขนส่ง(สาขา)จังหวัดสงขลา":       "สำนักงาน|ขนส่ง|(สาขา)|จังหวัด|สงขลา",
		"(สงขลา) 2": "(สงขลา) |2",
		"":          "",
	} {
		got := u.ThaiPieces(in)
		if strings.Join(got, "|") != want || strings.Join(got, "") != in {
			t.Errorf("%q: %q, want %s", in, got, want)
		}
	}
}
