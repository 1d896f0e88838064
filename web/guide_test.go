package web

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/web/internal/ui"
)

// brokenThai finds the marks PDF extraction leaves out of order: a tone mark
// or thanthakhat before an upper vowel (เก่ียว, เพ่ือ, ข้ัน, สิทธ์ิ), or
// nikhahit + sara aa in place of sara am (ทํา).
var brokenThai = regexp.MustCompile(`[\x{0E48}-\x{0E4C}][\x{0E31}\x{0E34}-\x{0E37}\x{0E47}]|\x{0E4D}\x{0E32}|[\x{0E48}-\x{0E4B}]{2}`)

// seedArtefacts are words as the seeds spell them, and misspellings the
// seeds use; none may reach a page.
var seedArtefacts = []string{"เก่ียว", "เพ่ือ", "ข้ัน", "ท่ี", "ซ่ึง", "สิทธ์ิ", "คร้ัง", "ท้ัง", "ต้ัง", "ช่ือ",
	"ย่ิง", "ข้ึน", "เร่ือง", "ล้ิงค์", "ถ่ิน", "พ้ืน", "อ่ืน", "เปล่ียน", "เพ่ิม", "เน่ือง", "ผลสัมฤทธ์ิ",
	"คอลัมภ์", "ล้ิงค", "บราวเซอร์", "ต้ังแตวัน", "Internet Explorer"}

func checkThai(t *testing.T, where, text string) {
	t.Helper()
	if m := brokenThai.FindString(text); m != "" {
		i := strings.Index(text, m)
		from, to := max(0, i-30), min(len(text), i+30)
		t.Errorf("%s: broken Thai %q in …%s…", where, m, text[from:to])
	}
	for _, a := range seedArtefacts {
		if strings.Contains(text, a) {
			t.Errorf("%s: seed artefact %q", where, a)
		}
	}
}

func TestGuideFilesParse(t *testing.T) {
	for _, a := range []string{"เก่ียว", "เพ่ือ", "ข้ัน", "สิทธ์ิ", "ทํา"} {
		if !brokenThai.MatchString(a) {
			t.Fatalf("brokenThai misses %q", a)
		}
	}
	if m := brokenThai.FindString("เกี่ยวกับ เพื่อ ขั้นตอน สิทธิ์ ทำ น้ำ ครั้ง ทั้ง"); m != "" {
		t.Fatalf("brokenThai flags correct Thai: %q", m)
	}
	docs, err := loadGuides()
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(guideFiles, "guide/*.md")
	for _, n := range names {
		b, _ := guideFiles.ReadFile(n)
		checkThai(t, n, string(b))
	}
	// Every guide of the index and the FAQ exist in Thai and English, with
	// the same anchors, so a link works in either language.
	for _, slug := range append(guideSlugs(), faqSlug) {
		th, en := docs[slug+".th"], docs[slug+".en"]
		if th == nil || en == nil {
			t.Fatalf("%s: th=%v en=%v", slug, th != nil, en != nil)
		}
		if a, b := guideIDs(th), guideIDs(en); !slices.Equal(a, b) {
			t.Errorf("%s: anchors differ\nth %v\nen %v", slug, a, b)
		}
	}
}

func guideIDs(d *guideDoc) []string {
	var ids []string
	for _, s := range d.Sections {
		ids = append(ids, s.ID)
		for _, q := range s.Subs {
			ids = append(ids, q.ID)
		}
	}
	return ids
}

func TestGuideParser(t *testing.T) {
	d, err := parseGuide("# T\n\nLead [a](/x) **b** `c` 2*3.\n\n## S {#s}\n\n1. one\n  - sub [mail](mailto:a@b.c)\n2. [call](tel:021234567)\n\n> note\n\n### Q {#q}\n\n- x\n- y\ntext after\n")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "T" || len(d.Lead) != 7 || d.Lead[1].Href != "/x" || !d.Lead[3].Strong || !d.Lead[5].Code || d.Lead[6].Text != " 2*3." {
		t.Fatalf("lead = %+v", d.Lead)
	}
	s := d.Sections[0]
	if s.ID != "s" || len(s.Blocks) != 2 || s.Blocks[0].Kind != "ol" || len(s.Blocks[0].Items) != 2 ||
		s.Blocks[0].Items[0].Sub[0].Text[1].Href != "mailto:a@b.c" || s.Blocks[0].Items[1].Text[0].Tel != "021234567" ||
		s.Blocks[1].Kind != "note" {
		t.Fatalf("section = %+v", s)
	}
	q := s.Subs[0]
	if q.ID != "q" || len(q.Blocks) != 2 || q.Blocks[0].Kind != "ul" || q.Blocks[1].Kind != "p" {
		t.Fatalf("sub = %+v", q)
	}
	for _, bad := range []string{
		"no title",
		"# T\n\nL\n\n## S\n",                   // no id
		"# T\n\nL\n\n## S {#s}\n\n## U {#s}\n", // duplicate id
		"# T\n\nL [x](javascript:alert(1))\n",  // unsafe link
		"# T\n\nL [x](//evil.example)\n",       // off-site by scheme-relative path
		"# T\n\nL [x](tel:12a)\n",              // not a number
		"# T\n\nL **open\n",                    // unclosed
		"# T\n\nL\n\n  - orphan\n",             // sub-item with no item
		"# T\n\n### Q {#q}\n",                  // ### before ##
	} {
		if _, err := parseGuide(bad); err == nil {
			t.Errorf("parseGuide(%q) succeeded", bad)
		}
	}
}

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
func TestGuideThaiFallback(t *testing.T) {
	docs, err := loadGuides()
	if err != nil {
		t.Fatal(err)
	}
	key := "citizens." + ui.LangEN
	saved := docs[key]
	delete(docs, key)
	defer func() { docs[key] = saved }()
	f := newFixture(t)
	r := f.get(t, "/guide/citizens", "Cookie", "lang=en")
	r.want(t, 200, "This guide is available in Thai only.", `<article lang="th">`, "<h1>วิธีใช้งานสำหรับประชาชน</h1>", "On this page")
}
