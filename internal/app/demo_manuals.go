package app

import (
	"context"
	"fmt"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// demoManual is a process of the Department of Land Transport and how far
// its manual gets through the approval in the demo data.
type demoManual struct {
	name, common string
	reach        openinfo.RevisionState
	steps        []openinfo.Step
	docs         []openinfo.Document
	fee          float64
}

var demoManuals = []demoManual{
	{"การขอรับใบอนุญาตขับรถยนต์ส่วนบุคคลชั่วคราว", "ทำใบขับขี่ครั้งแรก", openinfo.RevPublished,
		[]openinfo.Step{
			{Type: openinfo.StepDocumentCheck, Detail: "ยื่นคำขอและตรวจสอบเอกสาร", Duration: 15, Unit: openinfo.UnitMinute, Responsible: "สำนักงานขนส่งจังหวัด"},
			{Type: openinfo.StepConsideration, Detail: "ทดสอบสมรรถภาพร่างกาย อบรม และสอบข้อเขียน", Duration: 5, Unit: openinfo.UnitHour, Responsible: "สำนักงานขนส่งจังหวัด"},
			{Type: openinfo.StepConsideration, Detail: "สอบปฏิบัติการขับรถ", Duration: 1, Unit: openinfo.UnitHour, Responsible: "สำนักงานขนส่งจังหวัด"},
			{Type: openinfo.StepSigning, Detail: "ชำระค่าธรรมเนียมและออกใบอนุญาต", Duration: 15, Unit: openinfo.UnitMinute, Responsible: "สำนักงานขนส่งจังหวัด"},
		},
		[]openinfo.Document{
			{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy},
			{Group: openinfo.DocOther, Name: "ใบรับรองแพทย์ (ออกไม่เกิน 1 เดือน)", Originals: 1, Unit: openinfo.DocUnitCopy},
		}, 205},
	{"การต่ออายุใบอนุญาตขับรถยนต์ส่วนบุคคล", "ต่อใบขับขี่", openinfo.RevPublished,
		[]openinfo.Step{
			{Type: openinfo.StepDocumentCheck, Detail: "ยื่นคำขอและตรวจสอบเอกสาร", Duration: 10, Unit: openinfo.UnitMinute, Responsible: "สำนักงานขนส่งจังหวัด"},
			{Type: openinfo.StepConsideration, Detail: "อบรมทบทวน 1 ชั่วโมง (หรืออบรมออนไลน์ล่วงหน้า)", Duration: 1, Unit: openinfo.UnitHour, Responsible: "สำนักงานขนส่งจังหวัด"},
			{Type: openinfo.StepSigning, Detail: "ชำระค่าธรรมเนียมและออกใบอนุญาต", Duration: 10, Unit: openinfo.UnitMinute, Responsible: "สำนักงานขนส่งจังหวัด"},
		},
		[]openinfo.Document{
			{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy},
			{Group: openinfo.DocOther, Name: "ใบอนุญาตขับรถฉบับเดิม", Issuer: "กรมการขนส่งทางบก", Originals: 1, Unit: openinfo.DocUnitCopy},
		}, 505},
	{"การจดทะเบียนรถใหม่", "ป้ายแดง จดทะเบียนรถ", openinfo.RevWaitingStep1,
		[]openinfo.Step{
			{Type: openinfo.StepDocumentCheck, Detail: "ตรวจสอบเอกสารและสภาพรถ", Duration: 30, Unit: openinfo.UnitMinute, Responsible: "งานทะเบียนรถ"},
			{Type: openinfo.StepSigning, Detail: "ออกใบคู่มือจดทะเบียนและแผ่นป้ายทะเบียน", Duration: 1, Unit: openinfo.UnitBusinessDay, Responsible: "งานทะเบียนรถ"},
		},
		[]openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy},
			{Group: openinfo.DocOther, Name: "หลักฐานการได้มาของรถ", Originals: 1, Copies: 1, Unit: openinfo.DocUnitSet}}, 0},
	{"การแจ้งย้ายรถออกนอกจังหวัด", "ย้ายรถ", openinfo.RevWaitingStep2,
		[]openinfo.Step{
			{Type: openinfo.StepDocumentCheck, Detail: "ยื่นคำขอและตรวจสอบเอกสาร", Duration: 20, Unit: openinfo.UnitMinute, Responsible: "งานทะเบียนรถ"},
			{Type: openinfo.StepSigning, Detail: "บันทึกการแจ้งย้ายในทะเบียน", Duration: 20, Unit: openinfo.UnitMinute, Responsible: "งานทะเบียนรถ"},
		},
		[]openinfo.Document{{Group: openinfo.DocIdentity, Name: "บัตรประจำตัวประชาชน", Issuer: "กรมการปกครอง", Originals: 1, Unit: openinfo.DocUnitCopy},
			{Group: openinfo.DocOther, Name: "สมุดคู่มือจดทะเบียนรถ", Originals: 1, Unit: openinfo.DocUnitCopy}}, 0},
}

