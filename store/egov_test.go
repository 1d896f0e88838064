package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

func egDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func centralOf(a *openinfo.Agency) openinfo.Officer {
	return openinfo.Officer{UserID: 40 + a.ID, Role: openinfo.RoleCentral, AgencyID: a.ID, AgencyPath: a.Path}
}

func egovDraft(agency int64, section openinfo.EgovSection, addr string) *openinfo.EgovRecord {
	r := &openinfo.EgovRecord{AgencyID: agency, Section: section,
		Title:    "ประกาศ เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับประชาชนติดต่อราชการ",
		SignedOn: egDay(2023, 11, 1), URL: "https://www.example.go.th/egov.pdf"}
	if section == openinfo.EgovSection10 {
		r.Items = []openinfo.EgovItem{
			{Kind: openinfo.ChannelWebsite, Name: "เว็บไซต์", Address: addr, Purpose: "ข้อมูลบริการ"},
			{Kind: openinfo.ChannelLINE, Name: "LINE", Address: "Saraban_Line"},
		}
	} else {
		r.Title = "คำสั่ง เรื่อง กำหนดระบบสำหรับการปฏิบัติหน้าที่ของเจ้าหน้าที่"
		r.DocumentNo = "ที่ 15/2566"
		r.Items = []openinfo.EgovItem{{Name: "ระบบสารบรรณอิเล็กทรอนิกส์", Address: addr}}
	}
	return r
}

// mustPublishEgov saves and publishes a record by the agency's central officer.
func mustPublishEgov(t *testing.T, ctx context.Context, db *store.DB, a *openinfo.Agency, section openinfo.EgovSection, addr string) *openinfo.EgovRecord {
	t.Helper()
	r := egovDraft(a.ID, section, addr)
	if err := db.SaveEgovRecord(ctx, r, centralOf(a)); err != nil {
		t.Fatalf("save: %v", err)
	}
	p, err := db.PublishEgovRecord(ctx, r.ID, r.Version, centralOf(a))
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return p
}

