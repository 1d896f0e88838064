package digitalid

import (
	"net/http"
	"time"

	openinfo "github.com/openinfo/openinfo"
)

func (p *Provider) routes() http.Handler {
	ui := http.NewServeMux()
	ui.HandleFunc("GET /{$}", p.handleHome)
	ui.HandleFunc("GET /static/style.css", p.handleCSS)
	ui.HandleFunc("GET /register", p.handleTerms)
	ui.HandleFunc("POST /register", p.handleTermsPost)
	ui.HandleFunc("GET /register/declined", p.handleDeclined)
	ui.HandleFunc("/register/identity", p.handleIdentity)
	ui.HandleFunc("/register/laser", p.handleLaser)
	ui.HandleFunc("/register/account", p.handleAccount)
	ui.HandleFunc("/register/mobile", p.handleMobile)
	ui.HandleFunc("/register/otp", p.handleRegOTP)
	ui.HandleFunc("/register/summary", p.handleSummary)
	ui.HandleFunc("GET /register/done", p.handleRegDone)
	ui.HandleFunc("GET /login", p.handleLogin)
	ui.HandleFunc("POST /login", p.handleLoginPost)
	ui.HandleFunc("GET /consent", p.handleConsent)
	ui.HandleFunc("POST /consent", p.handleConsentPost)
	ui.HandleFunc("/reset", p.handleReset)
	ui.HandleFunc("/reset/otp", p.handleResetOTP)
	ui.HandleFunc("GET /reset/done", p.handleResetDone)
	ui.HandleFunc("GET /logged-out", p.handleLoggedOut)
	if p.devMode {
		ui.HandleFunc("GET /dev/outbox", p.handleOutbox)
	}
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.fail(w, r, openinfo.Errorf(openinfo.EFORBIDDEN, "แบบฟอร์มนี้ถูกส่งมาจากเว็บไซต์อื่น ระบบจึงไม่รับไว้ เพื่อความปลอดภัยของท่าน กรุณาเปิดหน้านี้จากเว็บไซต์นี้แล้วส่งอีกครั้ง",
			"This form was sent from another website, so it was refused for your safety. Open the page on this site and send it again."))
	}))
	pages := securityHeaders(cop.Handler(p.limitBody(ui)))

	mux := http.NewServeMux()
	for _, path := range []string{"/{$}", "/static/", "/register", "/register/", "/login", "/consent", "/reset", "/reset/", "/logged-out", "/dev/"} {
		mux.Handle(path, pages)
	}
	mux.Handle("/end_session", p.endSession(p.op))
	// The protocol endpoints: discovery, keys, authorize, token, userinfo,
	// introspection, revocation (cross-origin by design; no cookies).
	mux.Handle("/", p.op)

	if p.prefix == "" {
		return mux
	}
	return http.StripPrefix(p.prefix, mux)
}

// limitBody caps form posts.
func (p *Provider) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		next.ServeHTTP(w, r)
	})
}

// endSession ends the browser's session with the provider, then lets the op
// validate the request and redirect (to a registered
// post_logout_redirect_uri only). DGA's spelling post_logout_redirect_url is
// accepted too.
func (p *Provider) endSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if v := q.Get("post_logout_redirect_url"); v != "" && q.Get("post_logout_redirect_uri") == "" {
			q.Set("post_logout_redirect_uri", v)
			q.Del("post_logout_redirect_url")
			r.URL.RawQuery = q.Encode()
		}
		if c, err := r.Cookie(cookieSession); err == nil {
			p.db.ExecContext(r.Context(), `DELETE FROM did_sessions WHERE id = $1`, hashToken(c.Value))
			p.clearCookie(w, cookieSession)
		}
		next.ServeHTTP(w, r)
	})
}

func (p *Provider) handleHome(w http.ResponseWriter, r *http.Request) {
	p.render(w, r, http.StatusOK, "home", p.newPage(w, r))
}

func (p *Provider) handleCSS(w http.ResponseWriter, r *http.Request) {
	b, _ := templateFS.ReadFile("templates/style.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(b)
}

func (p *Provider) handleLoggedOut(w http.ResponseWriter, r *http.Request) {
	p.render(w, r, http.StatusOK, "loggedout", p.newPage(w, r))
}

type outboxRow struct {
	To, Text, At string
}

func (p *Provider) handleOutbox(w http.ResponseWriter, r *http.Request) {
	pg := p.newPage(w, r)
	rows, err := p.db.QueryContext(r.Context(), `SELECT to_number, body, created_at FROM did_sms_outbox ORDER BY id DESC LIMIT 50`)
	if err != nil {
		p.fail(w, r, err)
		return
	}
	defer rows.Close()
	var list []outboxRow
	for rows.Next() {
		var o outboxRow
		var at time.Time
		if err := rows.Scan(&o.To, &o.Text, &at); err != nil {
			p.fail(w, r, err)
			return
		}
		o.At = formatDate(at.In(time.FixedZone("ICT", 7*3600)), pg.Lang) + " " + formatClock(at, pg.Lang)
		list = append(list, o)
	}
	if err := rows.Err(); err != nil {
		p.fail(w, r, err)
		return
	}
	pg.Data["Outbox"] = list
	p.render(w, r, http.StatusOK, "outbox", pg)
}
