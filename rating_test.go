package openinfo

import (
	"strings"
	"testing"
	"time"
)

func TestValidateAnswers(t *testing.T) {
	qs := DefaultQuestionSet()
	full := func() map[string]string {
		return map[string]string{"process": "5", "staff": "4", "facilities": "3", "result": "1"}
	}
	with := func(k, v string) map[string]string {
		m := full()
		if v == "" {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	cases := []struct {
		name  string
		in    RatingInput
		field string // "" = valid
	}{
		{"complete", RatingInput{Answers: full()}, ""},
		{"with profile and comment", RatingInput{Answers: full(), Respondent: map[string]string{"sex": "female", "age": "30-39", "type": ""},
			Comment: "  เจ้าหน้าที่บริการดีมาก  "}, ""},
		{"missing question", RatingInput{Answers: with("staff", "")}, "q_staff"},
		{"zero", RatingInput{Answers: with("process", "0")}, "q_process"},
		{"six", RatingInput{Answers: with("result", "6")}, "q_result"},
		{"not a number", RatingInput{Answers: with("result", "๕")}, "q_result"},
		{"fraction", RatingInput{Answers: with("result", "4.5")}, "q_result"},
		{"question not in set", RatingInput{Answers: with("channel", "5")}, "q_channel"},
		{"unknown question", RatingInput{Answers: with("speed", "5")}, "q_speed"},
		{"bad profile", RatingInput{Answers: full(), Respondent: map[string]string{"age": "120"}}, "r_age"},
		{"oversized comment", RatingInput{Answers: full(), Comment: strings.Repeat("ก", MaxCommentRunes+1)}, "comment"},
		{"comment at limit", RatingInput{Answers: full(), Comment: strings.Repeat("ก", MaxCommentRunes)}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ans, prof, comment, err := ValidateAnswers(&qs, c.in)
			if c.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				if ans[DimProcess] != 5 || ans[DimResult] != 1 || ans[DimChannel] != 0 {
					t.Fatalf("answers %v", ans)
				}
				if c.in.Comment != "" && comment != strings.TrimSpace(c.in.Comment) {
					t.Fatalf("comment %q", comment)
				}
				if c.in.Respondent != nil && (prof.Sex != "female" || prof.Age != "30-39" || prof.Type != "") {
					t.Fatalf("profile %+v", prof)
				}
				return
			}
			if ErrorCode(err) != EINVALID {
				t.Fatalf("err = %v, want invalid", err)
			}
			found := false
			for _, f := range FieldErrors(err) {
				found = found || f.Field == c.field
				if f.TH == "" || f.EN == "" {
					t.Errorf("field error without both languages: %+v", f)
				}
			}
			if !found {
				t.Fatalf("field %s not reported: %v", c.field, err)
			}
		})
	}
	// Without AskProfile, a profile is refused.
	noProf := qs
	noProf.AskProfile = false
	if _, _, _, err := ValidateAnswers(&noProf, RatingInput{Answers: full(), Respondent: map[string]string{"sex": "male"}}); ErrorCode(err) != EINVALID {
		t.Fatal("profile accepted by a set that does not ask it")
	}
}

func TestQuestionSetValidate(t *testing.T) {
	qs := DefaultQuestionSet()
	if err := qs.Validate(); err != nil {
		t.Fatal(err)
	}
	dup := DefaultQuestionSet()
	dup.Questions = append(dup.Questions, dup.Questions[0])
	if ErrorCode(dup.Validate()) != EINVALID {
		t.Fatal("a dimension asked twice was accepted")
	}
	empty := QuestionSet{}
	if ErrorCode(empty.Validate()) != EINVALID {
		t.Fatal("an empty set was accepted")
	}
	noTH := DefaultQuestionSet()
	noTH.Questions[1].TH = " "
	if ErrorCode(noTH.Validate()) != EINVALID {
		t.Fatal("a question without Thai text was accepted")
	}
	a, b := DefaultQuestionSet(), DefaultQuestionSet()
	if !a.SameQuestions(&b) {
		t.Fatal("same sets differ")
	}
	b.Questions[0].EN = "changed"
	if a.SameQuestions(&b) {
		t.Fatal("changed sets compare equal")
	}
}

func TestOncePerDay(t *testing.T) {
	bkk := time.FixedZone("ICT", 7*3600)
	cases := []struct {
		last int
		now  time.Time
		ok   bool
	}{
		{0, time.Date(2025, 1, 1, 9, 0, 0, 0, bkk), true},
		{20250101, time.Date(2025, 1, 1, 23, 59, 0, 0, bkk), false},
		{20250101, time.Date(2025, 1, 2, 0, 0, 0, 0, bkk), true},
		// 17:30 UTC on 1 Jan is 00:30 on 2 Jan in Bangkok.
		{20250101, time.Date(2025, 1, 1, 17, 30, 0, 0, time.UTC), true},
		{20250102, time.Date(2025, 1, 1, 17, 30, 0, 0, time.UTC), false},
	}
	for _, c := range cases {
		if got := OncePerDay(c.last, c.now); got != c.ok {
			t.Errorf("OncePerDay(%d, %v) = %v, want %v", c.last, c.now, got, c.ok)
		}
	}
	if d := RatingDay(time.Date(2024, 12, 31, 18, 0, 0, 0, time.UTC)); d != 20250101 {
		t.Errorf("RatingDay = %d", d)
	}
}

