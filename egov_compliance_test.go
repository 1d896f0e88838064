package openinfo

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestEgovSettings(t *testing.T) {
	def := DefaultEgovSettings()
	for _, x := range AgencyTypes {
		want := x.Type != AgencyUnit && x.Type != AgencyRegionalOffice && x.Type != AgencyDistrict
		if got := def.MustComply(x.Type, StatusActive); got != want {
			t.Errorf("default MustComply(%s) = %v, want %v", x.Type, got, want)
		}
	}
	if def.MustComply(AgencyMinistry, StatusInactive) {
		t.Error("an inactive ministry must comply")
	}
	def.AgencyTypes[0] = AgencyUnit // a copy: the defaults stay
	if DefaultEgovAgencyTypes[0] != AgencyMinistry {
		t.Error("DefaultEgovSettings shares its slice with DefaultEgovAgencyTypes")
	}

	cases := []struct {
		name   string
		s      EgovSettings
		fields []string
	}{
		{"defaults", DefaultEgovSettings(), nil},
		{"deadline and reminders", EgovSettings{AgencyTypes: []AgencyType{AgencyPAO}, Deadline: utcDay(2023, 11, 30), ReminderDays: 7}, nil},
		{"no types", EgovSettings{}, []string{"agency_types"}},
		{"unknown type", EgovSettings{AgencyTypes: []AgencyType{AgencyPAO, "club"}}, []string{"agency_types"}},
		{"reminders without a deadline", EgovSettings{AgencyTypes: []AgencyType{AgencyPAO}, ReminderDays: 7}, []string{"deadline"}},
		{"negative interval", EgovSettings{AgencyTypes: []AgencyType{AgencyPAO}, ReminderDays: -1}, []string{"reminder_days"}},
		{"interval over a year", EgovSettings{AgencyTypes: []AgencyType{AgencyPAO}, Deadline: utcDay(2024, 1, 1), ReminderDays: 366}, []string{"reminder_days"}},
		{"deadline before the Act", EgovSettings{AgencyTypes: []AgencyType{AgencyPAO}, Deadline: utcDay(2021, 11, 30)}, []string{"deadline"}},
	}
	for _, c := range cases {
		c.s.Normalize()
		err := c.s.Validate()
		var got []string
		for _, f := range FieldErrors(err) {
			got = append(got, f.Field)
			if f.TH == "" || f.EN == "" {
				t.Errorf("%s: %s lacks a message", c.name, f.Field)
			}
		}
		if !slices.Equal(got, c.fields) {
			t.Errorf("%s: fields %v, want %v (%v)", c.name, got, c.fields, err)
		}
	}

	s := EgovSettings{AgencyTypes: []AgencyType{AgencySAO, AgencyMinistry, AgencySAO}, Deadline: time.Date(2023, 11, 29, 20, 0, 0, 0, time.UTC)}
	s.Normalize()
	if !slices.Equal(s.AgencyTypes, []AgencyType{AgencyMinistry, AgencySAO}) || s.Deadline != utcDay(2023, 11, 30) {
		t.Errorf("normalised = %v %v", s.AgencyTypes, s.Deadline)
	}
}

func TestEgovReminderDue(t *testing.T) {
	s := EgovSettings{AgencyTypes: DefaultEgovAgencyTypes, Deadline: utcDay(2023, 11, 30), ReminderDays: 7}
	last := time.Date(2023, 11, 10, 2, 0, 0, 0, time.UTC)
	cases := []struct {
		last, now time.Time
		days      int
		want      bool
	}{
		{time.Time{}, egNow, 7, true},
		{last, last.AddDate(0, 0, 7).Add(-time.Minute), 7, false},
		{last, last.AddDate(0, 0, 7), 7, true},
		{time.Time{}, egNow, 0, false},
	}
	for _, c := range cases {
		s.ReminderDays = c.days
		if got := s.ReminderDue(c.last, c.now); got != c.want {
			t.Errorf("ReminderDue(%v, %v) every %d days = %v", c.last, c.now, c.days, got)
		}
	}
}

