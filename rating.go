package openinfo

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Satisfaction ratings (ประเมินความพึงพอใจ, DOMAIN.md §3): a citizen scans the
// QR code at a service point and answers the current question set on the
// usual 1–5 scale.

// Dimension is one aspect of service a question set asks about. Reports give
// the mean and percent per dimension, so every question set version asks
// exactly one 1–5 question per dimension it includes: versions differ in
// wording and in which dimensions they ask, and stay comparable over time.
type Dimension int

const (
	DimProcess    Dimension = iota // ด้านกระบวนการ/ขั้นตอนการให้บริการ
	DimStaff                       // ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ
	DimFacilities                  // ด้านสิ่งอำนวยความสะดวก
	DimResult                      // ด้านคุณภาพ/ผลของการให้บริการ
	DimChannel                     // ด้านช่องทางการให้บริการ (optional)
	NumDimensions = 5
)

// Dimensions lists the dimensions with their keys and names.
var Dimensions = [NumDimensions]struct {
	Dim Dimension
	Key string
	Text
}{
	{DimProcess, "process", Text{"ด้านกระบวนการ/ขั้นตอนการให้บริการ", "Process and steps"}},
	{DimStaff, "staff", Text{"ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ", "Staff"}},
	{DimFacilities, "facilities", Text{"ด้านสิ่งอำนวยความสะดวก", "Facilities"}},
	{DimResult, "result", Text{"ด้านคุณภาพ/ผลของการให้บริการ", "Quality and result of the service"}},
	{DimChannel, "channel", Text{"ด้านช่องทางการให้บริการ", "Service channels"}},
}

// Key is the dimension's name in forms and exports ("process").
func (d Dimension) Key() string {
	if d < 0 || d >= NumDimensions {
		return ""
	}
	return Dimensions[d].Key
}

// Label returns the dimension's name in lang.
func (d Dimension) Label(lang string) string {
	if d < 0 || d >= NumDimensions {
		return ""
	}
	return Dimensions[d].In(lang)
}

// ScaleLabels names the points of the 1–5 scale (index 1..5).
var ScaleLabels = [6][2]string{{}, {"น้อยที่สุด", "Very poor"}, {"น้อย", "Poor"}, {"ปานกลาง", "Fair"},
	{"มาก", "Good"}, {"มากที่สุด", "Excellent"}}

// Question is the question a set asks for one dimension.
type Question struct {
	Dim            Dimension `json:"dim"`
	TH, EN         string
	HintTH, HintEN string `json:",omitempty"` // what the dimension covers, e.g. simplicity, speed, fairness
}

// Text returns the question in lang.
func (q Question) Text(lang string) string {
	return Text{q.TH, q.EN}.In(lang)
}

// Hint returns the question's help text in lang.
func (q Question) Hint(lang string) string {
	return Text{q.HintTH, q.HintEN}.In(lang)
}

// QuestionSet is one version of the questions citizens answer, managed by
// OPDC. Versions are never changed once made: a rating keeps the version it
// answered, and a change makes the next version.
type QuestionSet struct {
	Version   int
	Questions []Question // at most one per dimension, in the order shown
	// AskProfile offers the optional respondent profile.
	AskProfile bool
	CreatedAt  time.Time
	CreatedBy  int64
}

// Has reports whether the set asks about d.
func (qs *QuestionSet) Has(d Dimension) bool {
	for _, q := range qs.Questions {
		if q.Dim == d {
			return true
		}
	}
	return false
}

// DefaultQuestionSet is version 1, following DOMAIN.md §3: process, staff,
// facilities and result on a 1–5 scale, an optional profile and a comment.
func DefaultQuestionSet() QuestionSet {
	return QuestionSet{Version: 1, AskProfile: true, Questions: []Question{
		{Dim: DimProcess, TH: "ท่านพึงพอใจต่อขั้นตอนการให้บริการเพียงใด", EN: "How satisfied are you with the process?",
			HintTH: "ความง่าย ความรวดเร็ว ความชัดเจน ความเป็นธรรม (ตามลำดับคิว) ระยะเวลารอ",
			HintEN: "Simplicity, speed, clarity, fairness (queue order), waiting time"},
		{Dim: DimStaff, TH: "ท่านพึงพอใจต่อเจ้าหน้าที่ผู้ให้บริการเพียงใด", EN: "How satisfied are you with the staff?",
			HintTH: "ความสุภาพ ความเอาใจใส่ ความรู้ในงาน", HintEN: "Politeness, attentiveness, knowledge"},
		{Dim: DimFacilities, TH: "ท่านพึงพอใจต่อสิ่งอำนวยความสะดวกเพียงใด", EN: "How satisfied are you with the facilities?",
			HintTH: "ที่นั่งรอ ป้ายบอกทาง ที่จอดรถ ห้องน้ำ", HintEN: "Seats, signs, parking, toilets"},
		{Dim: DimResult, TH: "ท่านพึงพอใจต่อผลของการให้บริการเพียงใด", EN: "How satisfied are you with the result?",
			HintTH: "ได้รับบริการตรงตามความต้องการ ถูกต้อง ครบถ้วน", HintEN: "You got what you needed, correctly and completely"},
	}}
}

