package openinfo

import (
	"strings"
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return bkk(y, m, d, 0, 0) }

func TestDelayDueDate(t *testing.T) {
	tests := []struct {
		name     string
		received time.Time
		limit    LegalTimeLimit
		want     time.Time
		ok       bool
	}{
		{"15 business days over Chakri day and Songkran 2026", day(2026, 4, 1), LegalTimeLimit{Value: 15, Unit: UnitBusinessDay}, day(2026, 4, 28), true},
		{"received in the afternoon counts from that date", bkk(2026, 11, 2, 15, 30), LegalTimeLimit{Value: 5, Unit: UnitBusinessDay}, day(2026, 11, 9), true},
		{"business days over the year end", day(2026, 12, 28), LegalTimeLimit{Value: 5, Unit: UnitBusinessDay}, day(2027, 1, 6), true},
		{"calendar days", day(2026, 12, 28), LegalTimeLimit{Value: 30, Unit: UnitDay}, day(2027, 1, 27), true},
		{"hours round up to working days", day(2026, 11, 6), LegalTimeLimit{Value: 8, Unit: UnitHour}, day(2026, 11, 10), true},
		{"minutes", day(2026, 11, 6), LegalTimeLimit{Value: 90, Unit: UnitMinute}, day(2026, 11, 9), true},
		{"no limit", day(2026, 11, 6), LegalTimeLimit{}, time.Time{}, false},
		{"no unit", day(2026, 11, 6), LegalTimeLimit{Value: 3}, time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := DelayDueDate(thaiCal, tt.received, tt.limit)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("%s: DelayDueDate = %v, %v; want %v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func validCase() DelayCase {
	return DelayCase{Ref: "กทม.123/2569", ProcessID: 1, PointID: 2, ApplicantName: "นางสาวสมใจ ใจดี", ApplicantPhone: "081-234-5678",
		Received: day(2026, 10, 1), Due: day(2026, 10, 22),
		Notices: []DelayNotice{
			{Seq: 1, Number: "นร 0100/1", Date: day(2026, 10, 22), Reason: "รอผลตรวจสอบสถานที่", ExpectedDecision: day(2026, 11, 5)},
			{Seq: 2, Number: "นร 0100/2", Date: day(2026, 10, 29), Reason: "รอความเห็นกรมโยธาธิการ", ExpectedDecision: day(2026, 11, 12)},
		}}
}

func TestDelayCaseValidate(t *testing.T) {
	now := bkk(2026, 11, 3, 10, 0)
	computed := day(2026, 10, 22)
	tests := []struct {
		name     string
		edit     func(c *DelayCase)
		computed time.Time
		fields   []string
	}{
		{"valid", func(*DelayCase) {}, computed, nil},
		{"decided and told", func(c *DelayCase) {
			c.Decision, c.DecidedOn, c.ToldOn = DecisionIssued, day(2026, 11, 2), day(2026, 11, 3)
		}, computed, nil},
		{"redacted needs no applicant", func(c *DelayCase) { c.Redacted, c.ApplicantName, c.ApplicantPhone = true, "", "" }, computed, nil},
		{"edited due date with a reason", func(c *DelayCase) {
			c.Due, c.DueReason = day(2026, 10, 29), "ขยายตามกฎกระทรวง"
		}, computed, nil},
		{"edited due date without a reason", func(c *DelayCase) { c.Due = day(2026, 10, 29) }, computed, []string{"due_reason"}},
		{"no manual limit: any due date", func(c *DelayCase) { c.Due = day(2026, 10, 29) }, time.Time{}, nil},
		{"missing basics", func(c *DelayCase) { c.Ref, c.ProcessID, c.PointID, c.ApplicantName = " ", 0, 0, "" }, computed,
			[]string{"ref", "process_id", "point_id", "applicant_name"}},
		{"reference on two lines", func(c *DelayCase) { c.Ref = "a\nb" }, computed, []string{"ref"}},
		{"bad phone", func(c *DelayCase) { c.ApplicantPhone = "1111" }, computed, []string{"applicant_phone"}},
		{"bad e-mail", func(c *DelayCase) { c.ApplicantEmail = "somjai@" }, computed, []string{"applicant_email"}},
		{"received in the future", func(c *DelayCase) { c.Received = day(2026, 11, 4) }, computed,
			[]string{"received_on", "due_on", "notices.0.date", "notices.1.date"}},
		{"no received date", func(c *DelayCase) { c.Received = time.Time{} }, computed, []string{"received_on"}},
		{"received before the Act (a BE year typed as CE, minus 543)", func(c *DelayCase) { c.Received = day(1483, 10, 1) }, computed,
			[]string{"received_on"}},
		{"due before received", func(c *DelayCase) { c.Due = day(2026, 9, 30) }, computed, []string{"due_on"}},
		{"notice before receipt", func(c *DelayCase) { c.Notices[0].Date = day(2026, 9, 30) }, computed, []string{"notices.0.date"}},
		{"notices out of order", func(c *DelayCase) { c.Notices[1].Date = day(2026, 10, 21) }, computed, []string{"notices.1.date"}},
		{"notice in the future", func(c *DelayCase) { c.Notices[1].Date = day(2026, 11, 4) }, computed, []string{"notices.1.date"}},
		{"sequence gap", func(c *DelayCase) { c.Notices[1].Seq = 3 }, computed, []string{"notices.1.seq"}},
		{"notice without number or reason", func(c *DelayCase) { c.Notices[0].Number, c.Notices[0].Reason = "", " " }, computed,
			[]string{"notices.0.number", "notices.0.reason"}},
		{"expected decision before the notice", func(c *DelayCase) { c.Notices[0].ExpectedDecision = day(2026, 10, 21) }, computed,
			[]string{"notices.0.expected_decision"}},
		{"notice after the decision", func(c *DelayCase) { c.Decision, c.DecidedOn = DecisionRefused, day(2026, 10, 25) }, computed,
			[]string{"notices.1.date"}},
		{"decision date without a decision", func(c *DelayCase) { c.DecidedOn = day(2026, 11, 2) }, computed, []string{"decision"}},
		{"decision without a date", func(c *DelayCase) { c.Decision = DecisionIssued }, computed, []string{"decided_on"}},
		{"unknown decision", func(c *DelayCase) { c.Decision, c.DecidedOn = "maybe", day(2026, 11, 2) }, computed, []string{"decision"}},
		{"decision in the future", func(c *DelayCase) { c.Decision, c.DecidedOn = DecisionIssued, day(2026, 11, 5) }, computed,
			[]string{"decided_on"}},
		{"told before the decision", func(c *DelayCase) {
			c.Decision, c.DecidedOn, c.ToldOn = DecisionIssued, day(2026, 11, 2), day(2026, 11, 1)
		}, computed, []string{"told_on"}},
		{"told of no decision", func(c *DelayCase) { c.ToldOn = day(2026, 11, 2) }, computed, []string{"told_on"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validCase()
			c.Notices = append([]DelayNotice(nil), c.Notices...)
			tt.edit(&c)
			err := c.Validate(now, tt.computed)
			fe := FieldErrors(err)
			var got []string
			for _, f := range fe {
				got = append(got, f.Field)
				if f.TH == "" || f.EN == "" {
					t.Errorf("%s lacks a Thai or English message", f.Field)
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
				t.Fatalf("fields = %v, want %v (%v)", got, tt.fields, err)
			}
		})
	}
	c := validCase()
	if err := c.Validate(now, computed); err != nil || c.ApplicantPhone != "0812345678" {
		t.Errorf("phone not normalised: %q, %v", c.ApplicantPhone, err)
	}
}

func TestDelayOverdue(t *testing.T) {
	undecided := validCase() // last notice 29 Oct 2026: the next is due by 5 Nov
	decided := validCase()
	decided.Decision, decided.DecidedOn = DecisionIssued, day(2026, 11, 2) // tell by 9 Nov
	told := decided
	told.ToldOn = day(2026, 11, 12)
	fresh := validCase()
	fresh.Notices = nil // due 22 Oct, no notice yet
	tests := []struct {
		name string
		c    DelayCase
		at   time.Time
		kind OverdueKind // "" when not overdue
		days int
		en   string
	}{
		{"notice due today", undecided, bkk(2026, 11, 5, 23, 59), "", 0, ""},
		{"notice a day late", undecided, bkk(2026, 11, 6, 0, 0), OverdueNotice, 1, "3rd delay notice was due by 5 Nov 2026 (7 days after the 2nd)"},
		{"over the year end", undecided, bkk(2027, 1, 1, 9, 0), OverdueNotice, 57, ""},
		{"no notice by the due date", fresh, bkk(2026, 10, 23, 9, 0), OverdueNotice, 1, "time limit ended on 22 Oct 2026"},
		{"no notice, not yet due", fresh, bkk(2026, 10, 22, 9, 0), "", 0, ""},
		{"decision told in time", decided, bkk(2026, 11, 9, 16, 0), "", 0, ""},
		{"decision untold after 7 days", decided, bkk(2026, 11, 10, 8, 0), OverdueDecision, 1, "told the decision by 9 Nov 2026"},
		{"told late is no longer overdue", told, bkk(2026, 12, 1, 8, 0), "", 0, ""},
		{"a late UTC evening is the next Bangkok day", undecided, time.Date(2026, 11, 5, 17, 0, 0, 0, time.UTC), OverdueNotice, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := tt.c.Overdue(tt.at)
			if ok != (tt.kind != "") || o.Kind != tt.kind || o.Days != tt.days {
				t.Fatalf("Overdue = %+v, %v; want %q, %d days", o, ok, tt.kind, tt.days)
			}
			if ok && (o.TH == "" || !strings.Contains(o.EN, tt.en)) {
				t.Errorf("message %q / %q, want %q", o.TH, o.EN, tt.en)
			}
		})
	}
	if !told.ToldLate() || decided.ToldLate() {
		t.Error("ToldLate")
	}
	if by, ok := undecided.NextNoticeDue(); !ok || !by.Equal(day(2026, 11, 5)) {
		t.Errorf("NextNoticeDue = %v, %v", by, ok)
	}
	if _, ok := decided.NextNoticeDue(); ok {
		t.Error("a decided case needs no more notices")
	}
}

func TestDelayLookupHelpers(t *testing.T) {
	for _, tt := range []struct {
		phone, typed string
		ok           bool
	}{
		{"0812345678", "5678", true},
		{"0812345678", "๕๖๗๘", true},
		{"0812345678", " 5678 ", true},
		{"0812345678", "5679", false},
		{"0812345678", "678", false},
		{"021234567 #12", "4567", true},
		{"", "", false},
	} {
		if got := MatchPhoneLast4(tt.phone, tt.typed); got != tt.ok {
			t.Errorf("MatchPhoneLast4(%q, %q) = %v", tt.phone, tt.typed, got)
		}
	}
	c := validCase()
	s := c.Status()
	if len(s.Notices) != 2 || !s.ExpectedDecision.Equal(day(2026, 11, 12)) || s.Ref != c.Ref {
		t.Errorf("Status = %+v", s)
	}
	if e := ErrDelayNotFound(); ErrorCode(e) != ENOTFOUND {
		t.Error(e)
	}
	if ordinal(1) != "1st" || ordinal(12) != "12th" || ordinal(22) != "22nd" || ordinal(103) != "103rd" {
		t.Error("ordinal")
	}
}

func TestDelayRefKey(t *testing.T) {
	if got := DelayRefKey(" กทม. ๑๒๓/๒๕๖๙ AB "); got != "กทม.123/2569ab" {
		t.Errorf("DelayRefKey = %q", got)
	}
}

func TestCheckDelayLetter(t *testing.T) {
	pdf := []byte("%PDF-1.7\n%âãÏÓ")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
	doc := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // a Word 97 file
	tests := []struct {
		name   string
		head   []byte
		size   int64
		wantOK bool
		want   string // in the English message
	}{
		{"หนังสือแจ้ง.pdf", pdf, 2048, true, ""},
		{"letter.PDF", pdf, MaxAttachmentSize, true, ""},
		{"scan.png", png, 2048, false, `"scan.png" is not a PDF`},
		{"หนังสือแจ้ง.pdf", doc, 2048, false, "is not a PDF (judged by its content, not its name)"}, // the name lies
		{"letter.pdf", pdf, MaxAttachmentSize + 1, false, "the largest allowed is 10 MB"},
		{"letter.pdf", nil, 0, false, "is empty"},
		{"", pdf, 10, false, "no file name"},
	}
	for _, tt := range tests {
		err := CheckDelayLetter(tt.name, tt.head, tt.size)
		if tt.wantOK {
			if err != nil {
				t.Errorf("%q: %v, want admitted", tt.name, err)
			}
			continue
		}
		e, ok := err.(*Error)
		if !ok || e.Code != EINVALID || len(e.Fields) != 1 || e.Fields[0].Field != "letter" || e.Fields[0].TH == "" {
			t.Errorf("%q (%d bytes): %#v, want a refusal at the letter field", tt.name, tt.size, err)
			continue
		}
		if !strings.Contains(e.EN, tt.want) || e.TH == "" {
			t.Errorf("%q: %q, want %q", tt.name, e.EN, tt.want)
		}
	}
}
