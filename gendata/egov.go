package gendata

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/thaitime"
)

const streamEgov = 0x65676f7600000000 // "egov"

// EgovShares are the shares of the agencies that must comply (seed 004:
// 941 of about 8,500, 11 %) that have published both records, only the
// Section 10 announcement, only the Section 16 order, or a draft.
var EgovShares = struct{ Both, Only10, Only16, Draft float64 }{Both: 0.11, Only10: 0.03, Only16: 0.01, Draft: 0.01}

// Egov yields the Section 10 and 16 records of the agencies that must
// comply (openinfo.DefaultEgovAgencyTypes), as EgovShares says, signed on
// days spread over the year before asOf; about one agency in twenty of
// those with a Section 10 announcement has an older one it superseded
// (emitted first, as published, and ended by the newer). Every record
// passes EgovRecord.Validate. IDs are the data set's plus off.Agency.
func Egov(ds *Dataset, off Offsets, seed uint64, asOf time.Time, emit func(r *openinfo.EgovRecord) error) error {
	rng := newRand(seed, streamEgov)
	year := openinfo.EgovDate(asOf).AddDate(-1, 0, 0)
	day := func() time.Time { return year.AddDate(0, 0, rng.IntN(365)) }
	published := func(signed time.Time) time.Time {
		// Recorded a few days after signing, at office hours in Bangkok.
		d := signed.AddDate(0, 0, 1+rng.IntN(14))
		t := time.Date(d.Year(), d.Month(), d.Day(), 9+rng.IntN(8), rng.IntN(60), 0, 0, thaitime.Bangkok)
		if lim := asOf.Add(-time.Hour); t.After(lim) {
			t = lim
		}
		return t
	}
	for i := range ds.Agencies {
		a := &ds.Agencies[i]
		if !slices.Contains(openinfo.DefaultEgovAgencyTypes, a.Type) || a.Status == openinfo.StatusInactive {
			continue
		}
		x := rng.Float64()
		var with10, with16, draft bool
		switch s := EgovShares; {
		case x < s.Both:
			with10, with16 = true, true
		case x < s.Both+s.Only10:
			with10 = true
		case x < s.Both+s.Only10+s.Only16:
			with16 = true
		case x < s.Both+s.Only10+s.Only16+s.Draft:
			draft = true
		default:
			continue
		}
		id := a.ID + off.Agency
		site := egovSite(a)
		if with10 && rng.IntN(20) == 0 {
			// An older announcement, superseded by the one below.
			old := egov10(a, id, site, year.AddDate(0, -6, -rng.IntN(90)), false)
			old.State, old.PublishedAt = openinfo.EgovPublished, published(old.SignedOn)
			if err := emit(old); err != nil {
				return err
			}
		}
		if with10 || draft {
			r := egov10(a, id, site, day(), rng.IntN(3) == 0)
			if draft {
				r.State = openinfo.EgovDraft
			} else {
				r.State, r.PublishedAt = openinfo.EgovPublished, published(r.SignedOn)
			}
			if err := emit(r); err != nil {
				return err
			}
		}
		if with16 {
			signed := day()
			r := &openinfo.EgovRecord{AgencyID: id, Section: openinfo.EgovSection16, State: openinfo.EgovPublished,
				Title:      "คำสั่ง" + a.NameTH + " เรื่อง กำหนดระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่โดยวิธีการทางอิเล็กทรอนิกส์",
				DocumentNo: fmt.Sprintf("ที่ %d/%d", 1+rng.IntN(400), signed.Year()+543),
				SignedOn:   signed, URL: site + "/egov/section16.pdf", PublishedAt: published(signed),
				Items: []openinfo.EgovItem{
					{Name: "ระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban)", Purpose: "รับ ส่ง และเก็บหนังสือราชการ", Address: site + "/saraban"},
					{Name: "ระบบการประชุมทางอิเล็กทรอนิกส์", Purpose: "ประชุมผ่านสื่ออิเล็กทรอนิกส์"},
				}}
			if rng.IntN(2) == 0 {
				r.Items = append(r.Items, openinfo.EgovItem{Name: "ระบบลงนามอิเล็กทรอนิกส์", Purpose: "ลงลายมือชื่ออิเล็กทรอนิกส์ในหนังสือและคำสั่ง"})
			}
			if err := emit(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// egov10 is a Section 10 announcement of a: its website, e-mail, and now
// and then a LINE account and an e-service.
func egov10(a *openinfo.Agency, id int64, site string, signed time.Time, more bool) *openinfo.EgovRecord {
	host := strings.TrimPrefix(site, "https://www.")
	r := &openinfo.EgovRecord{AgencyID: id, Section: openinfo.EgovSection10,
		Title:    "ประกาศ" + a.NameTH + " เรื่อง กำหนดช่องทางอิเล็กทรอนิกส์สำหรับประชาชนติดต่อราชการ",
		SignedOn: signed, URL: site + "/egov/section10.pdf",
		Items: []openinfo.EgovItem{
			{Kind: openinfo.ChannelWebsite, Name: "เว็บไซต์" + a.NameTH, Address: site, Purpose: "ข่าวสาร ติดต่อสอบถาม ยื่นเรื่อง"},
			{Kind: openinfo.ChannelEmail, Name: "ไปรษณีย์อิเล็กทรอนิกส์สารบรรณกลาง", Address: "saraban@" + host, Purpose: "ยื่นหนังสือ คำขอ และเอกสาร"},
		}}
	if more {
		r.Items = append(r.Items,
			openinfo.EgovItem{Kind: openinfo.ChannelLINE, Name: "LINE Official Account", Address: fmt.Sprintf("@egov%d", id), Purpose: "สอบถามและติดตามเรื่อง"},
			openinfo.EgovItem{Kind: openinfo.ChannelEService, Name: "ระบบบริการอิเล็กทรอนิกส์ (e-Service)", Address: site + "/eservice", Purpose: "ยื่นคำขอและชำระค่าธรรมเนียมออนไลน์"})
	}
	return r
}

// egovSite is the agency's website, or one made from its ID.
func egovSite(a *openinfo.Agency) string {
	if w := a.Contact.Website; strings.HasPrefix(w, "https://www.") && !strings.ContainsAny(w[len("https://www."):], "/?#") {
		return w
	}
	return fmt.Sprintf("https://www.agency%d.go.th", a.ID)
}
