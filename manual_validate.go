package openinfo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ValidateDraft checks what any saved draft must satisfy: known codes,
// non-negative and finite numbers, lengths and row counts. A draft may be
// incomplete.
func (c *ManualContent) ValidateDraft() error {
	var v validation
	c.check(&v, false)
	return v.err("คู่มือสำหรับประชาชน", "citizen manual")
}

// Validate checks a manual for submission: everything ValidateDraft checks,
// and that every required section is filled in: name, service type, category,
// at least one legal basis, channel, step and complaint channel, and at least
// one document or NoDocuments.
func (c *ManualContent) Validate() error {
	var v validation
	c.check(&v, true)
	return v.err("คู่มือสำหรับประชาชน", "citizen manual")
}

// manualCheck adds field errors that name the section in both languages.
type manualCheck struct {
	v        *validation
	complete bool
}

func (m manualCheck) tooLong(field, sectionTH, s string, max int) {
	if n := utf8.RuneCountInString(s); n > max {
		m.v.add(field, fmt.Sprintf("%s ยาวเกิน %d ตัวอักษร (%d ตัวอักษร)", sectionTH, max, n),
			fmt.Sprintf("%s is longer than %d characters (%d).", fieldLabelEN(field), max, n))
	}
}

func (m manualCheck) tooMany(field, sectionTH string, n, max int) {
	if n > max {
		m.v.add(field, fmt.Sprintf("%s ระบุได้ไม่เกิน %d รายการ", sectionTH, max), fmt.Sprintf("%s: at most %d rows.", fieldLabelEN(field), max))
	}
}

// number checks a non-negative finite quantity.
func (m manualCheck) number(field, what string, x float64, max float64) {
	en := fieldLabelEN(field)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		m.v.add(field, what+"ต้องเป็นตัวเลข", en+" must be a number.")
	case x < 0:
		m.v.add(field, what+"ต้องไม่ติดลบ", en+" must not be negative.")
	case x > max:
		m.v.add(field, fmt.Sprintf("%sต้องไม่เกิน %s", what, formatNumber(max)), fmt.Sprintf("%s must be at most %s.", en, formatNumber(max)))
	}
}

func (m manualCheck) required(field, th, en string, missing bool) {
	if m.complete && missing {
		m.v.add(field, th, en)
	}
}

func row(section string, i int) string { return fmt.Sprintf("%s[%d]", section, i) }

// rowNamesEN name one row of each repeated section in English.
var rowNamesEN = map[string]string{"legal_bases": "Law", "channels": "Channel", "steps": "Step",
	"documents": "Document", "fees": "Fee", "complaints": "Complaint channel", "attachments": "Attachment"}

// fieldLabelEN names a field key in English: "steps[2].duration" → "Step 3,
// duration"; "time_limit.value" → "Legal time limit, value".
func fieldLabelEN(field string) string {
	head, sub, _ := strings.Cut(field, ".")
	name := head
	if i := strings.IndexByte(head, '['); i > 0 && strings.HasSuffix(head, "]") {
		n, err := strconv.Atoi(head[i+1 : len(head)-1])
		if rn, ok := rowNamesEN[head[:i]]; ok && err == nil {
			name = rn + " " + strconv.Itoa(n+1)
		}
	} else {
		for _, s := range ManualSections {
			if s.Key == head {
				name = s.EN
			}
		}
	}
	if sub != "" {
		name += ", " + strings.ReplaceAll(sub, "_", " ")
	}
	return name
}

