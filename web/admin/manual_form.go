package admin

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
)

// The structured manual editor posts one input per field, named like the
// domain's field-error keys ("steps[2].duration"), so every error lands next
// to its input. Repeated sections carry their rows plus a few blank ones to
// add; a blank row, or one ticked "remove", is dropped.

// maxFormRows bounds the row index a form may post: a crafted index must not
// make the server allocate millions of rows.
const maxFormRows = 150

// formReader reads typed values from a posted form and collects what does
// not parse, keeping the text as typed so the form can show it again.
type formReader struct {
	form   url.Values
	fields []openinfo.FieldError
	raw    map[string]string
}

func newFormReader(form url.Values) *formReader {
	return &formReader{form: form, raw: map[string]string{}}
}

func (f *formReader) str(key string) string { return f.form.Get(key) }

func (f *formReader) bool(key string) bool {
	v := f.form.Get(key)
	return v == "on" || v == "1" || v == "true"
}

// number reads a decimal; Thai digits and thousands separators are allowed.
func (f *formReader) number(key string) float64 {
	s := normalizeNumber(f.form.Get(key))
	if s == "" {
		return 0
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		f.bad(key)
		return 0
	}
	return x
}

// integer reads a whole number.
func (f *formReader) integer(key string) int {
	s := normalizeNumber(f.form.Get(key))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		f.bad(key)
		return 0
	}
	return n
}

func (f *formReader) bad(key string) {
	f.raw[key] = f.form.Get(key)
	f.fields = append(f.fields, openinfo.FieldError{Field: key,
		TH: fmt.Sprintf("\"%s\" ไม่ใช่ตัวเลข กรุณากรอกเป็นตัวเลข", f.form.Get(key)),
		EN: fmt.Sprintf("\"%s\" is not a number; enter digits.", f.form.Get(key))})
}

// err is the parse errors as one validation error, or nil.
func (f *formReader) err() error {
	if len(f.fields) == 0 {
		return nil
	}
	return &openinfo.Error{Code: openinfo.EINVALID, Fields: f.fields,
		TH: "ข้อมูลบางช่องไม่ถูกต้อง กรุณาแก้ไขช่องที่มีข้อความแจ้งเตือน",
		EN: "Some fields are not valid; correct the fields marked below."}
}

