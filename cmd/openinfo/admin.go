package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/auth"
	"github.com/openinfo/openinfo/internal/app"
	"github.com/openinfo/openinfo/store"
)

// The first officers of an installation that logs in against an outside
// OpenID provider cannot come from the built-in provider's demo accounts:
//
//	openinfo admin token --agency ID --role central_officer
//	    prints a first token that binds whoever redeems it to the agency;
//	openinfo admin grant --user LOGIN --role platform_admin
//	    makes someone who has signed in once the platform administrator
//	    (or an OPDC officer), as no token grants a role over all agencies.
//
// Both are audited with the command line as the actor.
func adminCmd(ctx context.Context, args []string, env func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "token" && args[0] != "grant") {
		fmt.Fprint(stderr, `Usage:
  openinfo admin token --agency ID --role central_officer|service_point_officer|manual_author|manual_reviewer [--valid 720h]
      print a one-time 15-digit token that binds its redeemer to the agency and role
  openinfo admin grant --user LOGIN --role platform_admin|opdc_officer
      give a role over all agencies to the officer who signed in as LOGIN (username or subject)
`)
		return errors.New("admin: say token or grant")
	}
	sub, args := args[0], args[1:]
	var agencyID int64
	var roleName, login string
	var valid time.Duration
	c, err := app.ParseConfig("admin "+sub, args, env, stderr, func(fs *flag.FlagSet) {
		switch sub {
		case "token":
			fs.Int64Var(&agencyID, "agency", 0, "ID of the agency (as in /agencies/{id})")
			fs.DurationVar(&valid, "valid", 0, "how long the token stays valid (default: --token-ttl)")
		case "grant":
			fs.StringVar(&login, "user", "", "username or subject of an officer who has signed in once")
		}
		fs.StringVar(&roleName, "role", "", "the role to give")
	})
	if err != nil {
		return err
	}
	role := openinfo.Role(roleName)
	db, err := app.OpenDB(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = openinfo.WithActor(ctx, openinfo.Actor{Name: "openinfo admin " + sub + " (command line)"})
	if sub == "grant" {
		return adminGrant(ctx, db, login, role, stdout)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	secret, err := app.InstallationSecret(ctx, c, db, log)
	if err != nil {
		return err
	}
	sealer, err := auth.NewSealer([]byte(secret))
	if err != nil {
		return err
	}
	if valid <= 0 {
		valid = c.TokenTTL
	}
	return adminToken(ctx, db, sealer, agencyID, role, valid, stdout)
}

func adminToken(ctx context.Context, db *store.DB, sealer *auth.Sealer, agencyID int64, role openinfo.Role, valid time.Duration, stdout io.Writer) error {
	if !role.Valid() || role.Global() {
		return fmt.Errorf("admin token: --role must be %s, %s, %s or %s (for platform_admin or opdc, use openinfo admin grant)",
			openinfo.RoleCentral, openinfo.RolePointOfficer, openinfo.RoleAuthor, openinfo.RoleReviewer)
	}
	if agencyID <= 0 {
		return errors.New("admin token: --agency ID is required (the number in the agency's address, /agencies/{id})")
	}
	a, err := db.Agency(ctx, agencyID)
	if err != nil {
		return fmt.Errorf("admin token: agency %d: %s", agencyID, openinfo.ErrorMessage(err, "en"))
	}
	token, err := openinfo.NewToken()
	if err != nil {
		return err
	}
	t := &openinfo.IssuedToken{Hash: openinfo.HashToken(sealer.HashKey(), token), Sealed: sealer.Seal(token),
		AgencyID: a.ID, Role: role, ExpiresAt: time.Now().Add(valid)}
	if err := db.IssueToken(ctx, t); err != nil {
		return fmt.Errorf("admin token: %s", openinfo.ErrorMessage(err, "en"))
	}
	fmt.Fprintf(stdout, "%s\n\nrole:    %s (%s)\nagency:  %s (%d)\nvalid until: %s\n\nThe officer signs in at /admin and enters this token once. It replaces any unspent token for the same agency and role.\n",
		openinfo.FormatToken(token), role.Label("en"), role.Label("th"), a.NameTH, a.ID, t.ExpiresAt.Format(time.RFC3339))
	return nil
}

func adminGrant(ctx context.Context, db *store.DB, login string, role openinfo.Role, stdout io.Writer) error {
	if !role.Global() {
		return fmt.Errorf("admin grant: --role must be %s or %s (an agency's roles come with a token: openinfo admin token)", openinfo.RoleAdmin, openinfo.RoleOPDC)
	}
	if strings.TrimSpace(login) == "" {
		return errors.New("admin grant: --user LOGIN is required: the username or subject shown on the token page after the officer signs in once")
	}
	users, err := db.UsersByLogin(ctx, login)
	if err != nil {
		return err
	}
	switch len(users) {
	case 0:
		return fmt.Errorf("admin grant: nobody has signed in as %q yet: ask them to sign in at /admin once, then run this again", login)
	case 1:
	default:
		var who []string
		for _, u := range users {
			who = append(who, fmt.Sprintf("%s at %s", u.Subject, u.Issuer))
		}
		return fmt.Errorf("admin grant: %q names %d accounts (%s); give the subject instead", login, len(users), strings.Join(who, "; "))
	}
	u, err := db.GrantGlobalRole(ctx, users[0].ID, role)
	if err != nil {
		return fmt.Errorf("admin grant: %s", openinfo.ErrorMessage(err, "en"))
	}
	fmt.Fprintf(stdout, "%s (%s at %s) is now %s (%s).\n", u.FullName(), u.Subject, u.Issuer, role.Label("en"), role.Label("th"))
	return nil
}
