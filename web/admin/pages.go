package admin

import (
	"net/http"
	"strconv"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

// adminRoute is one back-office route and the permission it needs; the
// authorization matrix test walks this table.
type adminRoute struct {
	Method, Path string
	Action       openinfo.Action
	// Target finds the agency the request acts on (nil: none).
	Target  func(*Admin, *http.Request) (string, error)
	Handler func(*Admin, http.ResponseWriter, *http.Request)
}

func adminRoutes() []adminRoute {
	agency := (*Admin).agencyParam
	user := targetOf(userEntity)
	inAgency := targetOf(agencyEntity)
	ofPoint := targetOf(pointEntity)
	ofProcess := targetOf(processEntity)
	ofRevision := targetOf(revisionEntity)
	ofService := targetOf(serviceEntity)
	return []adminRoute{
		{"GET", "/admin", openinfo.ActViewAdmin, nil, (*Admin).handleAdminHome},
		{"GET", "/admin/profile", openinfo.ActViewAdmin, nil, (*Admin).handleProfile},
		{"GET", "/admin/jobs", openinfo.ActViewJobs, nil, (*Admin).handleJobs},
		{"GET", "/admin/tokens", openinfo.ActManageTokens, agency, (*Admin).handleTokens},
		{"POST", "/admin/tokens", openinfo.ActManageTokens, agency, (*Admin).handleTokenRefresh},
		{"GET", "/admin/users", openinfo.ActManageUsers, agency, (*Admin).handleUsers},
		{"POST", "/admin/users/{id}/role", openinfo.ActManageUsers, user, (*Admin).handleUserRole},
		{"POST", "/admin/users/{id}/remove", openinfo.ActManageUsers, user, (*Admin).handleUserRemove},
		{"GET", "/admin/agencies", openinfo.ActViewAdmin, nil, (*Admin).handleAdminAgencies},
		{"GET", "/admin/agencies/{id}", openinfo.ActViewAdmin, inAgency, (*Admin).handleAdminAgency},
		{"GET", "/admin/agencies/{id}/edit", openinfo.ActEditAgency, inAgency, (*Admin).handleAgencyEdit},
		{"POST", "/admin/agencies/{id}/edit", openinfo.ActEditAgency, inAgency, (*Admin).handleAgencyEdit},
		{"GET", "/admin/agencies/{id}/new", openinfo.ActCreateAgency, inAgency, (*Admin).handleAgencyNew},
		{"POST", "/admin/agencies/{id}/new", openinfo.ActCreateAgency, inAgency, (*Admin).handleAgencyNew},
		{"GET", "/admin/agencies/{id}/points/new", openinfo.ActEditServicePoint, inAgency, (*Admin).handlePointNew},
		{"POST", "/admin/agencies/{id}/points/new", openinfo.ActEditServicePoint, inAgency, (*Admin).handlePointNew},
		{"GET", "/admin/points/{id}/edit", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePointEdit},
		{"POST", "/admin/points/{id}/edit", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePointEdit},
		{"GET", "/admin/points/{id}/poster", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePosterPage},
		{"GET", "/admin/points/{id}/poster.svg", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePosterSVG},
		{"GET", "/admin/points/{id}/poster/print", openinfo.ActEditServicePoint, ofPoint, (*Admin).handlePosterPrint},
		{"GET", "/admin/points/{id}/qr.png", openinfo.ActEditServicePoint, ofPoint, (*Admin).handleQRPNG},
		{"GET", "/admin/points/{id}/qr.svg", openinfo.ActEditServicePoint, ofPoint, (*Admin).handleQRSVG},
		{"GET", "/admin/reports/ratings", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleRatingReport},
		{"GET", "/admin/reports/ratings.csv", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleRatingReportCSV},
		{"GET", "/admin/reports/ratings.xlsx", openinfo.ActViewReports, (*Admin).reportTarget, (*Admin).handleRatingReportXLSX},
		{"GET", "/admin/questions", openinfo.ActManageQuestions, nil, (*Admin).handleQuestions},
		{"POST", "/admin/questions", openinfo.ActManageQuestions, nil, (*Admin).handleQuestions},
		{"GET", "/admin/manuals", openinfo.ActViewAdmin, nil, (*Admin).handleAdminManuals},
		{"GET", "/admin/tasks", openinfo.ActViewAdmin, nil, (*Admin).handleTasks},
		{"GET", "/admin/processes/new", openinfo.ActWriteManual, agency, (*Admin).handleProcessNew},
		{"POST", "/admin/processes/new", openinfo.ActWriteManual, agency, (*Admin).handleProcessNew},
		{"GET", "/admin/processes/{id}", openinfo.ActViewAdmin, ofProcess, (*Admin).handleAdminProcess},
		{"GET", "/admin/processes/{id}/edit", openinfo.ActWriteManual, ofProcess, (*Admin).handleProcessEdit},
		{"POST", "/admin/processes/{id}/edit", openinfo.ActWriteManual, ofProcess, (*Admin).handleProcessEdit},
		{"POST", "/admin/processes/{id}/revisions", openinfo.ActWriteManual, ofProcess, (*Admin).handleRevisionOpen},
		{"GET", "/admin/processes/{id}/pins", openinfo.ActPinManual, ofProcess, (*Admin).handleProcessPins},
		{"POST", "/admin/processes/{id}/pins", openinfo.ActPinManual, ofProcess, (*Admin).handleProcessPins},
		{"GET", "/admin/revisions/{id}", openinfo.ActViewAdmin, ofRevision, (*Admin).handleAdminRevision},
		{"GET", "/admin/revisions/{id}/edit", openinfo.ActWriteManual, ofRevision, (*Admin).handleRevisionEdit},
		{"POST", "/admin/revisions/{id}/edit", openinfo.ActWriteManual, ofRevision, (*Admin).handleRevisionEdit},
		{"POST", "/admin/revisions/{id}/attachments", openinfo.ActWriteManual, ofRevision, (*Admin).handleAttachmentUpload},
		{"GET", "/admin/revisions/{id}/files/{key}", openinfo.ActViewAdmin, ofRevision, (*Admin).handleRevisionFile},
		{"GET", "/admin/revisions/{id}/compare", openinfo.ActViewAdmin, ofRevision, (*Admin).handleRevisionCompare},
		{"POST", "/admin/revisions/{id}/submit", openinfo.ActWriteManual, ofRevision, (*Admin).handleRevisionEvent},
		{"POST", "/admin/revisions/{id}/approve_step1", openinfo.ActReviewManual, ofRevision, (*Admin).handleRevisionEvent},
		{"POST", "/admin/revisions/{id}/return_step1", openinfo.ActReviewManual, ofRevision, (*Admin).handleRevisionEvent},
		{"POST", "/admin/revisions/{id}/approve_step2", openinfo.ActApproveManualOPDC, ofRevision, (*Admin).handleRevisionEvent},
		{"POST", "/admin/revisions/{id}/return_step2", openinfo.ActApproveManualOPDC, ofRevision, (*Admin).handleRevisionEvent},
		{"GET", "/admin/catalog", openinfo.ActManageCatalog, nil, (*Admin).handleAdminCatalog},
		{"POST", "/admin/catalog", openinfo.ActManageCatalog, nil, (*Admin).handleCatalogCreate},
		{"POST", "/admin/catalog/{id}", openinfo.ActManageCatalog, nil, (*Admin).handleCatalogUpdate},
		{"GET", "/admin/services", openinfo.ActViewAdmin, nil, (*Admin).handleAdminServices},
		{"GET", "/admin/services/new", openinfo.ActEditService, agency, (*Admin).handleServiceNew},
		{"POST", "/admin/services/new", openinfo.ActEditService, agency, (*Admin).handleServiceNew},
		{"GET", "/admin/services/{id}/edit", openinfo.ActEditService, ofService, (*Admin).handleServiceEdit},
		{"POST", "/admin/services/{id}/edit", openinfo.ActEditService, ofService, (*Admin).handleServiceEdit},
		{"GET", "/admin/services/{id}/pins", openinfo.ActPinManual, ofService, (*Admin).handleServicePins},
		{"POST", "/admin/services/{id}/pins", openinfo.ActPinManual, ofService, (*Admin).handleServicePins},
		{"GET", "/admin/onboarding", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboarding},
		{"GET", "/admin/onboarding/{id}", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboardingRequest},
		{"GET", "/admin/onboarding/{id}/letter", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboardingLetter},
		{"POST", "/admin/onboarding/{id}/approve", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboardingApprove},
		{"POST", "/admin/onboarding/{id}/reject", openinfo.ActApproveOnboarding, nil, (*Admin).handleAdminOnboardingReject},
	}
}

func (s *Admin) userFromPath(r *http.Request) (*openinfo.User, error) {
	id, ok := ui.PathID(r, "id")
	if !ok {
		return nil, openinfo.Errorf(openinfo.ENOTFOUND, "ไม่พบผู้ใช้งาน", "User not found.")
	}
	return s.db.User(r.Context(), id)
}

type adminHomePage struct {
	User    *openinfo.User
	Actions []openinfo.Action
	Can     map[string]bool
}

func (s *Admin) adminHome(r *http.Request) adminHomePage {
	u := currentUser(r.Context())
	p := adminHomePage{User: u, Actions: u.Role.Actions(), Can: map[string]bool{}}
	for _, a := range p.Actions {
		p.Can[string(a)] = true
	}
	return p
}

// handleAdminHome is the landing page: who you are, for which agency, as what.
func (s *Admin) handleAdminHome(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusOK, "admin_home", ui.T(ui.LangFrom(r), "admin.title"), s.adminHome(r))
}

