package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// egovFixture makes what a /admin/egov/{id} route acts on in agency where:
// a complete Section 10 draft with its signed PDF, published for the
// revoke route. It returns the record's ID and version; 0 for other routes.
func egovFixture(t *testing.T, db *store.DB, where *openinfo.Agency, path string) (id, version int64) {
	t.Helper()
	if !strings.HasPrefix(path, "/admin/egov/{id}") {
		return 0, 0
	}
	ctx := context.Background()
	key, err := db.PutFile(ctx, "application/pdf", []byte(fmt.Sprintf("%%PDF-1.4 ประกาศ %d", time.Now().UnixNano())))
	if err != nil {
		t.Fatal(err)
	}
	central := openinfo.Officer{UserID: 4, Role: openinfo.RoleCentral, AgencyID: where.ID, AgencyPath: where.Path}
	r := &openinfo.EgovRecord{AgencyID: where.ID, Section: openinfo.EgovSection10, Title: "ประกาศ เรื่อง ช่องทางอิเล็กทรอนิกส์",
		SignedOn: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), FileKey: key,
		Items: []openinfo.EgovItem{{Kind: openinfo.ChannelWebsite, Name: "เว็บไซต์", Address: "https://www.example.go.th"}}}
	if err := db.SaveEgovRecord(ctx, r, central); err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, "/revoke") {
		if r, err = db.PublishEgovRecord(ctx, r.ID, r.Version, central); err != nil {
			t.Fatal(err)
		}
	}
	return r.ID, r.Version
}
