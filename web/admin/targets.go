package admin

import (
	"context"
	"net/http"
	"strconv"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/web/internal/ui"
)

// A route's permission is checked on the agency that owns what the request
// acts on. owner says, for one kind of entity, which agency that is; the one
// resolver below does the rest (read the id, find the owner, its path), so
// every route states only what it acts on.
type owner struct {
	// param is the path wildcard ("id"), or with form set, the query or
	// form field, that holds the entity's id.
	param string
	form  bool
	// missing is the answer to an id that is not a positive number.
	missing *openinfo.Error
	// agencyOf returns the id of the agency that owns entity id.
	agencyOf func(ctx context.Context, db *store.DB, id int64) (int64, error)
}

var (
	agencyEntity = owner{param: "id", missing: openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบหน่วยงาน", "Agency not found."),
		agencyOf: func(_ context.Context, _ *store.DB, id int64) (int64, error) { return id, nil }}
	pointEntity = owner{param: "id", missing: errNoPoint,
		agencyOf: func(ctx context.Context, db *store.DB, id int64) (int64, error) {
			p, err := db.ServicePoint(ctx, id)
			if err != nil {
				return 0, err
			}
			return p.AgencyID, nil
		}}
	// pointField is a service point named by ?point= (a report about it).
	pointField    = owner{param: "point", form: true, missing: errNoPoint, agencyOf: pointEntity.agencyOf}
	processEntity = owner{param: "id", missing: openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบกระบวนงาน", "Process not found."),
		agencyOf: func(ctx context.Context, db *store.DB, id int64) (int64, error) {
			p, err := db.Process(ctx, id)
			if err != nil {
				return 0, err
			}
			return p.AgencyID, nil
		}}
	revisionEntity = owner{param: "id", missing: openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคู่มือฉบับนี้", "Revision not found."),
		agencyOf: func(ctx context.Context, db *store.DB, id int64) (int64, error) {
			rev, err := db.Revision(ctx, id)
			if err != nil {
				return 0, err
			}
			return processEntity.agencyOf(ctx, db, rev.ProcessID)
		}}
	serviceEntity = owner{param: "id", missing: openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบบริการ", "Service not found."),
		agencyOf: func(ctx context.Context, db *store.DB, id int64) (int64, error) {
			svc, err := db.Service(ctx, id)
			if err != nil {
				return 0, err
			}
			return svc.AgencyID, nil
		}}
	// unlockEntity: deciding an unlock is an act on the reporter's agency.
	unlockEntity = owner{param: "id", missing: openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบคำขอปลดล็อคที่ระบุ", "No such unlock request."),
		agencyOf: func(ctx context.Context, db *store.DB, id int64) (int64, error) {
			u, err := db.UnlockRequest(ctx, id)
			if err != nil {
				return 0, err
			}
			return u.AgencyID, nil
		}}
	// userEntity: managing a user is an act on the user's agency.
	userEntity = owner{param: "id", missing: openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบผู้ใช้งาน", "User not found."),
		agencyOf: func(ctx context.Context, db *store.DB, id int64) (int64, error) {
			u, err := db.User(ctx, id)
			if err != nil {
				return 0, err
			}
			if u.AgencyID == 0 {
				return 0, openinfo.Errorf(openinfo.EFORBIDDEN, "ผู้ใช้งานนี้ไม่ได้อยู่ในหน่วยงานใด", "This user belongs to no agency.")
			}
			return u.AgencyID, nil
		}}
)

var errNoPoint = openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบจุดบริการ", "Service point not found.")

// targetOf returns a route's Target: the path of the agency that owns the
// entity the request names.
func targetOf(o owner) func(*Admin, *http.Request) (string, error) {
	return func(s *Admin, r *http.Request) (string, error) {
		var id int64
		var ok bool
		if o.form {
			n, err := strconv.ParseInt(r.FormValue(o.param), 10, 64)
			id, ok = n, err == nil && n > 0
		} else {
			id, ok = ui.PathID(r, o.param)
		}
		if !ok {
			return "", o.missing
		}
		agencyID, err := o.agencyOf(r.Context(), s.db, id)
		if err != nil {
			return "", err
		}
		a, err := s.db.Agency(r.Context(), agencyID)
		if err != nil {
			return "", err
		}
		return a.Path, nil
	}
}
