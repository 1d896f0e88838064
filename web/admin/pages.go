package admin

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/openinfo/openinfo/web/internal/ui"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/store"
)

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
	// The e-mail form of the profile: as typed when refused.
	Email string
	ui.Form
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

// handleProfile shows the officer's name, agency, role and rights, and
// sets the e-mail address their reminders go to.
func (s *Admin) handleProfile(w http.ResponseWriter, r *http.Request) {
	lang := ui.LangFrom(r)
	p := s.adminHome(r)
	p.Email = p.User.Email
	if r.Method == http.MethodPost {
		p.Email = r.PostFormValue("email")
		if _, err := s.db.SetUserEmail(r.Context(), p.User.ID, p.Email); err != nil {
			s.refused(w, r, err, &p.Form, "admin_profile", ui.T(lang, "admin.profile"), &p)
			return
		}
		http.Redirect(w, r, "/admin/profile", http.StatusSeeOther)
		return
	}
	s.Render(w, r, http.StatusOK, "admin_profile", ui.T(lang, "admin.profile"), p)
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
	// Replacing a token already handed out is asked first; the first one is not.
	current, err := s.db.CurrentTokens(ctx, a.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if slices.ContainsFunc(current, func(t *openinfo.IssuedToken) bool { return t.Role == role }) {
		lang := ui.LangFrom(r)
		if !s.confirmed(w, r, fmt.Sprintf(ui.T(lang, "confirm.token.q"), role.Label(lang)), ui.T(lang, "confirm.token.detail"),
			ui.T(lang, "confirm.token.go"), "/admin/tokens?agency="+strconv.FormatInt(a.ID, 10)) {
			return
		}
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
	lang := ui.LangFrom(r)
	back := "/admin/users?agency=" + strconv.FormatInt(target.AgencyID, 10)
	if !s.confirmed(w, r, fmt.Sprintf(ui.T(lang, "confirm.remove.q"), target.FullName()), ui.T(lang, "confirm.remove.detail"),
		ui.T(lang, "confirm.remove.go"), back) {
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
