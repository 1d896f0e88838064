package openinfo

import (
	"time"
	"unicode/utf8"
)

// OtherService (บริการอื่นๆ) is a service with no citizen manual under the
// Licensing Facilitation Act: a clinic, a library card, a complaint desk. The
// agency's own officers publish it directly; there is no approval.
type OtherService struct {
	ID        int64
	AgencyID  int64
	NameTH    string
	NameEN    string
	Content   ServiceContent
	Published bool
	Version   int64 // optimistic lock
	CreatedAt time.Time
	UpdatedAt time.Time
}

// ServiceContent is what the public page of an other service shows. Its rows
// reuse the manual's shapes, so the same form parts and checks serve both.
type ServiceContent struct {
	Description string             `json:"description"`
	Channels    []ServiceChannel   `json:"channels,omitempty"`
	Contacts    []ComplaintChannel `json:"contacts,omitempty"` // how to reach the agency: channel and detail
	Documents   []Document         `json:"documents,omitempty"`
	Fees        []Fee              `json:"fees,omitempty"`
	Remarks     string             `json:"remarks,omitempty"`
}

// Name returns the service's name in lang, Thai when there is no English name.
func (s OtherService) Name(lang string) string {
	return Text{s.NameTH, s.NameEN}.In(lang)
}

// asManual views the content as a manual's, so the manual's normaliser and
// row checks apply unchanged (field keys such as "fees[0].amount" match).
func (c *ServiceContent) asManual(name string) ManualContent {
	return ManualContent{Name: name, Channels: c.Channels, Complaints: c.Contacts, Documents: c.Documents,
		Fees: c.Fees, Remarks: c.Remarks, Criteria: c.Description}
}

// Normalize trims the names and texts and drops empty rows.
func (s *OtherService) Normalize() {
	s.NameTH, s.NameEN = cleanText(s.NameTH), cleanText(s.NameEN)
	m := s.Content.asManual(s.NameTH)
	m.Normalize()
	s.Content = ServiceContent{Description: m.Criteria, Channels: m.Channels, Contacts: m.Complaints,
		Documents: m.Documents, Fees: m.Fees, Remarks: m.Remarks}
}

// Validate checks a service for saving: a Thai name, a description, and the
// row checks of a manual draft (known codes, no negative fee or count,
// lengths). Publishing needs nothing more: there is no approval.
func (s *OtherService) Validate() error {
	var v validation
	if s.AgencyID <= 0 {
		v.add("agency_id", "กรุณาเลือกหน่วยงานที่ให้บริการ", "Choose the agency that offers the service.")
	}
	switch {
	case s.NameTH == "":
		v.add("name_th", "กรุณากรอกชื่อบริการภาษาไทย", "Enter the service's Thai name.")
	case utf8.RuneCountInString(s.NameTH) > maxShortText:
		v.add("name_th", "ชื่อบริการยาวเกิน 500 ตัวอักษร", "The Thai name is longer than 500 characters.")
	case !hasThai(s.NameTH):
		v.add("name_th", "ชื่อบริการภาษาไทยต้องมีอักษรไทย", "The Thai name must contain Thai letters.")
	}
	if utf8.RuneCountInString(s.NameEN) > maxShortText {
		v.add("name_en", "ชื่อบริการภาษาอังกฤษยาวเกิน 500 ตัวอักษร", "The English name is longer than 500 characters.")
	}
	switch n := utf8.RuneCountInString(s.Content.Description); {
	case n == 0:
		v.add("description", "กรุณาอธิบายบริการ (ให้บริการอะไร แก่ใคร)", "Describe the service (what it offers, to whom).")
	case n > maxLongText:
		v.add("description", "คำอธิบายบริการยาวเกิน 20,000 ตัวอักษร", "The description is longer than 20,000 characters.")
	}
	m := s.Content.asManual(s.NameTH)
	var rows validation
	m.check(&rows, false)
	for _, f := range rows.fields {
		switch f.Field {
		case "name", "criteria": // checked above under the service's own names
			continue
		case "complaints":
			f.Field = "contacts"
		}
		if len(f.Field) > 11 && f.Field[:11] == "complaints[" {
			f.Field = "contacts[" + f.Field[11:]
		}
		v.fields = append(v.fields, f)
	}
	return v.err("บริการ", "service")
}