// TestEgovRecordWorkflow: a department's central officer drafts, corrects,
// publishes, replaces and revokes its Section 10 announcement; others may
// not; bad input and stale saves change nothing; every step is audited.
func TestEgovRecordWorkflow(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := openinfo.WithActor(context.Background(), openinfo.Actor{UserID: 7, Name: "สมชาย ใจดี"})
		moi := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย")
		dopa := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมการปกครอง")
		other := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมที่ดิน")
		central := centralOf(dopa)

		r := egovDraft(dopa.ID, openinfo.EgovSection10, "https://www.dopa.go.th")
		r.Items = append(r.Items, openinfo.EgovItem{})
		for name, o := range map[string]openinfo.Officer{
			"another department's central officer": centralOf(other),
			"OPDC":                                 {UserID: 3, Role: openinfo.RoleOPDC},
			"a service point officer":              {UserID: 4, Role: openinfo.RolePointOfficer, AgencyID: dopa.ID, AgencyPath: dopa.Path},
		} {
			if err := db.SaveEgovRecord(ctx, r, o); openinfo.ErrorCode(err) != openinfo.EFORBIDDEN {
				t.Errorf("save by %s: %v", name, err)
			}
		}
		if err := db.SaveEgovRecord(ctx, r, central); err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.Version != 1 || r.State != openinfo.EgovDraft || len(r.Items) != 2 || r.Items[1].Address != "@saraban_line" {
			t.Fatalf("saved = %+v", r)
		}
		got, err := db.EgovRecord(ctx, r.ID)
		if err != nil || got.SignedOn != egDay(2023, 11, 1) || !got.EffectiveOn.IsZero() || !slices.Equal(got.Items, r.Items) ||
			got.AgencyID != dopa.ID || got.Section != openinfo.EgovSection10 || got.CreatedBy != central.UserID {
			t.Fatalf("round trip = %+v, %v", got, err)
		}

		// A bad save is refused and the saved draft stays as it was.
		bad := *got
		bad.Items = []openinfo.EgovItem{{Kind: openinfo.ChannelEmail, Name: "อีเมล", Address: "saraban at dopa"}}
		bad.EffectiveOn = egDay(2023, 10, 1)
		err = db.SaveEgovRecord(ctx, &bad, central)
		wantCode(t, err, openinfo.EINVALID, "items[0].address")
		wantCode(t, err, openinfo.EINVALID, "effective_on")
		if again, _ := db.EgovRecord(ctx, r.ID); again.Version != 1 || len(again.Items) != 2 {
			t.Fatalf("a refused save changed the draft: %+v", again)
		}

		// Save over the draft; a second save at the old version is stale.
		got.DocumentNo = "ที่ มท 0309/ว 1"
		got.AgencyID, got.Section = other.ID, openinfo.EgovSection16 // ignored: they do not change
		if err := db.SaveEgovRecord(ctx, got, central); err != nil {
			t.Fatal(err)
		}
		if got.Version != 2 || got.AgencyID != dopa.ID || got.Section != openinfo.EgovSection10 {
			t.Fatalf("update = %+v", got)
		}
		stale := *r
		wantCode(t, db.SaveEgovRecord(ctx, &stale, central), openinfo.ECONFLICT, "")
		_, err = db.PublishEgovRecord(ctx, r.ID, 1, central)
		wantCode(t, err, openinfo.ECONFLICT, "")

		// Publication needs a complete record.
		incomplete := egovDraft(dopa.ID, openinfo.EgovSection10, "https://www.dopa.go.th/e-service")
		incomplete.Title, incomplete.URL, incomplete.Items = "", "", nil
		if err := db.SaveEgovRecord(ctx, incomplete, central); err != nil {
			t.Fatal(err)
		}
		_, err = db.PublishEgovRecord(ctx, incomplete.ID, incomplete.Version, central)
		wantCode(t, err, openinfo.EINVALID, "items")
		wantCode(t, err, openinfo.EINVALID, "title")
		wantCode(t, err, openinfo.EINVALID, "file")

		_, err = db.PublishEgovRecord(ctx, r.ID, 2, centralOf(other))
		wantCode(t, err, openinfo.EFORBIDDEN, "")
		first, err := db.PublishEgovRecord(ctx, r.ID, 2, central)
		if err != nil {
			t.Fatal(err)
		}
		if first.State != openinfo.EgovPublished || first.Version != 3 || first.PublishedAt.IsZero() {
			t.Fatalf("published = %+v", first)
		}
		first.Title = "แก้ไขหลังเผยแพร่"
		wantCode(t, db.SaveEgovRecord(ctx, first, central), openinfo.ECONFLICT, "")

		// A newer announcement supersedes it in the same transaction.
		second := mustPublishEgov(t, ctx, db, dopa, openinfo.EgovSection10, "https://www.dopa.go.th/new")
		old, _ := db.EgovRecord(ctx, r.ID)
		if old.State != openinfo.EgovSuperseded || old.SupersededBy != second.ID || old.EndedAt.IsZero() {
			t.Fatalf("old after the newer one = %+v", old)
		}
		s10, s16, err := db.CurrentEgov(ctx, dopa.ID)
		if err != nil || s10 == nil || s10.ID != second.ID || s16 != nil || len(s10.Items) != 2 {
			t.Fatalf("current = %+v %+v %v", s10, s16, err)
		}
		// The draft of the same section is untouched by the publication.
		if d, _ := db.EgovRecord(ctx, incomplete.ID); d.State != openinfo.EgovDraft {
			t.Fatalf("a draft changed with the publication: %+v", d)
		}

		// Revocation needs a reason; then the agency has no current record.
		_, err = db.RevokeEgovRecord(ctx, second.ID, second.Version, " ", central)
		wantCode(t, err, openinfo.EINVALID, "reason")
		rev, err := db.RevokeEgovRecord(ctx, second.ID, second.Version, "ลงนามผิดฉบับ", central)
		if err != nil || rev.State != openinfo.EgovRevoked || rev.RevokeReason != "ลงนามผิดฉบับ" {
			t.Fatalf("revoke = %+v, %v", rev, err)
		}
		_, err = db.RevokeEgovRecord(ctx, second.ID, rev.Version, "อีกครั้ง", central)
		wantCode(t, err, openinfo.ECONFLICT, "")
		if s10, _, _ := db.CurrentEgov(ctx, dopa.ID); s10 != nil {
			t.Fatalf("current after revocation = %+v", s10)
		}
		_, err = db.EgovRecord(ctx, 9999)
		wantCode(t, err, openinfo.ENOTFOUND, "")

		var actions []string
		for _, id := range []int64{r.ID, second.ID} {
			log, err := db.AuditLog(ctx, store.AuditFilter{EntityType: "egov_record", EntityID: id})
			if err != nil {
				t.Fatal(err)
			}
			for i := len(log) - 1; i >= 0; i-- {
				actions = append(actions, log[i].Action)
				if log[i].ActorID != 7 || log[i].After == "" {
					t.Errorf("audit entry %+v", log[i])
				}
			}
		}
		want := []string{"egov.create", "egov.save", "egov.publish", "egov.supersede", "egov.create", "egov.publish", "egov.revoke"}
		if !slices.Equal(actions, want) {
			t.Errorf("audit = %v, want %v", actions, want)
		}

		// Whatever the code path, the database holds one current record per
		// agency and section.
		_, err = db.SQL().ExecContext(ctx, `INSERT INTO egov_records (agency_id, section, state, created_at, updated_at) VALUES ($1, 10, 'published', $2, $2)`,
			dopa.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.SQL().ExecContext(ctx, `INSERT INTO egov_records (agency_id, section, state, created_at, updated_at) VALUES ($1, 10, 'published', $2, $2)`,
			dopa.ID, time.Now())
		if err == nil {
			t.Fatal("two current Section 10 records for one agency")
		}
	})
}