// handleProfile shows the officer's name, agency, role and rights.
func (s *Admin) handleProfile(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusOK, "admin_profile", ui.T(ui.LangFrom(r), "admin.profile"), s.adminHome(r))
}

type tokenRow struct {
	Role    openinfo.Role
	Token   string // formatted, "" when none is live
	Expires time.Time
}

type tokensPage struct {
	// Pick: a global officer chooses an agency first.
	Pick   bool
	Query  string
	Found  []*openinfo.Agency
	Agency *openinfo.Agency
	Rows   []tokenRow
	Subs   []*openinfo.Agency
	Notice string
}

// canGiveRole: a role can be given by user management to whoever may issue
// its token, and by the platform administrator to anyone in an agency.
func canGiveRole(o openinfo.Officer, role openinfo.Role, path string) bool {
	if role.Global() || !role.Valid() {
		return false
	}
	return openinfo.CanIssueRole(o, role, path) || (o.Role == openinfo.RoleAdmin && openinfo.Can(o, openinfo.ActManageUsers, path))
}

// issuableRoles lists the roles u may issue tokens for in agency a.
func (s *Admin) issuableRoles(u *openinfo.User, a *openinfo.Agency) []openinfo.Role {
	var out []openinfo.Role
	for _, r := range openinfo.Roles {
		if s.issuers.MayIssue(u.Officer(), r.Role, a) {
			out = append(out, r.Role)
		}
	}
	return out
}

