package openinfo

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Electronic Government Administration Act B.E. 2565 (DOMAIN.md §4): an
// agency announces (ประกาศ) under Section 10 the electronic channels citizens
// may use to contact it, orders (คำสั่ง) under Section 16 the systems its
// officers use, and records both here. OPDC counts who has.

// EgovSection is the section of the Act a record answers: 10 or 16.
type EgovSection int

const (
	EgovSection10 EgovSection = 10 // ประกาศกำหนดช่องทางอิเล็กทรอนิกส์สำหรับประชาชนติดต่อราชการ
	EgovSection16 EgovSection = 16 // คำสั่งกำหนดระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่โดยวิธีการทางอิเล็กทรอนิกส์
)

// EgovSections lists both sections with the name of their document.
var EgovSections = []struct {
	Section EgovSection
	Text
}{
	{EgovSection10, Text{"ประกาศกำหนดช่องทางอิเล็กทรอนิกส์สำหรับประชาชนติดต่อราชการ (มาตรา 10)",
		"Section 10 announcement: electronic channels for contacting the agency"}},
	{EgovSection16, Text{"คำสั่งกำหนดระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่โดยวิธีการทางอิเล็กทรอนิกส์ (มาตรา 16)",
		"Section 16 order: electronic systems for officers' duties"}},
}

// Valid reports whether s is 10 or 16.
func (s EgovSection) Valid() bool { return s == EgovSection10 || s == EgovSection16 }

// Label returns the name of the section's document in lang.
func (s EgovSection) Label(lang string) string {
	for _, x := range EgovSections {
		if x.Section == s {
			return x.In(lang)
		}
	}
	return fmt.Sprint(int(s))
}

// EgovChannelKind is the kind of a Section 10 channel.
type EgovChannelKind string

const (
	ChannelWebsite   EgovChannelKind = "website"
	ChannelEService  EgovChannelKind = "e_service"
	ChannelEmail     EgovChannelKind = "email"
	ChannelLINE      EgovChannelKind = "line"
	ChannelMobileApp EgovChannelKind = "mobile_app"
	ChannelEForm     EgovChannelKind = "e_form"
	ChannelOther     EgovChannelKind = "other"
)

// EgovChannelKinds lists the kinds in the order of the form.
var EgovChannelKinds = []struct {
	Kind EgovChannelKind
	Text
}{
	{ChannelWebsite, Text{"เว็บไซต์", "Website"}},
	{ChannelEService, Text{"ระบบบริการอิเล็กทรอนิกส์ (e-Service)", "e-Service"}},
	{ChannelEmail, Text{"ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล)", "E-mail"}},
	{ChannelLINE, Text{"LINE Official Account", "LINE Official Account"}},
	{ChannelMobileApp, Text{"แอปพลิเคชันบนมือถือ", "Mobile app"}},
	{ChannelEForm, Text{"แบบฟอร์มอิเล็กทรอนิกส์ (e-Form)", "e-Form"}},
	{ChannelOther, Text{"ช่องทางอื่น", "Other"}},
}

// Valid reports whether k is a known kind.
func (k EgovChannelKind) Valid() bool {
	for _, x := range EgovChannelKinds {
		if x.Kind == k {
			return true
		}
	}
	return false
}

// Label returns the kind's name in lang.
func (k EgovChannelKind) Label(lang string) string {
	for _, x := range EgovChannelKinds {
		if x.Kind == k {
			return x.In(lang)
		}
	}
	return string(k)
}

// EgovItem is one line of a record: a channel citizens use (Section 10, with
// a Kind) or a system officers use (Section 16, no Kind). Purpose says what
// the channel serves or what the system is for.
type EgovItem struct {
	Kind    EgovChannelKind `json:"kind,omitempty"`
	Name    string          `json:"name"`
	Address string          `json:"address,omitempty"` // URL, e-mail address or LINE ID, by Kind
	Purpose string          `json:"purpose,omitempty"`
}

