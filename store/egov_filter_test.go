package store_test

import (
	"context"
	"testing"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// TestEgovComplianceFilter: the province narrows the totals, every
// breakdown, the missing list and the series alike, also within a
// ministry; "-" selects the agencies with no province; the reminders
// narrow by the agency's path, type and province.
func TestEgovComplianceFilter(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		mk := func(parent int64, typ openinfo.AgencyType, name, province string) *openinfo.Agency {
			a := &openinfo.Agency{ParentID: parent, Type: typ, NameTH: name, Contact: openinfo.Contact{Address: openinfo.Address{ProvinceCode: province}}}
			if err := db.CreateAgency(ctx, a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		moi := mk(0, openinfo.AgencyMinistry, "กระทรวงมหาดไทย", "10")
		cm := mk(moi.ID, openinfo.AgencyProvince, "จังหวัดเชียงใหม่", "50")
		muni := mk(cm.ID, openinfo.AgencyMunicipality, "เทศบาลนครเชียงใหม่", "50")
		bare := mk(0, openinfo.AgencyPublicOrg, "องค์การทดสอบ", "")
		mustPublishEgov(t, ctx, db, cm, openinfo.EgovSection10, "https://www.chiangmai.go.th")
		mustPublishEgov(t, ctx, db, cm, openinfo.EgovSection16, "https://intranet.chiangmai.go.th")
		mustPublishEgov(t, ctx, db, moi, openinfo.EgovSection10, "https://www.moi.go.th")
		s := openinfo.DefaultEgovSettings()

		all, err := db.EgovCompliance(ctx, s)
		if err != nil || all.EgovShare != (openinfo.EgovShare{Total: 4, With10: 2, With16: 1, Both: 1}) {
			t.Fatalf("country = %+v, %v", all.EgovShare, err)
		}
		for _, c := range []struct {
			what     string
			f        store.EgovComplianceFilter
			want     openinfo.EgovShare
			missing  int
			prov     []string
			ministry int
		}{
			{"Chiang Mai", store.EgovComplianceFilter{Province: "50"}, openinfo.EgovShare{Total: 2, With10: 1, With16: 1, Both: 1}, 1, []string{"50"}, 1},
			{"Bangkok", store.EgovComplianceFilter{Province: "10"}, openinfo.EgovShare{Total: 1, With10: 1}, 1, []string{"10"}, 1},
			{"no province", store.EgovComplianceFilter{Province: store.NoProvince}, openinfo.EgovShare{Total: 1}, 1, []string{""}, 1},
			{"the ministry in Chiang Mai", store.EgovComplianceFilter{Path: moi.Path, Province: "50"}, openinfo.EgovShare{Total: 2, With10: 1, With16: 1, Both: 1}, 1, []string{"50"}, 1},
			{"the ministry with no province", store.EgovComplianceFilter{Path: moi.Path, Province: store.NoProvince}, openinfo.EgovShare{}, 0, nil, 0},
		} {
			got, err := db.EgovComplianceIn(ctx, s, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var prov []string
			for _, g := range got.ByProvince {
				prov = append(prov, g.Key)
			}
			typeTotal := 0
			for _, g := range got.ByType {
				typeTotal += g.Total
			}
			if got.EgovShare != c.want || len(got.Missing) != c.missing || len(prov) != len(c.prov) || (len(prov) > 0 && prov[0] != c.prov[0]) ||
				len(got.ByMinistry) != c.ministry || typeTotal != c.want.Total {
				t.Errorf("%s: %+v, missing %d, provinces %v, ministries %d, by type %d", c.what, got.EgovShare, len(got.Missing), prov, len(got.ByMinistry), typeTotal)
			}
			if n := len(got.Series); c.want.With10 > 0 && (n == 0 || got.Series[n-1].With10 != c.want.With10) {
				t.Errorf("%s: series %+v", c.what, got.Series)
			}
		}

		for _, a := range []*openinfo.Agency{muni, bare, moi} {
			if err := db.RecordEgovReminder(ctx, &openinfo.EgovReminder{AgencyID: a.ID, Email: "saraban@example.go.th",
				Missing: []openinfo.EgovSection{openinfo.EgovSection16}}); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			what string
			f    store.EgovReminderFilter
			want int
		}{
			{"all", store.EgovReminderFilter{}, 3},
			{"Chiang Mai", store.EgovReminderFilter{Province: "50"}, 1},
			{"no province", store.EgovReminderFilter{Province: store.NoProvince}, 1},
			{"municipalities", store.EgovReminderFilter{AgencyType: openinfo.AgencyMunicipality}, 1},
			{"ministries in Chiang Mai", store.EgovReminderFilter{AgencyType: openinfo.AgencyMinistry, Province: "50"}, 0},
			{"the ministry's subtree, Bangkok", store.EgovReminderFilter{AgencyPath: moi.Path, Province: "10"}, 1},
		} {
			if _, total, err := db.EgovReminders(ctx, c.f); err != nil || total != c.want {
				t.Errorf("reminders, %s: %d, %v; want %d", c.what, total, err, c.want)
			}
		}
	})
}
