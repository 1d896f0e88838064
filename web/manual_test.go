package web

import (
	"context"
	"strconv"
	"testing"

	"github.com/openinfo/openinfo"
)

// TestManualPage: the public page shows the published revision in full and
// never a draft; a process with nothing published is not found.
func TestManualPage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
	p := &openinfo.Process{AgencyID: f.dept.ID, NameTH: "การขอรับรองสำเนาเอกสารที่ดิน"}
	if err := f.db.CreateProcess(ctx, p); err != nil {
		t.Fatal(err)
	}
	c := openinfo.ManualContent{Name: "การขอรับรองสำเนาเอกสารที่ดิน", ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryOther,
		LegalBases: []openinfo.LegalBasis{{Kind: "ประมวลกฎหมาย", Name: "ที่ดิน", YearBE: 2497, Section: "มาตรา 72"}},
		Channels:   []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักงานที่ดินทุกแห่ง", Hours: "จันทร์–ศุกร์ 08:30–16:30 น."}},
		Criteria:   "ผู้ขอต้องเป็นเจ้าของที่ดิน\nหรือผู้รับมอบอำนาจ",
		Steps: []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "ตรวจสอบคำขอ <b>และหลักฐาน</b>", Duration: 30, Unit: openinfo.UnitMinute},
			{Type: openinfo.StepSigning, Detail: "ลงนามรับรอง", Duration: 1, Unit: openinfo.UnitBusinessDay}},
		Documents:  []openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy}},
		Fees:       []openinfo.Fee{{Detail: "ค่ารับรองสำเนา", Amount: 50, Unit: openinfo.FeeBaht}},
		Complaints: openinfo.DefaultComplaintChannels()[1:],
	}
	r, err := f.db.OpenRevision(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.SaveDraft(ctx, r.ID, r.Version, c, author, f.dept.Path); err != nil {
		t.Fatal(err)
	}
	path := "/manuals/" + strconv.FormatInt(p.ID, 10)
	f.get(t, path).want(t, 404) // a draft is not public
	for _, s := range []struct {
		ev  openinfo.RevisionEvent
		who openinfo.Officer
	}{{openinfo.EvSubmit, author}, {openinfo.EvApproveStep1, reviewer}, {openinfo.EvApproveStep2, opdc}} {
		if err := f.db.ApplyRevision(ctx, r.ID, s.ev, s.who, f.dept.Path, ""); err != nil {
			t.Fatalf("%s: %v", s.ev, err)
		}
	}
	page := f.get(t, path)
	page.want(t, 200, "<title>คู่มือสำหรับประชาชน: การขอรับรองสำเนาเอกสารที่ดิน", "ประมวลกฎหมายที่ดิน พ.ศ. 2497 มาตรา 72",
		"สำนักงานที่ดินทุกแห่ง", "<li>หรือผู้รับมอบอำนาจ</li>", "ตรวจสอบคำขอ &lt;b&gt;และหลักฐาน&lt;/b&gt;", "บัตรประจำตัวประชาชน",
		"ค่ารับรองสำเนา: 50", "1111", "ฉบับที่ 1", "วันทำการ")
	f.get(t, "/agencies/"+strconv.FormatInt(f.dept.ID, 10)).want(t, 200, `href="`+path+`"`, "การขอรับรองสำเนาเอกสารที่ดิน")
	// A new draft changes nothing in public until it is approved.
	r2, _ := f.db.OpenRevision(ctx, p.ID)
	c.Name = "ชื่อใหม่ที่ยังไม่อนุมัติ"
	f.db.SaveDraft(ctx, r2.ID, r2.Version, c, author, f.dept.Path)
	f.get(t, path).wantNot(t, "ชื่อใหม่ที่ยังไม่อนุมัติ")
	f.get(t, "/manuals/999999").want(t, 404)
	f.get(t, "/manuals/abc").want(t, 404)
}
