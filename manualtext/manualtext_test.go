package manualtext

import (
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
)

// validManual copies the root package's test manual (manual_test.go): a
// package cannot import another's test files.
func validManual() openinfo.ManualContent {
	return openinfo.ManualContent{
		Name:        "การจดทะเบียนสมรส",
		AgencyName:  "กรมการปกครอง",
		ServiceType: openinfo.ServiceSingleUnit,
		Category:    openinfo.CategoryRegistration,
		LegalBases: []openinfo.LegalBasis{
			{Kind: "พระราชบัญญัติ", Name: "การจดทะเบียนครอบครัว", YearBE: 2478, Section: "มาตรา 5"},
			{Kind: "ประมวลกฎหมาย", Name: "แพ่งและพาณิชย์", Section: "บรรพ 5"},
		},
		Impact:        openinfo.ImpactGeneral,
		ServiceAreas:  []openinfo.ServiceArea{openinfo.AreaCentral, openinfo.AreaRegional},
		TimeLimit:     openinfo.LegalTimeLimit{Law: "ไม่มี"},
		Stats:         openinfo.Stats{AvgPerMonth: 120, Max: 300, Min: 40},
		ReferenceName: "การจดทะเบียนสมรส สำนักทะเบียนอำเภอ",
		Channels: []openinfo.ServiceChannel{
			{Kind: openinfo.ChannelCounter, Place: "สำนักทะเบียนอำเภอทุกแห่ง", Phone: "02 791 7000",
				Hours: "จันทร์–ศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) 08:30–16:30 น. (มีพักเที่ยง)"},
			{Kind: openinfo.ChannelOnline, Place: "จองคิวล่วงหน้า", URL: "https://q.bora.dopa.go.th"},
		},
		Criteria: "ชายและหญิงมีอายุ 17 ปีบริบูรณ์\nไม่เป็นคนวิกลจริต",
		Steps: []openinfo.Step{
			{Type: openinfo.StepDocumentCheck, Detail: "ยื่นคำร้องและตรวจสอบเอกสาร", Duration: 15, Unit: openinfo.UnitMinute, Responsible: "สำนักทะเบียนอำเภอ"},
			{Type: openinfo.StepConsideration, Detail: "นายทะเบียนพิจารณา", Duration: 30, Unit: openinfo.UnitMinute, Responsible: "สำนักทะเบียนอำเภอ"},
			{Type: openinfo.StepSigning, Detail: "ลงนามในทะเบียนสมรส", Duration: 15, Unit: openinfo.UnitMinute},
		},
		Documents: []openinfo.Document{
			{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy},
			{Group: openinfo.DocOther, Name: "หนังสือยินยอมของบิดามารดา", Originals: 1, Copies: 1, Unit: openinfo.DocUnitCopy, Note: "กรณีผู้เยาว์"},
		},
		Fees:       []openinfo.Fee{{Detail: "ค่าธรรมเนียมจดทะเบียนในสำนักทะเบียน", Amount: 0, Unit: openinfo.FeeBaht}},
		Complaints: []openinfo.ComplaintChannel{{Channel: "กรมการปกครอง", Detail: "สายด่วน 1548"}, openinfo.DefaultComplaintChannels()[1]},
		Attachments: []openinfo.Attachment{
			{Name: "แบบ คร.1.pdf", ContentType: openinfo.TypePDF, Size: 120_000, Key: "att/2025/abc"},
		},
		Remarks: "-",
	}
}

func TestDiffSections(t *testing.T) {
	a := validManual()
	b := validManual()
	b.Steps[1].Duration = 45
	b.Fees = nil
	b.ReducedSteps = true
	diffs := DiffSections(a, b)
	if len(diffs) != 19 {
		t.Fatalf("%d sections, want 19", len(diffs))
	}
	changed := map[string]SectionDiff{}
	for i, d := range diffs {
		if d.Section != openinfo.ManualSections[i].Key || d.TitleTH == "" || d.TitleEN == "" || d.Before == "" || d.After == "" {
			t.Errorf("section %d: %+v", i, d)
		}
		if d.Changed {
			changed[d.Section] = d
		}
	}
	if len(changed) != 3 {
		t.Errorf("changed sections %v, want steps, fees and reduced_steps", changed)
	}
	s := changed["steps"]
	if !strings.Contains(s.Before, "ระยะเวลาดำเนินการรวม 1 ชั่วโมง") || !strings.Contains(s.After, "ระยะเวลาดำเนินการรวม 1 ชั่วโมง 15 นาที") ||
		!strings.Contains(s.After, "2) การพิจารณา: นายทะเบียนพิจารณา (45 นาที) ส่วนที่รับผิดชอบ: สำนักทะเบียนอำเภอ") {
		t.Errorf("steps before %q after %q", s.Before, s.After)
	}
	if f := changed["fees"]; f.After != "ไม่มีค่าธรรมเนียม" || !strings.Contains(f.Before, "0 บาท") {
		t.Errorf("fees before %q after %q", f.Before, f.After)
	}
	docs := SectionText(a, "documents")
	for _, want := range []string{"15.1 เอกสารยืนยันตัวตนที่ออกโดยหน่วยงานภาครัฐ", "1) บัตรประจำตัวประชาชน ออกโดย กรมการปกครอง ฉบับจริง 1 ฉบับ สำเนา 0 ฉบับ",
		"15.2 เอกสารอื่นๆ", "หมายเหตุ: กรณีผู้เยาว์"} {
		if !strings.Contains(docs, want) {
			t.Errorf("documents %q lack %q", docs, want)
		}
	}
	if l := SectionText(a, "legal_bases"); !strings.HasPrefix(l, "1) พระราชบัญญัติการจดทะเบียนครอบครัว พ.ศ. 2478 มาตรา 5\n2) ") {
		t.Errorf("legal bases %q", l)
	}
	if got := SectionText(openinfo.ManualContent{}, "remarks"); got != "-" {
		t.Errorf("empty section %q", got)
	}
	for _, s := range openinfo.ManualSections {
		if SectionText(openinfo.ManualContent{}, s.Key) == "" {
			t.Errorf("empty manual: section %s renders nothing", s.Key)
		}
	}
}
