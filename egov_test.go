package openinfo

import (
	"slices"
	"strings"
	"testing"
	"time"
)

var egActors = []struct {
	name string
	o    Officer
}{
	{"central", Officer{UserID: 14, Role: RoleCentral, AgencyID: 5, AgencyPath: "/1/5/"}},
	{"admin", Officer{UserID: 15, Role: RoleAdmin}},
	{"opdc", Officer{UserID: 13, Role: RoleOPDC}},
	{"point", Officer{UserID: 16, Role: RolePointOfficer, AgencyID: 5, AgencyPath: "/1/5/"}},
	{"foreign central", Officer{UserID: 17, Role: RoleCentral, AgencyID: 55, AgencyPath: "/1/55/"}},
	{"system", Officer{}},
}

// egAllowed is the workflow written out again, independently of egovRules.
var egAllowed = map[EgovState]map[EgovEvent]EgovState{
	"":            {EgovEvSave: EgovDraft},
	EgovDraft:     {EgovEvSave: EgovDraft, EgovEvPublish: EgovPublished},
	EgovPublished: {EgovEvRevoke: EgovRevoked, EgovEvSupersede: EgovSuperseded},
}

func TestEgovTransitionMatrix(t *testing.T) {
	states := []EgovState{"", EgovDraft, EgovPublished, EgovRevoked, EgovSuperseded}
	events := []EgovEvent{EgovEvSave, EgovEvPublish, EgovEvRevoke, EgovEvSupersede}
	who := map[EgovEvent][]string{
		EgovEvSave: {"central", "admin"}, EgovEvPublish: {"central", "admin"},
		EgovEvRevoke: {"central", "admin"}, EgovEvSupersede: {"system"},
	}
	for _, st := range states {
		for _, ev := range events {
			for _, a := range egActors {
				got, err := EgovTransition(st, ev, a.o, "/1/5/23/", "ยกเลิกเนื่องจากออกประกาศฉบับใหม่")
				to, applies := egAllowed[st][ev]
				var want string
				switch {
				case !slices.Contains(who[ev], a.name) && a.name == "system":
					want = EUNAUTHORIZED
				case !slices.Contains(who[ev], a.name):
					want = EFORBIDDEN
				case !applies:
					want = ECONFLICT
				}
				if ErrorCode(err) != want || (want == "" && got != to) || (want != "" && got != "") {
					t.Errorf("%q + %s by %s = %q, %v; want %q, code %q", st, ev, a.name, got, err, to, want)
				}
				if err != nil && (ErrorMessage(err, "th") == ErrorMessage(err, "en") || ErrorMessage(err, "en") == "") {
					t.Errorf("%q + %s by %s: error lacks a Thai or English message: %v", st, ev, a.name, err)
				}
			}
		}
	}
	central := egActors[0].o
	if _, err := EgovTransition(EgovPublished, EgovEvRevoke, central, "/1/5/", "  "); ErrorCode(err) != EINVALID || FieldErrors(err)[0].Field != "reason" {
		t.Errorf("revoke without a reason: %v", err)
	}
	if _, err := EgovTransition(EgovPublished, EgovEvRevoke, central, "/1/5/", strings.Repeat("ก", MaxEgovReason+1)); ErrorCode(err) != EINVALID {
		t.Errorf("revoke with a long reason: %v", err)
	}
	if _, err := EgovTransition(EgovDraft, "delete", central, "/1/5/", ""); ErrorCode(err) != EINVALID {
		t.Errorf("unknown event: %v", err)
	}
}

