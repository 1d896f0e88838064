package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/digitalid"
	"github.com/openinfo/openinfo/store"
)

// DemoPassword is every demo account's password (README lists the accounts).
const DemoPassword = "Openinfo2569"

// DemoNewcomerToken is the unspent token the README gives the newcomer account.
const DemoNewcomerToken = "100200300400500"

type demoOfficer struct {
	username, given, family string
	role                    openinfo.Role
	agency                  string // Thai name of the demo agency; "" for global roles and the newcomer
	token                   string
}

var demoOfficers = []demoOfficer{
	{"dltcentral", "สมชาย", "ส่วนกลาง", openinfo.RoleCentral, "กรมการขนส่งทางบก", "100000000000001"},
	{"dltchiangmai", "สมศรี", "จุดบริการ", openinfo.RolePointOfficer, "สำนักงานขนส่งจังหวัดเชียงใหม่", "100000000000002"},
	{"dltauthor", "สมศักดิ์", "จัดทำคู่มือ", openinfo.RoleAuthor, "กรมการขนส่งทางบก", "100000000000003"},
	{"dltreviewer", "สมหญิง", "รีวิวคู่มือ", openinfo.RoleReviewer, "กรมการขนส่งทางบก", "100000000000004"},
	{"opdcofficer", "วิไล", "ก.พ.ร.", openinfo.RoleOPDC, "", ""},
	{"dgaadmin", "ประเสริฐ", "ผู้ดูแลระบบ", openinfo.RoleAdmin, "", ""},
	{"newcomer1", "มานี", "มาใหม่", "", "", ""},
}

// createDemoTokens is the demo for an outside OpenID provider, whose accounts
// this process cannot create: each demo agency role's token waits unspent,
// so the first people to sign in can take the roles (the README lists them;
// openinfo admin grant makes the platform administrator).
func createDemoTokens(ctx context.Context, db *store.DB, sealer *auth.Sealer, log *slog.Logger) error {
	issued := 0
	for _, o := range demoOfficers {
		if o.token == "" {
			continue
		}
		a, err := demoAgency(ctx, db, o.agency)
		if err != nil {
			return err
		}
		if err := issueDemoToken(ctx, db, sealer, o.token, a.ID, o.role, 10*365*24*time.Hour); err != nil {
			return err
		}
		issued++
	}
	songkhla, err := demoAgency(ctx, db, "สำนักงานขนส่งจังหวัดสงขลา")
	if err != nil {
		return err
	}
	if err := issueDemoToken(ctx, db, sealer, DemoNewcomerToken, songkhla.ID, openinfo.RolePointOfficer, 10*365*24*time.Hour); err != nil {
		return err
	}
	log.Info("demo tokens issued for the outside provider's first officers; openinfo admin grant makes the administrator",
		"tokens", issued+1, "central_officer_token", demoOfficers[0].token)
	return nil
}

func demoAgency(ctx context.Context, db *store.DB, name string) (*openinfo.Agency, error) {
	list, _, err := db.Agencies(ctx, store.AgencyFilter{Query: name, Limit: 5})
	if err != nil {
		return nil, err
	}
	for _, a := range list {
		if a.NameTH == name {
			return a, nil
		}
	}
	return nil, fmt.Errorf("demo agency %q not found", name)
}

func issueDemoToken(ctx context.Context, db *store.DB, sealer *auth.Sealer, token string, agency int64, role openinfo.Role, ttl time.Duration) error {
	return db.IssueToken(ctx, &openinfo.IssuedToken{Hash: openinfo.HashToken(sealer.HashKey(), token), Sealed: sealer.Seal(token),
		AgencyID: agency, Role: role, ExpiresAt: time.Now().Add(ttl)})
}

// createDemoOfficers gives a new installation one Digital ID account per
// role, bound the way real officers are (a token issued, then redeemed), and
// a newcomer with an unspent token waiting for them.
func createDemoOfficers(ctx context.Context, db *store.DB, did *digitalid.Provider, sealer *auth.Sealer, log *slog.Logger) error {
	agencyID := func(name string) (*openinfo.Agency, error) { return demoAgency(ctx, db, name) }
	issue := func(token string, agency int64, role openinfo.Role, ttl time.Duration) error {
		return issueDemoToken(ctx, db, sealer, token, agency, role, ttl)
	}
	for i, o := range demoOfficers {
		first12 := fmt.Sprintf("3%011d", 10100000000+i*1111)
		check, err := openinfo.CitizenIDCheckDigit(first12)
		if err != nil {
			return err
		}
		sub, err := did.CreateUser(ctx, digitalid.NewUser{CitizenID: first12 + string(check), GivenName: o.given, FamilyName: o.family,
			BirthDate: time.Date(1985, time.Month(1+i), 10, 0, 0, 0, 0, time.UTC), LaserCode: "JT1-2345678-90",
			Username: o.username, Password: DemoPassword, Mobile: fmt.Sprintf("08123456%02d", i)})
		if err != nil {
			return fmt.Errorf("%s: %w", o.username, err)
		}
		u, err := db.RecordLogin(ctx, &openinfo.User{Issuer: did.Issuer(), Subject: sub, Username: o.username, GivenName: o.given, FamilyName: o.family})
		if err != nil {
			return err
		}
		switch {
		case o.role.Global():
			_, err = db.GrantGlobalRole(ctx, u.ID, o.role)
		case o.role != "":
			a, err := agencyID(o.agency)
			if err != nil {
				return err
			}
			if err := issue(o.token, a.ID, o.role, time.Hour); err != nil {
				return err
			}
			if _, err := db.RedeemToken(ctx, u.ID, openinfo.HashToken(sealer.HashKey(), o.token), time.Now()); err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
	}
	songkhla, err := agencyID("สำนักงานขนส่งจังหวัดสงขลา")
	if err != nil {
		return err
	}
	if err := issue(DemoNewcomerToken, songkhla.ID, openinfo.RolePointOfficer, 10*365*24*time.Hour); err != nil {
		return err
	}
	log.Info("demo officers created", "accounts", len(demoOfficers), "password", DemoPassword, "newcomer_token", DemoNewcomerToken)
	return nil
}