// TestEgovRecordList: the list's filters by subtree, section, state, type,
// ministry, province and text (a channel's address), with paging.
func TestEgovRecordList(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		moi := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย")
		dopa := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมการปกครอง")
		mof := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงการคลัง")
		rd := mustCreateAgency(t, db, mof.ID, openinfo.AgencyDepartment, "กรมสรรพากร")
		pao := &openinfo.Agency{ParentID: moi.ID, Type: openinfo.AgencyPAO, NameTH: "องค์การบริหารส่วนจังหวัดเชียงใหม่",
			Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: "50"}}}
		if err := db.CreateAgency(ctx, pao); err != nil {
			t.Fatal(err)
		}
		mustPublishEgov(t, ctx, db, dopa, openinfo.EgovSection10, "https://www.dopa.go.th")
		mustPublishEgov(t, ctx, db, dopa, openinfo.EgovSection16, "https://intranet.dopa.go.th")
		mustPublishEgov(t, ctx, db, rd, openinfo.EgovSection10, "https://www.rd.go.th")
		mustPublishEgov(t, ctx, db, pao, openinfo.EgovSection10, "https://www.pao-cm.go.th")
		draft := egovDraft(rd.ID, openinfo.EgovSection16, "https://efiling.rd.go.th")
		if err := db.SaveEgovRecord(ctx, draft, centralOf(rd)); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			f    store.EgovFilter
			want int
		}{
			{"all", store.EgovFilter{}, 5},
			{"published", store.EgovFilter{State: openinfo.EgovPublished}, 4},
			{"section 16", store.EgovFilter{Section: openinfo.EgovSection16}, 2},
			{"subtree", store.EgovFilter{AgencyPath: moi.Path}, 3},
			{"agency", store.EgovFilter{AgencyID: rd.ID}, 2},
			{"ministry", store.EgovFilter{MinistryID: mof.ID}, 2},
			{"type", store.EgovFilter{AgencyType: openinfo.AgencyPAO}, 1},
			{"province", store.EgovFilter{Province: "50"}, 1},
			{"channel address", store.EgovFilter{Query: "RD.GO.TH"}, 2},
			{"title", store.EgovFilter{Query: "กำหนดระบบ", State: openinfo.EgovPublished}, 1},
			{"LIKE wildcard is literal", store.EgovFilter{Query: "%"}, 0},
		}
		for _, c := range cases {
			rows, total, err := db.EgovRecords(ctx, c.f)
			if err != nil || total != c.want || len(rows) != c.want {
				t.Errorf("%s: %d rows, total %d, %v; want %d", c.name, len(rows), total, err, c.want)
			}
			for _, r := range rows {
				if r.AgencyNameTH == "" || r.AgencyPath == "" || len(r.Items) == 0 {
					t.Errorf("%s: row %+v lacks its agency or items", c.name, r)
				}
			}
		}
		rows, total, err := db.EgovRecords(ctx, store.EgovFilter{Limit: 2, Offset: 4})
		if err != nil || total != 5 || len(rows) != 1 {
			t.Errorf("last page = %+v %d %v", rows, total, err)
		}
		if rows, _, _ := db.EgovRecords(ctx, store.EgovFilter{Limit: 1}); rows[0].ID != draft.ID {
			t.Errorf("latest change first: got %d, want the draft %d", rows[0].ID, draft.ID)
		}
	})
}

