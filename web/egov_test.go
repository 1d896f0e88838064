package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
)

// TestEgovOnThePortal: an agency's published Section 10 channels show on
// its page, linked where they lead; /egov lists and filters the published
// records; each has its page; a draft is nowhere.
func TestEgovOnThePortal(t *testing.T) {
	f := newFixture(t)
	ctx := openinfo.WithActor(context.Background(), openinfo.Actor{UserID: 7, Name: "สมชาย"})
	central := openinfo.Officer{UserID: 7, Role: openinfo.RoleCentral, AgencyID: f.dept.ID, AgencyPath: f.dept.Path}
	day := time.Date(2023, 11, 1, 0, 0, 0, 0, time.UTC)
	s10 := &openinfo.EgovRecord{AgencyID: f.dept.ID, Section: openinfo.EgovSection10, Title: "ประกาศกรมที่ดิน เรื่อง ช่องทางอิเล็กทรอนิกส์",
		SignedOn: day, URL: "https://www.dol.go.th/egov.pdf", Items: []openinfo.EgovItem{
			{Kind: openinfo.ChannelEService, Name: "ระบบจองคิวออนไลน์", Address: "https://queue.dol.go.th", Purpose: "จองคิวยื่นคำขอ"},
			{Kind: openinfo.ChannelEmail, Name: "อีเมลสารบรรณ", Address: "saraban@dol.go.th"},
			{Kind: openinfo.ChannelLINE, Name: "LINE กรมที่ดิน", Address: "@dol_line"}}}
	if err := f.db.SaveEgovRecord(ctx, s10, central); err != nil {
		t.Fatal(err)
	}
	draft := &openinfo.EgovRecord{AgencyID: f.dept.ID, Section: openinfo.EgovSection16, Title: "คำสั่งร่างที่ยังไม่ประกาศ", SignedOn: day,
		URL: "https://www.dol.go.th/draft.pdf", Items: []openinfo.EgovItem{{Name: "ระบบสารบรรณ", Address: "https://saraban.dol.go.th"}}}
	if err := f.db.SaveEgovRecord(ctx, draft, central); err != nil {
		t.Fatal(err)
	}
	f.get(t, "/agencies/"+id(f.dept.ID)).wantNot(t, "ระบบจองคิวออนไลน์") // not yet published
	if _, err := f.db.PublishEgovRecord(ctx, s10.ID, s10.Version, central); err != nil {
		t.Fatal(err)
	}
	page := f.get(t, "/agencies/"+id(f.dept.ID))
	page.want(t, 200, "ระบบจองคิวออนไลน์", `href="https://queue.dol.go.th"`, `href="mailto:saraban@dol.go.th"`,
		`href="https://line.me/R/ti/p/@dol_line"`, "จองคิวยื่นคำขอ", `href="/egov/`+id(s10.ID)+`"`)
	page.wantNot(t, "คำสั่งร่างที่ยังไม่ประกาศ")
	list := f.get(t, "/egov")
	list.want(t, 200, "กรมที่ดิน", `href="/egov/`+id(s10.ID)+`"`)
	list.wantNot(t, "คำสั่งร่างที่ยังไม่ประกาศ")
	f.get(t, "/egov?section=16").wantNot(t, `href="/egov/`+id(s10.ID)+`"`)
	f.get(t, "/egov?q="+strings.ReplaceAll("จองคิว", " ", "+")).want(t, 200, `href="/egov/`+id(s10.ID)+`"`)
	f.get(t, "/egov?type=sao").wantNot(t, `href="/egov/`+id(s10.ID)+`"`)
	f.get(t, "/egov?section=xx&type=<x>&ministry=-1&province=zz&page=-3").want(t, 200)
	f.get(t, "/egov/"+id(s10.ID)).want(t, 200, "ประกาศกรมที่ดิน เรื่อง ช่องทางอิเล็กทรอนิกส์", `href="https://www.dol.go.th/egov.pdf"`)
	if r := f.get(t, "/egov/"+id(draft.ID)); r.StatusCode != http.StatusNotFound {
		t.Fatalf("a draft's page: %d", r.StatusCode)
	}
	f.get(t, "/egov/"+id(s10.ID)+"/file").want(t, 404) // no signed file, only a link
}