func (c *ManualContent) check(v *validation, complete bool) {
	m := manualCheck{v, complete}

	m.required("name", "กรุณากรอกชื่อกระบวนงาน (หัวข้อ 1)", "Enter the process name (section 1).", c.Name == "")
	m.tooLong("name", "ชื่อกระบวนงาน", c.Name, maxShortText)
	if c.Name != "" && !hasThai(c.Name) {
		v.add("name", "ชื่อกระบวนงานต้องมีอักษรไทย", "The process name must contain Thai letters.")
	}
	m.tooLong("agency_name", "หน่วยงานเจ้าของกระบวนงาน", c.AgencyName, maxShortText)

	m.required("service_type", "กรุณาเลือกประเภทของงานบริการ (หัวข้อ 3)", "Choose the service type (section 3).", c.ServiceType == "")
	if c.ServiceType != "" && !c.ServiceType.Valid() {
		v.add("service_type", "ประเภทของงานบริการไม่ถูกต้อง", "Unknown service type.")
	}
	m.required("category", "กรุณาเลือกหมวดหมู่ของงานบริการ (หัวข้อ 4)", "Choose the service category (section 4).", c.Category == "")
	if c.Category != "" && !c.Category.Valid() {
		v.add("category", "หมวดหมู่ของงานบริการไม่ถูกต้อง", "Unknown service category.")
	}

	m.required("legal_bases", "กรุณาระบุกฎหมายที่ให้อำนาจการอนุญาตหรือที่เกี่ยวข้องอย่างน้อย 1 ฉบับ (หัวข้อ 5)",
		"List at least one law that grants the power or bears on the process (section 5).", len(c.LegalBases) == 0)
	m.tooMany("legal_bases", "กฎหมายที่เกี่ยวข้อง", len(c.LegalBases), maxManualRows)
	for i, b := range c.LegalBases {
		f, n := row("legal_bases", i), i+1
		m.required(f+".name", fmt.Sprintf("กรุณากรอกชื่อกฎหมายลำดับที่ %d", n), fmt.Sprintf("Enter the name of law %d.", n), b.Name == "")
		m.tooLong(f+".kind", fmt.Sprintf("ประเภทกฎหมายลำดับที่ %d", n), b.Kind, 100)
		m.tooLong(f+".name", fmt.Sprintf("ชื่อกฎหมายลำดับที่ %d", n), b.Name, maxShortText)
		m.tooLong(f+".section", fmt.Sprintf("มาตราของกฎหมายลำดับที่ %d", n), b.Section, maxShortText)
		if b.YearBE != 0 && (b.YearBE < 2400 || b.YearBE > 2700) {
			v.add(f+".year_be", fmt.Sprintf("ปีของกฎหมายลำดับที่ %d ต้องเป็นปีพุทธศักราช เช่น 2558", n),
				fmt.Sprintf("The year of law %d must be a Buddhist Era year, such as 2558.", n))
		}
	}

	if c.Impact != "" && !c.Impact.Valid() {
		v.add("impact", "ระดับผลกระทบไม่ถูกต้อง", "Unknown impact level.")
	}
	for _, a := range c.ServiceAreas {
		if !a.Valid() {
			v.add("service_areas", "พื้นที่ให้บริการไม่ถูกต้อง", "Unknown service area.")
			break
		}
	}

	m.tooLong("time_limit.law", "กฎหมายที่กำหนดระยะเวลา", c.TimeLimit.Law, maxShortText)
	m.number("time_limit.value", "ระยะเวลาที่กำหนดตามกฎหมาย", float64(c.TimeLimit.Value), maxDuration)
	if c.TimeLimit.Unit != "" && !c.TimeLimit.Unit.Valid() {
		v.add("time_limit.unit", "หน่วยของระยะเวลาที่กำหนดตามกฎหมายไม่ถูกต้อง", "Unknown unit of the legal time limit.")
	}
	m.required("time_limit.unit", "กรุณาเลือกหน่วยของระยะเวลาที่กำหนดตามกฎหมาย (หัวข้อ 8)",
		"Choose the unit of the legal time limit (section 8).", c.TimeLimit.Value > 0 && c.TimeLimit.Unit == "")

	st := c.Stats
	m.number("stats.avg_per_month", "จำนวนเฉลี่ยต่อเดือน", float64(st.AvgPerMonth), 1e9)
	m.number("stats.max", "จำนวนคำขอที่มากที่สุด", float64(st.Max), 1e9)
	m.number("stats.min", "จำนวนคำขอที่น้อยที่สุด", float64(st.Min), 1e9)
	if st.Max > 0 && st.Min > st.Max {
		v.add("stats.min", "จำนวนคำขอที่น้อยที่สุดต้องไม่มากกว่าจำนวนที่มากที่สุด", "The minimum must not exceed the maximum.")
	}
	m.tooLong("reference_name", "ชื่ออ้างอิงของคู่มือ", c.ReferenceName, maxShortText)

	m.required("channels", "กรุณาระบุช่องทางการให้บริการอย่างน้อย 1 ช่องทาง (หัวข้อ 11)",
		"List at least one service channel (section 11).", len(c.Channels) == 0)
	m.tooMany("channels", "ช่องทางการให้บริการ", len(c.Channels), maxManualRows)
	for i, ch := range c.Channels {
		f, n := row("channels", i), i+1
		if ch.Kind != "" && !ch.Kind.Valid() {
			v.add(f+".kind", fmt.Sprintf("ประเภทของช่องทางการให้บริการที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown kind of channel %d.", n))
		}
		m.required(f+".kind", fmt.Sprintf("กรุณาเลือกประเภทของช่องทางการให้บริการที่ %d", n), fmt.Sprintf("Choose the kind of channel %d.", n), ch.Kind == "")
		m.required(f+".place", fmt.Sprintf("กรุณากรอกสถานที่ของช่องทางการให้บริการที่ %d", n),
			fmt.Sprintf("Enter the place of channel %d.", n), ch.Kind == ChannelCounter && ch.Place == "")
		m.required(f+".url", fmt.Sprintf("กรุณากรอกที่อยู่เว็บไซต์ของช่องทางออนไลน์ที่ %d", n),
			fmt.Sprintf("Enter the web address of online channel %d.", n), ch.Kind == ChannelOnline && ch.URL == "")
		if ch.URL != "" && !validWebURL(ch.URL) {
			v.add(f+".url", fmt.Sprintf("ที่อยู่เว็บไซต์ของช่องทางที่ %d ต้องขึ้นต้นด้วย http:// หรือ https://", n),
				fmt.Sprintf("The web address of channel %d must start with http:// or https://.", n))
		}
		m.tooLong(f+".place", fmt.Sprintf("สถานที่ของช่องทางที่ %d", n), ch.Place, maxShortText)
		m.tooLong(f+".phone", fmt.Sprintf("โทรศัพท์ของช่องทางที่ %d", n), ch.Phone, 200)
		m.tooLong(f+".hours", fmt.Sprintf("ระยะเวลาเปิดให้บริการของช่องทางที่ %d", n), ch.Hours, maxShortText)
		m.tooLong(f+".note", fmt.Sprintf("หมายเหตุของช่องทางที่ %d", n), ch.Note, maxNoteText)
	}

	m.tooLong("criteria", "หลักเกณฑ์ วิธีการ เงื่อนไข", c.Criteria, maxLongText)

	m.required("steps", "กรุณาระบุขั้นตอนการให้บริการอย่างน้อย 1 ขั้นตอน (หัวข้อ 13)",
		"List at least one step (section 13).", len(c.Steps) == 0)
	m.tooMany("steps", "ขั้นตอน", len(c.Steps), maxManualRows)
	for i, s := range c.Steps {
		f, n := row("steps", i), i+1
		if s.Type != "" && !s.Type.Valid() {
			v.add(f+".type", fmt.Sprintf("ประเภทของขั้นตอนที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown type of step %d.", n))
		}
		m.required(f+".type", fmt.Sprintf("กรุณาเลือกประเภทของขั้นตอนที่ %d", n), fmt.Sprintf("Choose the type of step %d.", n), s.Type == "")
		m.required(f+".detail", fmt.Sprintf("กรุณากรอกรายละเอียดของขั้นตอนที่ %d", n), fmt.Sprintf("Describe step %d.", n), s.Detail == "")
		m.number(f+".duration", fmt.Sprintf("ระยะเวลาของขั้นตอนที่ %d ", n), s.Duration, maxDuration)
		if s.Unit != "" && !s.Unit.Valid() {
			v.add(f+".unit", fmt.Sprintf("หน่วยระยะเวลาของขั้นตอนที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown duration unit of step %d.", n))
		}
		m.required(f+".unit", fmt.Sprintf("กรุณาเลือกหน่วยระยะเวลาของขั้นตอนที่ %d", n), fmt.Sprintf("Choose the duration unit of step %d.", n), s.Unit == "")
		m.tooLong(f+".detail", fmt.Sprintf("รายละเอียดของขั้นตอนที่ %d", n), s.Detail, maxNoteText)
		m.tooLong(f+".responsible", fmt.Sprintf("ส่วนที่รับผิดชอบของขั้นตอนที่ %d", n), s.Responsible, maxShortText)
		m.tooLong(f+".note", fmt.Sprintf("หมายเหตุของขั้นตอนที่ %d", n), s.Note, maxNoteText)
	}

	m.required("documents", "กรุณาระบุเอกสารหลักฐานประกอบอย่างน้อย 1 รายการ หรือเลือก \"ไม่ต้องใช้เอกสาร\" (หัวข้อ 15)",
		"List at least one document, or tick \"no documents needed\" (section 15).", len(c.Documents) == 0 && !c.NoDocuments)
	m.required("documents", "เลือก \"ไม่ต้องใช้เอกสาร\" แล้ว แต่ยังมีรายการเอกสารอยู่ กรุณาเลือกอย่างใดอย่างหนึ่ง",
		"\"No documents needed\" is ticked but documents are listed; choose one.", len(c.Documents) > 0 && c.NoDocuments)
	m.tooMany("documents", "เอกสารหลักฐาน", len(c.Documents), maxManualRows)
	for i, d := range c.Documents {
		f, n := row("documents", i), i+1
		if d.Group != "" && !d.Group.Valid() {
			v.add(f+".group", fmt.Sprintf("กลุ่มของเอกสารลำดับที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown group of document %d.", n))
		}
		m.required(f+".group", fmt.Sprintf("กรุณาเลือกกลุ่มของเอกสารลำดับที่ %d", n), fmt.Sprintf("Choose the group of document %d.", n), d.Group == "")
		m.required(f+".name", fmt.Sprintf("กรุณากรอกชื่อเอกสารลำดับที่ %d", n), fmt.Sprintf("Enter the name of document %d.", n), d.Name == "")
		m.tooLong(f+".name", fmt.Sprintf("ชื่อเอกสารลำดับที่ %d", n), d.Name, maxShortText)
		m.tooLong(f+".issuer", fmt.Sprintf("หน่วยงานผู้ออกเอกสารลำดับที่ %d", n), d.Issuer, maxShortText)
		m.tooLong(f+".note", fmt.Sprintf("หมายเหตุของเอกสารลำดับที่ %d", n), d.Note, maxNoteText)
		m.number(f+".originals", fmt.Sprintf("จำนวนฉบับจริงของเอกสารลำดับที่ %d ", n), float64(d.Originals), 1000)
		m.number(f+".copies", fmt.Sprintf("จำนวนสำเนาของเอกสารลำดับที่ %d ", n), float64(d.Copies), 1000)
		m.required(f+".copies", fmt.Sprintf("กรุณาระบุจำนวนฉบับจริงหรือสำเนาของเอกสารลำดับที่ %d", n),
			fmt.Sprintf("Give the number of originals or copies of document %d.", n), d.Originals <= 0 && d.Copies <= 0)
		if d.Unit != "" && !d.Unit.Valid() {
			v.add(f+".unit", fmt.Sprintf("หน่วยนับของเอกสารลำดับที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown unit of document %d.", n))
		}
		m.required(f+".unit", fmt.Sprintf("กรุณาเลือกหน่วยนับของเอกสารลำดับที่ %d", n), fmt.Sprintf("Choose the unit of document %d.", n), d.Unit == "")
	}

	m.tooMany("fees", "ค่าธรรมเนียม", len(c.Fees), maxManualRows)
	for i, fee := range c.Fees {
		f, n := row("fees", i), i+1
		m.required(f+".detail", fmt.Sprintf("กรุณากรอกรายละเอียดค่าธรรมเนียมลำดับที่ %d", n), fmt.Sprintf("Describe fee %d.", n), fee.Detail == "")
		m.tooLong(f+".detail", fmt.Sprintf("รายละเอียดค่าธรรมเนียมลำดับที่ %d", n), fee.Detail, maxNoteText)
		m.tooLong(f+".note", fmt.Sprintf("หมายเหตุของค่าธรรมเนียมลำดับที่ %d", n), fee.Note, maxNoteText)
		if fee.Unit != "" && !fee.Unit.Valid() {
			v.add(f+".unit", fmt.Sprintf("หน่วยของค่าธรรมเนียมลำดับที่ %d ไม่ถูกต้อง", n), fmt.Sprintf("Unknown unit of fee %d.", n))
		}
		m.required(f+".unit", fmt.Sprintf("กรุณาเลือกหน่วยของค่าธรรมเนียมลำดับที่ %d (บาท หรือ ร้อยละ)", n),
			fmt.Sprintf("Choose the unit of fee %d (baht or percent).", n), fee.Unit == "")
		limit := 1e12
		if fee.Unit == FeePercent {
			limit = 100
		}
		m.number(f+".amount", fmt.Sprintf("ค่าธรรมเนียมลำดับที่ %d ", n), fee.Amount, limit)
	}

	m.required("complaints", "กรุณาระบุช่องทางการร้องเรียนอย่างน้อย 1 ช่องทาง (หัวข้อ 17)",
		"List at least one complaint channel (section 17).", len(c.Complaints) == 0)
	m.tooMany("complaints", "ช่องทางการร้องเรียน", len(c.Complaints), maxManualRows)
	for i, x := range c.Complaints {
		f, n := row("complaints", i), i+1
		m.required(f+".channel", fmt.Sprintf("กรุณากรอกชื่อช่องทางการร้องเรียนที่ %d", n), fmt.Sprintf("Name complaint channel %d.", n), x.Channel == "")
		m.required(f+".detail", fmt.Sprintf("กรุณาแก้ไขรายละเอียดช่องทางการร้องเรียนที่ %d ให้เป็นข้อมูลของหน่วยงาน", n),
			fmt.Sprintf("Replace the placeholder of complaint channel %d with the agency's details.", n), x.Detail == ComplaintPlaceholder)
		m.tooLong(f+".channel", fmt.Sprintf("ช่องทางการร้องเรียนที่ %d", n), x.Channel, maxShortText)
		m.tooLong(f+".detail", fmt.Sprintf("รายละเอียดช่องทางการร้องเรียนที่ %d", n), x.Detail, maxNoteText)
	}

	m.tooMany("attachments", "แบบฟอร์ม", len(c.Attachments), maxManualAttachments)
	for i, a := range c.Attachments {
		f, n := row("attachments", i), i+1
		switch {
		case a.Name == "" || a.Key == "":
			v.add(f, fmt.Sprintf("ไฟล์แนบลำดับที่ %d ไม่สมบูรณ์ กรุณาอัปโหลดใหม่", n), fmt.Sprintf("Attachment %d is incomplete; upload it again.", n))
		case !allowedAttachmentType(a.ContentType):
			v.add(f, fmt.Sprintf("ไฟล์แนบ \"%s\" ต้องเป็นไฟล์ PDF, PNG หรือ JPEG", a.Name), fmt.Sprintf("The attachment \"%s\" must be a PDF, PNG or JPEG file.", a.Name))
		case a.Size <= 0 || a.Size > MaxAttachmentSize:
			v.add(f, fmt.Sprintf("ไฟล์แนบ \"%s\" ต้องมีขนาดไม่เกิน 10 MB", a.Name), fmt.Sprintf("The attachment \"%s\" must be at most 10 MB.", a.Name))
		}
		m.tooLong(f+".name", fmt.Sprintf("ชื่อไฟล์แนบลำดับที่ %d", n), a.Name, 255)
	}

	m.tooLong("remarks", "หมายเหตุ", c.Remarks, maxLongText)
}
