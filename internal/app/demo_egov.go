package app

import (
	"context"
	"fmt"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// createDemoEgov publishes the Department of Land Transport's Section 10
// announcement (its channels for citizens, shown on its agency page) and
// Section 16 order, as its central officer would.
func createDemoEgov(ctx context.Context, db *store.DB) error {
	dlt, err := demoAgency(ctx, db, "กรมการขนส่งทางบก")
	if err != nil {
		return err
	}
	list, _, err := db.Users(ctx, store.UserFilter{Query: "dltcentral", Limit: 5})
	if err != nil {
		return err
	}
	var central openinfo.Officer
	for _, u := range list {
		if u.Username == "dltcentral" {
			central = u.Officer()
		}
	}
	if central.UserID == 0 {
		return fmt.Errorf("demo egov: the demo central officer is missing")
	}
	ctx = openinfo.WithActor(ctx, openinfo.Actor{UserID: central.UserID, Name: "สมชาย ส่วนกลาง"})
	signed := time.Date(2023, 11, 20, 0, 0, 0, 0, time.UTC)
	for _, rec := range []*openinfo.EgovRecord{
		{AgencyID: dlt.ID, Section: openinfo.EgovSection10, DocumentNo: "ที่ 1/2566", SignedOn: signed,
			Title: "ประกาศกรมการขนส่งทางบก เรื่อง กำหนดช่องทางอิเล็กทรอนิกส์สำหรับประชาชนติดต่อราชการ",
			URL:   "https://www.dlt.go.th/th/egov-section10.pdf",
			Items: []openinfo.EgovItem{
				{Kind: openinfo.ChannelWebsite, Name: "เว็บไซต์กรมการขนส่งทางบก", Address: "https://www.dlt.go.th", Purpose: "ข้อมูลบริการและข่าวสาร"},
				{Kind: openinfo.ChannelEService, Name: "DLT e-Service ชำระภาษีรถออนไลน์", Address: "https://eservice.dlt.go.th", Purpose: "ชำระภาษีรถประจำปี"},
				{Kind: openinfo.ChannelMobileApp, Name: "แอปพลิเคชัน DLT Smart Queue", Address: "https://gecc.dlt.go.th", Purpose: "จองคิวรับบริการ"},
				{Kind: openinfo.ChannelEmail, Name: "สารบรรณอิเล็กทรอนิกส์", Address: "saraban@dlt.go.th", Purpose: "ยื่นหนังสือถึงกรม"},
				{Kind: openinfo.ChannelLINE, Name: "LINE กรมการขนส่งทางบก", Address: "@dltnews", Purpose: "ข่าวสารและสอบถาม"},
			}},
		{AgencyID: dlt.ID, Section: openinfo.EgovSection16, DocumentNo: "ที่ 1450/2566", SignedOn: signed,
			Title: "คำสั่งกรมการขนส่งทางบก เรื่อง กำหนดระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่โดยวิธีการทางอิเล็กทรอนิกส์",
			URL:   "https://www.dlt.go.th/th/egov-section16.pdf",
			Items: []openinfo.EgovItem{
				{Name: "ระบบสารบรรณอิเล็กทรอนิกส์", Purpose: "รับส่งหนังสือราชการ", Address: "https://saraban.dlt.go.th"},
				{Name: "ระบบทะเบียนรถ", Purpose: "จดทะเบียนและชำระภาษีรถ"},
			}},
	} {
		if err := db.SaveEgovRecord(ctx, rec, central); err != nil {
			return fmt.Errorf("demo egov section %d: %w", rec.Section, err)
		}
		if _, err := db.PublishEgovRecord(ctx, rec.ID, rec.Version, central); err != nil {
			return fmt.Errorf("demo egov section %d: publish: %w", rec.Section, err)
		}
	}
	return nil
}