func TestApplyEgovEvent(t *testing.T) {
	central := egActors[0].o
	recs := []EgovRef{{1, EgovSuperseded}, {2, EgovPublished}, {3, EgovDraft}, {4, EgovRevoked}}
	eff, err := ApplyEgovEvent(recs, 3, EgovEvPublish, central, "/1/5/", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []EgovEffect{
		{RecordID: 3, From: EgovDraft, To: EgovPublished, Event: EgovEvPublish, ActorID: 14},
		{RecordID: 2, From: EgovPublished, To: EgovSuperseded, Event: EgovEvSupersede, Reason: "แทนที่ด้วยรายการ #3"},
	}
	if !slices.Equal(eff, want) {
		t.Errorf("publish effects = %+v, want %+v", eff, want)
	}
	eff, err = ApplyEgovEvent(recs, 2, EgovEvRevoke, central, "/1/5/", " ประกาศผิดฉบับ ")
	if err != nil || len(eff) != 1 || eff[0].To != EgovRevoked || eff[0].Reason != "ประกาศผิดฉบับ" {
		t.Errorf("revoke = %+v, %v", eff, err)
	}
	if _, err := ApplyEgovEvent(recs, 9, EgovEvPublish, central, "/1/5/", ""); ErrorCode(err) != ENOTFOUND {
		t.Errorf("unknown record: %v", err)
	}
	if _, err := ApplyEgovEvent(recs, 1, EgovEvPublish, central, "/1/5/", ""); ErrorCode(err) != ECONFLICT {
		t.Errorf("publish a superseded record: %v", err)
	}
}

func utcDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// egNow is 17 November 2023, 10:00 in Bangkok: the date of OPDC's letter.
var egNow = time.Date(2023, time.November, 17, 3, 0, 0, 0, time.UTC)

func goodEgov10() EgovRecord {
	return EgovRecord{AgencyID: 5, Section: EgovSection10,
		Title:      "ประกาศสำนักงาน ก.พ.ร. เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับประชาชนติดต่อราชการ",
		DocumentNo: "", SignedOn: utcDay(2023, 11, 1), EffectiveOn: utcDay(2023, 11, 1),
		URL: "https://www.opdc.go.th/egov/section10.pdf",
		Items: []EgovItem{
			{Kind: ChannelWebsite, Name: "เว็บไซต์สำนักงาน ก.พ.ร.", Address: "https://www.opdc.go.th"},
			{Kind: ChannelEmail, Name: "สารบรรณอิเล็กทรอนิกส์", Address: "saraban@opdc.go.th", Purpose: "รับหนังสือราชการ"},
			{Kind: ChannelLINE, Name: "LINE OPDC", Address: "@opdc"},
		}}
}

func TestEgovValidate(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(r *EgovRecord)
		draft  []string // fields a draft save names
		public []string // fields publication names
	}{
		{"complete", func(r *EgovRecord) {}, nil, nil},
		{"section 16 systems", func(r *EgovRecord) {
			r.Section = EgovSection16
			r.Items = []EgovItem{{Name: "ระบบสารบรรณอิเล็กทรอนิกส์", Purpose: "รับส่งหนังสือราชการ"},
				{Name: "ระบบประชุมออนไลน์", Address: "https://meet.opdc.go.th"}}
		}, nil, nil},
		{"empty draft", func(r *EgovRecord) { *r = EgovRecord{AgencyID: 5, Section: EgovSection10} },
			nil, []string{"title", "signed_on", "file", "items"}},
		{"no section, no agency", func(r *EgovRecord) { r.Section, r.AgencyID = 12, 0 },
			[]string{"section", "agency_id"}, []string{"section", "agency_id"}},
		{"effective before signed", func(r *EgovRecord) { r.EffectiveOn = utcDay(2023, 10, 31) },
			[]string{"effective_on"}, []string{"effective_on"}},
		{"signed in the future", func(r *EgovRecord) { r.SignedOn, r.EffectiveOn = utcDay(2023, 11, 18), time.Time{} },
			nil, []string{"signed_on"}},
		{"signed today in Bangkok", func(r *EgovRecord) {
			r.SignedOn, r.EffectiveOn = time.Date(2023, 11, 16, 18, 0, 0, 0, time.UTC), time.Time{}
		},
			nil, nil},
		{"signed before the Act (BE year typed as CE)", func(r *EgovRecord) { r.SignedOn, r.EffectiveOn = utcDay(2022, 1, 1), time.Time{} },
			[]string{"signed_on"}, []string{"signed_on"}},
		{"document link not http", func(r *EgovRecord) { r.URL = "ftp://www.opdc.go.th/a.pdf" },
			[]string{"url"}, []string{"url"}},
		{"bad file key", func(r *EgovRecord) { r.FileKey = "../etc/passwd" }, []string{"file"}, []string{"file"}},
		{"file instead of link", func(r *EgovRecord) { r.URL, r.FileKey = "", strings.Repeat("ab", 32) }, nil, nil},
		{"website not http", func(r *EgovRecord) { r.Items[0].Address = "www.opdc.go.th" },
			[]string{"items[0].address"}, []string{"items[0].address"}},
		{"e-mail not an address", func(r *EgovRecord) { r.Items[1].Address = "สารบรรณ opdc" },
			[]string{"items[1].address"}, []string{"items[1].address"}},
		{"e-mail with a name", func(r *EgovRecord) { r.Items[1].Address = "OPDC <saraban@opdc.go.th>" },
			[]string{"items[1].address"}, []string{"items[1].address"}},
		{"LINE link", func(r *EgovRecord) { r.Items[2].Address = "https://lin.ee/AbCdEf" }, nil, nil},
		{"LINE id with spaces", func(r *EgovRecord) { r.Items[2].Address = "@opdc official" },
			[]string{"items[2].address"}, []string{"items[2].address"}},
		{"LINE link elsewhere", func(r *EgovRecord) { r.Items[2].Address = "https://example.com/@opdc" },
			[]string{"items[2].address"}, []string{"items[2].address"}},
		{"other channel by e-mail", func(r *EgovRecord) { r.Items[0].Kind, r.Items[0].Address = ChannelOther, "help@opdc.go.th" }, nil, nil},
		{"unknown kind", func(r *EgovRecord) { r.Items[0].Kind = "fax" },
			[]string{"items[0].kind"}, []string{"items[0].kind"}},
		{"channel without kind, name or address", func(r *EgovRecord) { r.Items[1] = EgovItem{Purpose: "ร้องเรียน"} },
			nil, []string{"items[1].kind", "items[1].name", "items[1].address"}},
		{"same channel twice", func(r *EgovRecord) { r.Items[2] = r.Items[0]; r.Items[2].Address = "https://WWW.opdc.go.th" },
			[]string{"items[2].address"}, []string{"items[2].address"}},
		{"system link not http", func(r *EgovRecord) {
			r.Section = EgovSection16
			r.Items = []EgovItem{{Name: "ระบบลา", Address: "intranet/leave"}}
		}, []string{"items[0].address"}, []string{"items[0].address"}},
		{"long title", func(r *EgovRecord) { r.Title = strings.Repeat("ก", 501) }, []string{"title"}, []string{"title"}},
		{"too many channels", func(r *EgovRecord) {
			for len(r.Items) <= MaxEgovItems {
				r.Items = append(r.Items, EgovItem{Kind: ChannelEForm, Name: "แบบฟอร์ม", Address: "https://forms.opdc.go.th/" + strings.Repeat("x", len(r.Items))})
			}
		}, []string{"items"}, []string{"items"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := goodEgov10()
			c.edit(&r)
			r.Normalize()
			check := func(what string, err error, want []string) {
				t.Helper()
				var got []string
				for _, f := range FieldErrors(err) {
					if f.TH == "" || f.EN == "" || f.TH == f.EN {
						t.Errorf("%s: field %s lacks a Thai or English message", what, f.Field)
					}
					if !slices.Contains(got, f.Field) {
						got = append(got, f.Field)
					}
				}
				slices.Sort(got)
				w := slices.Clone(want)
				slices.Sort(w)
				if !slices.Equal(got, w) {
					t.Errorf("%s: fields %v, want %v (%v)", what, got, w, err)
				}
				if err != nil && (ErrorCode(err) != EINVALID || ErrorMessage(err, "th") == ErrorMessage(err, "en")) {
					t.Errorf("%s: %v", what, err)
				}
			}
			check("draft", r.ValidateDraft(egNow), c.draft)
			check("publish", r.Validate(egNow), c.public)
		})
	}
}

