package web

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// testManual is a complete manual: it can be submitted.
func testManual(name string) openinfo.ManualContent {
	return openinfo.ManualContent{Name: name, ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryLicence,
		LegalBases: []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "รถยนต์", YearBE: 2522, Section: "มาตรา 42"}},
		Channels:   []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักงานขนส่งทุกแห่ง", Hours: "จันทร์–ศุกร์ 08:30–16:30 น."}},
		Steps:      []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "ตรวจสอบเอกสาร", Duration: 15, Unit: openinfo.UnitMinute}},
		Documents:  []openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy}},
		Complaints: openinfo.DefaultComplaintChannels()[1:],
	}
}

// manualRouteFixture makes what a manual, revision, service or pin route
// acts on, in agency where, and returns its ID: a revision sits in the state
// its route's event applies to, so an allowed request passes.
func manualRouteFixture(t *testing.T, db *store.DB, path string, where *openinfo.Agency) (int64, bool) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		if err != nil {
			t.Helper()
			t.Fatal(err)
		}
	}
	switch {
	case strings.HasPrefix(path, "/admin/processes/{id}"):
		p := &openinfo.Process{AgencyID: where.ID, NameTH: "การขออนุญาตทดสอบ"}
		must(db.CreateProcess(ctx, p))
		return p.ID, true
	case strings.HasPrefix(path, "/admin/catalog"):
		term := &openinfo.CatalogTerm{Kind: openinfo.CatalogTag, Code: fmt.Sprintf("tag-%d", time.Now().UnixNano()), NameTH: "ป้ายคำทดสอบ", Active: true}
		must(db.CreateCatalogTerm(ctx, term))
		return term.ID, true
	case strings.HasPrefix(path, "/admin/services/{id}"):
		s := &openinfo.OtherService{AgencyID: where.ID, NameTH: "บริการทดสอบ", Content: openinfo.ServiceContent{Description: "ทดสอบ"}}
		must(db.CreateService(ctx, s))
		return s.ID, true
	case strings.HasPrefix(path, "/admin/revisions/{id}"):
		p := &openinfo.Process{AgencyID: where.ID, NameTH: "การขออนุญาตทดสอบ"}
		must(db.CreateProcess(ctx, p))
		r, err := db.OpenRevision(ctx, p.ID)
		must(err)
		author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: where.ID, AgencyPath: where.Path}
		reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: where.ID, AgencyPath: where.Path}
		c := testManual(p.NameTH)
		key, err := db.PutFile(ctx, openinfo.TypePDF, []byte("%PDF-1.4 test"))
		must(err)
		c.Attachments = []openinfo.Attachment{{Name: "แบบคำขอ", ContentType: openinfo.TypePDF, Size: 13, Key: key}}
		_, err = db.SaveDraft(ctx, r.ID, r.Version, c, author, where.Path)
		must(err)
		switch {
		case strings.HasSuffix(path, "_step1"):
			must(db.ApplyRevision(ctx, r.ID, openinfo.EvSubmit, author, where.Path, ""))
		case strings.HasSuffix(path, "_step2"):
			must(db.ApplyRevision(ctx, r.ID, openinfo.EvSubmit, author, where.Path, ""))
			must(db.ApplyRevision(ctx, r.ID, openinfo.EvApproveStep1, reviewer, where.Path, ""))
		}
		return r.ID, true
	}
	return 0, false
}

// manualRoutePath fills the route's other wildcards.
func manualRoutePath(db *store.DB, path string, id int64) string {
	if strings.Contains(path, "{key}") {
		r, _ := db.Revision(context.Background(), id)
		if r != nil && len(r.Content.Attachments) > 0 {
			path = strings.ReplaceAll(path, "{key}", r.Content.Attachments[0].Key)
		}
	}
	return path
}

// uploadRequest posts a small PDF with the form's fields as multipart.
func uploadRequest(t *testing.T, url string, fields map[string]string) *http.Request {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", "form.pdf")
	fw.Write([]byte("%PDF-1.4 แบบคำขอ"))
	mw.Close()
	req, err := http.NewRequest("POST", url, &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return req
}

// catalogErr is the first field error of a refused form, for failure messages.
func catalogErr(b []byte) string {
	s := string(b)
	if i := strings.Index(s, `class="field-error"`); i >= 0 {
		return s[i:min(len(s), i+200)]
	}
	return ""
}

// delayFixture makes what a delay-notice route acts on in agency where: a
// published manual pinned to a point of where and, with withCase, an
// application recorded against them (its ID is case).
func delayFixture(t *testing.T, db *store.DB, where *openinfo.Agency, withCase bool) (caseID, processID, pointID int64) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		if err != nil {
			t.Helper()
			t.Fatal(err)
		}
	}
	p := &openinfo.Process{AgencyID: where.ID, NameTH: "การต่ออายุใบอนุญาตขับรถ"}
	must(db.CreateProcess(ctx, p))
	rev, err := db.OpenRevision(ctx, p.ID)
	must(err)
	author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: where.ID, AgencyPath: where.Path}
	reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: where.ID, AgencyPath: where.Path}
	opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
	_, err = db.SaveDraft(ctx, rev.ID, rev.Version, testManual(p.NameTH), author, where.Path)
	must(err)
	must(db.ApplyRevision(ctx, rev.ID, openinfo.EvSubmit, author, where.Path, ""))
	must(db.ApplyRevision(ctx, rev.ID, openinfo.EvApproveStep1, reviewer, where.Path, ""))
	must(db.ApplyRevision(ctx, rev.ID, openinfo.EvApproveStep2, opdc, where.Path, ""))
	pt := &openinfo.ServicePoint{AgencyID: where.ID, NameTH: "ช่องรับคำขอ", Kind: openinfo.PointCounter, Visible: true}
	must(db.CreateServicePoint(ctx, pt))
	_, err = db.Pin(ctx, store.PinProcess, p.ID, []int64{pt.ID})
	must(err)
	if !withCase {
		return 0, p.ID, pt.ID
	}
	now := time.Now()
	c := &openinfo.DelayCase{Ref: fmt.Sprintf("ขส. %d/2569", now.UnixNano()%1000000), ProcessID: p.ID, PointID: pt.ID,
		ApplicantName: "นายสมชาย ใจดี", ApplicantPhone: "081 234 5678", Received: now.AddDate(0, 0, -40),
		Due: now.AddDate(0, 0, -10), DueReason: "คู่มือไม่ระบุระยะเวลา"}
	officer := openinfo.Officer{UserID: 4, Role: openinfo.RolePointOfficer, AgencyID: where.ID, AgencyPath: where.Path}
	must(db.SaveDelayCase(ctx, c, officer, now))
	return c.ID, p.ID, pt.ID
}

// delayLetterFixture records case caseID's first notice with a letter PDF.
func delayLetterFixture(t *testing.T, db *store.DB, where *openinfo.Agency, caseID int64) {
	t.Helper()
	ctx := context.Background()
	officer := openinfo.Officer{UserID: 4, Role: openinfo.RolePointOfficer, AgencyID: where.ID, AgencyPath: where.Path}
	id, err := db.PutDelayLetter(ctx, caseID, "letter.pdf", []byte("%PDF-1.4 หนังสือแจ้ง"), officer)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if _, err := db.RecordDelayNotice(ctx, caseID, openinfo.DelayNotice{Number: "ชม 0001/1", Date: now.AddDate(0, 0, -1),
		Reason: "รอผลตรวจสอบเอกสาร", ExpectedDecision: now.AddDate(0, 0, 14), LetterID: id}, officer, now); err != nil {
		t.Fatal(err)
	}
}