// TestEgovCompliance: ten agencies under two ministries and an independent
// body; a unit and an inactive department do not count.
func TestEgovCompliance(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 5, 0, 0, 0, time.UTC) }
	// 31 August 2023 at 20:00 UTC is 1 September in Bangkok.
	lateAug := time.Date(2023, time.August, 31, 20, 0, 0, 0, time.UTC)
	agencies := []EgovAgencyStatus{
		{AgencyID: 1, Type: AgencyMinistry, Path: "/1/", Province: "10", NameTH: "กระทรวงมหาดไทย", Since10: at(2023, 9, 5), Since16: at(2023, 9, 5)},
		{AgencyID: 2, Type: AgencyDepartment, Path: "/1/2/", Province: "10", NameTH: "กรมการปกครอง", Since10: lateAug},
		{AgencyID: 3, Type: AgencyUnit, Path: "/1/2/3/", Province: "10", NameTH: "สำนักบริหารการทะเบียน", Since10: at(2023, 1, 1), Since16: at(2023, 1, 1)},
		{AgencyID: 4, Type: AgencyProvince, Path: "/1/4/", Province: "50", NameTH: "จังหวัดเชียงใหม่", Since16: at(2023, 10, 2)},
		{AgencyID: 5, Type: AgencyPAO, Path: "/1/5/", Province: "50", NameTH: "องค์การบริหารส่วนจังหวัดเชียงใหม่", Since10: at(2023, 11, 1), Since16: at(2023, 9, 20)},
		{AgencyID: 6, Type: AgencySAO, Path: "/1/6/", Province: "50", NameTH: "องค์การบริหารส่วนตำบลสุเทพ"},
		{AgencyID: 7, Type: AgencyDepartment, Status: StatusInactive, Path: "/1/7/", NameTH: "กรมที่ยุบแล้ว"},
		{AgencyID: 8, Type: AgencyMinistry, Path: "/8/", Province: "10", NameTH: "กระทรวงการคลัง"},
		{AgencyID: 9, Type: AgencyDepartment, Path: "/8/9/", Province: "10", NameTH: "กรมสรรพากร", Since10: at(2023, 11, 10), Since16: at(2023, 11, 10)},
		{AgencyID: 10, Type: AgencyPublicOrg, Path: "/10/", Province: "", NameTH: "สำนักงานพัฒนารัฐบาลดิจิทัล", Since16: at(2023, 11, 15)},
	}
	for i := range agencies {
		if agencies[i].Status == "" {
			agencies[i].Status = StatusActive
		}
	}
	roots := map[int64]Text{1: {"กระทรวงมหาดไทย", "Ministry of Interior"}, 8: {"กระทรวงการคลัง", "Ministry of Finance"}}
	s := DefaultEgovSettings()
	s.Deadline = utcDay(2023, 11, 30)
	c := ComputeEgovCompliance(agencies, roots, s, egNow)

	if c.EgovShare != (EgovShare{Total: 8, With10: 4, With16: 5, Both: 3}) || c.Lacking() != 5 || c.Deadline != s.Deadline {
		t.Errorf("country = %+v", c.EgovShare)
	}
	if p := c.Percent(c.Both); p != 37.5 {
		t.Errorf("percent both = %v", p)
	}
	if (EgovShare{}).Percent(0) != 0 {
		t.Error("percent of nothing")
	}

	group := func(gs []EgovGroup) map[string]EgovShare {
		m := map[string]EgovShare{}
		for _, g := range gs {
			m[g.Key] = g.EgovShare
		}
		return m
	}
	if len(c.ByType) != len(DefaultEgovAgencyTypes) || c.ByType[0].Key != string(AgencyMinistry) || c.ByType[0].TH != "กระทรวง" {
		t.Errorf("by type: %+v", c.ByType)
	}
	bt := group(c.ByType)
	if bt["ministry"] != (EgovShare{2, 1, 1, 1}) || bt["department"] != (EgovShare{2, 2, 1, 1}) || bt["unit"] != (EgovShare{}) ||
		bt["university"] != (EgovShare{}) || bt["sao"] != (EgovShare{1, 0, 0, 0}) {
		t.Errorf("by type = %+v", bt)
	}
	var keys []string
	for _, g := range c.ByMinistry {
		keys = append(keys, g.Key+":"+g.TH)
	}
	// By Thai name: การคลัง before มหาดไทย; the body under no ministry in
	// the last group.
	if strings.Join(keys, ",") != "8:กระทรวงการคลัง,1:กระทรวงมหาดไทย,0:หน่วยงานที่ไม่สังกัดกระทรวง" {
		t.Errorf("ministries = %v", keys)
	}
	bm := group(c.ByMinistry)
	if bm["1"] != (EgovShare{5, 3, 3, 2}) || bm["8"] != (EgovShare{2, 1, 1, 1}) || bm["0"] != (EgovShare{1, 0, 1, 0}) {
		t.Errorf("by ministry = %+v", bm)
	}
	keys = nil
	for _, g := range c.ByProvince {
		keys = append(keys, g.Key+":"+g.EN)
	}
	if strings.Join(keys, ",") != "10:Bangkok,50:Chiang Mai,:No province" {
		t.Errorf("provinces = %v", keys)
	}
	if bp := group(c.ByProvince); bp["50"] != (EgovShare{3, 1, 2, 1}) {
		t.Errorf("by province = %+v", bp)
	}

	var missing []int64
	for _, a := range c.Missing {
		missing = append(missing, a.AgencyID)
	}
	if !slices.Equal(missing, []int64{2, 4, 6, 8, 10}) {
		t.Errorf("missing = %v", missing)
	}
	if m := c.Missing[0].MissingSections(); !slices.Equal(m, []EgovSection{EgovSection16}) {
		t.Errorf("agency 2 misses %v", m)
	}
	if m := c.Missing[2].MissingSections(); !slices.Equal(m, []EgovSection{EgovSection10, EgovSection16}) {
		t.Errorf("agency 6 misses %v", m)
	}

	want := []EgovMonth{
		{Month: 202309, With10: 2, With16: 2, Both: 1}, // 2's late-August record is September in Bangkok
		{Month: 202310, With10: 2, With16: 3, Both: 1},
		{Month: 202311, With10: 4, With16: 5, Both: 3},
	}
	if !slices.Equal(c.Series, want) {
		t.Errorf("series = %+v, want %+v", c.Series, want)
	}

	// OPDC narrows the denominator to local governments.
	local := EgovSettings{AgencyTypes: []AgencyType{AgencyPAO, AgencyMunicipality, AgencySAO, AgencySpecialLocal}}
	c = ComputeEgovCompliance(agencies, roots, local, egNow)
	if c.EgovShare != (EgovShare{Total: 2, With10: 1, With16: 1, Both: 1}) || len(c.ByMinistry) != 1 || len(c.ByType) != 4 {
		t.Errorf("local only = %+v %+v", c.EgovShare, c.ByMinistry)
	}
	if c.Series[0].Month != 202309 || c.Series[len(c.Series)-1] != (EgovMonth{202311, 1, 1, 1}) {
		t.Errorf("local series = %+v", c.Series)
	}

	// Nobody has complied: no series, everyone missing.
	c = ComputeEgovCompliance(agencies[5:7], roots, s, egNow)
	if c.Series != nil || len(c.Missing) != 1 || c.Total != 1 {
		t.Errorf("none compliant = %+v", c)
	}
	// A record dated after now still counts in the last month.
	future := []EgovAgencyStatus{{AgencyID: 1, Type: AgencyMinistry, Status: StatusActive, Path: "/1/", Since10: at(2023, 12, 2)}}
	c = ComputeEgovCompliance(future, roots, s, egNow)
	if len(c.Series) != 1 || c.Series[0] != (EgovMonth{202312, 1, 0, 0}) {
		t.Errorf("future series = %+v", c.Series)
	}
	past := append(future, EgovAgencyStatus{AgencyID: 8, Type: AgencyMinistry, Status: StatusActive, Path: "/8/", Since16: at(2023, 10, 2)})
	c = ComputeEgovCompliance(past, roots, s, egNow)
	if len(c.Series) != 2 || c.Series[1] != (EgovMonth{202311, 1, 1, 0}) {
		t.Errorf("series with a record after now = %+v", c.Series)
	}
}

func TestEgovRootID(t *testing.T) {
	for path, want := range map[string]int64{"/1/": 1, "/12/5/23/": 12, "": 0, "/x/": 0} {
		if got := (EgovAgencyStatus{Path: path}).RootID(); got != want {
			t.Errorf("RootID(%q) = %d, want %d", path, got, want)
		}
	}
}