// Validate checks a question set before it becomes a new version.
func (qs *QuestionSet) Validate() error {
	var v validation
	if len(qs.Questions) == 0 {
		v.add("questions", "ชุดคำถามต้องมีอย่างน้อยหนึ่งด้าน", "A question set needs at least one dimension.")
	}
	seen := map[Dimension]bool{}
	for _, q := range qs.Questions {
		f := "q_" + q.Dim.Key()
		if q.Dim < 0 || q.Dim >= NumDimensions {
			v.add("questions", "ด้านของคำถามไม่ถูกต้อง", "Unknown dimension.")
			continue
		}
		if seen[q.Dim] {
			v.add(f, "ถามด้านเดียวกันซ้ำ", "The dimension is asked twice.")
		}
		seen[q.Dim] = true
		if strings.TrimSpace(q.TH) == "" {
			v.add(f+"_th", "กรุณากรอกคำถามภาษาไทย", "Enter the question in Thai.")
		} else if utf8.RuneCountInString(q.TH) > 300 || utf8.RuneCountInString(q.HintTH) > 300 {
			v.add(f+"_th", "คำถามยาวเกิน 300 ตัวอักษร", "The question is longer than 300 characters.")
		}
		if utf8.RuneCountInString(q.EN) > 300 || utf8.RuneCountInString(q.HintEN) > 300 {
			v.add(f+"_en", "คำถามยาวเกิน 300 ตัวอักษร", "The question is longer than 300 characters.")
		}
	}
	return v.err("ชุดคำถาม", "question set")
}

// SameQuestions reports whether two sets ask the same thing in the same
// words (a save that changes nothing makes no new version).
func (qs *QuestionSet) SameQuestions(o *QuestionSet) bool {
	if qs.AskProfile != o.AskProfile || len(qs.Questions) != len(o.Questions) {
		return false
	}
	for i := range qs.Questions {
		if qs.Questions[i] != o.Questions[i] {
			return false
		}
	}
	return true
}

// Respondent profile (ข้อมูลผู้ตอบ), every field optional; "" = not given.
type Respondent struct {
	Type       string `json:"type,omitempty"`       // citizen, agency, business
	Sex        string `json:"sex,omitempty"`        // male, female, other
	Age        string `json:"age,omitempty"`        // band: <20, 20-29, 30-39, 40-49, 50-59, 60+
	Education  string `json:"education,omitempty"`  // below_bachelor, bachelor, above_bachelor
	Occupation string `json:"occupation,omitempty"` // civil_servant, state_enterprise, private, business_owner, farmer, student, other
}

// Choice is one allowed answer of a profile question.
type Choice struct{ Value, TH, EN string }

