package hsds

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

// fixture is a small directory with published records and, beside them,
// everything that must never be published; secrets lists the identifying
// strings of the latter.
type fixture struct {
	db                  *store.DB
	srv                 *httptest.Server
	ministry, dept      *openinfo.Agency
	office, gone        *openinfo.Agency
	orphan              *openinfo.Agency
	point, online       *openinfo.ServicePoint
	hidden, gonePoint   *openinfo.ServicePoint
	manual, other       int64 // published process and other service
	draftOnly, unpubSvc int64
	term                *openinfo.CatalogTerm
	secrets             []string
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func manualContent(name, criteria string) openinfo.ManualContent {
	return openinfo.ManualContent{Name: name, ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryLicence,
		LegalBases:   []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "รถยนต์", YearBE: 2522, Section: "มาตรา 42"}},
		ServiceAreas: []openinfo.ServiceArea{openinfo.AreaCentral, openinfo.AreaRegional},
		Channels:     []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักงานขนส่งทุกแห่ง", Phone: "1584", Hours: "จันทร์–ศุกร์ 08:30–16:30 น."}},
		Criteria:     criteria,
		Steps: []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "ตรวจสอบเอกสาร", Duration: 15, Unit: openinfo.UnitMinute},
			{Type: openinfo.StepConsideration, Detail: "พิจารณา", Duration: 30, Unit: openinfo.UnitMinute, Responsible: "ฝ่ายทะเบียน"}},
		Documents:  []openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Copies: 1, Unit: openinfo.DocUnitCopy}},
		Fees:       []openinfo.Fee{{Detail: "ค่าธรรมเนียมใบอนุญาต", Amount: 505, Unit: openinfo.FeeBaht}, {Detail: "ค่าปรับ", Amount: 2, Unit: openinfo.FeePercent, Note: "ต่อเดือน"}},
		Complaints: openinfo.DefaultComplaintChannels()[1:],
	}
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db}
	must(t, db.SeedCatalog(ctx))
	terms, err := db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
	must(t, err)
	f.term = &terms[0]
	retired := &openinfo.CatalogTerm{Kind: openinfo.CatalogTag, Code: "retired-tag", NameTH: "ป้ายคำเลิกใช้ลับเฉพาะ", Active: true}
	must(t, db.CreateCatalogTerm(ctx, retired))
	child := &openinfo.CatalogTerm{Kind: openinfo.CatalogTag, Code: "child-of-retired", NameTH: "ป้ายคำย่อย", ParentID: retired.ID, Active: true}
	must(t, db.CreateCatalogTerm(ctx, child))
	retired.Active = false
	must(t, db.UpdateCatalogTerm(ctx, retired))
	f.secrets = append(f.secrets, "ป้ายคำเลิกใช้ลับเฉพาะ", "term-"+itoa(retired.ID)+`"`)

	mk := func(parent int64, typ openinfo.AgencyType, th, en, province string) *openinfo.Agency {
		a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: th, NameEN: en,
			Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: province}, Phones: []string{"02 271 8888 ต่อ 12"}, Email: "saraban@dlt.go.th", Website: "https://www.dlt.go.th"}}
		must(t, db.CreateAgency(ctx, a))
		return a
	}
	f.ministry = mk(0, openinfo.AgencyMinistry, "กระทรวงคมนาคม", "Ministry of Transport", "10")
	f.dept = mk(f.ministry.ID, openinfo.AgencyDepartment, "กรมการขนส่งทางบก", "Department of Land Transport", "10")
	f.office = mk(f.dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่", "Chiang Mai Land Transport Office", "50")
	f.gone = mk(f.dept.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งที่ยุบแล้วลับเฉพาะ", "", "50")
	// An agency that outlives its dissolved parent.
	f.orphan = mk(f.gone.ID, openinfo.AgencyUnit, "ศูนย์ที่ย้ายสังกัดแล้ว", "", "10")
	f.gone.Contact.Email = "closed-secret@dlt.go.th"
	f.gone.Contact.Phones = []string{"053 999 888"}

	pt := func(a *openinfo.Agency, name string, kind openinfo.PointKind, visible bool) *openinfo.ServicePoint {
		p := &openinfo.ServicePoint{AgencyID: a.ID, NameTH: name, Kind: kind, Visible: visible,
			Address: openinfo.Address{Line: "191 ถนนพหลโยธิน", Subdistrict: "จอมพล", District: "จตุจักร", ProvinceCode: "10", Postcode: "10900"},
			Phones:  []string{"1584"}, Hours: openinfo.OfficeHours()}
		if kind == openinfo.PointCounter {
			p.HasLocation, p.Lat, p.Lon = true, 13.8163, 100.5597
		} else {
			p.URL = "https://gecc.dlt.go.th"
		}
		must(t, db.CreateServicePoint(ctx, p))
		return p
	}
	f.point = pt(f.office, "งานทะเบียนรถ ขนส่งเชียงใหม่", openinfo.PointCounter, true)
	f.online = pt(f.office, "บริการออนไลน์ กรมการขนส่งทางบก", openinfo.PointOnline, true)
	f.hidden = pt(f.office, "จุดบริการที่ปิดแล้วลับเฉพาะ", openinfo.PointCounter, false)
	f.gonePoint = pt(f.gone, "จุดบริการของหน่วยงานที่ยุบลับเฉพาะ", openinfo.PointCounter, true)
	f.secrets = append(f.secrets, "จุดบริการที่ปิดแล้วลับเฉพาะ", "จุดบริการของหน่วยงานที่ยุบลับเฉพาะ", "สำนักงานขนส่งที่ยุบแล้วลับเฉพาะ",
		"closed-secret@dlt.go.th", "053 999 888", "point-"+itoa(f.hidden.ID)+"\"", "point-"+itoa(f.gonePoint.ID)+"\"", "agency-"+itoa(f.gone.ID)+"\"")

	author := openinfo.Officer{UserID: 91, Role: openinfo.RoleAuthor, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	reviewer := openinfo.Officer{UserID: 92, Role: openinfo.RoleReviewer, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	opdc := openinfo.Officer{UserID: 93, Role: openinfo.RoleOPDC}
	process := func(a *openinfo.Agency, name string, publish bool, criteria string, terms ...int64) int64 {
		p := &openinfo.Process{AgencyID: a.ID, NameTH: name, CommonNames: []string{"ต่อใบขับขี่"}, TermIDs: terms}
		must(t, db.CreateProcess(ctx, p))
		r, err := db.OpenRevision(ctx, p.ID)
		must(t, err)
		_, err = db.SaveDraft(ctx, r.ID, r.Version, manualContent(name, criteria), author, a.Path)
		must(t, err)
		if publish {
			for _, step := range []struct {
				ev    openinfo.RevisionEvent
				actor openinfo.Officer
			}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
				must(t, db.ApplyRevision(ctx, r.ID, step.ev, step.actor, a.Path, ""))
			}
		}
		return p.ID
	}
	f.manual = process(f.office, "การต่ออายุใบอนุญาตขับรถยนต์", true, "ผู้ขอต้องมีอายุไม่ต่ำกว่า 18 ปี", f.term.ID)
	// The published manual's next revision, a draft, says something new.
	next, err := db.OpenRevision(ctx, f.manual)
	must(t, err)
	_, err = db.SaveDraft(ctx, next.ID, next.Version, manualContent("การต่ออายุใบอนุญาตขับรถยนต์", "ร่างเกณฑ์ใหม่ลับเฉพาะ"), author, f.office.Path)
	must(t, err)
	f.draftOnly = process(f.office, "คู่มือร่างที่ยังไม่เผยแพร่ลับเฉพาะ", false, "เกณฑ์ของร่าง")
	goneManual := process(f.gone, "คู่มือของหน่วยงานที่ยุบลับเฉพาะ", true, "เกณฑ์")
	f.secrets = append(f.secrets, "ร่างเกณฑ์ใหม่ลับเฉพาะ", "คู่มือร่างที่ยังไม่เผยแพร่ลับเฉพาะ", "manual-"+itoa(f.draftOnly)+"\"", "คู่มือของหน่วยงานที่ยุบลับเฉพาะ")

	svc := func(name string, published bool) int64 {
		s := &openinfo.OtherService{AgencyID: f.office.ID, NameTH: name, Published: published,
			Content: openinfo.ServiceContent{Description: "บริการตรวจสภาพรถ " + name, Fees: []openinfo.Fee{{Detail: "ค่าตรวจ", Amount: 60, Unit: openinfo.FeeBaht}}}}
		must(t, db.CreateService(ctx, s))
		return s.ID
	}
	f.other = svc("บริการตรวจสภาพรถ", true)
	f.unpubSvc = svc("บริการที่ยังไม่เผยแพร่ลับเฉพาะ", false)
	f.secrets = append(f.secrets, "บริการที่ยังไม่เผยแพร่ลับเฉพาะ", "service-"+itoa(f.unpubSvc)+"\"")

	_, err = db.Pin(ctx, store.PinProcess, f.manual, []int64{f.point.ID, f.online.ID, f.hidden.ID})
	must(t, err)
	_, err = db.Pin(ctx, store.PinProcess, f.draftOnly, []int64{f.point.ID})
	must(t, err)
	_, err = db.Pin(ctx, store.PinProcess, goneManual, []int64{f.gonePoint.ID})
	must(t, err)
	_, err = db.Pin(ctx, store.PinService, f.other, []int64{f.point.ID})
	must(t, err)
	_, err = db.Pin(ctx, store.PinService, f.unpubSvc, []int64{f.point.ID})
	must(t, err)

	// The agency is dissolved after its records were made.
	gone, err := db.Agency(ctx, f.gone.ID)
	must(t, err)
	gone.Status = openinfo.StatusInactive
	must(t, db.UpdateAgency(ctx, gone))

	// An officer and a delay case with the applicant's name and phone, and its notice.
	u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: "test", Subject: "officer-1", Username: "somsri.secret", GivenName: "สมศรีเจ้าหน้าที่ลับ",
		FamilyName: "นามสกุลลับ", Email: "somsri.secret@dlt.go.th", Phone: "0812223333"})
	must(t, err)
	must(t, db.IssueToken(ctx, &openinfo.IssuedToken{Hash: "officer-1-token-hash", Sealed: "-", AgencyID: f.office.ID, Role: openinfo.RolePointOfficer,
		ExpiresAt: time.Now().Add(time.Hour)}))
	_, err = db.RedeemToken(ctx, u.ID, "officer-1-token-hash", time.Now())
	must(t, err)
	f.secrets = append(f.secrets, "สมศรีเจ้าหน้าที่ลับ", "นามสกุลลับ", "somsri.secret", "0812223333")
	officer := openinfo.Officer{UserID: u.ID, Role: openinfo.RolePointOfficer, AgencyID: f.office.ID, AgencyPath: f.office.Path}
	now := time.Now()
	c := &openinfo.DelayCase{Ref: "ขส.ชม. 77/2569", ProcessID: f.manual, PointID: f.point.ID,
		ApplicantName: "นายสมชายผู้ยื่นคำขอลับ", ApplicantPhone: "089 765 4321", Received: now.AddDate(0, 0, -40),
		Due: now.AddDate(0, 0, -10), DueReason: "เหตุผลภายในลับเฉพาะ"}
	must(t, db.SaveDelayCase(ctx, c, officer, now))
	_, err = db.RecordDelayNotice(ctx, c.ID, openinfo.DelayNotice{Number: "ชม 0011/777", Date: now.AddDate(0, 0, -5),
		Reason: "รอผลตรวจสอบลับเฉพาะ", ExpectedDecision: now.AddDate(0, 0, 10)}, officer, now)
	must(t, err)
	f.secrets = append(f.secrets, "นายสมชายผู้ยื่นคำขอลับ", "0897654321", "089 765 4321", "ขส.ชม. 77/2569", "เหตุผลภายในลับเฉพาะ",
		"ชม 0011/777", "รอผลตรวจสอบลับเฉพาะ")

	api := &API{DB: db, AbsURL: func(r *http.Request, p string) string { return "https://info.example.go.th" + p },
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), PerMinute: 10000}
	mux := http.NewServeMux()
	api.Register(mux)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}
