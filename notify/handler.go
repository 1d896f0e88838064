package notify

import (
	"bytes"
	"html/template"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/openinfo/openinfo"
)

// outboxPageSize is the number of mails on one page of the outbox list.
const outboxPageSize = 50

// Handler serves a read-only development page of the outbox: GET / lists
// the mail, newest first (?page=N), and GET /{id} shows one mail. Mount it
// under a prefix with http.StripPrefix, for example
//
//	mux.Handle("/dev/outbox/", http.StripPrefix("/dev/outbox", outbox.Handler()))
//
// It has no access control and shows confirmation links and tokens: serve it
// only in development, or behind an administrator check.
//
// Everything is escaped by html/template; an HTML body is shown as escaped
// source and rendered in an iframe with an empty sandbox (no scripts, no
// forms, a unique origin) under a Content-Security-Policy that allows no
// scripts and no remote content.
func (o *Outbox) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", o.serveList)
	mux.HandleFunc("GET /{id}", o.serveMail)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "+
			"frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Robots-Tag", "noindex")
		mux.ServeHTTP(w, r)
	})
}

func (o *Outbox) serveList(w http.ResponseWriter, r *http.Request) {
	page := 1
	if p := r.URL.Query().Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 1_000_000 {
			http.Error(w, "bad page number", http.StatusBadRequest)
			return
		}
		page = n
	}
	list, total, err := o.List(r.Context(), outboxPageSize, (page-1)*outboxPageSize)
	if err != nil {
		o.serverError(w, r, err)
		return
	}
	pages := max(1, (total+outboxPageSize-1)/outboxPageSize)
	data := listPage{Mails: list, Total: total, Page: page, Pages: pages}
	if page > 1 {
		data.Prev = page - 1
	}
	if page < pages {
		data.Next = page + 1
	}
	o.render(w, r, "list", data)
}

func (o *Outbox) serveMail(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		http.NotFound(w, r)
		return
	}
	s, err := o.Get(r.Context(), id)
	if openinfo.ErrorCode(err) == openinfo.ENOTFOUND {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		o.serverError(w, r, err)
		return
	}
	o.render(w, r, "mail", mailPage{Mail: s, Text: linkify(s.Text)})
}

type listPage struct {
	Mails              []Stored
	Total, Page, Pages int
	Prev, Next         int
}

type mailPage struct {
	Mail *Stored
	Text []segment
}

// segment is a piece of a plain-text body: text, or a web link.
type segment struct {
	Text string
	URL  string
}

var linkRE = regexp.MustCompile(`https?://[^\s<>"]+`)

// linkify splits text into plain pieces and http(s) links, so that the page
// can make confirmation links clickable (html/template still escapes both).
func linkify(text string) []segment {
	var out []segment
	last := 0
	for _, loc := range linkRE.FindAllStringIndex(text, -1) {
		start, end := loc[0], loc[1]
		end = start + len(strings.TrimRight(text[start:end], ".,;:!?)'"))
		if start > last {
			out = append(out, segment{Text: text[last:start]})
		}
		out = append(out, segment{Text: text[start:end], URL: text[start:end]})
		last = end
	}
	if last < len(text) {
		out = append(out, segment{Text: text[last:]})
	}
	return out
}

func (o *Outbox) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	var buf bytes.Buffer
	if err := outboxTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		o.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

func (o *Outbox) serverError(w http.ResponseWriter, r *http.Request, err error) {
	o.log.ErrorContext(r.Context(), "outbox page", "path", r.URL.Path, "err", err)
	http.Error(w, "outbox unavailable", http.StatusInternalServerError)
}

var bangkok = time.FixedZone("ICT", 7*60*60)

var outboxTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"when": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(bangkok).Format("2006-01-02 15:04:05 -07:00")
	},
	"join": strings.Join,
}).Parse(`
{{define "head"}}<!doctype html>
<html lang="th">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.}} · openinfo outbox</title>
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:60rem;line-height:1.5}
.warn{background:#fff3cd;border:1px solid #e0c36a;padding:.5rem .75rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #ddd}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.75rem}
iframe{width:100%;height:30rem;border:1px solid #ccc}
.failed{color:#a00}.sent{color:#060}.recorded{color:#555}
</style>
</head>
<body>
<p class="warn">กล่องอีเมลขาออกสำหรับการพัฒนา มีลิงก์ยืนยันและรหัสของเจ้าหน้าที่ ห้ามเปิดให้สาธารณะเข้าถึง ·
Development outbox: it holds confirmation links and officer tokens; never expose it publicly.</p>
{{end}}

{{define "status"}}<span class="{{.Status}}">{{if eq .Status "sent"}}ส่งแล้ว · sent {{when .SentAt}}{{else if eq .Status "failed"}}ส่งไม่สำเร็จ · failed{{else}}บันทึกเท่านั้น · recorded only{{end}}</span>{{end}}

{{define "list"}}{{template "head" "กล่องอีเมลขาออก"}}
<h1>กล่องอีเมลขาออก · Outbox</h1>
<p>ทั้งหมด {{.Total}} ฉบับ · {{.Total}} mails · หน้า {{.Page}}/{{.Pages}}</p>
{{if .Mails}}
<table>
<thead><tr><th>#</th><th>เวลา · Time</th><th>ประเภท · Kind</th><th>ถึง · To</th><th>เรื่อง · Subject</th><th>สถานะ · Status</th></tr></thead>
<tbody>
{{range .Mails}}<tr>
<td><a href="{{.ID}}">{{.ID}}</a></td>
<td>{{when .CreatedAt}}</td>
<td>{{.Kind}}</td>
<td>{{join .To ", "}}</td>
<td><a href="{{.ID}}">{{.Subject}}</a></td>
<td>{{template "status" .}}</td>
</tr>
{{end}}</tbody>
</table>
{{else}}<p>ยังไม่มีอีเมล · No mail yet.</p>{{end}}
<nav>{{if .Prev}}<a href="?page={{.Prev}}">← ใหม่กว่า · newer</a>{{end}}
{{if .Next}}<a href="?page={{.Next}}">เก่ากว่า · older →</a>{{end}}</nav>
</body>
</html>
{{end}}

{{define "mail"}}{{with .Mail}}{{template "head" .Subject}}
<p><a href="./">← กล่องอีเมลขาออก · Outbox</a></p>
<h1>{{.Subject}}</h1>
<table>
<tr><th>#</th><td>{{.ID}}</td></tr>
<tr><th>ประเภท · Kind</th><td>{{.Kind}}</td></tr>
<tr><th>ถึง · To</th><td>{{join .To ", "}}</td></tr>
<tr><th>บันทึกเมื่อ · Recorded</th><td>{{when .CreatedAt}}</td></tr>
<tr><th>สถานะ · Status</th><td>{{template "status" .}}</td></tr>
{{if .Error}}<tr><th>ข้อผิดพลาด · Error</th><td><pre>{{.Error}}</pre></td></tr>{{end}}
</table>
{{end}}
<h2>ข้อความ · Text</h2>
<pre>{{range .Text}}{{if .URL}}<a href="{{.URL}}" rel="noreferrer">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{end}}</pre>
{{with .Mail.HTML}}
<h2>HTML</h2>
<iframe sandbox="" referrerpolicy="no-referrer" title="HTML body" srcdoc="{{.}}"></iframe>
<details><summary>ซอร์ส · Source</summary><pre>{{.}}</pre></details>
{{end}}
</body>
</html>
{{end}}
`))