// RespondentChoices lists the allowed values per profile field.
var RespondentChoices = []struct {
	Field  string
	TH, EN string
	Values []Choice
}{
	{"type", "ประเภทผู้รับบริการ", "You are", []Choice{{"citizen", "ประชาชน", "A citizen"},
		{"agency", "หน่วยงานของรัฐ", "A government agency"}, {"business", "ภาคธุรกิจ", "A business"}}},
	{"sex", "เพศ", "Sex", []Choice{{"male", "ชาย", "Male"}, {"female", "หญิง", "Female"}, {"other", "ไม่ระบุ/อื่น ๆ", "Other / prefer not to say"}}},
	{"age", "อายุ", "Age", []Choice{{"<20", "ต่ำกว่า 20 ปี", "Under 20"}, {"20-29", "20–29 ปี", "20–29"},
		{"30-39", "30–39 ปี", "30–39"}, {"40-49", "40–49 ปี", "40–49"}, {"50-59", "50–59 ปี", "50–59"}, {"60+", "60 ปีขึ้นไป", "60 or over"}}},
	{"education", "การศึกษา", "Education", []Choice{{"below_bachelor", "ต่ำกว่าปริญญาตรี", "Below a bachelor's degree"},
		{"bachelor", "ปริญญาตรี", "Bachelor's degree"}, {"above_bachelor", "สูงกว่าปริญญาตรี", "Above a bachelor's degree"}}},
	{"occupation", "อาชีพ", "Occupation", []Choice{{"civil_servant", "ข้าราชการ/เจ้าหน้าที่ของรัฐ", "Civil servant"},
		{"state_enterprise", "พนักงานรัฐวิสาหกิจ", "State enterprise employee"}, {"private", "พนักงานบริษัทเอกชน", "Private employee"},
		{"business_owner", "ธุรกิจส่วนตัว/ค้าขาย", "Business owner / trader"}, {"farmer", "เกษตรกร", "Farmer"},
		{"student", "นักเรียน/นักศึกษา", "Student"}, {"other", "อื่น ๆ", "Other"}}},
}

func (p *Respondent) field(name string) *string {
	switch name {
	case "type":
		return &p.Type
	case "sex":
		return &p.Sex
	case "age":
		return &p.Age
	case "education":
		return &p.Education
	case "occupation":
		return &p.Occupation
	}
	return nil
}

// Set sets a profile field by name (for forms).
func (p *Respondent) Set(name, value string) {
	if f := p.field(name); f != nil {
		*f = value
	}
}

// Get reads a profile field by name.
func (p Respondent) Get(name string) string {
	if f := p.field(name); f != nil {
		return *f
	}
	return ""
}

// Empty reports whether nothing of the profile was given.
func (p Respondent) Empty() bool { return p == Respondent{} }

// MaxCommentRunes is the longest comment accepted.
const MaxCommentRunes = 1000

// ChannelQR is the channel of a rating made from a QR poster or copied link.
const ChannelQR = "qr"

// Rating is one answer to a question set about one service point.
type Rating struct {
	ID        int64
	PointID   int64
	AgencyID  int64 // the point's agency when the rating was made
	ProcessID int64 // 0: no process named
	// QuestionSet is the version answered.
	QuestionSet int
	// Answers holds 1..5 per dimension the set asks; 0 where it does not.
	Answers    [NumDimensions]int
	Respondent Respondent
	Comment    string
	Channel    string
	CreatedAt  time.Time
	// Suspect marks a rating sent in a burst from one address: stored and
	// counted, but out of the report's means unless asked for.
	Suspect bool
}

// RatingInput is a rating as a form sends it: raw strings, checked by
// ValidateAnswers.
type RatingInput struct {
	Answers    map[string]string // dimension key -> "1".."5"
	Respondent map[string]string // profile field -> value
	Comment    string
}

// ValidateAnswers checks input against the question set qs and returns the
// answers, profile and comment to store. Every question of the set must be
// answered with a whole number from 1 to 5; an answer to a question the set
// does not ask, an unknown profile value or a comment over MaxCommentRunes is
// refused. All problems are reported at once, per field.
func ValidateAnswers(qs *QuestionSet, in RatingInput) (answers [NumDimensions]int, prof Respondent, comment string, err error) {
	var v validation
	for key := range in.Answers {
		d := dimensionByKey(key)
		if d < 0 || !qs.Has(d) {
			v.add("q_"+key, "ไม่มีคำถามนี้ในชุดคำถาม", "The question set has no such question.")
		}
	}
	for _, q := range qs.Questions {
		f := "q_" + q.Dim.Key()
		s := strings.TrimSpace(in.Answers[q.Dim.Key()])
		if s == "" {
			v.add(f, "กรุณาเลือกระดับความพึงพอใจ "+q.Dim.Label("th"), "Choose a score for "+q.Dim.Label("en")+".")
			continue
		}
		n, perr := strconv.Atoi(s)
		if perr != nil || n < 1 || n > 5 {
			v.add(f, "ระดับความพึงพอใจต้องเป็น 1 ถึง 5", "The score must be from 1 to 5.")
			continue
		}
		answers[q.Dim] = n
	}
	for name, val := range in.Respondent {
		val = strings.TrimSpace(val)
		if val == "" {
			continue
		}
		ok := false
		for _, c := range RespondentChoices {
			if c.Field != name {
				continue
			}
			for _, x := range c.Values {
				ok = ok || x.Value == val
			}
		}
		if !ok || !qs.AskProfile {
			v.add("r_"+name, "ข้อมูลผู้ตอบไม่ถูกต้อง", "Choose one of the answers offered.")
			continue
		}
		prof.Set(name, val)
	}
	comment = strings.TrimSpace(strings.ToValidUTF8(in.Comment, ""))
	comment = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, strings.ReplaceAll(comment, "\r\n", "\n"))
	if n := utf8.RuneCountInString(comment); n > MaxCommentRunes {
		v.add("comment", fmt.Sprintf("ข้อเสนอแนะยาวเกิน %d ตัวอักษร (%d ตัวอักษร)", MaxCommentRunes, n),
			fmt.Sprintf("The comment is longer than %d characters (%d).", MaxCommentRunes, n))
	}
	if e := v.err("การประเมิน", "rating"); e != nil {
		return answers, Respondent{}, "", e
	}
	return answers, prof, comment, nil
}