// EgovState is where a record stands.
//
//	(new) ──save──▶ draft ──publish──▶ published ──revoke──▶ revoked
//	                 ▲ save │                │ a newer record of the same
//	                 └──────┘                ▼ agency and section is published
//	                                      superseded
type EgovState string

const (
	EgovDraft      EgovState = "draft"
	EgovPublished  EgovState = "published"  // the agency's current record of its section
	EgovRevoked    EgovState = "revoked"    // withdrawn with a reason; kept for history
	EgovSuperseded EgovState = "superseded" // replaced by a newer published record; kept for history
)

// EgovStates lists the states in the order of the list filter.
var EgovStates = []struct {
	State EgovState
	Text
}{
	{EgovDraft, Text{"ฉบับร่าง", "Draft"}},
	{EgovPublished, Text{"เผยแพร่แล้ว", "Published"}},
	{EgovRevoked, Text{"ยกเลิกแล้ว", "Revoked"}},
	{EgovSuperseded, Text{"ถูกแทนที่ด้วยฉบับใหม่", "Superseded"}},
}

// Valid reports whether s is a known state.
func (s EgovState) Valid() bool {
	for _, x := range EgovStates {
		if x.State == s {
			return true
		}
	}
	return false
}

// Label returns the state's name in lang.
func (s EgovState) Label(lang string) string {
	for _, x := range EgovStates {
		if x.State == s {
			return x.In(lang)
		}
	}
	return string(s)
}

// EgovEvent is something that happens to a record.
type EgovEvent string

const (
	EgovEvSave      EgovEvent = "save"      // the agency saves a draft (a new record starts here)
	EgovEvPublish   EgovEvent = "publish"   // the agency publishes it: it becomes the current record
	EgovEvRevoke    EgovEvent = "revoke"    // the agency withdraws its current record, with a reason
	EgovEvSupersede EgovEvent = "supersede" // the system, when a newer record is published
)

// EgovEvents lists the events with their names, for the history.
var EgovEvents = []struct {
	Event EgovEvent
	Text
}{
	{EgovEvSave, Text{"บันทึกฉบับร่าง", "Draft saved"}},
	{EgovEvPublish, Text{"เผยแพร่", "Published"}},
	{EgovEvRevoke, Text{"ยกเลิก", "Revoked"}},
	{EgovEvSupersede, Text{"ถูกแทนที่ด้วยฉบับใหม่", "Superseded"}},
}

// Label returns the event's name in lang.
func (e EgovEvent) Label(lang string) string {
	for _, x := range EgovEvents {
		if x.Event == e {
			return x.In(lang)
		}
	}
	return string(e)
}

// egovRules: for each event, the state it leads to from each state where it
// applies; "" is a record not yet saved. A published record is not edited:
// the agency saves a new draft (a copy) and publishes it, which supersedes
// the old one, so what citizens saw stays on record.
var egovRules = map[EgovEvent]map[EgovState]EgovState{
	EgovEvSave:      {"": EgovDraft, EgovDraft: EgovDraft},
	EgovEvPublish:   {EgovDraft: EgovPublished},
	EgovEvRevoke:    {EgovPublished: EgovRevoked},
	EgovEvSupersede: {EgovPublished: EgovSuperseded},
}

// MaxEgovReason bounds a revocation's reason.
const MaxEgovReason = 2000

