package store_test

import (
	"context"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

func mustPoint(t *testing.T, db *store.DB, agency int64, name string) *openinfo.ServicePoint {
	t.Helper()
	p := &openinfo.ServicePoint{AgencyID: agency, NameTH: name, Kind: openinfo.PointCounter, Visible: true}
	if err := db.CreateServicePoint(context.Background(), p); err != nil {
		t.Fatalf("point %s: %v", name, err)
	}
	return p
}

// TestOtherServices: create, refuse bad input without losing the saved
// service, publish, and refuse a stale save.
func TestOtherServices(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการแพทย์")
		s := &openinfo.OtherService{AgencyID: a.ID, NameTH: " คลินิกเลิกบุหรี่ ", Content: openinfo.ServiceContent{
			Description: "ให้คำปรึกษาผู้ที่ต้องการเลิกบุหรี่",
			Fees:        []openinfo.Fee{{Detail: "ค่าปรึกษา", Amount: 0, Unit: openinfo.FeeBaht}, {}},
		}}
		if err := db.CreateService(ctx, s); err != nil {
			t.Fatal(err)
		}
		if s.NameTH != "คลินิกเลิกบุหรี่" || len(s.Content.Fees) != 1 || s.Version != 1 {
			t.Fatalf("normalised = %+v", s)
		}
		bad := *s
		bad.Content.Fees = []openinfo.Fee{{Detail: "ค่าบริการ", Amount: -5, Unit: openinfo.FeeBaht}}
		bad.Content.Description = ""
		err := db.UpdateService(ctx, &bad)
		fields := map[string]bool{}
		for _, f := range openinfo.FieldErrors(err) {
			fields[f.Field] = true
		}
		if openinfo.ErrorCode(err) != openinfo.EINVALID || !fields["fees[0].amount"] || !fields["description"] {
			t.Fatalf("bad update: %v %v", err, fields)
		}
		got, _ := db.Service(ctx, s.ID)
		if got.Content.Description == "" || got.Version != 1 {
			t.Fatalf("a refused save changed the service: %+v", got)
		}
		got.Published = true
		if err := db.UpdateService(ctx, got); err != nil {
			t.Fatal(err)
		}
		stale := *s // still at version 1
		if err := db.UpdateService(ctx, &stale); openinfo.ErrorCode(err) != openinfo.ECONFLICT {
			t.Fatalf("stale save: %v", err)
		}
		list, total, err := db.Services(ctx, store.ServiceFilter{AgencyPath: a.Path, PublishedOnly: true, Query: "บุหรี่"})
		if err != nil || total != 1 || list[0].ID != s.ID {
			t.Fatalf("services = %v %d %v", list, total, err)
		}
		if _, err := db.Service(ctx, 999); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatalf("unknown: %v", err)
		}
	})
}