func dimensionByKey(key string) Dimension {
	for _, d := range Dimensions {
		if d.Key == key {
			return d.Dim
		}
	}
	return -1
}

// ErrAlreadyRated refuses a second rating of one point from one device on one day.
var ErrAlreadyRated = &Error{Code: ECONFLICT,
	TH: "ท่านได้ประเมินจุดบริการนี้แล้วในวันนี้ ขอบคุณค่ะ ประเมินได้อีกครั้งในวันพรุ่งนี้",
	EN: "You have already rated this service point today. Thank you! You can rate it again tomorrow."}

// ErrRateLimited refuses an address that sent too many ratings.
var ErrRateLimited = &Error{Code: ECONFLICT,
	TH: "มีการส่งแบบประเมินจากเครือข่ายนี้มากเกินไป กรุณาลองใหม่ภายหลัง",
	EN: "Too many ratings were sent from this network. Please try again later."}

// bangkok is UTC+7 (Thailand has no DST); the domain package keeps its own
// copy so that it imports nothing of ours.
var bangkok = time.FixedZone("Asia/Bangkok", 7*60*60)

// RatingDay is the Bangkok calendar day of t as yyyymmdd: the unit of the
// once-per-day rule.
func RatingDay(t time.Time) int {
	t = t.In(bangkok)
	return t.Year()*10000 + int(t.Month())*100 + t.Day()
}

// OncePerDay decides the once-per-day rule: a device may rate a point again
// only on a later Bangkok day than its last rating of that point.
// lastDay is 0 when the device never rated the point.
func OncePerDay(lastDay int, now time.Time) bool {
	return lastDay == 0 || RatingDay(now) > lastDay
}

// MonthKey is the Bangkok month of t as yyyymm (Common Era), the unit of the
// roll-ups.
func MonthKey(t time.Time) int {
	t = t.In(bangkok)
	return t.Year()*100 + int(t.Month())
}

// PeriodKind is the length of a report period.
type PeriodKind string

const (
	PeriodMonth   PeriodKind = "month"
	PeriodQuarter PeriodKind = "quarter"
	PeriodFY      PeriodKind = "fy"
)

// Period is a report period: a month, a fiscal quarter or a Thai fiscal
// year (1 October to 30 September, named for the BE year it ends in).
type Period struct {
	Kind    PeriodKind
	FY      int // fiscal year, BE (quarter and fy)
	Quarter int // 1..4: Q1 Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep
	Month   int // yyyymm, CE (month)
}

// FiscalYearOf returns the BE fiscal year holding month key m (yyyymm CE).
func FiscalYearOf(m int) int {
	y, mo := m/100, m%100
	if mo >= 10 {
		y++
	}
	return y + 543
}

// PeriodOf returns the period of kind k holding t.
func PeriodOf(k PeriodKind, t time.Time) Period {
	m := MonthKey(t)
	switch k {
	case PeriodMonth:
		return Period{Kind: PeriodMonth, Month: m}
	case PeriodQuarter:
		return Period{Kind: PeriodQuarter, FY: FiscalYearOf(m), Quarter: (m%100+2)%12/3 + 1}
	default:
		return Period{Kind: PeriodFY, FY: FiscalYearOf(m)}
	}
}