// EgovTransition is the record's workflow as a pure function: the state after
// actor takes ev on a record in state ("" for a new one) of the agency whose
// Path is agencyPath, or an error: EINVALID for an unknown event or a
// revocation without a reason (or with one over MaxEgovReason); EUNAUTHORIZED
// or EFORBIDDEN (Authorize, ActRecordSection10: the agency's central officers
// in their subtree, the platform admin anywhere) when the actor may not;
// EgovEvSupersede is the system's alone (the zero Officer); ECONFLICT when
// the event does not apply in this state.
func EgovTransition(state EgovState, ev EgovEvent, actor Officer, agencyPath, reason string) (EgovState, error) {
	rules, ok := egovRules[ev]
	if !ok {
		return "", Errorf(EINVALID, "ไม่รู้จักการดำเนินการ \"%s\"", "Unknown action \"%s\".", ev)
	}
	if ev == EgovEvSupersede {
		if actor != (Officer{}) {
			return "", Errorf(EFORBIDDEN, "ระบบเป็นผู้ทำเครื่องหมายฉบับที่ถูกแทนที่เมื่อฉบับใหม่เผยแพร่",
				"Only the system marks a record superseded, when a newer one is published.")
		}
	} else if err := Authorize(actor, ActRecordSection10, agencyPath); err != nil {
		return "", err
	}
	to, ok := rules[state]
	if !ok {
		return "", egovConflict(state, ev)
	}
	if ev == EgovEvRevoke {
		reason = strings.TrimSpace(reason)
		var th, en string
		switch {
		case reason == "":
			th, en = "กรุณาระบุเหตุผลที่ยกเลิก", "Say why it is revoked."
		case utf8.RuneCountInString(reason) > MaxEgovReason:
			th, en = fmt.Sprintf("เหตุผลยาวเกิน %d ตัวอักษร", MaxEgovReason), fmt.Sprintf("The reason is longer than %d characters.", MaxEgovReason)
		}
		if th != "" {
			return "", &Error{Code: EINVALID, TH: th, EN: en, Fields: []FieldError{{Field: "reason", TH: th, EN: en}}}
		}
	}
	return to, nil
}

func egovConflict(state EgovState, ev EgovEvent) error {
	var th, en string
	switch state {
	case "":
		th, en = "ยังไม่ได้บันทึกรายการนี้", "This record was not saved yet"
	case EgovDraft:
		th, en = "รายการนี้ยังเป็นฉบับร่างและยังไม่ได้เผยแพร่", "This record is a draft and was not published"
	case EgovPublished:
		th, en = "รายการนี้เผยแพร่แล้ว หากต้องการแก้ไขให้บันทึกฉบับใหม่แล้วเผยแพร่แทน",
			"This record is published; save a new one and publish it instead"
	case EgovRevoked:
		th, en = "รายการนี้ถูกยกเลิกแล้ว", "This record was revoked"
	case EgovSuperseded:
		th, en = "รายการนี้ถูกแทนที่ด้วยฉบับใหม่แล้ว", "This record was replaced by a newer one"
	default:
		return Errorf(EINVALID, "สถานะของรายการไม่ถูกต้อง", "The record's status is not valid.")
	}
	return &Error{Code: ECONFLICT,
		TH: th + " จึงไม่สามารถดำเนินการ \"" + ev.Label("th") + "\" ได้",
		EN: en + ", so that action is not possible now."}
}

// EgovRef is a record as the workflow sees it.
type EgovRef struct {
	ID    int64
	State EgovState
}

// EgovEffect is one change the store writes: record RecordID moves From → To.
type EgovEffect struct {
	RecordID int64
	From, To EgovState
	Event    EgovEvent
	ActorID  int64 // 0: the system
	Reason   string
}

// ApplyEgovEvent takes ev on record id among records (every record of the
// same agency and section) and returns the changes to write, in order.
// Publishing returns, after the record's own change, the supersession of
// the record published before: an agency has at most one current record of
// each section. The store writes them in one transaction.
func ApplyEgovEvent(records []EgovRef, id int64, ev EgovEvent, actor Officer, agencyPath, reason string) ([]EgovEffect, error) {
	var cur *EgovRef
	for i := range records {
		if records[i].ID == id {
			cur = &records[i]
		}
	}
	if cur == nil {
		return nil, Errorf(ENOTFOUND, "ไม่พบรายการที่ระบุ", "No such record.")
	}
	to, err := EgovTransition(cur.State, ev, actor, agencyPath, reason)
	if err != nil {
		return nil, err
	}
	effects := []EgovEffect{{RecordID: id, From: cur.State, To: to, Event: ev, ActorID: actor.UserID, Reason: strings.TrimSpace(reason)}}
	if to != EgovPublished {
		return effects, nil
	}
	for _, r := range records {
		if r.ID == id || r.State != EgovPublished {
			continue
		}
		next, err := EgovTransition(r.State, EgovEvSupersede, Officer{}, agencyPath, "")
		if err != nil {
			return nil, err
		}
		effects = append(effects, EgovEffect{RecordID: r.ID, From: r.State, To: next, Event: EgovEvSupersede,
			Reason: fmt.Sprintf("แทนที่ด้วยรายการ #%d", id)})
	}
	return effects, nil
}

