package portal

import (
	"regexp"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/web/internal/ui"
)

func TestGuidePages(t *testing.T) {
	f := newFixture(t)
	en := []string{"Cookie", "lang=en"}

	// The index, in both languages, links every guide and the FAQ.
	idx := f.get(t, "/guide")
	idx.want(t, 200, `<html lang="th">`, "<title>แนวทางปฏิบัติและวิธีใช้งาน | ศูนย์รวมข้อมูลเพื่อติดต่อราชการ</title>",
		`<h1>แนวทางปฏิบัติและวิธีใช้งาน</h1>`, `href="/faq"`, "สำหรับหน่วยงานและเจ้าหน้าที่", "สำหรับประชาชน")
	idxEN := f.get(t, "/guide", en...)
	idxEN.want(t, 200, `<html lang="en">`, "<title>Guides | Government Contact Information Center</title>",
		"For agencies and officers", "For citizens", "Getting started: a guide for agencies", "Frequently asked questions")
	for _, slug := range guideSlugs() {
		idx.want(t, 200, `href="/guide/`+slug+`"`)
		idxEN.want(t, 200, `href="/guide/`+slug+`"`)
	}
	if idx.Header.Get("ETag") == "" {
		t.Error("/guide has no ETag")
	}

	titles := map[string][2]string{
		"getting-started": {"แนวทางปฏิบัติสำหรับหน่วยงาน", "Getting started: a guide for agencies"},
		"officers":        {"บทบาทและรหัส Token ของเจ้าหน้าที่", "Officer roles and tokens"},
		"manuals":         {"การจัดทำและอนุมัติคู่มือสำหรับประชาชน", "Writing and approving citizen manuals"},
		"citizens":        {"วิธีใช้งานสำหรับประชาชน", "Using the site: a guide for citizens"},
	}
	if len(titles) != len(guideSlugs()) {
		t.Fatalf("test covers %d guides of %d", len(titles), len(guideSlugs()))
	}
	pages := []response{idx, idxEN}
	for slug, title := range titles {
		th := f.get(t, "/guide/"+slug)
		th.want(t, 200, `<html lang="th">`, "<title>"+title[0]+" | ศูนย์รวมข้อมูลเพื่อติดต่อราชการ</title>", "<h1>"+title[0]+"</h1>",
			"ในหน้านี้", "ช่องทางติดต่อสอบถาม", `href="tel:026126060"`, `href="mailto:contact@dga.or.th"`)
		th.wantNot(t, "This guide is available in Thai only")
		e := f.get(t, "/guide/"+slug, en...)
		e.want(t, 200, `<html lang="en">`, "<title>"+title[1]+" | Government Contact Information Center</title>", "<h1>"+title[1]+"</h1>",
			"On this page", "Contact us")
		if th.Header.Get("ETag") == "" {
			t.Errorf("/guide/%s has no ETag", slug)
		}
		pages = append(pages, th, e)
	}
	f.get(t, "/guide/getting-started").want(t, 200, `href="/onboarding"`, `href="/admin"`, `<h2 id="first-login">`, "15 หลัก")
	f.get(t, "/guide/officers").want(t, 200, "เจ้าหน้าที่ส่วนกลาง", "เจ้าหน้าที่จุดบริการ", "เจ้าหน้าที่จัดทำคู่มือ", "เจ้าหน้าที่รีวิวคู่มือ", "จัดการ Token")

	// The FAQ: a table of contents linking every question, each an <h3>
	// with its anchor, and the contact channels.
	faq := f.get(t, "/faq")
	faq.want(t, 200, "<title>คำถามที่พบบ่อย | ศูนย์รวมข้อมูลเพื่อติดต่อราชการ</title>", "<h1>คำถามที่พบบ่อย</h1>", `<nav id="toc"`, "สารบัญ",
		"DGA Contact Center", "02-612-6060", `href="tel:026126060"`, `href="mailto:contact@dga.or.th"`, "contact@dga.or.th",
		"สำนักงาน ก.พ.ร.", `href="#toc"`)
	faqEN := f.get(t, "/faq", en...)
	faqEN.want(t, 200, `<html lang="en">`, "<title>Frequently asked questions | Government Contact Information Center</title>", "Contents",
		"DGA Contact Center", `href="tel:026126060"`, `href="mailto:contact@dga.or.th"`)
	d, _, err := guideFor(faqSlug, ui.LangTH)
	if err != nil {
		t.Fatal(err)
	}
	questions := 0
	for _, s := range d.Sections {
		faq.want(t, 200, `<h2 id="`+s.ID+`">`, `href="#`+s.ID+`"`)
		faqEN.want(t, 200, `<h2 id="`+s.ID+`">`)
		for _, q := range s.Subs {
			questions++
			faq.want(t, 200, `<h3 id="`+q.ID+`">`, `href="#`+q.ID+`"`)
			faqEN.want(t, 200, `<h3 id="`+q.ID+`">`, `href="#`+q.ID+`"`)
		}
	}
	if questions < 20 {
		t.Errorf("the FAQ has %d questions", questions)
	}
	for _, id := range []string{"token-use", "wrong-role", "published", "ask-dga"} {
		faq.want(t, 200, `<h3 id="`+id+`">`)
	}
	if faq.Header.Get("ETag") == "" {
		t.Error("/faq has no ETag")
	}
	pages = append(pages, faq, faqEN)

	// Every id on a page is unique; headings go down one level at a time;
	// every in-page link has its target; no seed artefact is left.
	idRE := regexp.MustCompile(` id="([^"]+)"`)
	hRE := regexp.MustCompile(`<h([1-6])[ >]`)
	hrefRE := regexp.MustCompile(`href="#([^"]+)"`)
	for _, p := range pages {
		where := p.Request.URL.Path + " " + p.Header.Get("Content-Language")
		seen := map[string]bool{}
		for _, m := range idRE.FindAllStringSubmatch(p.body, -1) {
			if seen[m[1]] {
				t.Errorf("%s: id %q twice", where, m[1])
			}
			seen[m[1]] = true
		}
		for _, m := range hrefRE.FindAllStringSubmatch(p.body, -1) {
			if !seen[m[1]] {
				t.Errorf("%s: link to #%s, which is not on the page", where, m[1])
			}
		}
		last := 0
		for _, m := range hRE.FindAllStringSubmatch(p.body, -1) {
			level := int(m[1][0] - '0')
			if (last == 0 && level != 1) || level > last+1 {
				t.Errorf("%s: <h%d> after <h%d>", where, level, last)
			}
			last = level
		}
		checkThai(t, where, p.body)
		if strings.Contains(p.body, "ZgotmplZ") {
			t.Errorf("%s: a link was refused by html/template", where)
		}
	}

	// Unknown guides are 404; the FAQ is not a guide slug.
	for _, p := range []string{"/guide/nope", "/guide/faq", "/guide/getting-started.th", "/guide/..%2fserver.go"} {
		f.get(t, p).want(t, 404, "ไม่พบหน้าที่ต้องการ")
	}
	// The footer links the guides and the FAQ on every page.
	f.get(t, "/").want(t, 200, `<a href="/guide">แนวทางปฏิบัติ</a>`, `<a href="/faq">คำถามที่พบบ่อย</a>`)
	f.get(t, "/", en...).want(t, 200, `<a href="/guide">Guides</a>`, `<a href="/faq">FAQ</a>`)
}

// A language with no translation shows the Thai text with a note.
