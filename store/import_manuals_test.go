package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/store"
)

// importManual is a complete manual for the import tests.
func importManual(name string) openinfo.ManualContent {
	def := openinfo.DefaultComplaintChannels()
	return openinfo.ManualContent{
		Name: name, ServiceType: openinfo.ServiceSingleUnit, Category: openinfo.CategoryRegistration,
		LegalBases:  []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "การทะเบียนราษฎร", YearBE: 2534}},
		Channels:    []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "ที่ว่าการอำเภอ"}},
		Steps:       []openinfo.Step{{Type: openinfo.StepDocumentCheck, Detail: "ตรวจสอบเอกสาร", Duration: 10, Unit: openinfo.UnitMinute}},
		NoDocuments: true,
		Complaints:  []openinfo.ComplaintChannel{def[1]},
	}
}

func importBatch() *store.Dataset {
	return &store.Dataset{
		Agencies: []openinfo.Agency{
			{ID: 1, Type: openinfo.AgencyMinistry, NameTH: "กระทรวงมหาดไทย"},
			{ID: 2, ParentID: 1, Type: openinfo.AgencyDepartment, NameTH: "กรมการปกครอง"},
		},
		Points: []openinfo.ServicePoint{
			{ID: 1, AgencyID: 2, NameTH: "ที่ว่าการอำเภอเมืองเชียงใหม่", Kind: openinfo.PointCounter, Visible: true},
			{ID: 2, AgencyID: 2, NameTH: "ที่ว่าการอำเภอสันทราย", Kind: openinfo.PointCounter, Visible: true},
		},
		Processes: []store.ImportProcess{
			{ID: 1, AgencyID: 2, NameTH: "การรับแจ้งการเกิด", CommonNames: []string{"แจ้งเกิด"},
				TermCodes: []string{"civil_registration", "general_public"}, Content: importManual("การรับแจ้งการเกิด"), PointIDs: []int64{1, 2}},
			{ID: 2, AgencyID: 2, NameTH: "การรับแจ้งการตาย", CommonNames: []string{"แจ้งตาย"},
				TermCodes: []string{"civil_registration"}, Content: importManual("การรับแจ้งการตาย"), PointIDs: []int64{2}},
		},
	}
}

func TestImportManuals(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		// Something already there, so that the offsets matter.
		if _, err := db.Import(ctx, importBatch(), nil); err != nil {
			t.Fatal(err)
		}
		res, err := db.Import(ctx, importBatch(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Processes != 2 || res.Pins != 3 || res.ProcessOffset != 2 {
			t.Fatalf("result = %+v, want 2 processes, 3 pins, offset 2", res)
		}
		p, err := db.Process(ctx, 1+res.ProcessOffset)
		if err != nil {
			t.Fatal(err)
		}
		if p.NameTH != "การรับแจ้งการเกิด" || p.AgencyID != 2+res.AgencyOffset || len(p.TermIDs) != 2 || len(p.CommonNames) != 1 {
			t.Fatalf("process = %+v", p)
		}
		rev, err := db.PublishedRevision(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rev.Number != 1 || rev.State != openinfo.RevPublished || rev.PublishedAt.IsZero() || rev.Content.Name != p.NameTH {
			t.Fatalf("revision = %+v", rev)
		}
		recs, err := db.RevisionRecords(ctx, rev.ID)
		if err != nil || len(recs) != 1 || recs[0].To != openinfo.RevPublished {
			t.Fatalf("records = %+v, %v", recs, err)
		}
		pins, err := db.PinnedIDs(ctx, store.PinProcess, p.ID)
		if err != nil || len(pins) != 2 || !pins[1+res.PointOffset] || !pins[2+res.PointOffset] {
			t.Fatalf("pins = %v, %v", pins, err)
		}
		// New rows after the import get fresh IDs.
		q := &openinfo.Process{AgencyID: p.AgencyID, NameTH: "การขอเลขที่บ้าน"}
		if err := db.CreateProcess(ctx, q); err != nil {
			t.Fatal(err)
		}
		if q.ID <= p.ID+1 {
			t.Fatalf("identity not advanced: %d", q.ID)
		}
	})
}

func TestImportManualsAllOrNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		bad := map[string]func(ds *store.Dataset){
			"invalid manual": func(ds *store.Dataset) { ds.Processes[1].Content.Steps = nil },
			"unknown agency": func(ds *store.Dataset) { ds.Processes[1].AgencyID = 9 },
			"unknown point":  func(ds *store.Dataset) { ds.Processes[1].PointIDs = []int64{7} },
			"unknown term":   func(ds *store.Dataset) { ds.Processes[1].TermCodes = []string{"no_such_term"} },
			"repeated ID":    func(ds *store.Dataset) { ds.Processes[1].ID = 1 },
			"placeholder":    func(ds *store.Dataset) { ds.Processes[0].Content.Complaints = openinfo.DefaultComplaintChannels() },
		}
		for name, spoil := range bad {
			ds := importBatch()
			spoil(ds)
			if _, err := db.Import(ctx, ds, nil); err == nil {
				t.Errorf("%s: imported", name)
			}
		}
		list, _, err := db.Agencies(ctx, store.AgencyFilter{})
		if err != nil || len(list) != 0 {
			t.Fatalf("after refused imports: %d agencies, %v", len(list), err)
		}
	})
}

// TestImportGenerated loads the small generated data set with its manuals.
func TestImportGenerated(t *testing.T) {
	ds, err := gendata.Generate(gendata.ScaleSmall, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.SeedCatalog(ctx); err != nil {
			t.Fatal(err)
		}
		batch := &store.Dataset{Agencies: ds.Agencies, Points: ds.Points}
		pins := 0
		for _, p := range ds.Processes {
			batch.Processes = append(batch.Processes, store.ImportProcess{ID: p.ID, AgencyID: p.AgencyID, NameTH: p.NameTH,
				CommonNames: p.CommonNames, TermCodes: p.TermCodes, Content: p.Content, PointIDs: p.PointIDs})
			pins += len(p.PointIDs)
		}
		res, err := db.Import(ctx, batch, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.Processes != len(ds.Processes) || res.Pins != pins {
			t.Fatalf("imported %d manuals, %d pins; want %d, %d", res.Processes, res.Pins, len(ds.Processes), pins)
		}
		last := ds.Processes[len(ds.Processes)-1]
		rev, err := db.PublishedRevision(ctx, last.ID+res.ProcessOffset)
		if err != nil || !strings.HasPrefix(rev.Content.Name, last.Content.Name) {
			t.Fatalf("last manual = %+v, %v", rev, err)
		}
	})
}