// EgovRecord is an agency's Section 10 announcement or Section 16 order as
// recorded here. Dates are calendar dates (midnight UTC of the Thai date).
type EgovRecord struct {
	ID          int64
	AgencyID    int64
	Section     EgovSection
	Title       string
	DocumentNo  string // "ที่ 12/2566"; announcements often have none
	SignedOn    time.Time
	EffectiveOn time.Time // zero: in force from signing
	FileKey     string    // the signed document (PDF) in the file store, by SHA-256
	URL         string    // where the agency publishes it
	Items       []EgovItem
	State       EgovState
	Version     int64 // optimistic lock for saves and publication

	RevokeReason string
	SupersededBy int64 // the record that replaced it
	CreatedBy    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	PublishedAt  time.Time // zero until published
	EndedAt      time.Time // when it was revoked or superseded
}

// EgovActPublished is when the Act appeared in the Royal Gazette (11 October
// 2022): no record under it can be signed earlier, so an earlier date is a
// typing mistake (often a Buddhist-era year read as Common Era or back).
var EgovActPublished = time.Date(2022, time.October, 11, 0, 0, 0, 0, time.UTC)

// Limits of a record.
const (
	MaxEgovItems   = 50
	maxEgovTitle   = 500
	maxEgovDocNo   = 100
	maxEgovName    = 300
	maxEgovPurpose = 1000
)

var (
	fileKeyRE = regexp.MustCompile(`^[0-9a-f]{64}$`)
	lineIDRE  = regexp.MustCompile(`^@[a-z0-9._-]{1,20}$`)
)