func TestPeriods(t *testing.T) {
	bkk := time.FixedZone("ICT", 7*3600)
	cases := []struct {
		s        string
		from, to int
		th, en   string
	}{
		{"2568", 202410, 202509, "ปีงบประมาณ 2568", "Fiscal year 2568"},
		{"2567", 202310, 202409, "ปีงบประมาณ 2567", "Fiscal year 2567"},
		{"2568-Q1", 202410, 202412, "ไตรมาสที่ 1 ปีงบประมาณ 2568", "Q1 of fiscal year 2568"},
		{"2568-Q2", 202501, 202503, "ไตรมาสที่ 2 ปีงบประมาณ 2568", "Q2 of fiscal year 2568"},
		{"2568-Q4", 202507, 202509, "ไตรมาสที่ 4 ปีงบประมาณ 2568", "Q4 of fiscal year 2568"},
		{"2568-01", 202501, 202501, "ม.ค. 2568", "Jan 2025"},
		{"2567-12", 202412, 202412, "ธ.ค. 2567", "Dec 2024"},
	}
	for _, c := range cases {
		p, err := ParsePeriod(c.s)
		if err != nil {
			t.Fatalf("%s: %v", c.s, err)
		}
		if f, to := p.Months(); f != c.from || to != c.to {
			t.Errorf("%s: months %d..%d, want %d..%d", c.s, f, to, c.from, c.to)
		}
		if p.Label("th") != c.th || p.Label("en") != c.en || p.String() != c.s {
			t.Errorf("%s: %q %q %q", c.s, p.Label("th"), p.Label("en"), p.String())
		}
	}
	if n := len(Period{Kind: PeriodFY, FY: 2568}.MonthsIn()); n != 12 {
		t.Errorf("a fiscal year has %d months", n)
	}
	for _, bad := range []string{"", "68", "2568-Q5", "2568-13", "2568-1", "abc", "2568-Q"} {
		if _, err := ParsePeriod(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
	// 30 Sep 2025 23:30 Bangkok is FY2568 Q4; 1 Oct 2025 00:10 is FY2569 Q1.
	if p := PeriodOf(PeriodQuarter, time.Date(2025, 9, 30, 23, 30, 0, 0, bkk)); p.FY != 2568 || p.Quarter != 4 {
		t.Errorf("got %+v", p)
	}
	if p := PeriodOf(PeriodQuarter, time.Date(2025, 9, 30, 17, 10, 0, 0, time.UTC)); p.FY != 2569 || p.Quarter != 1 {
		t.Errorf("got %+v", p)
	}
	if p := PeriodOf(PeriodFY, time.Date(2024, 10, 1, 0, 0, 0, 0, bkk)); p.FY != 2568 {
		t.Errorf("got %+v", p)
	}
	if p := PeriodOf(PeriodMonth, time.Date(2024, 10, 31, 20, 0, 0, 0, time.UTC)); p.Month != 202411 {
		t.Errorf("got %+v", p)
	}
}

func TestRateCodes(t *testing.T) {
	seen := map[string]int64{}
	ids := []int64{1, 2, 3, 30, 31, 961, 99999, 100000, 887503680}
	for i := int64(1); i <= 20000; i++ {
		ids = append(ids, i)
	}
	for _, id := range ids {
		c := RateCodeFor(id)
		if len(c) != RateCodeLen || !ValidRateCode(c) {
			t.Fatalf("id %d: code %q invalid", id, c)
		}
		if prev, dup := seen[c]; dup && prev != id {
			t.Fatalf("ids %d and %d share code %s", prev, id, c)
		}
		seen[c] = id
	}
	if RateCodeFor(1) == RateCodeFor(887503681+1) {
		// Beyond the code space codes repeat; the store's unique index refuses that.
		t.Log("codes wrap after 887,503,681 points, as documented")
	}
	code := RateCodeFor(42)
	// Every single wrong character and every swap of neighbours is caught.
	for i := 0; i < RateCodeLen; i++ {
		for _, r := range RateCodeAlphabet {
			if byte(r) == code[i] {
				continue
			}
			typo := code[:i] + string(r) + code[i+1:]
			if ValidRateCode(typo) {
				t.Errorf("typo %s of %s passes the check", typo, code)
			}
		}
		if i+1 < RateCodeLen && code[i] != code[i+1] {
			swap := code[:i] + string(code[i+1]) + string(code[i]) + code[i+2:]
			if ValidRateCode(swap) {
				t.Errorf("swap %s of %s passes the check", swap, code)
			}
		}
	}
	for _, bad := range []string{"", "ABC", "ABCDEFGH", "0OIL123", "AB CD"} {
		if ValidRateCode(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
	if NormalizeRateCode(" "+strings.ToLower(code[:3])+"-"+code[3:]) != code {
		t.Error("normalize")
	}
}

func TestRatingStats(t *testing.T) {
	var s RatingStats
	for _, a := range [][NumDimensions]int{{5, 4, 3, 5, 0}, {4, 5, 5, 4, 0}, {5, 5, 4, 5, 0}} {
		s.Add(&Rating{Answers: a})
	}
	if s.N != 3 || s.Answered(DimChannel) != 0 || s.Mean(DimChannel) != 0 {
		t.Fatalf("%+v", s)
	}
	if m := s.Mean(DimProcess); m < 4.666 || m > 4.667 {
		t.Errorf("mean %v", m)
	}
	if p := s.Percent(DimStaff); p < 93.33 || p > 93.34 {
		t.Errorf("percent %v", p)
	}
	var twice RatingStats
	twice.Merge(s)
	twice.Merge(s)
	if twice.N != 6 || twice.Dist[DimFacilities][4] != 2 || twice.Mean(DimResult) != s.Mean(DimResult) {
		t.Errorf("merge %+v", twice)
	}
	if o := s.OverallMean(); o < 4.5 || o > 4.51 {
		t.Errorf("overall %v", o)
	}
}