func TestEgovNormalize(t *testing.T) {
	r := EgovRecord{Section: EgovSection10, Title: "  ประกาศ \u200bกรม  ",
		SignedOn: time.Date(2023, 11, 1, 20, 0, 0, 0, time.UTC), // 2 November in Bangkok
		FileKey:  " " + strings.Repeat("AB", 32),
		Items: []EgovItem{
			{Kind: ChannelLINE, Name: " LINE ", Address: "OPDC_Thailand"},
			{},
			{Kind: ChannelEmail, Name: "อีเมล", Address: "mailto:saraban@opdc.go.th"},
			{Kind: " website ", Name: "  ", Address: "", Purpose: " "},
		}}
	r.Normalize()
	if r.Title != "ประกาศ กรม" || r.SignedOn != utcDay(2023, 11, 2) || r.FileKey != strings.Repeat("ab", 32) {
		t.Errorf("normalised = %q %v %q", r.Title, r.SignedOn, r.FileKey)
	}
	want := []EgovItem{{Kind: ChannelLINE, Name: "LINE", Address: "@opdc_thailand"}, {Kind: ChannelEmail, Name: "อีเมล", Address: "saraban@opdc.go.th"}}
	if !slices.Equal(r.Items, want) {
		t.Errorf("items = %+v, want %+v", r.Items, want)
	}
	s16 := EgovRecord{Section: EgovSection16, Items: []EgovItem{{Kind: ChannelWebsite, Name: "ระบบสารบรรณ"}}}
	s16.Normalize()
	if s16.Items[0].Kind != "" {
		t.Errorf("a Section 16 system keeps a kind: %+v", s16.Items[0])
	}
}

func TestEgovLabels(t *testing.T) {
	for _, x := range EgovChannelKinds {
		if !x.Kind.Valid() || x.Kind.Label("th") != x.TH || x.Kind.Label("en") != x.EN || x.TH == "" || x.EN == "" {
			t.Errorf("kind %q badly labelled", x.Kind)
		}
	}
	for _, x := range EgovStates {
		if !x.State.Valid() || x.State.Label("th") == x.State.Label("en") {
			t.Errorf("state %q badly labelled", x.State)
		}
	}
	for _, x := range EgovEvents {
		if x.Event.Label("th") == x.Event.Label("en") {
			t.Errorf("event %q badly labelled", x.Event)
		}
	}
	for _, s := range []EgovSection{EgovSection10, EgovSection16} {
		if !s.Valid() || s.Label("th") == s.Label("en") || !strings.Contains(s.Label("th"), "มาตรา") {
			t.Errorf("section %d badly labelled", s)
		}
	}
	if EgovSection(11).Valid() || EgovChannelKind("fax").Valid() || EgovState("deleted").Valid() {
		t.Error("unknown values pass as valid")
	}
}