// Months returns the first and last months (yyyymm CE, inclusive).
func (p Period) Months() (from, to int) {
	switch p.Kind {
	case PeriodMonth:
		return p.Month, p.Month
	case PeriodQuarter:
		// Q1 starts in October of the CE year before the fiscal year ends.
		ce := p.FY - 543
		start := time.Date(ce-1, time.October, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 3*(p.Quarter-1), 0)
		end := start.AddDate(0, 2, 0)
		return start.Year()*100 + int(start.Month()), end.Year()*100 + int(end.Month())
	default:
		ce := p.FY - 543
		return (ce-1)*100 + 10, ce*100 + 9
	}
}

// MonthsIn lists the months of p in order.
func (p Period) MonthsIn() []int {
	from, to := p.Months()
	var out []int
	for m := from; m <= to; m = NextMonth(m) {
		out = append(out, m)
	}
	return out
}

// NextMonth returns the month after m (yyyymm).
func NextMonth(m int) int {
	if m%100 == 12 {
		return (m/100+1)*100 + 1
	}
	return m + 1
}

var thMonths = [12]string{"ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."}
var enMonths = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// MonthLabel names month m (yyyymm CE): "ม.ค. 2568" or "Jan 2025".
func MonthLabel(m int, lang string) string {
	mo := m%100 - 1
	if mo < 0 || mo > 11 {
		return strconv.Itoa(m)
	}
	if lang == "en" {
		return enMonths[mo] + " " + strconv.Itoa(m/100)
	}
	return thMonths[mo] + " " + strconv.Itoa(m/100+543)
}

// Label names the period in lang.
func (p Period) Label(lang string) string {
	switch p.Kind {
	case PeriodMonth:
		return MonthLabel(p.Month, lang)
	case PeriodQuarter:
		if lang == "en" {
			return fmt.Sprintf("Q%d of fiscal year %d", p.Quarter, p.FY)
		}
		return fmt.Sprintf("ไตรมาสที่ %d ปีงบประมาณ %d", p.Quarter, p.FY)
	default:
		if lang == "en" {
			return fmt.Sprintf("Fiscal year %d", p.FY)
		}
		return fmt.Sprintf("ปีงบประมาณ %d", p.FY)
	}
}

// String is the period's form in URLs: "2568" (fiscal year), "2568-Q1"
// (fiscal quarter) or "2568-01" (month, BE year).
func (p Period) String() string {
	switch p.Kind {
	case PeriodMonth:
		return fmt.Sprintf("%d-%02d", p.Month/100+543, p.Month%100)
	case PeriodQuarter:
		return fmt.Sprintf("%d-Q%d", p.FY, p.Quarter)
	default:
		return strconv.Itoa(p.FY)
	}
}

// ParsePeriod reads the forms String writes. Years are BE, 2500–2700.
func ParsePeriod(s string) (Period, error) {
	bad := Errorf(EINVALID, "ช่วงเวลาไม่ถูกต้อง (ตัวอย่าง 2568, 2568-Q1, 2568-01)",
		"The period is not valid (examples: 2568, 2568-Q1, 2568-01).")
	s = strings.ToUpper(strings.TrimSpace(s))
	y, rest, _ := strings.Cut(s, "-")
	fy, err := strconv.Atoi(y)
	if err != nil || fy < 2500 || fy > 2700 {
		return Period{}, bad
	}
	switch {
	case rest == "":
		return Period{Kind: PeriodFY, FY: fy}, nil
	case strings.HasPrefix(rest, "Q"):
		q, err := strconv.Atoi(rest[1:])
		if err != nil || q < 1 || q > 4 {
			return Period{}, bad
		}
		return Period{Kind: PeriodQuarter, FY: fy, Quarter: q}, nil
	default:
		m, err := strconv.Atoi(rest)
		if err != nil || m < 1 || m > 12 || len(rest) != 2 {
			return Period{}, bad
		}
		return Period{Kind: PeriodMonth, Month: (fy-543)*100 + m}, nil
	}
}