func normalizeNumber(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '๐' && r <= '๙':
			b.WriteRune('0' + (r - '๐'))
		case r == ',' || r == ' ':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// rows returns how many rows of section the form posted (highest index+1),
// bounded by maxFormRows.
func (f *formReader) rows(section string) int {
	n := 0
	prefix := section + "["
	for k := range f.form {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		end := strings.IndexByte(k[len(prefix):], ']')
		if end < 0 {
			continue
		}
		i, err := strconv.Atoi(k[len(prefix) : len(prefix)+end])
		if err != nil || i < 0 || i >= maxFormRows {
			continue
		}
		n = max(n, i+1)
	}
	return n
}

// each calls fn for every posted row of section not ticked "remove", with
// the row's key prefix ("steps[3].").
func (f *formReader) each(section string, fn func(p string)) {
	for i := range f.rows(section) {
		p := fmt.Sprintf("%s[%d].", section, i)
		if f.bool(p + "remove") {
			continue
		}
		fn(p)
	}
}

// readManualForm reads the editor's form into a manual. A field that does not
// parse comes back as a validation error (and in raw); the rest is read.
func readManualForm(r *http.Request) (openinfo.ManualContent, map[string]string, error) {
	f := newFormReader(r.PostForm)
	c := openinfo.ManualContent{
		Name: f.str("name"), AgencyName: f.str("agency_name"),
		ServiceType: openinfo.ServiceType(f.str("service_type")), Category: openinfo.ManualCategory(f.str("category")),
		Impact: openinfo.ImpactLevel(f.str("impact")), ReferenceName: f.str("reference_name"),
		Criteria: f.str("criteria"), ReducedSteps: f.bool("reduced_steps"), NoDocuments: f.bool("no_documents"),
		Remarks: f.str("remarks"),
		TimeLimit: openinfo.LegalTimeLimit{Law: f.str("time_limit.law"), Value: f.integer("time_limit.value"),
			Unit: openinfo.DurationUnit(f.str("time_limit.unit"))},
		Stats: openinfo.Stats{AvgPerMonth: f.integer("stats.avg_per_month"), Max: f.integer("stats.max"), Min: f.integer("stats.min"),
			FromMonth: f.integer("stats.from_month"), ToMonth: f.integer("stats.to_month")},
	}
	for _, a := range r.PostForm["service_areas"] {
		c.ServiceAreas = append(c.ServiceAreas, openinfo.ServiceArea(a))
	}
	f.each("legal_bases", func(p string) {
		c.LegalBases = append(c.LegalBases, openinfo.LegalBasis{Kind: f.str(p + "kind"), Name: f.str(p + "name"),
			YearBE: f.integer(p + "year_be"), Section: f.str(p + "section")})
	})
	f.each("channels", func(p string) {
		ch := openinfo.ServiceChannel{Kind: openinfo.ChannelKind(f.str(p + "kind")), Place: f.str(p + "place"),
			Phone: f.str(p + "phone"), Hours: f.str(p + "hours"), URL: f.str(p + "url"), Note: f.str(p + "note")}
		if ch.Place == "" && ch.Phone == "" && ch.Hours == "" && ch.URL == "" && ch.Note == "" {
			return // a blank row: its kind select always posts a value
		}
		c.Channels = append(c.Channels, ch)
	})
	f.each("steps", func(p string) {
		s := openinfo.Step{Type: openinfo.StepType(f.str(p + "type")), Detail: f.str(p + "detail"),
			Duration: f.number(p + "duration"), Unit: openinfo.DurationUnit(f.str(p + "unit")),
			Responsible: f.str(p + "responsible"), Note: f.str(p + "note")}
		if s.Detail == "" && s.Duration == 0 && s.Responsible == "" && s.Note == "" && f.raw[p+"duration"] == "" {
			return
		}
		c.Steps = append(c.Steps, s)
	})
	c.Documents, c.Fees = f.documents(), f.fees()
	f.each("complaints", func(p string) {
		c.Complaints = append(c.Complaints, openinfo.ComplaintChannel{Channel: f.str(p + "channel"), Detail: f.str(p + "detail")})
	})
	f.each("attachments", func(p string) {
		size, _ := strconv.ParseInt(f.str(p+"size"), 10, 64)
		c.Attachments = append(c.Attachments, openinfo.Attachment{Name: f.str(p + "name"), Key: f.str(p + "key"),
			ContentType: f.str(p + "content_type"), Size: size})
	})
	return c, f.raw, f.err()
}

// readServiceForm reads the other-service form.
func readServiceForm(r *http.Request, s *openinfo.OtherService) (map[string]string, error) {
	f := newFormReader(r.PostForm)
	s.NameTH, s.NameEN = f.str("name_th"), f.str("name_en")
	s.Published = f.bool("published")
	s.Version, _ = strconv.ParseInt(f.str("version"), 10, 64)
	c := openinfo.ServiceContent{Description: f.str("description"), Remarks: f.str("remarks")}
	f.each("channels", func(p string) {
		ch := openinfo.ServiceChannel{Kind: openinfo.ChannelKind(f.str(p + "kind")), Place: f.str(p + "place"),
			Phone: f.str(p + "phone"), Hours: f.str(p + "hours"), URL: f.str(p + "url"), Note: f.str(p + "note")}
		if ch.Place == "" && ch.Phone == "" && ch.Hours == "" && ch.URL == "" && ch.Note == "" {
			return
		}
		c.Channels = append(c.Channels, ch)
	})
	f.each("contacts", func(p string) {
		c.Contacts = append(c.Contacts, openinfo.ComplaintChannel{Channel: f.str(p + "channel"), Detail: f.str(p + "detail")})
	})
	c.Documents, c.Fees = f.documents(), f.fees()
	s.Content = c
	return f.raw, f.err()
}

// documents reads the rows of the documents section; blank rows are none.
// The manual and the other service share it.
func (f *formReader) documents() []openinfo.Document {
	var out []openinfo.Document
	f.each("documents", func(p string) {
		d := openinfo.Document{Group: openinfo.DocumentGroup(f.str(p + "group")), Name: f.str(p + "name"),
			Issuer: f.str(p + "issuer"), Originals: f.integer(p + "originals"), Copies: f.integer(p + "copies"),
			Unit: openinfo.DocumentUnit(f.str(p + "unit")), Note: f.str(p + "note")}
		if d.Name == "" && d.Issuer == "" && d.Originals == 0 && d.Copies == 0 && d.Note == "" {
			return
		}
		out = append(out, d)
	})
	return out
}

// fees reads the rows of the fees section; a row with only an amount that
// does not parse is kept, so the error lands next to it.
func (f *formReader) fees() []openinfo.Fee {
	var out []openinfo.Fee
	f.each("fees", func(p string) {
		fee := openinfo.Fee{Detail: f.str(p + "detail"), Amount: f.number(p + "amount"), Unit: openinfo.FeeUnit(f.str(p + "unit")),
			Note: f.str(p + "note")}
		if fee.Detail == "" && fee.Amount == 0 && fee.Note == "" && f.raw[p+"amount"] == "" {
			return
		}
		out = append(out, fee)
	})
	return out
}