// handleTokens lists, per role the officer may issue, the live token of an
// agency ("จัดการ Token"): show, copy, refresh.
func (s *Admin) handleTokens(w http.ResponseWriter, r *http.Request) {
	s.renderTokens(w, r, "")
}

func (s *Admin) renderTokens(w http.ResponseWriter, r *http.Request, notice string) {
	ctx := r.Context()
	u := currentUser(ctx)
	if u.Role.Global() && r.FormValue("agency") == "" {
		p := tokensPage{Pick: true, Query: r.URL.Query().Get("q")}
		if p.Query != "" {
			var err error
			if p.Found, _, err = s.db.Agencies(ctx, store.AgencyFilter{Query: p.Query, Limit: 50}); err != nil {
				s.Fail(w, r, err)
				return
			}
		}
		s.Render(w, r, http.StatusOK, "admin_tokens", ui.T(ui.LangFrom(r), "admin.tokens"), p)
		return
	}
	a, err := s.agencyFromRequest(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	live, err := s.db.CurrentTokens(ctx, a.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := tokensPage{Agency: a, Notice: notice}
	for _, role := range s.issuableRoles(u, a) {
		row := tokenRow{Role: role}
		for _, t := range live {
			if t.Role == role && t.ExpiresAt.After(time.Now()) {
				if plain, err := s.sealer.Open(t.Sealed); err == nil {
					row.Token, row.Expires = openinfo.FormatToken(plain), t.ExpiresAt
				}
				break
			}
		}
		p.Rows = append(p.Rows, row)
	}
	p.Subs, _, err = s.db.Agencies(ctx, store.AgencyFilter{ParentID: a.ID, Limit: 200})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_tokens", ui.T(ui.LangFrom(r), "admin.tokens"), p)
}

// handleTokenRefresh issues a new token for a role, killing the old one.
func (s *Admin) handleTokenRefresh(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := currentUser(ctx)
	a, err := s.agencyFromRequest(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	role := openinfo.Role(r.PostFormValue("role"))
	if !s.issuers.MayIssue(u.Officer(), role, a) {
		s.Fail(w, r, openinfo.Errorf(openinfo.EFORBIDDEN, "ท่านออก Token สำหรับบทบาทนี้ไม่ได้", "You may not issue tokens for this role."))
		return
	}
	plain, err := openinfo.NewToken()
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	t := &openinfo.IssuedToken{Hash: openinfo.HashToken(s.sealer.HashKey(), plain), Sealed: s.sealer.Seal(plain),
		AgencyID: a.ID, Role: role, IssuedBy: u.ID, ExpiresAt: time.Now().Add(s.tokenTTL)}
	if err := s.db.IssueToken(ctx, t); err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/tokens?agency="+strconv.FormatInt(a.ID, 10)+"&issued="+string(role), http.StatusSeeOther)
}

type usersPage struct {
	Agency *openinfo.Agency
	Query  string
	Users  []*openinfo.User
	Pager  *ui.Pager
	Roles  map[int64][]openinfo.Role // per user, the roles the officer may set
}

// handleUsers searches the officers of an agency's subtree ("จัดการรายละเอียดผู้ใช้งาน").
func (s *Admin) handleUsers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := currentUser(ctx)
	var a *openinfo.Agency
	under := int64(0)
	if !u.Role.Global() || r.FormValue("agency") != "" {
		var err error
		if a, err = s.agencyFromRequest(r); err != nil {
			s.Fail(w, r, err)
			return
		}
		under = a.ID
	}
	p := usersPage{Agency: a, Query: r.URL.Query().Get("q"), Pager: ui.NewPager(r, "page", 50), Roles: map[int64][]openinfo.Role{}}
	list, total, err := s.db.Users(ctx, store.UserFilter{Under: under, Query: p.Query, Limit: p.Pager.Size, Offset: p.Pager.Offset()})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Users = list
	p.Pager.SetTotal(total)
	for _, x := range list {
		for _, role := range openinfo.Roles {
			if role.Role == x.Role || canGiveRole(u.Officer(), role.Role, x.AgencyPath) {
				p.Roles[x.ID] = append(p.Roles[x.ID], role.Role)
			}
		}
	}
	s.Render(w, r, http.StatusOK, "admin_users", ui.T(ui.LangFrom(r), "admin.users"), p)
}

// handleUserRole changes a user's role ("แก้ไข"), only to a role the officer could issue.
func (s *Admin) handleUserRole(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	target, err := s.userFromPath(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	role := openinfo.Role(r.PostFormValue("role"))
	if !canGiveRole(currentUser(ctx).Officer(), role, target.AgencyPath) {
		s.Fail(w, r, openinfo.Errorf(openinfo.EFORBIDDEN, "ท่านกำหนดบทบาทนี้ไม่ได้", "You may not give this role."))
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if _, err := s.db.SetUserRole(ctx, target.ID, version, role); err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users?agency="+strconv.FormatInt(target.AgencyID, 10), http.StatusSeeOther)
}

// handleUserRemove takes a user out of the agency ("ลบ").
func (s *Admin) handleUserRemove(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	target, err := s.userFromPath(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if target.ID == currentUser(ctx).ID {
		s.Fail(w, r, openinfo.Errorf(openinfo.EINVALID, "นำบัญชีของตนเองออกจากหน่วยงานไม่ได้", "You cannot remove yourself."))
		return
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	agency := target.AgencyID
	if _, err := s.db.RemoveUserFromAgency(ctx, target.ID, version); err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/users?agency="+strconv.FormatInt(agency, 10), http.StatusSeeOther)
}