// TestEgovCompliance: the dashboard's counts from the database, under the
// default and under OPDC's own settings; supersession keeps the first date,
// revocation makes an agency missing again; reminders are recorded.
func TestEgovCompliance(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		opdc := openinfo.Officer{UserID: 3, Role: openinfo.RoleOPDC}
		moi := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย")
		dopa := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมการปกครอง")
		unit := mustCreateAgency(t, db, dopa.ID, openinfo.AgencyUnit, "สำนักบริหารการทะเบียน")
		dol := mustCreateAgency(t, db, moi.ID, openinfo.AgencyDepartment, "กรมที่ดิน")
		mof := mustCreateAgency(t, db, 0, openinfo.AgencyMinistry, "กระทรวงการคลัง")
		rd := mustCreateAgency(t, db, mof.ID, openinfo.AgencyDepartment, "กรมสรรพากร")

		first := mustPublishEgov(t, ctx, db, dopa, openinfo.EgovSection10, "https://www.dopa.go.th")
		mustPublishEgov(t, ctx, db, dopa, openinfo.EgovSection16, "https://intranet.dopa.go.th")
		mustPublishEgov(t, ctx, db, dopa, openinfo.EgovSection10, "https://www.dopa.go.th/v2") // supersedes first
		mustPublishEgov(t, ctx, db, unit, openinfo.EgovSection10, "https://bora.dopa.go.th")   // a unit: not counted
		mustPublishEgov(t, ctx, db, rd, openinfo.EgovSection16, "https://intranet.rd.go.th")
		revoked := mustPublishEgov(t, ctx, db, dol, openinfo.EgovSection10, "https://www.dol.go.th")
		if _, err := db.RevokeEgovRecord(ctx, revoked.ID, revoked.Version, "ผิดฉบับ", centralOf(dol)); err != nil {
			t.Fatal(err)
		}

		s, err := db.EgovSettings(ctx)
		if err != nil || s.Version != 0 || !slices.Equal(s.AgencyTypes, openinfo.DefaultEgovAgencyTypes) {
			t.Fatalf("default settings = %+v, %v", s, err)
		}
		c, err := db.EgovCompliance(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if c.EgovShare != (openinfo.EgovShare{Total: 5, With10: 1, With16: 2, Both: 1}) {
			t.Fatalf("country = %+v", c.EgovShare)
		}
		var missing []string
		for _, a := range c.Missing {
			missing = append(missing, a.NameTH)
		}
		// In Thai dictionary order (sort_key): กรม… before กระทรวง….
		if strings.Join(missing, ",") != "กรมที่ดิน,กรมสรรพากร,กระทรวงการคลัง,กระทรวงมหาดไทย" {
			t.Errorf("missing = %v", missing)
		}
		var ministries []string
		for _, g := range c.ByMinistry {
			ministries = append(ministries, g.TH)
			if g.TH == "กระทรวงมหาดไทย" && g.EgovShare != (openinfo.EgovShare{Total: 3, With10: 1, With16: 1, Both: 1}) {
				t.Errorf("interior = %+v", g.EgovShare)
			}
		}
		if strings.Join(ministries, ",") != "กระทรวงการคลัง,กระทรวงมหาดไทย" || len(c.ByProvince) != 1 || c.ByProvince[0].Key != "10" {
			t.Errorf("ministries %v, provinces %+v", ministries, c.ByProvince)
		}
		if n := len(c.Series); n == 0 || c.Series[n-1].With10 != 1 || c.Series[n-1].Both != 1 {
			t.Errorf("series = %+v", c.Series)
		}
		under, err := db.EgovComplianceIn(ctx, s, store.EgovComplianceFilter{Path: moi.Path})
		if err != nil || under.EgovShare != (openinfo.EgovShare{Total: 3, With10: 1, With16: 1, Both: 1}) || len(under.ByMinistry) != 1 {
			t.Errorf("under the Ministry of Interior = %+v, %v", under.EgovShare, err)
		}
		statuses, err := db.EgovStatuses(ctx, s, store.EgovComplianceFilter{Path: dopa.Path})
		if err != nil || len(statuses) != 1 || statuses[0].AgencyID != dopa.ID || !statuses[0].Since10.Equal(first.PublishedAt) {
			t.Errorf("dopa's status = %+v, %v (first published %v)", statuses, err, first.PublishedAt)
		}

		// OPDC counts departments only, from 30 November 2023, weekly.
		s.AgencyTypes = []openinfo.AgencyType{openinfo.AgencyDepartment}
		s.Deadline, s.ReminderDays = egDay(2023, 11, 30), 7
		wantCode(t, db.SetEgovSettings(ctx, &s, centralOf(dopa)), openinfo.EFORBIDDEN, "")
		bad := s
		bad.ReminderDays = -3
		wantCode(t, db.SetEgovSettings(ctx, &bad, opdc), openinfo.EINVALID, "reminder_days")
		if err := db.SetEgovSettings(ctx, &s, opdc); err != nil {
			t.Fatal(err)
		}
		got, err := db.EgovSettings(ctx)
		if err != nil || got.Version != 1 || got.Deadline != s.Deadline || got.ReminderDays != 7 || got.UpdatedBy != 3 ||
			!slices.Equal(got.AgencyTypes, s.AgencyTypes) {
			t.Fatalf("settings = %+v, %v", got, err)
		}
		stale := got
		stale.Version = 0
		wantCode(t, db.SetEgovSettings(ctx, &stale, opdc), openinfo.ECONFLICT, "")
		got.ReminderDays = 14
		if err := db.SetEgovSettings(ctx, &got, opdc); err != nil || got.Version != 2 {
			t.Fatalf("second save: %v %+v", err, got)
		}
		if log, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "egov_settings"}); len(log) != 2 || log[0].Before == "" {
			t.Errorf("settings audit = %+v", log)
		}
		c, err = db.EgovCompliance(ctx, got)
		if err != nil || c.EgovShare != (openinfo.EgovShare{Total: 3, With10: 1, With16: 2, Both: 1}) || c.Deadline != s.Deadline {
			t.Fatalf("departments only = %+v, %v", c.EgovShare, err)
		}

		// Reminders to the two departments still missing a record.
		sent := time.Date(2023, 11, 20, 2, 0, 0, 0, time.UTC)
		for i, a := range []*openinfo.Agency{dol, rd, dol} {
			r := &openinfo.EgovReminder{AgencyID: a.ID, UserID: 40 + a.ID, Email: "central@example.go.th",
				Missing: []openinfo.EgovSection{openinfo.EgovSection10}, Deadline: got.Deadline, SentAt: sent.AddDate(0, 0, 7*i)}
			if err := db.RecordEgovReminder(ctx, r); err != nil || r.ID == 0 {
				t.Fatalf("reminder: %v", err)
			}
		}
		wantCode(t, db.RecordEgovReminder(ctx, &openinfo.EgovReminder{AgencyID: 9999}), openinfo.EINVALID, "agency_id")
		list, total, err := db.EgovReminders(ctx, store.EgovReminderFilter{AgencyID: dol.ID})
		if err != nil || total != 2 || !list[0].SentAt.Equal(sent.AddDate(0, 0, 14)) || list[0].Deadline != got.Deadline ||
			!slices.Equal(list[0].Missing, []openinfo.EgovSection{openinfo.EgovSection10}) {
			t.Fatalf("reminders = %+v %d %v", list, total, err)
		}
		if _, total, _ := db.EgovReminders(ctx, store.EgovReminderFilter{AgencyPath: mof.Path}); total != 1 {
			t.Errorf("reminders under the Ministry of Finance = %d", total)
		}
		last, err := db.LastEgovReminders(ctx)
		if err != nil || len(last) != 2 || !last[dol.ID].Equal(sent.AddDate(0, 0, 14)) || !last[rd.ID].Equal(sent.AddDate(0, 0, 7)) {
			t.Fatalf("last reminders = %v, %v", last, err)
		}
		if log, _ := db.AuditLog(ctx, store.AuditFilter{EntityType: "egov_reminder"}); len(log) != 3 || log[0].Action != "egov.remind" {
			t.Errorf("reminder not audited: %+v", log)
		}
	})
}

