package portal

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