// createDemoManuals writes the demo manuals through the real workflow, as
// the demo author, reviewer and OPDC officer, so the first start shows
// published manuals and one waiting at each approval step.
func createDemoManuals(ctx context.Context, db *store.DB) error {
	if err := db.SeedCatalog(ctx); err != nil {
		return err
	}
	officer := func(username string) (openinfo.Officer, error) {
		list, _, err := db.Users(ctx, store.UserFilter{Query: username, Limit: 5})
		if err != nil {
			return openinfo.Officer{}, err
		}
		for _, u := range list {
			if u.Username == username {
				return u.Officer(), nil
			}
		}
		return openinfo.Officer{}, fmt.Errorf("demo user %s not found", username)
	}
	author, err := officer("dltauthor")
	if err != nil {
		return err
	}
	reviewer, err := officer("dltreviewer")
	if err != nil {
		return err
	}
	opdc, err := officer("opdcofficer")
	if err != nil {
		return err
	}
	terms, err := db.CatalogTerms(ctx, openinfo.CatalogCategory, false)
	if err != nil {
		return err
	}
	var transport []int64
	for _, t := range terms {
		if t.Code == "vehicles_transport" {
			transport = append(transport, t.ID)
		}
	}
	// Every service point of the department and its offices serves the
	// published manuals and the other services.
	points, _, err := db.ServicePoints(ctx, store.PointFilter{Under: author.AgencyID, Limit: 500})
	if err != nil {
		return err
	}
	pointIDs := make([]int64, len(points))
	for i, pt := range points {
		pointIDs[i] = pt.ID
	}
	pin := func(t store.PinTarget, id int64) error {
		if len(pointIDs) == 0 {
			return nil
		}
		_, err := db.Pin(ctx, t, id, pointIDs)
		return err
	}
	for _, s := range demoServices {
		svc := &openinfo.OtherService{AgencyID: author.AgencyID, NameTH: s.name, Published: true, Content: s.content}
		if err := db.CreateService(ctx, svc); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		if err := pin(store.PinService, svc.ID); err != nil {
			return err
		}
	}
	for _, m := range demoManuals {
		p := &openinfo.Process{AgencyID: author.AgencyID, NameTH: m.name, CommonNames: []string{m.common}, TermIDs: transport}
		if err := db.CreateProcess(ctx, p); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		r, err := db.OpenRevision(ctx, p.ID)
		if err != nil {
			return err
		}
		c := openinfo.ManualContent{Name: m.name, AgencyName: "กรมการขนส่งทางบก", ServiceType: openinfo.ServiceSingleUnit,
			Category: openinfo.CategoryLicence, Impact: openinfo.ImpactGeneral, ServiceAreas: []openinfo.ServiceArea{openinfo.AreaCentral, openinfo.AreaRegional},
			LegalBases: []openinfo.LegalBasis{{Kind: "พระราชบัญญัติ", Name: "รถยนต์", YearBE: 2522}},
			TimeLimit:  openinfo.LegalTimeLimit{Law: "ไม่มี"},
			Stats:      openinfo.Stats{AvgPerMonth: 1200, Max: 2000, Min: 600},
			Channels: []openinfo.ServiceChannel{
				{Kind: openinfo.ChannelCounter, Place: "สำนักงานขนส่งกรุงเทพมหานครพื้นที่ 1–5 และสำนักงานขนส่งจังหวัดทุกแห่ง", Phone: "1584",
					Hours: "จันทร์–ศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) 08:30–16:30 น. (มีพักเที่ยง)"},
				{Kind: openinfo.ChannelOnline, Place: "จองคิวล่วงหน้า DLT Smart Queue", URL: "https://gecc.dlt.go.th"},
			},
			Criteria:   "ผู้ยื่นคำขอต้องมีคุณสมบัติตามที่กฎหมายกำหนด\nยื่นคำขอด้วยตนเอง",
			Steps:      m.steps,
			Documents:  m.docs,
			Complaints: append([]openinfo.ComplaintChannel{{Channel: "กรมการขนส่งทางบก", Detail: "สายด่วน 1584"}}, openinfo.DefaultComplaintChannels()[1:]...),
		}
		if m.fee > 0 {
			c.Fees = []openinfo.Fee{{Detail: "ค่าธรรมเนียม", Amount: m.fee, Unit: openinfo.FeeBaht}}
		}
		if _, err := db.SaveDraft(ctx, r.ID, r.Version, c, author, author.AgencyPath); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		path := []struct {
			ev  openinfo.RevisionEvent
			who openinfo.Officer
			at  openinfo.RevisionState
		}{{openinfo.EvSubmit, author, openinfo.RevWaitingStep1}, {openinfo.EvApproveStep1, reviewer, openinfo.RevWaitingStep2}, {openinfo.EvApproveStep2, opdc, openinfo.RevPublished}}
		for _, s := range path {
			if err := db.ApplyRevision(ctx, r.ID, s.ev, s.who, author.AgencyPath, ""); err != nil {
				return fmt.Errorf("%s %s: %w", m.name, s.ev, err)
			}
			if s.at == m.reach {
				break
			}
		}
		if m.reach == openinfo.RevPublished {
			if err := pin(store.PinProcess, p.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoServices are other services of the department: no manual under the
// Act, published directly.
var demoServices = []struct {
	name    string
	content openinfo.ServiceContent
}{
	{"การจองคิวทำใบอนุญาตขับรถล่วงหน้าผ่านแอปพลิเคชัน DLT Smart Queue", openinfo.ServiceContent{
		Description: "จองวันและเวลาเข้ารับบริการด้านใบอนุญาตขับรถล่วงหน้า เพื่อลดเวลารอที่สำนักงานขนส่ง",
		Channels: []openinfo.ServiceChannel{{Kind: openinfo.ChannelOnline, Place: "แอปพลิเคชัน DLT Smart Queue", URL: "https://gecc.dlt.go.th",
			Hours: "ตลอด 24 ชั่วโมง"}},
		Contacts: []openinfo.ComplaintChannel{{Channel: "สายด่วนกรมการขนส่งทางบก", Detail: "1584"}},
	}},
	{"การอบรมออนไลน์ก่อนต่ออายุใบอนุญาตขับรถ (DLT e-Learning)", openinfo.ServiceContent{
		Description: "อบรมทบทวนความรู้เรื่องกฎหมายและมารยาทในการขับขี่ผ่านระบบออนไลน์ ก่อนไปต่ออายุใบอนุญาตขับรถที่สำนักงาน",
		Channels:    []openinfo.ServiceChannel{{Kind: openinfo.ChannelOnline, Place: "DLT e-Learning", URL: "https://elearning.dlt.go.th"}},
		Fees:        []openinfo.Fee{{Detail: "ค่าอบรม", Amount: 0, Unit: openinfo.FeeBaht, Note: "ไม่มีค่าใช้จ่าย"}},
	}},
	{"การตรวจสภาพรถก่อนเดินทางช่วงเทศกาล", openinfo.ServiceContent{
		Description: "ตรวจเช็กสภาพรถยนต์และรถจักรยานยนต์ฟรีก่อนเดินทางไกลในช่วงเทศกาลปีใหม่และสงกรานต์",
		Channels: []openinfo.ServiceChannel{{Kind: openinfo.ChannelCounter, Place: "สำนักงานขนส่งจังหวัดทุกแห่ง",
			Hours: "ตามประกาศของสำนักงานขนส่งจังหวัดในแต่ละเทศกาล"}},
		Documents: []openinfo.Document{{Group: openinfo.DocOther, Name: "สำเนาคู่มือจดทะเบียนรถ", Copies: 1, Unit: openinfo.DocUnitCopy}},
	}},
}