// TestEgovPublishRace: two drafts of one agency and section published at
// once both succeed, one after the other: exactly one stays current and the
// other is superseded by it.
func TestEgovPublishRace(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dept := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมการแพทย์")
		for round := 0; round < 5; round++ {
			var drafts [2]*openinfo.EgovRecord
			for i := range drafts {
				drafts[i] = egovDraft(dept.ID, openinfo.EgovSection10, "https://www.dms.go.th/"+string(rune('a'+i)))
				if err := db.SaveEgovRecord(ctx, drafts[i], centralOf(dept)); err != nil {
					t.Fatal(err)
				}
			}
			errs := make(chan error, 2)
			for _, r := range drafts {
				go func() {
					_, err := db.PublishEgovRecord(ctx, r.ID, r.Version, centralOf(dept))
					errs <- err
				}()
			}
			for range drafts {
				if err := <-errs; err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
			}
			a, _ := db.EgovRecord(ctx, drafts[0].ID)
			b, _ := db.EgovRecord(ctx, drafts[1].ID)
			if a.State == b.State || (a.State == openinfo.EgovSuperseded && a.SupersededBy != b.ID) ||
				(b.State == openinfo.EgovSuperseded && b.SupersededBy != a.ID) {
				t.Fatalf("round %d: %s→%d and %s→%d", round, a.State, a.SupersededBy, b.State, b.SupersededBy)
			}
			if _, total, _ := db.EgovRecords(ctx, store.EgovFilter{AgencyID: dept.ID, State: openinfo.EgovPublished}); total != 1 {
				t.Fatalf("round %d: %d current records", round, total)
			}
		}
	})
}

