package openinfo

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func validManual() ManualContent {
	return ManualContent{
		Name:        "การจดทะเบียนสมรส",
		AgencyName:  "กรมการปกครอง",
		ServiceType: ServiceSingleUnit,
		Category:    CategoryRegistration,
		LegalBases: []LegalBasis{
			{Kind: "พระราชบัญญัติ", Name: "การจดทะเบียนครอบครัว", YearBE: 2478, Section: "มาตรา 5"},
			{Kind: "ประมวลกฎหมาย", Name: "แพ่งและพาณิชย์", Section: "บรรพ 5"},
		},
		Impact:        ImpactGeneral,
		ServiceAreas:  []ServiceArea{AreaCentral, AreaRegional},
		TimeLimit:     LegalTimeLimit{Law: "ไม่มี"},
		Stats:         Stats{AvgPerMonth: 120, Max: 300, Min: 40},
		ReferenceName: "การจดทะเบียนสมรส สำนักทะเบียนอำเภอ",
		Channels: []ServiceChannel{
			{Kind: ChannelCounter, Place: "สำนักทะเบียนอำเภอทุกแห่ง", Phone: "02 791 7000",
				Hours: "จันทร์–ศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) 08:30–16:30 น. (มีพักเที่ยง)"},
			{Kind: ChannelOnline, Place: "จองคิวล่วงหน้า", URL: "https://q.bora.dopa.go.th"},
		},
		Criteria: "ชายและหญิงมีอายุ 17 ปีบริบูรณ์\nไม่เป็นคนวิกลจริต",
		Steps: []Step{
			{Type: StepDocumentCheck, Detail: "ยื่นคำร้องและตรวจสอบเอกสาร", Duration: 15, Unit: UnitMinute, Responsible: "สำนักทะเบียนอำเภอ"},
			{Type: StepConsideration, Detail: "นายทะเบียนพิจารณา", Duration: 30, Unit: UnitMinute, Responsible: "สำนักทะเบียนอำเภอ"},
			{Type: StepSigning, Detail: "ลงนามในทะเบียนสมรส", Duration: 15, Unit: UnitMinute},
		},
		Documents: []Document{
			{Group: DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: DocUnitCopy},
			{Group: DocOther, Name: "หนังสือยินยอมของบิดามารดา", Originals: 1, Copies: 1, Unit: DocUnitCopy, Note: "กรณีผู้เยาว์"},
		},
		Fees:       []Fee{{Detail: "ค่าธรรมเนียมจดทะเบียนในสำนักทะเบียน", Amount: 0, Unit: FeeBaht}},
		Complaints: []ComplaintChannel{{Channel: "กรมการปกครอง", Detail: "สายด่วน 1548"}, DefaultComplaintChannels()[1]},
		Attachments: []Attachment{
			{Name: "แบบ คร.1.pdf", ContentType: TypePDF, Size: 120_000, Key: "att/2025/abc"},
		},
		Remarks: "-",
	}
}

func TestManualValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*ManualContent)
		field  string // the field Validate names; "" for none
		draft  bool   // ValidateDraft refuses it too
	}{
		{"valid", func(*ManualContent) {}, "", false},
		{"no name", func(c *ManualContent) { c.Name = "" }, "name", false},
		{"name without Thai", func(c *ManualContent) { c.Name = "Marriage" }, "name", true},
		{"no service type", func(c *ManualContent) { c.ServiceType = "" }, "service_type", false},
		{"unknown service type", func(c *ManualContent) { c.ServiceType = "solo" }, "service_type", true},
		{"no category", func(c *ManualContent) { c.Category = "" }, "category", false},
		{"unknown category", func(c *ManualContent) { c.Category = "licence2" }, "category", true},
		{"no legal basis", func(c *ManualContent) { c.LegalBases = nil }, "legal_bases", false},
		{"law without a name", func(c *ManualContent) { c.LegalBases[1].Name = "" }, "legal_bases[1].name", false},
		{"Christian year", func(c *ManualContent) { c.LegalBases[0].YearBE = 1935 }, "legal_bases[0].year_be", true},
		{"unknown impact", func(c *ManualContent) { c.Impact = "huge" }, "impact", true},
		{"unknown area", func(c *ManualContent) { c.ServiceAreas = []ServiceArea{"moon"} }, "service_areas", true},
		{"negative time limit", func(c *ManualContent) { c.TimeLimit.Value = -1 }, "time_limit.value", true},
		{"time limit without unit", func(c *ManualContent) { c.TimeLimit.Value = 15 }, "time_limit.unit", false},
		{"negative stats", func(c *ManualContent) { c.Stats.Max = -3 }, "stats.max", true},
		{"min above max", func(c *ManualContent) { c.Stats.Min = 400 }, "stats.min", true},
		{"no channel", func(c *ManualContent) { c.Channels = nil }, "channels", false},
		{"counter without a place", func(c *ManualContent) { c.Channels[0].Place = "" }, "channels[0].place", false},
		{"online without URL", func(c *ManualContent) { c.Channels[1].URL = "" }, "channels[1].url", false},
		{"bad URL", func(c *ManualContent) { c.Channels[1].URL = "q.bora.dopa.go.th" }, "channels[1].url", true},
		{"channel of no kind", func(c *ManualContent) { c.Channels[0].Kind = "" }, "channels[0].kind", false},
		{"criteria too long", func(c *ManualContent) { c.Criteria = strings.Repeat("ก", maxLongText+1) }, "criteria", true},
		{"no step", func(c *ManualContent) { c.Steps = nil }, "steps", false},
		{"negative duration", func(c *ManualContent) { c.Steps[2].Duration = -5 }, "steps[2].duration", true},
		{"NaN duration", func(c *ManualContent) { c.Steps[0].Duration = math.NaN() }, "steps[0].duration", true},
		{"step without unit", func(c *ManualContent) { c.Steps[1].Unit = "" }, "steps[1].unit", false},
		{"unknown unit", func(c *ManualContent) { c.Steps[1].Unit = "week" }, "steps[1].unit", true},
		{"step without type", func(c *ManualContent) { c.Steps[0].Type = "" }, "steps[0].type", false},
		{"step without detail", func(c *ManualContent) { c.Steps[0].Detail = "" }, "steps[0].detail", false},
		{"no documents", func(c *ManualContent) { c.Documents = nil }, "documents", false},
		{"no documents, on purpose", func(c *ManualContent) { c.Documents, c.NoDocuments = nil, true }, "", false},
		{"documents and no documents", func(c *ManualContent) { c.NoDocuments = true }, "documents", false},
		{"negative copies", func(c *ManualContent) { c.Documents[1].Copies = -1 }, "documents[1].copies", true},
		{"no copies at all", func(c *ManualContent) { c.Documents[0].Originals = 0 }, "documents[0].copies", false},
		{"document without group", func(c *ManualContent) { c.Documents[0].Group = "" }, "documents[0].group", false},
		{"document of unknown unit", func(c *ManualContent) { c.Documents[0].Unit = "box" }, "documents[0].unit", true},
		{"no fees is fine", func(c *ManualContent) { c.Fees = nil }, "", false},
		{"negative fee", func(c *ManualContent) { c.Fees[0].Amount = -100 }, "fees[0].amount", true},
		{"percent over 100", func(c *ManualContent) { c.Fees[0].Amount, c.Fees[0].Unit = 120, FeePercent }, "fees[0].amount", true},
		{"percent of 2", func(c *ManualContent) { c.Fees[0].Amount, c.Fees[0].Unit = 2, FeePercent }, "", false},
		{"fee without unit", func(c *ManualContent) { c.Fees[0].Unit = "" }, "fees[0].unit", false},
		{"no complaint channel", func(c *ManualContent) { c.Complaints = nil }, "complaints", false},
		{"placeholder left", func(c *ManualContent) { c.Complaints = DefaultComplaintChannels() }, "complaints[0].detail", false},
		{"attachment of a wrong type", func(c *ManualContent) { c.Attachments[0].ContentType = "text/html" }, "attachments[0]", true},
		{"attachment too large", func(c *ManualContent) { c.Attachments[0].Size = MaxAttachmentSize + 1 }, "attachments[0]", true},
		{"attachment without key", func(c *ManualContent) { c.Attachments[0].Key = "" }, "attachments[0]", true},
		{"too many steps", func(c *ManualContent) {
			for len(c.Steps) <= maxManualRows {
				c.Steps = append(c.Steps, c.Steps[0])
			}
		}, "steps", true},
	}
	for _, tt := range tests {
		c := validManual()
		tt.change(&c)
		err, draftErr := c.Validate(), c.ValidateDraft()
		fields := fieldsOf(err)
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: Validate: %v", tt.name, err)
			}
		} else if !fields[tt.field] {
			t.Errorf("%s: Validate: %v; want an error on %s", tt.name, err, tt.field)
		} else if ErrorCode(err) != EINVALID {
			t.Errorf("%s: code %q", tt.name, ErrorCode(err))
		}
		if got := fieldsOf(draftErr)[tt.field]; tt.draft != got || (!tt.draft && draftErr != nil) {
			t.Errorf("%s: ValidateDraft = %v; want refused: %v", tt.name, draftErr, tt.draft)
		}
	}
}