// EgovDate returns the Bangkok calendar date of t as midnight UTC, the form
// records keep their dates in.
func EgovDate(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	t = t.In(bangkok)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// Normalize trims inputs, drops empty item rows, gives a LINE ID its "@" and
// clears Kind on Section 16 systems (which have none).
func (r *EgovRecord) Normalize() {
	r.Title = cleanText(r.Title)
	r.DocumentNo = cleanText(r.DocumentNo)
	r.FileKey = strings.ToLower(strings.TrimSpace(r.FileKey))
	r.URL = strings.TrimSpace(r.URL)
	items := r.Items[:0:0]
	for _, it := range r.Items {
		it.Name, it.Purpose = cleanText(it.Name), cleanText(it.Purpose)
		it.Address = strings.TrimSpace(it.Address)
		it.Kind = EgovChannelKind(strings.TrimSpace(string(it.Kind)))
		if r.Section == EgovSection16 {
			it.Kind = ""
		}
		if it.Name == "" && it.Address == "" && it.Purpose == "" {
			continue // a blank row of the form
		}
		switch it.Kind {
		case ChannelEmail:
			it.Address = strings.TrimPrefix(it.Address, "mailto:")
		case ChannelLINE:
			if !strings.Contains(it.Address, "://") {
				it.Address = strings.ToLower(it.Address)
				if it.Address != "" && !strings.HasPrefix(it.Address, "@") {
					it.Address = "@" + it.Address
				}
			}
		}
		items = append(items, it)
	}
	r.Items = items
	r.SignedOn, r.EffectiveOn = EgovDate(r.SignedOn), EgovDate(r.EffectiveOn)
}

// ValidateDraft checks what any saved draft must satisfy: a known section,
// well-formed addresses, dates in order, lengths. A draft may be incomplete.
func (r *EgovRecord) ValidateDraft(now time.Time) error {
	var v validation
	r.check(&v, now, false)
	return v.err(egovSubject(r.Section))
}

// Validate checks a record for publication: everything ValidateDraft checks,
// and a title, the signed date (not in the future), the document or its URL
// and at least one channel or system, each with a name (and, for a Section
// 10 channel, its kind and address).
func (r *EgovRecord) Validate(now time.Time) error {
	var v validation
	r.check(&v, now, true)
	return v.err(egovSubject(r.Section))
}

func egovSubject(s EgovSection) (string, string) {
	switch s {
	case EgovSection10:
		return "ประกาศตามมาตรา 10", "Section 10 announcement"
	case EgovSection16:
		return "คำสั่งตามมาตรา 16", "Section 16 order"
	}
	return "ประกาศ/คำสั่งตามพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์", "Electronic Government Act record"
}

func (r *EgovRecord) check(v *validation, now time.Time, complete bool) {
	long := func(field, what, whatEN, s string, max int) {
		if n := utf8.RuneCountInString(s); n > max {
			v.add(field, fmt.Sprintf("%sยาวเกิน %d ตัวอักษร (%d ตัวอักษร)", what, max, n),
				fmt.Sprintf("%s is longer than %d characters (%d).", whatEN, max, n))
		}
	}
	if !r.Section.Valid() {
		v.add("section", "กรุณาเลือกมาตรา 10 หรือมาตรา 16", "Choose Section 10 or Section 16.")
	}
	if r.AgencyID <= 0 {
		v.add("agency_id", "กรุณาเลือกหน่วยงาน", "Choose the agency.")
	}
	long("title", "ชื่อเรื่อง", "The title", r.Title, maxEgovTitle)
	long("document_no", "เลขที่เอกสาร", "The document number", r.DocumentNo, maxEgovDocNo)
	if r.URL != "" && !validWebURL(r.URL) {
		v.add("url", "ลิงก์เอกสารต้องขึ้นต้นด้วย http:// หรือ https://", "The document's link must start with http:// or https://.")
	}
	if r.FileKey != "" && !fileKeyRE.MatchString(r.FileKey) {
		v.add("file", "ไฟล์เอกสารไม่ถูกต้อง กรุณาแนบไฟล์ใหม่", "The document file is not valid; attach it again.")
	}
	if !r.SignedOn.IsZero() && r.SignedOn.Before(EgovActPublished) {
		v.add("signed_on", "วันที่ลงนามอยู่ก่อนวันที่พระราชบัญญัติฯ ประกาศในราชกิจจานุเบกษา (11 ตุลาคม 2565) กรุณาตรวจสอบปี พ.ศ.",
			"The signed date is before the Act was published (11 October 2022); check the year (Buddhist or Common Era).")
	}
	if !r.EffectiveOn.IsZero() && !r.SignedOn.IsZero() && r.EffectiveOn.Before(r.SignedOn) {
		v.add("effective_on", "วันที่มีผลใช้บังคับต้องไม่ก่อนวันที่ลงนาม", "The effective date cannot be before the signed date.")
	}
	if complete {
		if r.Title == "" {
			v.add("title", "กรุณากรอกชื่อเรื่อง", "Enter the title.")
		}
		switch {
		case r.SignedOn.IsZero():
			v.add("signed_on", "กรุณาระบุวันที่ลงนาม", "Enter the signed date.")
		case r.SignedOn.After(EgovDate(now)):
			v.add("signed_on", "วันที่ลงนามเป็นวันในอนาคต กรุณาเผยแพร่เมื่อลงนามแล้ว หรือตรวจสอบปี พ.ศ.",
				"The signed date is in the future; publish once it is signed, or check the year.")
		}
		if r.FileKey == "" && r.URL == "" {
			v.add("file", "กรุณาแนบไฟล์เอกสารที่ลงนามแล้ว หรือระบุลิงก์ของเอกสาร", "Attach the signed document or give its link.")
		}
		if len(r.Items) == 0 {
			if r.Section == EgovSection16 {
				v.add("items", "กรุณาระบุระบบอย่างน้อย 1 ระบบ", "List at least one system.")
			} else {
				v.add("items", "กรุณาระบุช่องทางอิเล็กทรอนิกส์อย่างน้อย 1 ช่องทาง", "List at least one electronic channel.")
			}
		}
	}
	if len(r.Items) > MaxEgovItems {
		v.add("items", fmt.Sprintf("ระบุได้ไม่เกิน %d รายการ", MaxEgovItems), fmt.Sprintf("At most %d rows.", MaxEgovItems))
	}
	seen := map[string]int{}
	for i, it := range r.Items {
		f := func(name string) string { return fmt.Sprintf("items[%d].%s", i, name) }
		n := fmt.Sprintf(" (รายการที่ %d)", i+1)
		nEN := fmt.Sprintf(" (row %d)", i+1)
		long(f("name"), "ชื่อ"+n, "The name"+nEN, it.Name, maxEgovName)
		long(f("purpose"), "รายละเอียด"+n, "The description"+nEN, it.Purpose, maxEgovPurpose)
		if complete && it.Name == "" {
			v.add(f("name"), "กรุณากรอกชื่อ"+n, "Enter the name"+nEN+".")
		}
		if r.Section == EgovSection10 {
			if it.Kind == "" {
				if complete {
					v.add(f("kind"), "กรุณาเลือกประเภทช่องทาง"+n, "Choose the kind of channel"+nEN+".")
				}
			} else if !it.Kind.Valid() {
				v.add(f("kind"), "ไม่รู้จักประเภทช่องทางที่เลือก"+n, "Unknown kind of channel"+nEN+".")
			}
			if complete && it.Address == "" {
				v.add(f("address"), "กรุณาระบุที่อยู่ของช่องทาง (ลิงก์ อีเมล หรือ LINE ID)"+n, "Enter the channel's address (link, e-mail or LINE ID)"+nEN+".")
			}
		}
		if it.Address != "" {
			if th, en := checkEgovAddress(it.Kind, it.Address); th != "" {
				v.add(f("address"), th+n, en+nEN+".")
			}
			key := string(it.Kind) + " " + strings.ToLower(it.Address)
			if j, dup := seen[key]; dup {
				v.add(f("address"), fmt.Sprintf("ที่อยู่นี้ซ้ำกับรายการที่ %d", j+1), fmt.Sprintf("The same address as row %d.", j+1))
			} else {
				seen[key] = i
			}
		}
	}
}

// checkEgovAddress checks an item's address for its kind: an e-mail
// address, a LINE ID or LINE link, or else a web address. It returns the
// Thai and English messages, or "" when the address is fine.
func checkEgovAddress(k EgovChannelKind, addr string) (string, string) {
	switch k {
	case ChannelEmail:
		if !validEmail(addr) {
			return "อีเมลไม่ถูกต้อง (ตัวอย่าง saraban@opdc.go.th)", "The e-mail address is not valid (e.g. saraban@opdc.go.th)"
		}
	case ChannelLINE:
		if lineIDRE.MatchString(addr) {
			return "", ""
		}
		u, err := url.Parse(addr)
		if err != nil || !validWebURL(addr) || !lineHost(u.Hostname()) {
			return "LINE ID ต้องขึ้นต้นด้วย @ ตามด้วยตัวอักษรภาษาอังกฤษ ตัวเลข . _ หรือ - (เช่น @opdc) หรือเป็นลิงก์ https://lin.ee/… หรือ https://line.me/…",
				"A LINE ID is @ followed by letters, digits, . _ or - (e.g. @opdc), or a https://lin.ee/… or https://line.me/… link"
		}
	case ChannelOther:
		if !validWebURL(addr) && !validEmail(addr) {
			return "ที่อยู่ต้องเป็นลิงก์ที่ขึ้นต้นด้วย http:// หรือ https:// หรืออีเมล", "The address must be a link starting with http:// or https://, or an e-mail address"
		}
	default: // websites, e-services, e-forms, app store pages, Section 16 systems
		if !validWebURL(addr) {
			return "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://", "The link must start with http:// or https://"
		}
	}
	return "", ""
}

func lineHost(h string) bool {
	h = strings.ToLower(h)
	return h == "lin.ee" || h == "line.me" || strings.HasSuffix(h, ".line.me")
}