// Rating codes: every service point has a short, stable code for its rating
// link (/rate/{code}), printed on posters that must keep working for years.
// A code is 6 characters of an alphabet without look-alikes (no 0/O, 1/I/L)
// plus a check character, so a mistyped code is refused rather than sent to
// another point: the weighted sum Σ (i+1)·value(c_i) over all 7 characters is
// 0 mod 31, which catches every single wrong character and every swap of two
// neighbours.
const (
	RateCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	RateCodeLen      = 7
	rateCodeBase     = 31
	rateCodeSpace    = 31 * 31 * 31 * 31 * 31 * 31 // 887,503,681
	// A point's default code scrambles its ID (an affine bijection of
	// 0..rateCodeSpace-1), so neighbouring points get unrelated codes.
	rateCodeMul = 594823321
	rateCodeAdd = 123456789
)

// RateCodeFor returns the default rating code of service point id: distinct
// for every id below 887,503,681.
func RateCodeFor(id int64) string {
	x := (id%rateCodeSpace*rateCodeMul + rateCodeAdd) % rateCodeSpace
	var b [RateCodeLen]byte
	sum := 0
	for i := 5; i >= 0; i-- {
		d := int(x % rateCodeBase)
		x /= rateCodeBase
		b[i] = RateCodeAlphabet[d]
		sum += (i + 1) * d
	}
	// 7·c ≡ −sum (mod 31); 7⁻¹ ≡ 9.
	c := (rateCodeBase - sum%rateCodeBase) * 9 % rateCodeBase
	b[6] = RateCodeAlphabet[c]
	return string(b[:])
}

// NormalizeRateCode upper-cases a typed code and drops spaces and dashes.
func NormalizeRateCode(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '\t':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// ValidRateCode reports whether code (normalized) is well formed and its
// check character matches.
func ValidRateCode(code string) bool {
	if len(code) != RateCodeLen {
		return false
	}
	sum := 0
	for i := 0; i < RateCodeLen; i++ {
		d := strings.IndexByte(RateCodeAlphabet, code[i])
		if d < 0 {
			return false
		}
		sum += (i + 1) * d
	}
	return sum%rateCodeBase == 0
}

// ErrBadRateCode refuses a code that is malformed or fails its check.
var ErrBadRateCode = &Error{Code: ENOTFOUND,
	TH: "รหัสจุดบริการไม่ถูกต้อง กรุณาตรวจสอบตัวอักษรอีกครั้ง หรือสแกน QR Code ที่จุดบริการ",
	EN: "That service point code is not valid. Check the letters, or scan the QR code at the service point."}

// RatingStats sums ratings: how many, and per dimension the sum of the
// answers and how many answered 1..5. Roll-ups store exactly this, so a
// report adds rows instead of reading ratings.
type RatingStats struct {
	N    int64
	Sum  [NumDimensions]int64
	Dist [NumDimensions][5]int64 // Dist[d][v-1]: answers of value v
}

// Add counts one rating.
func (s *RatingStats) Add(r *Rating) {
	s.N++
	for d, v := range r.Answers {
		if v >= 1 && v <= 5 {
			s.Sum[d] += int64(v)
			s.Dist[d][v-1]++
		}
	}
}

// Merge adds o to s.
func (s *RatingStats) Merge(o RatingStats) {
	s.N += o.N
	for d := range s.Sum {
		s.Sum[d] += o.Sum[d]
		for v := range s.Dist[d] {
			s.Dist[d][v] += o.Dist[d][v]
		}
	}
}

// Answered returns how many ratings answered dimension d.
func (s RatingStats) Answered(d Dimension) int64 {
	var n int64
	for _, c := range s.Dist[d] {
		n += c
	}
	return n
}

// Mean returns the mean answer for d (0 when nobody answered).
func (s RatingStats) Mean(d Dimension) float64 {
	n := s.Answered(d)
	if n == 0 {
		return 0
	}
	return float64(s.Sum[d]) / float64(n)
}

// Percent is the mean as a percentage of the top score, mean/5×100
// (DOMAIN.md §3: a mean of 4.58 shows as 91.6%).
func (s RatingStats) Percent(d Dimension) float64 { return s.Mean(d) / 5 * 100 }

// OverallMean is the mean of all answers of all dimensions.
func (s RatingStats) OverallMean() float64 {
	var sum, n int64
	for d := range s.Sum {
		sum += s.Sum[d]
		n += s.Answered(Dimension(d))
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// OverallPercent is OverallMean/5×100.
func (s RatingStats) OverallPercent() float64 { return s.OverallMean() / 5 * 100 }