func TestManualMessagesNameTheRow(t *testing.T) {
	c := validManual()
	c.Steps[2].Duration = -1
	c.Fees[0].Amount = -1
	for _, f := range FieldErrors(c.Validate()) {
		switch f.Field {
		case "steps[2].duration":
			if !strings.Contains(f.TH, "ขั้นตอนที่ 3") || !strings.Contains(f.TH, "ติดลบ") || f.EN != "Step 3, duration must not be negative." {
				t.Errorf("step message: %+v", f)
			}
		case "fees[0].amount":
			if !strings.Contains(f.TH, "ค่าธรรมเนียมลำดับที่ 1") || !strings.HasPrefix(f.EN, "Fee 1, amount") {
				t.Errorf("fee message: %+v", f)
			}
		default:
			t.Errorf("unexpected field error %+v", f)
		}
	}
}

func TestEmptyDraftSaves(t *testing.T) {
	var c ManualContent
	c.Normalize()
	if err := c.ValidateDraft(); err != nil {
		t.Errorf("empty draft: %v", err)
	}
	want := []string{"name", "service_type", "category", "legal_bases", "channels", "steps", "documents", "complaints"}
	fields := fieldsOf(c.Validate())
	for _, f := range want {
		if !fields[f] {
			t.Errorf("empty manual: no error on %s", f)
		}
	}
	if len(fields) != len(want) {
		t.Errorf("empty manual: errors on %v, want only %v", fields, want)
	}
}

func TestManualNormalize(t *testing.T) {
	c := validManual()
	c.Name = "  การจดทะเบียน\u200bสมรส  "
	c.Criteria = "\r\n  ข้อ 1\t\r\n\r\n\r\n\r\nข้อ 2  \r\n\r\n"
	c.Steps = append(c.Steps, Step{}, Step{Responsible: "  "})
	c.Documents = append([]Document{{}}, c.Documents...)
	c.ServiceAreas = []ServiceArea{AreaLocal, " local ", AreaLocal, ""}
	c.Complaints = append(c.Complaints, ComplaintChannel{Channel: " ", Detail: "\n"})
	c.Normalize()
	if c.Name != "การจดทะเบียนสมรส" {
		t.Errorf("name %q", c.Name)
	}
	if c.Criteria != "  ข้อ 1\n\nข้อ 2" {
		t.Errorf("criteria %q", c.Criteria)
	}
	if len(c.Steps) != 3 || len(c.Documents) != 2 || len(c.Complaints) != 2 {
		t.Errorf("empty rows kept: %d steps, %d documents, %d complaints", len(c.Steps), len(c.Documents), len(c.Complaints))
	}
	if len(c.ServiceAreas) != 1 || c.ServiceAreas[0] != AreaLocal {
		t.Errorf("areas %q", c.ServiceAreas)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("normalized manual: %v", err)
	}
}

