package bundle

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

// Issue is one problem with one record, as the import report lists it.
type Issue struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Source   string `json:"source,omitempty"`
	LegacyID string `json:"legacy_id,omitempty"`
	Field    string `json:"field,omitempty"`
	TH       string `json:"message_th"`
	EN       string `json:"message_en"`
}

func (i Issue) String() string {
	return fmt.Sprintf("%s:%d %s:%s %s: %s", i.File, i.Line, i.Source, i.LegacyID, i.Field, i.EN)
}

// MaxLine is the longest line a bundle may hold (a manual with many
// revisions is the longest record).
const MaxLine = 16 << 20

var (
	keyPart = regexp.MustCompile(`^[^\s|:][^\x00-\x1f|]{0,199}$`)
	uuidRE  = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
	hashRE  = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// checker gathers a record's issues.
type checker struct{ issues []Issue }

func (c *checker) add(field, th, en string) {
	c.issues = append(c.issues, Issue{Field: field, TH: th, EN: en})
}

// domain adds a domain Validate error's field errors, prefixed.
func (c *checker) domain(prefix string, err error) {
	if err == nil {
		return
	}
	fields := openinfo.FieldErrors(err)
	if len(fields) == 0 {
		c.add(prefix, openinfo.ErrorMessage(err, "th"), openinfo.ErrorMessage(err, "en"))
		return
	}
	for _, f := range fields {
		name := f.Field
		if prefix != "" {
			name = prefix + "." + name
		}
		c.add(name, f.TH, f.EN)
	}
}

func (c *checker) key(k Key) {
	if !keyPart.MatchString(k.Source) {
		c.add("source", "ต้องระบุระบบต้นทาง (ไม่มีช่องว่างนำหน้า ไม่มี | หรือ : ไม่เกิน 200 ตัวอักษร)",
			"A source system is required (no leading space, no | or :, at most 200 characters).")
	}
	if !keyPart.MatchString(k.LegacyID) && !strings.Contains(k.LegacyID, "|") {
		c.add("legacy_id", "ต้องระบุรหัสเดิม (ไม่เกิน 200 ตัวอักษร)", "A legacy ID is required (at most 200 characters).")
	}
}

// file checks a reference to a file of files/ (its bytes are checked when
// the record is imported).
func (c *checker) file(field, name, sum string, size int64) {
	if !hashRE.MatchString(sum) {
		c.add(field, "ไฟล์ต้องอ้างถึงด้วย SHA-256 (hex ตัวเล็ก 64 ตัว)", "A file is named by its SHA-256 (64 lowercase hex digits).")
	}
	if size <= 0 || size > openinfo.MaxAttachmentSize || name == "" {
		c.add(field, "ไฟล์ต้องมีชื่อ และขนาด 1 ไบต์ถึง 10 MB", "A file needs a name and a size of 1 byte to 10 MB.")
	}
}

func (c *checker) ref(field string, r Ref) {
	if !keyPart.MatchString(r.Source) || r.LegacyID == "" || len(r.LegacyID) > 200 {
		c.add(field, "ต้องอ้างถึงระเบียนด้วยระบบต้นทางและรหัสเดิม", "A reference needs a source and a legacy ID.")
	}
}

// Parse decodes one line of entity e's file and checks it on its own
// (references to other records are resolved by the importer). A record
// that cannot be decoded comes back nil with its issues.
func Parse(e Entity, line []byte) (Record, []Issue) {
	rec, err := New(e)
	if err != nil {
		return nil, []Issue{{TH: "ไม่รู้จักชนิดข้อมูล " + string(e), EN: err.Error()}}
	}
	if !utf8.Valid(line) {
		return nil, []Issue{{TH: "บรรทัดนี้ไม่ใช่ UTF-8", EN: "The line is not valid UTF-8."}}
	}
	if rm, issues, ok := parseRemoval(e, line); ok {
		return rm, issues
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(rec); err != nil {
		return nil, []Issue{decodeIssue(err)}
	}
	if dec.More() {
		return nil, []Issue{{TH: "มีข้อมูลเกินหนึ่งระเบียนในบรรทัดเดียว", EN: "More than one value on the line."}}
	}
	iss := Check(rec)
	k := rec.RecordKey()
	for i := range iss {
		iss[i].Source, iss[i].LegacyID = k.Source, k.LegacyID
	}
	return rec, iss
}

// parseRemoval reads a tombstone ({"source", "legacy_id", "removed": true},
// and a pin's ends): ok is false when the line is not one (it is then an
// ordinary record). Only lines naming "removed" are tried, so the records
// pay nothing for it.
func parseRemoval(e Entity, line []byte) (Record, []Issue, bool) {
	if !bytes.Contains(line, []byte(`"removed"`)) {
		return nil, nil, false
	}
	var r Removal
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if dec.Decode(&r) != nil || dec.More() || !r.Removed {
		return nil, nil, false
	}
	var c checker
	c.key(r.Key)
	if e == Pins {
		p := Pin{Key: r.Key, Point: Ref{}, Process: r.Process, Service: r.Service}
		if r.Point != nil {
			p.Point = *r.Point
		}
		c.issues = append(c.issues, Check(&p)...)
	} else if r.Point != nil || r.Process != nil || r.Service != nil {
		c.add("removed", "ระเบียนที่ถูกลบมีเพียง source, legacy_id และ removed", "A removal holds only source, legacy_id and removed.")
	}
	for i := range c.issues {
		c.issues[i].Source, c.issues[i].LegacyID = r.Source, r.LegacyID
	}
	return &r, dedupe(c.issues), true
}

// dedupe drops repeated issues (a pin's key is checked twice).
func dedupe(in []Issue) []Issue {
	var out []Issue
	for _, is := range in {
		if !slices.Contains(out, is) {
			out = append(out, is)
		}
	}
	return out
}

func decodeIssue(err error) Issue {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return Issue{Field: te.Field, TH: "ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็น " + te.Type.String() + ")",
			EN: "Wrong type: expected " + te.Type.String() + "."}
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		f = strings.Trim(f, `"`)
		return Issue{Field: f, TH: "ไม่รู้จักช่องข้อมูล " + f, EN: "Unknown field " + f + "."}
	}
	return Issue{TH: "อ่านบรรทัด JSON ไม่ได้: " + msg, EN: "Not a JSON object: " + msg}
}

// Check checks a record on its own and normalizes it the way the back
// office would (the import stores what Check leaves).
func Check(rec Record) []Issue {
	var c checker
	c.key(rec.RecordKey())
	switch r := rec.(type) {
	case *Agency:
		if r.Parent != nil {
			c.ref("parent", *r.Parent)
			if r.Parent.Source == r.Source && r.Parent.LegacyID == r.LegacyID {
				c.add("parent", "หน่วยงานเป็นหน่วยงานแม่ของตนเองไม่ได้", "An agency cannot be its own parent.")
			}
		}
		a := r.Domain()
		a.Normalize()
		c.domain("", a.Validate())
		r.from(&a)
	case *Point:
		c.ref("agency", r.Agency)
		if (r.Lat == nil) != (r.Lon == nil) {
			c.add("lat", "ต้องระบุทั้งละติจูดและลองจิจูด", "Give both latitude and longitude, or neither.")
		}
		p := r.Domain()
		p.Normalize()
		c.domain("", p.Validate())
		r.from(&p)
		if r.RateCode != "" {
			r.RateCode = openinfo.NormalizeRateCode(r.RateCode)
			if !openinfo.ValidRateCode(r.RateCode) {
				c.add("rate_code", "รหัสประเมินของ openinfo ไม่ถูกต้อง", "Not a valid openinfo rating code.")
			}
		}
		for i, code := range r.RateCodes {
			r.RateCodes[i] = openinfo.NormalizeRateCode(code)
			if r.RateCodes[i] == "" || len(r.RateCodes[i]) > 64 || strings.ContainsAny(r.RateCodes[i], "/?#%") {
				c.add(fmt.Sprintf("legacy_rate_codes[%d]", i), "รหัสประเมินเดิมต้องมี 1–64 ตัวอักษร ไม่มี / ? # %",
					"A legacy rating code has 1–64 characters, without / ? # %.")
			}
		}
	case *Process:
		c.ref("agency", r.Agency)
		if r.LegacyUUID != "" {
			if !uuidRE.MatchString(r.LegacyUUID) {
				c.add("legacy_uuid", "รหัส UUID เดิมของคู่มือไม่ถูกต้อง", "Not a UUID.")
			}
			r.LegacyUUID = strings.ToLower(r.LegacyUUID)
		}
		p := openinfo.Process{NameTH: r.NameTH, NameEN: r.NameEN, CommonNames: r.CommonNames, AgencyID: 1}
		p.Normalize()
		c.domain("", p.Validate())
		r.NameTH, r.NameEN, r.CommonNames = p.NameTH, p.NameEN, p.CommonNames
		if len(r.Terms) > openinfo.MaxProcessTerms {
			c.add("terms", fmt.Sprintf("ระบุหมวดหมู่ได้ไม่เกิน %d รายการ", openinfo.MaxProcessTerms), fmt.Sprintf("At most %d catalog terms.", openinfo.MaxProcessTerms))
		}
		for i, t := range r.Terms {
			if !t.Kind.Valid() || t.Code == "" {
				c.add(fmt.Sprintf("terms[%d]", i), "หมวดหมู่ต้องมีชนิดและรหัส", "A catalog term needs a valid kind and a code.")
			}
		}
		if len(r.Revisions) == 0 {
			c.add("revisions", "คู่มือต้องมีอย่างน้อยหนึ่งฉบับ", "A manual needs at least one revision.")
		}
		published, numbers := 0, map[int]bool{}
		for i := range r.Revisions {
			rv := &r.Revisions[i]
			f := fmt.Sprintf("revisions[%d]", i)
			if rv.Number <= 0 || numbers[rv.Number] {
				c.add(f+".number", "เลขฉบับต้องเป็นจำนวนเต็มบวกและไม่ซ้ำ", "Revision numbers are positive and distinct.")
			}
			numbers[rv.Number] = true
			if !rv.State.Valid() {
				c.add(f+".state", "สถานะของฉบับไม่ถูกต้อง", "Unknown revision state.")
			}
			if rv.Published != (rv.State == openinfo.RevPublished) {
				c.add(f+".published", "ฉบับที่เผยแพร่ต้องมีสถานะ published และมีเพียงฉบับนั้นที่ทำเครื่องหมายเผยแพร่",
					"The published revision, and only it, has state published and published: true.")
			}
			if rv.Published {
				published++
			}
			if rv.CreatedAt.IsZero() {
				c.add(f+".created_at", "ต้องระบุวันที่สร้างฉบับ", "created_at is required.")
			}
			if (rv.State == openinfo.RevPublished || rv.State == openinfo.RevSuperseded) && rv.PublishedAt == nil {
				c.add(f+".published_at", "ฉบับที่เคยเผยแพร่ต้องมีวันที่เผยแพร่", "A revision that was published needs published_at.")
			}
			rv.Content.Normalize()
			for j, a := range rv.Content.Attachments {
				c.file(fmt.Sprintf("%s.content.attachments[%d]", f, j), a.Name, a.Key, a.Size)
			}
			if rv.State == openinfo.RevDraft || rv.State == openinfo.RevReturned {
				c.domain(f+".content", rv.Content.ValidateDraft())
			} else {
				c.domain(f+".content", rv.Content.Validate())
			}
		}
		if published > 1 {
			c.add("revisions", "เผยแพร่ได้เพียงฉบับเดียว", "At most one revision is published.")
		}
	case *Service:
		c.ref("agency", r.Agency)
		s := openinfo.OtherService{AgencyID: 1, NameTH: r.NameTH, NameEN: r.NameEN, Content: r.Content, Published: r.Published}
		s.Normalize()
		c.domain("", s.Validate())
		r.NameTH, r.NameEN, r.Content = s.NameTH, s.NameEN, s.Content
	case *Pin:
		c.ref("point", r.Point)
		switch {
		case (r.Process == nil) == (r.Service == nil):
			c.add("process", "หมุดต้องอ้างถึงกระบวนงานหรืองานบริการอื่นอย่างใดอย่างหนึ่ง", "A pin names either a process or a service.")
		case r.Process != nil:
			c.ref("process", *r.Process)
			if id := PinID(r.Point, *r.Process, false); r.LegacyID != id {
				c.add("legacy_id", "รหัสของหมุดต้องเป็น "+id, "A pin's legacy_id is "+id+".")
			}
		default:
			c.ref("service", *r.Service)
			if id := PinID(r.Point, *r.Service, true); r.LegacyID != id {
				c.add("legacy_id", "รหัสของหมุดต้องเป็น "+id, "A pin's legacy_id is "+id+".")
			}
		}
	case *EgovRecord:
		c.ref("agency", r.Agency)
		e, err := r.Domain()
		if err != nil {
			c.add("signed_on", "วันที่ต้องอยู่ในรูปแบบ YYYY-MM-DD (ค.ศ.)", "Dates are YYYY-MM-DD (Common Era).")
			break
		}
		e.Normalize()
		if e.State == openinfo.EgovPublished {
			c.domain("", e.Validate(time.Now()))
			if r.PublishedAt == nil {
				c.add("published_at", "ประกาศที่เผยแพร่ต้องมีวันที่เผยแพร่", "A published record needs published_at.")
			}
		} else {
			c.domain("", e.ValidateDraft(time.Now()))
		}
		switch e.State {
		case openinfo.EgovDraft, openinfo.EgovPublished, openinfo.EgovSuperseded, openinfo.EgovRevoked:
		default:
			c.add("state", "สถานะไม่ถูกต้อง", "Unknown state.")
		}
		r.Title, r.DocumentNo, r.URL, r.Items, r.FileKey = e.Title, e.DocumentNo, e.URL, e.Items, e.FileKey
	case *LicenceReport:
		c.ref("agency", r.Agency)
		c.ref("process", r.Process)
		rep := openinfo.Reporter{Kind: openinfo.ReporterAgency, ID: 1}
		if r.Point != nil {
			c.ref("point", *r.Point)
			rep.Kind = openinfo.ReporterPoint
		}
		d := openinfo.LicenceReport{Reporter: rep, AgencyID: 1, ProcessID: 1, Month: r.Month, Counts: r.Counts, State: r.State}
		c.domain("", d.Validate(time.Now()))
		if r.State != openinfo.ReportDraft && r.State != openinfo.ReportSubmitted {
			c.add("state", "สถานะต้องเป็น draft หรือ submitted", "state is draft or submitted.")
		}
		if (r.State == openinfo.ReportSubmitted) != (r.SubmittedAt != nil) {
			c.add("submitted_at", "รายงานที่ส่งแล้ว (และเฉพาะรายงานนั้น) ต้องมีวันที่ส่ง", "A submitted report, and only one, has submitted_at.")
		}
	case *DelayNotice:
		c.ref("point", r.Point)
		c.ref("process", r.Process)
		d, bad := r.Domain()
		for _, f := range bad {
			c.add(f, "วันที่ต้องอยู่ในรูปแบบ YYYY-MM-DD (ค.ศ.)", "Dates are YYYY-MM-DD (Common Era).")
		}
		if len(bad) > 0 {
			break
		}
		// The due date against the manual's time limit was checked when
		// the case was recorded; the import takes it as it came.
		c.domain("", d.Validate(time.Now(), time.Time{}))
		r.from(&d)
		for i, n := range r.Notices {
			if n.RecordedAt.IsZero() {
				c.add(fmt.Sprintf("notices[%d].recorded_at", i), "ต้องระบุเวลาที่บันทึกหนังสือแจ้ง", "recorded_at is required.")
			}
			if n.Letter != nil {
				c.file(fmt.Sprintf("notices[%d].letter", i), n.Letter.Name, n.Letter.SHA256, n.Letter.Size)
				if r.Applicant == nil { // the retention job deletes the letters with the applicant's data
					c.add(fmt.Sprintf("notices[%d].letter", i), "เรื่องที่ลบข้อมูลผู้ยื่นคำขอแล้วต้องไม่มีไฟล์หนังสือแจ้ง (หนังสือระบุชื่อผู้ยื่นคำขอ)",
						"A case whose applicant data was removed keeps no letters (a letter names the applicant).")
				}
			}
		}
	case *Rating:
		c.ref("point", r.Point)
		if r.Process != nil {
			c.ref("process", *r.Process)
		}
		if r.QuestionSet <= 0 {
			c.add("question_set", "ต้องระบุรุ่นของชุดคำถาม", "question_set is required.")
		}
		for k, v := range r.Answers {
			if _, ok := DimensionIndex(k); !ok {
				c.add("answers."+k, "ไม่รู้จักด้านของการประเมินนี้", "Unknown dimension.")
			} else if v < 1 || v > 5 {
				c.add("answers."+k, "คะแนนต้องเป็น 1 ถึง 5", "An answer is 1 to 5.")
			}
		}
		if len(r.Answers) == 0 {
			c.add("answers", "ต้องมีคำตอบอย่างน้อยหนึ่งข้อ", "At least one answer.")
		}
		if r.CreatedAt.IsZero() {
			c.add("created_at", "ต้องระบุเวลาที่ประเมิน", "created_at is required.")
		}
		if utf8.RuneCountInString(r.Comment) > openinfo.MaxCommentRunes {
			c.add("comment", "ความคิดเห็นยาวเกินไป", "The comment is too long.")
		}
		if r.Channel == "" {
			r.Channel = "qr"
		}
	case *Officer:
		if r.Issuer == "" || r.Subject == "" {
			c.add("subject", "ต้องระบุผู้ให้บริการยืนยันตัวตน (issuer) และรหัสผู้ใช้ที่นั่น (subject)",
				"issuer and subject (the user's ID at the identity provider) are required.")
		}
		if !r.Role.Valid() {
			c.add("role", "บทบาทไม่ถูกต้อง", "Unknown role.")
		}
		if r.Agency != nil {
			c.ref("agency", *r.Agency)
		} else if r.Role.Valid() && !r.Role.Global() {
			c.add("agency", "บทบาทนี้ต้องสังกัดหน่วยงาน", "This role needs an agency.")
		}
	case *Token:
		c.ref("agency", r.Agency)
		if !r.Role.Valid() {
			c.add("role", "บทบาทไม่ถูกต้อง", "Unknown role.")
		}
		if !hashRE.MatchString(r.Hash) {
			c.add("hash", "ค่าแฮชของรหัสต้องเป็น SHA-256 (hex 64 ตัว)", "hash is a SHA-256 in 64 hex digits.")
		}
		if r.IssuedAt.IsZero() || !r.ExpiresAt.After(r.IssuedAt) {
			c.add("expires_at", "ต้องระบุวันออกรหัสและวันหมดอายุที่หลังกว่า", "issued_at and a later expires_at are required.")
		}
	}
	return c.issues
}

// DimensionIndex maps a dimension key of the question sets ("process",
// "staff", …) to its index in openinfo.Rating.Answers.
func DimensionIndex(key string) (int, bool) {
	for i, d := range openinfo.Dimensions {
		if d.Key == key {
			return i, true
		}
	}
	return 0, false
}

// Domain is the agency as openinfo's type (without IDs).
func (r *Agency) Domain() openinfo.Agency {
	return openinfo.Agency{Type: r.Type, NameTH: r.NameTH, NameEN: r.NameEN, ShortName: r.ShortName, Contact: r.Contact, Status: r.Status}
}

func (r *Agency) from(a *openinfo.Agency) {
	r.Type, r.NameTH, r.NameEN, r.ShortName, r.Contact, r.Status = a.Type, a.NameTH, a.NameEN, a.ShortName, a.Contact, a.Status
}

// Domain is the point as openinfo's type (without IDs; AgencyID is 1 so
// that Validate passes the agency check).
func (r *Point) Domain() openinfo.ServicePoint {
	p := openinfo.ServicePoint{AgencyID: 1, NameTH: r.NameTH, NameEN: r.NameEN, Kind: r.Kind, Address: r.Address,
		Phones: r.Phones, Email: r.Email, URL: r.URL, Hours: r.Hours, Visible: r.Visible}
	if r.Lat != nil && r.Lon != nil {
		p.HasLocation, p.Lat, p.Lon = true, *r.Lat, *r.Lon
	}
	return p
}

func (r *Point) from(p *openinfo.ServicePoint) {
	r.NameTH, r.NameEN, r.Kind, r.Address, r.Phones, r.Email, r.URL, r.Hours =
		p.NameTH, p.NameEN, p.Kind, p.Address, p.Phones, p.Email, p.URL, p.Hours
}

// Domain is the record as openinfo's type (AgencyID 1).
func (r *EgovRecord) Domain() (openinfo.EgovRecord, error) {
	e := openinfo.EgovRecord{AgencyID: 1, Section: r.Section, Title: r.Title, DocumentNo: r.DocumentNo, URL: r.URL,
		Items: r.Items, State: r.State, FileKey: r.FileKey}
	var err error
	if e.SignedOn, err = ParseDate(r.SignedOn); err != nil {
		return e, err
	}
	if e.EffectiveOn, err = ParseDate(r.EffectiveOn); err != nil {
		return e, err
	}
	if r.PublishedAt != nil {
		e.PublishedAt = *r.PublishedAt
	}
	return e, nil
}

// ParseDate reads YYYY-MM-DD as midnight UTC ("" is the zero time).
func ParseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse("2006-01-02", s)
}