// TestPins: a process is pinned to many points of its subtree at once,
// never to another agency's point; the point lists only published manuals.
func TestPins(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dlt := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการขนส่งทางบก")
		cm := mustCreateAgency(t, db, dlt.ID, openinfo.AgencyRegionalOffice, "สำนักงานขนส่งจังหวัดเชียงใหม่")
		other := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมสรรพากร")
		p1, p2 := mustPoint(t, db, cm.ID, "ช่องบริการ 1"), mustPoint(t, db, dlt.ID, "ศูนย์บริการ")
		foreign := mustPoint(t, db, other.ID, "สำนักงานสรรพากรพื้นที่")
		proc := &openinfo.Process{AgencyID: dlt.ID, NameTH: "การต่ออายุใบอนุญาตขับรถ"}
		if err := db.CreateProcess(ctx, proc); err != nil {
			t.Fatal(err)
		}
		if n, err := db.Pin(ctx, store.PinProcess, proc.ID, []int64{p1.ID, p2.ID, p1.ID}); err != nil || n != 2 {
			t.Fatalf("pin = %d, %v", n, err)
		}
		if n, err := db.Pin(ctx, store.PinProcess, proc.ID, []int64{p1.ID}); err != nil || n != 0 {
			t.Fatalf("pin again = %d, %v", n, err)
		}
		if _, err := db.Pin(ctx, store.PinProcess, proc.ID, []int64{p1.ID, foreign.ID}); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("foreign point: %v", err)
		}
		if _, err := db.Pin(ctx, store.PinProcess, proc.ID, nil); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("no points: %v", err)
		}
		pts, total, err := db.PinnedPoints(ctx, store.PinProcess, proc.ID, true, 10, 0)
		if err != nil || total != 2 || len(pts) != 2 {
			t.Fatalf("pinned = %d %v", total, err)
		}
		// Not yet published: the point offers nothing in public.
		if offers, err := db.PointOfferings(ctx, p1.ID); err != nil || len(offers) != 0 {
			t.Fatalf("unpublished offered: %v %v", offers, err)
		}
		author := openinfo.Officer{UserID: 1, Role: openinfo.RoleAuthor, AgencyID: dlt.ID, AgencyPath: dlt.Path}
		reviewer := openinfo.Officer{UserID: 2, Role: openinfo.RoleReviewer, AgencyID: dlt.ID, AgencyPath: dlt.Path}
		opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
		r, _ := db.OpenRevision(ctx, proc.ID)
		if _, err := db.SaveDraft(ctx, r.ID, r.Version, completeManual(proc.NameTH), author, dlt.Path); err != nil {
			t.Fatal(err)
		}
		// The task lists follow the revision through the workflow.
		tasks := func(states ...openinfo.RevisionState) int {
			_, n, err := db.Tasks(ctx, states, dlt.Path, 10, 0)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		if tasks(openinfo.RevDraft, openinfo.RevReturned) != 1 || tasks(openinfo.RevWaitingStep1) != 0 {
			t.Fatal("draft task")
		}
		db.ApplyRevision(ctx, r.ID, openinfo.EvSubmit, author, dlt.Path, "")
		if tasks(openinfo.RevWaitingStep1) != 1 {
			t.Fatal("step 1 task")
		}
		db.ApplyRevision(ctx, r.ID, openinfo.EvApproveStep1, reviewer, dlt.Path, "")
		if _, n, _ := db.Tasks(ctx, []openinfo.RevisionState{openinfo.RevWaitingStep2}, "", 10, 0); n != 1 {
			t.Fatal("step 2 task")
		}
		if err := db.ApplyRevision(ctx, r.ID, openinfo.EvApproveStep2, opdc, dlt.Path, ""); err != nil {
			t.Fatal(err)
		}
		offers, err := db.PointOfferings(ctx, p1.ID)
		if err != nil || len(offers) != 1 || offers[0].ID != proc.ID || offers[0].Kind != "manual" {
			t.Fatalf("offers = %+v %v", offers, err)
		}
		rows, total, err := db.Manuals(ctx, store.ManualFilter{AgencyPath: dlt.Path, State: openinfo.RevPublished})
		if err != nil || total != 1 || !rows[0].Published || rows[0].LatestNumber != 1 {
			t.Fatalf("manual list = %+v %d %v", rows, total, err)
		}
		if _, total, _ := db.Manuals(ctx, store.ManualFilter{AgencyPath: other.Path}); total != 0 {
			t.Fatal("another agency's list shows the manual")
		}
		if n, err := db.Unpin(ctx, store.PinProcess, proc.ID, []int64{p1.ID}); err != nil || n != 1 {
			t.Fatalf("unpin = %d %v", n, err)
		}
		if offers, _ := db.PointOfferings(ctx, p1.ID); len(offers) != 0 {
			t.Fatal("unpinned manual still offered")
		}
		// An other service is pinned the same way.
		svc := &openinfo.OtherService{AgencyID: cm.ID, NameTH: "ตรวจสภาพรถฟรีช่วงเทศกาล", Published: true,
			Content: openinfo.ServiceContent{Description: "ตรวจเช็กสภาพรถก่อนเดินทาง"}}
		if err := db.CreateService(ctx, svc); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Pin(ctx, store.PinService, svc.ID, []int64{p2.ID}); openinfo.ErrorCode(err) != openinfo.EINVALID {
			t.Fatalf("a sub-agency's service pinned to its parent's point: %v", err)
		}
		if _, err := db.Pin(ctx, store.PinService, svc.ID, []int64{p1.ID}); err != nil {
			t.Fatal(err)
		}
		if offers, _ := db.PointOfferings(ctx, p1.ID); len(offers) != 1 || offers[0].Kind != "service" {
			t.Fatalf("service offers = %+v", offers)
		}
	})
}

func TestFiles(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		data := []byte("%PDF-1.4 แบบคำขอ")
		k1, err := db.PutFile(ctx, openinfo.TypePDF, data)
		if err != nil {
			t.Fatal(err)
		}
		k2, err := db.PutFile(ctx, openinfo.TypePDF, data)
		if err != nil || k1 != k2 || len(k1) != 64 {
			t.Fatalf("keys %q %q %v", k1, k2, err)
		}
		f, err := db.GetFile(ctx, k1)
		if err != nil || string(f.Data) != string(data) || f.Size != int64(len(data)) {
			t.Fatalf("file = %+v %v", f, err)
		}
		if _, err := db.GetFile(ctx, "nope"); openinfo.ErrorCode(err) != openinfo.ENOTFOUND {
			t.Fatal(err)
		}
	})
}