// TestEgovRecordFile: the signed document must be a file in the store.
func TestEgovRecordFile(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dept := mustCreateAgency(t, db, 0, openinfo.AgencyDepartment, "กรมอนามัย")
		r := egovDraft(dept.ID, openinfo.EgovSection16, "https://hr.anamai.go.th")
		r.URL, r.FileKey = "", strings.Repeat("0", 64)
		wantCode(t, db.SaveEgovRecord(ctx, r, centralOf(dept)), openinfo.EINVALID, "file")
		key, err := db.PutFile(ctx, openinfo.TypePDF, []byte("%PDF-1.7 คำสั่ง"))
		if err != nil {
			t.Fatal(err)
		}
		r.FileKey = key
		if err := db.SaveEgovRecord(ctx, r, centralOf(dept)); err != nil {
			t.Fatal(err)
		}
		p, err := db.PublishEgovRecord(ctx, r.ID, r.Version, centralOf(dept))
		if err != nil || p.FileKey != key || p.URL != "" {
			t.Fatalf("published with a file = %+v, %v", p, err)
		}
		wantCode(t, db.RecordEgovReminder(ctx, &openinfo.EgovReminder{AgencyID: dept.ID, Missing: []openinfo.EgovSection{11}}), openinfo.EINVALID, "")
	})
}