func TestTotalDuration(t *testing.T) {
	step := func(d float64, u DurationUnit) Step { return Step{Duration: d, Unit: u} }
	tests := []struct {
		name                 string
		steps                []Step
		days, hours, minutes float64
		text, textEN         string
	}{
		{"none", nil, 0, 0, 0, "", ""},
		{"minutes carry into hours", []Step{step(15, UnitMinute), step(30, UnitMinute), step(45, UnitMinute)},
			0, 1, 30, "ระยะเวลาดำเนินการรวม 1 ชั่วโมง 30 นาที", "Total time: 1 hour 30 minutes"},
		{"hours stay hours with no days", []Step{step(5, UnitHour), step(5, UnitHour)},
			0, 10, 0, "ระยะเวลาดำเนินการรวม 10 ชั่วโมง", "Total time: 10 hours"},
		{"business days", []Step{step(5, UnitBusinessDay), step(10, UnitBusinessDay)},
			15, 0, 0, "ระยะเวลาดำเนินการรวม 15 วันทำการ", "Total time: 15 business days"},
		{"hours fold into business days at 7 a day", []Step{step(3, UnitBusinessDay), step(8, UnitHour), step(30, UnitMinute)},
			4, 1, 30, "ระยะเวลาดำเนินการรวม 4 วันทำการ 1 ชั่วโมง 30 นาที", ""},
		{"hours fold into calendar days when there are no business days", []Step{step(2, UnitDay), step(14, UnitHour)},
			4, 0, 0, "ระยะเวลาดำเนินการรวม 4 วัน", ""},
		{"business and calendar days kept apart", []Step{step(10, UnitBusinessDay), step(30, UnitDay), step(7, UnitHour)},
			41, 0, 0, "ระยะเวลาดำเนินการรวม 11 วันทำการ 30 วัน", ""},
		{"fractions", []Step{step(0.5, UnitHour), step(1.5, UnitBusinessDay)},
			1.5, 0, 30, "ระยะเวลาดำเนินการรวม 1.5 วันทำการ 30 นาที", ""},
		{"bad rows count for nothing", []Step{step(-3, UnitDay), step(math.Inf(1), UnitHour), step(4, ""), step(20, UnitMinute)},
			0, 0, 20, "ระยะเวลาดำเนินการรวม 20 นาที", ""},
	}
	for _, tt := range tests {
		c := ManualContent{Steps: tt.steps}
		d, h, m, text := c.TotalDuration()
		if d != tt.days || h != tt.hours || m != tt.minutes || text != tt.text {
			t.Errorf("%s: %v days %v hours %v minutes %q; want %v %v %v %q", tt.name, d, h, m, text, tt.days, tt.hours, tt.minutes, tt.text)
		}
		if tt.textEN != "" && c.Total().Text("en") != tt.textEN {
			t.Errorf("%s: English %q, want %q", tt.name, c.Total().Text("en"), tt.textEN)
		}
	}
}

func TestProcess(t *testing.T) {
	p := Process{AgencyID: 5, NameTH: " การจดทะเบียนสมรส ", NameEN: "Marriage registration",
		CommonNames: []string{" จดทะเบียนแต่งงาน ", "", "จดทะเบียนแต่งงาน", "Marriage", "marriage", "การจดทะเบียนสมรส"},
		TermIDs:     []int64{3, 3, 12}}
	p.Normalize()
	if strings.Join(p.CommonNames, "|") != "จดทะเบียนแต่งงาน|Marriage" || len(p.TermIDs) != 2 || p.NameTH != "การจดทะเบียนสมรส" {
		t.Errorf("normalized %+v", p)
	}
	if err := p.Validate(); err != nil {
		t.Errorf("valid process: %v", err)
	}
	tests := []struct {
		name   string
		change func(*Process)
		field  string
	}{
		{"no Thai name", func(p *Process) { p.NameTH = "" }, "name_th"},
		{"English only", func(p *Process) { p.NameTH = "Marriage" }, "name_th"},
		{"no agency", func(p *Process) { p.AgencyID = 0 }, "agency_id"},
		{"long common name", func(p *Process) { p.CommonNames = []string{"ก", strings.Repeat("ข", 101)} }, "common_names[1]"},
		{"too many common names", func(p *Process) {
			p.CommonNames = nil
			for i := range MaxCommonNames + 1 {
				p.CommonNames = append(p.CommonNames, "ชื่อ"+strings.Repeat("ก", i+1))
			}
		}, "common_names"},
		{"bad term", func(p *Process) { p.TermIDs = []int64{-1} }, "term_ids"},
	}
	for _, tt := range tests {
		q := p
		tt.change(&q)
		q.Normalize()
		if err := q.Validate(); !fieldsOf(err)[tt.field] {
			t.Errorf("%s: %v; want an error on %s", tt.name, err, tt.field)
		}
	}
	q := p
	q.CommonNames = []string{strings.Repeat("ข", 100)}
	if err := q.Validate(); err != nil {
		t.Errorf("100-character common name: %v", err)
	}
}

