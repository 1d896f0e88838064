package openinfo

import (
	"strings"
	"testing"
)

func TestNextOnboardingStatus(t *testing.T) {
	tests := []struct {
		status, event, want, code string
	}{
		{OnboardSubmitted, OnboardEventConfirm, OnboardConfirmed, ""},
		{OnboardSubmitted, OnboardEventApprove, "", ECONFLICT},
		{OnboardSubmitted, OnboardEventReject, OnboardRejected, ""},
		{OnboardConfirmed, OnboardEventConfirm, "", ECONFLICT},
		{OnboardConfirmed, OnboardEventApprove, OnboardApproved, ""},
		{OnboardConfirmed, OnboardEventReject, OnboardRejected, ""},
		{OnboardApproved, OnboardEventReject, "", ECONFLICT},
		{OnboardApproved, OnboardEventConfirm, "", ECONFLICT},
		{OnboardRejected, OnboardEventApprove, "", ECONFLICT},
		{OnboardSubmitted, "publish", "", EINVALID},
	}
	for _, tt := range tests {
		got, err := NextOnboardingStatus(tt.status, tt.event)
		if got != tt.want || ErrorCode(err) != map[bool]string{true: "", false: tt.code}[tt.code == ""] {
			t.Errorf("%s + %s = %q, %v; want %q, code %q", tt.status, tt.event, got, err, tt.want, tt.code)
		}
	}
}

func TestOnboardingValidate(t *testing.T) {
	valid := func() OnboardingRequest {
		return OnboardingRequest{AgencyNameTH: "กรมการค้าภายใน", AgencyType: AgencyDepartment, RequesterName: "สมชาย ใจดี",
			RequesterEmail: "Somchai@DIT.go.th", RequesterPhone: "02 507 5530", ExecutiveName: "ผอ. ศูนย์เทคโนโลยีสารสนเทศ",
			ExecutiveEmail: "cio@dit.go.th", LetterName: "letter.pdf", Letter: []byte("%PDF-1.7\n...")}
	}
	tests := []struct {
		name   string
		change func(*OnboardingRequest)
		field  string
	}{
		{"valid", func(*OnboardingRequest) {}, ""},
		{"existing agency needs no name", func(o *OnboardingRequest) { o.ExistingAgencyID, o.AgencyNameTH, o.AgencyType = 5, "", "" }, ""},
		{"no Thai name", func(o *OnboardingRequest) { o.AgencyNameTH = "" }, "agency_name_th"},
		{"a district office cannot join directly", func(o *OnboardingRequest) { o.AgencyType = AgencyDistrict }, "agency_type"},
		{"bad requester e-mail", func(o *OnboardingRequest) { o.RequesterEmail = "somchai@" }, "requester_email"},
		{"bad phone", func(o *OnboardingRequest) { o.RequesterPhone = "123" }, "requester_phone"},
		{"executive is the requester", func(o *OnboardingRequest) { o.ExecutiveEmail = "somchai@dit.go.th" }, "executive_email"},
		{"no letter", func(o *OnboardingRequest) { o.Letter = nil }, "letter"},
		{"not a PDF", func(o *OnboardingRequest) { o.Letter = []byte("<html>") }, "letter"},
		{"too large", func(o *OnboardingRequest) { o.Letter = append([]byte("%PDF-"), make([]byte, MaxLetterSize)...) }, "letter"},
		{"unknown province", func(o *OnboardingRequest) { o.ProvinceCode = "00" }, "province"},
	}
	for _, tt := range tests {
		o := valid()
		tt.change(&o)
		o.Normalize()
		err := o.Validate()
		if tt.field == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if !fieldsOf(err)[tt.field] {
			t.Errorf("%s: err = %v, want field %s", tt.name, err, tt.field)
		}
	}
	o := valid()
	o.Normalize()
	if o.RequesterEmail != "somchai@dit.go.th" || o.RequesterPhone != "025075530" || !strings.HasPrefix(string(o.Letter), "%PDF") {
		t.Fatalf("normalized = %+v", o)
	}
}