// FormatDate writes t as YYYY-MM-DD ("" for the zero time).
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// Domain is the delayed application as openinfo's type (ProcessID and
// PointID 1), with the fields whose dates do not parse.
func (r *DelayNotice) Domain() (openinfo.DelayCase, []string) {
	var bad []string
	date := func(field, s string) time.Time {
		if s == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation("2006-01-02", s, thaitime.Bangkok)
		if err != nil {
			bad = append(bad, field)
		}
		return t
	}
	d := openinfo.DelayCase{Ref: r.ApplicationNo, ProcessID: 1, PointID: 1, Redacted: r.Applicant == nil, DueReason: r.DueReason,
		Decision: r.Decision, Received: date("received_on", r.ReceivedOn), Due: date("due_on", r.DueOn),
		DecidedOn: date("decided_on", r.DecidedOn), ToldOn: date("told_on", r.ToldOn)}
	if r.Applicant != nil {
		d.ApplicantName, d.ApplicantPhone, d.ApplicantEmail = r.Applicant.Name, r.Applicant.Phone, r.Applicant.Email
	}
	for i, n := range r.Notices {
		f := fmt.Sprintf("notices[%d].", i)
		d.Notices = append(d.Notices, openinfo.DelayNotice{Seq: i + 1, Number: n.Number, Reason: n.Reason,
			Date: date(f+"on", n.On), ExpectedDecision: date(f+"expected_on", n.ExpectedOn)})
	}
	return d, bad
}

func (r *DelayNotice) from(d *openinfo.DelayCase) {
	r.ApplicationNo, r.DueReason = d.Ref, d.DueReason
	if r.Applicant != nil {
		r.Applicant.Name, r.Applicant.Phone, r.Applicant.Email = d.ApplicantName, d.ApplicantPhone, d.ApplicantEmail
	}
	for i := range r.Notices {
		r.Notices[i].Number, r.Notices[i].Reason = d.Notices[i].Number, d.Notices[i].Reason
	}
}