func TestManualEnums(t *testing.T) {
	check := func(name string, n int, valid func(i int) bool, th, en func(i int) string) {
		t.Helper()
		seen := map[string]bool{}
		for i := range n {
			if !valid(i) || th(i) == "" || en(i) == "" || seen[th(i)] {
				t.Errorf("%s %d: invalid, unlabelled or repeated", name, i)
			}
			seen[th(i)] = true
		}
	}
	check("service type", len(ServiceTypes), func(i int) bool { return ServiceTypes[i].Code.Valid() },
		func(i int) string { return ServiceTypes[i].Code.Label("th") }, func(i int) string { return ServiceTypes[i].Code.Label("en") })
	check("category", len(ManualCategories), func(i int) bool { return ManualCategories[i].Code.Valid() },
		func(i int) string { return ManualCategories[i].Code.Label("th") }, func(i int) string { return ManualCategories[i].Code.Label("en") })
	check("step type", len(StepTypes), func(i int) bool { return StepTypes[i].Code.Valid() },
		func(i int) string { return StepTypes[i].Code.Label("th") }, func(i int) string { return StepTypes[i].Code.Label("en") })
	check("unit", len(DurationUnits), func(i int) bool { return DurationUnits[i].Code.Valid() },
		func(i int) string { return DurationUnits[i].Code.Label("th") }, func(i int) string { return DurationUnits[i].Code.Label("en") })
	if len(ManualCategories) != 8 || CategoryPermit.Label("th") != "อาชญาบัตร" {
		t.Errorf("categories: %v", ManualCategories)
	}
	if len(ManualSections) != 19 {
		t.Errorf("%d sections, want 19", len(ManualSections))
	}
	for i, s := range ManualSections {
		if s.No != i+1 {
			t.Errorf("section %s numbered %d, want %d", s.Key, s.No, i+1)
		}
	}
	d := DefaultComplaintChannels()
	if len(d) != 3 || !strings.Contains(d[1].Detail, "1111") || !strings.Contains(d[2].Detail, "1206") {
		t.Errorf("default complaint channels %v", d)
	}
}

// TestSearchText: the text search indexes holds criteria, steps,
// documents, fees and legal bases, a line each, and is cut at
// SearchTextMax bytes without splitting a character.
func TestSearchText(t *testing.T) {
	c := ManualContent{Criteria: "ผู้ขอต้องมีสัญชาติไทย",
		Steps:      []Step{{Detail: "ยื่นคำขอ"}, {Detail: ""}, {Detail: "ตรวจสอบเอกสาร"}},
		Documents:  []Document{{Name: "บัตรประจำตัวประชาชน"}},
		Fees:       []Fee{{Detail: "ค่าธรรมเนียม 100 บาท"}},
		LegalBases: []LegalBasis{{Kind: "พระราชบัญญัติ", Name: "การทะเบียนราษฎร"}}}
	want := "ผู้ขอต้องมีสัญชาติไทย\nยื่นคำขอ\nตรวจสอบเอกสาร\nบัตรประจำตัวประชาชน\nค่าธรรมเนียม 100 บาท\nพระราชบัญญัติการทะเบียนราษฎร\n"
	if got := c.SearchText(); got != want {
		t.Fatalf("SearchText = %q, want %q", got, want)
	}
	long := ManualContent{Criteria: strings.Repeat("ก", SearchTextMax)} // 3 bytes a character
	got := long.SearchText()
	if len(got) > SearchTextMax || len(got) < SearchTextMax-3 || !utf8.ValidString(got) {
		t.Fatalf("long text cut to %d bytes (valid UTF-8: %v)", len(got), utf8.ValidString(got))
	}
	if (&ManualContent{}).SearchText() != "" {
		t.Fatal("empty manual has search text")
	}
}

func TestUnitCounts(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{UnitHour.Count(1, "en"), "1 hour"},
		{UnitHour.Count(2, "en"), "2 hours"},
		{UnitBusinessDay.Count(1, "en"), "1 business day"},
		{UnitMinute.Count(1.5, "en"), "1.5 minutes"},
		{UnitHour.Count(1, "th"), "1 ชั่วโมง"},
		{DocUnitCopy.Count(1, "en"), "1 copy"},
		{DocUnitCopy.Count(0, "en"), "0 copies"},
		{DocUnitSet.Count(1, "en"), "1 set"},
		{DocUnitCopy.Count(2, "th"), "2 ฉบับ"},
		{Fee{Amount: 1505, Unit: FeeBaht}.AmountText("th"), "1,505 บาท"},
		{Fee{Amount: 1234567.5, Unit: FeeBaht}.AmountText("en"), "1,234,567.5 baht"},
		{Fee{Amount: 3, Unit: FeePercent}.AmountText("th"), "ร้อยละ 3"},
		{Fee{Amount: 3, Unit: FeePercent}.AmountText("en"), "3 percent"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	for s, want := range map[string]bool{"ไม่มี": true, " - ": true, "": true, "90 วัน": false} {
		if IsNone(s) != want {
			t.Errorf("IsNone(%q) = %v", s, !want)
		}
	}
}
