package gendata

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/openinfo/openinfo"
)

// Process is a generated citizen manual (คู่มือสำหรับประชาชน): the process
// record, its published content and the service points it is pinned to.
// IDs are 1..K in the order of their agencies; AgencyID refers to
// Dataset.Agencies and PointIDs to Dataset.Points.
type Process struct {
	ID          int64
	AgencyID    int64
	Template    string   // the template's stable code, "driving_licence_new"
	NameTH      string   // ชื่อกระบวนงาน, the template's name plus the variant's suffix
	CommonNames []string // ชื่อเรียกทั่วไป
	TermCodes   []string // Service Catalog codes (openinfo.DefaultCatalog): categories and user groups
	Content     openinfo.ManualContent
	PointIDs    []int64 // 1..N points of the agency or of its subtree, ascending
}

// Manual counts per scale.
const (
	nationalManuals = 200000
	smallManuals    = 2000
)

// procTemplate is one kind of process as many agencies run it. The
// catalogue (process_templates.go) writes it compactly; compile turns it into
// ready rows once.
type procTemplate struct {
	code     string
	name     string   // formal name, "การขออนุญาตก่อสร้างอาคาร"
	common   []string // colloquial names
	roles    string   // space-separated agency roles that run it (roleMacros expand)
	cat      openinfo.ManualCategory
	terms    string   // space-separated catalog codes
	laws     string   // ";"-separated law keys of laws, "key" or "key@มาตรา 21"
	unit     string   // responsible section; "a/b" = one of them per agency
	steps    []string // "T 30m detail": T = D document check, C consideration, S signing, O other; unit m, h, d (days), b (business days)
	docs     []string // commonDocs key; "?" prefix = optional; "+name|originals|copies|issuer" other, "*name|..." identity
	fees     []string // "detail|205", "detail|100-3000" (per agency, by ordinance), "detail|2%"
	limit    string   // legal time limit "45d" / "30b" / "" none
	online   string   // online channel's URL; "site" = the agency's own website; "" none
	criteria string   // the process's own conditions, one per line
	variants []string // name suffixes of further processes, "(กรณีชำรุด)"
	multi    bool     // linked with other agencies (ServiceMultiAgency)
	impact   bool     // of economic or social importance
	weight   int      // how likely an agency lists it, 1..10 (0 = 5)
}

// roleMacros expand in procTemplate.roles.
var roleMacros = map[string]string{
	"lao":   "sao muni pattaya khet",      // local governments that run local services
	"civil": "district khet city pattaya", // registration offices (สำนักทะเบียน)
}

// compiled is a template ready to generate from.
type compiled struct {
	t        *procTemplate
	roles    []string
	terms    []string
	laws     []openinfo.LegalBasis
	limitLaw string
	limitVal int
	limitU   openinfo.DurationUnit
	units    []string
	steps    []openinfo.Step
	docs     []openinfo.Document
	optional []bool
	fees     []feeSpec
	criteria []string
	weight   float64
	names    []string // the plain name, then one per variant
	// criteriaText is section 12 for each choice of the optional common
	// rules (bit i set: criteriaCommon[2+i] included), shared by every
	// manual that makes that choice.
	criteriaText [4]string
}

type feeSpec struct {
	detail string
	lo, hi float64
	unit   openinfo.FeeUnit
}

// compileTemplates checks and compiles the catalogue; a mistake in it is a
// programming error, so it panics (the tests compile it).
func compileTemplates(list []procTemplate) []compiled {
	out := make([]compiled, len(list))
	seen := map[string]bool{}
	for i := range list {
		t := &list[i]
		if seen[t.code] {
			panic("gendata: repeated process template " + t.code)
		}
		seen[t.code] = true
		c := compiled{t: t, weight: float64(t.weight)}
		if c.weight == 0 {
			c.weight = 5
		}
		for _, r := range strings.Fields(t.roles) {
			if m, ok := roleMacros[r]; ok {
				c.roles = append(c.roles, strings.Fields(m)...)
			} else {
				c.roles = append(c.roles, r)
			}
		}
		c.terms = strings.Fields(t.terms)
		for _, k := range strings.Split(t.laws, ";") {
			k, sec, _ := strings.Cut(strings.TrimSpace(k), "@")
			b, ok := laws[k]
			if !ok {
				panic(fmt.Sprintf("gendata: template %s: unknown law %q", t.code, k))
			}
			b.Section = sec
			c.laws = append(c.laws, b)
		}
		if t.limit != "" {
			v, u := parseDuration(t.code, t.limit)
			c.limitVal, c.limitU = int(v), u
			c.limitLaw = lawTitle(c.laws[0])
		}
		if t.unit != "" {
			c.units = strings.Split(t.unit, "/")
		}
		for _, s := range t.steps {
			typ, rest, _ := strings.Cut(s, " ")
			dur, detail, _ := strings.Cut(rest, " ")
			st := openinfo.Step{Detail: detail}
			switch typ {
			case "D":
				st.Type = openinfo.StepDocumentCheck
			case "C":
				st.Type = openinfo.StepConsideration
			case "S":
				st.Type = openinfo.StepSigning
			case "O":
				st.Type = openinfo.StepOther
			default:
				panic(fmt.Sprintf("gendata: template %s: bad step %q", t.code, s))
			}
			st.Duration, st.Unit = parseDuration(t.code, dur)
			c.steps = append(c.steps, st)
		}
		for _, d := range t.docs {
			opt := strings.HasPrefix(d, "?")
			d = strings.TrimPrefix(d, "?")
			doc, ok := parseDoc(d)
			if !ok {
				panic(fmt.Sprintf("gendata: template %s: bad document %q", t.code, d))
			}
			c.docs = append(c.docs, doc)
			c.optional = append(c.optional, opt)
		}
		for _, f := range t.fees {
			detail, amt, _ := strings.Cut(f, "|")
			fs := feeSpec{detail: detail, unit: openinfo.FeeBaht}
			if p, ok := strings.CutSuffix(amt, "%"); ok {
				fs.unit = openinfo.FeePercent
				amt = p
			}
			lo, hi, isRange := strings.Cut(amt, "-")
			var err1, err2 error
			fs.lo, err1 = strconv.ParseFloat(lo, 64)
			fs.hi = fs.lo
			if isRange {
				fs.hi, err2 = strconv.ParseFloat(hi, 64)
			}
			if err1 != nil || err2 != nil || fs.hi < fs.lo {
				panic(fmt.Sprintf("gendata: template %s: bad fee %q", t.code, f))
			}
			c.fees = append(c.fees, fs)
		}
		for _, l := range strings.Split(t.criteria, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				c.criteria = append(c.criteria, l)
			}
		}
		c.names = append(c.names, t.name)
		for _, v := range t.variants {
			c.names = append(c.names, t.name+" "+v)
		}
		for mask := range c.criteriaText {
			lines := make([]string, 0, len(c.criteria)+len(criteriaCommon))
			for _, l := range c.criteria {
				lines = append(lines, strconv.Itoa(len(lines)+1)+". "+l)
			}
			for i, l := range criteriaCommon {
				if i < 2 || mask&(1<<(i-2)) != 0 {
					lines = append(lines, strconv.Itoa(len(lines)+1)+". "+l)
				}
			}
			c.criteriaText[mask] = strings.Join(lines, "\n")
		}
		if len(c.roles) == 0 || len(c.steps) == 0 || !t.cat.Valid() || t.name == "" {
			panic("gendata: incomplete process template " + t.code)
		}
		out[i] = c
	}
	return out
}

func parseDuration(code, s string) (float64, openinfo.DurationUnit) {
	if s == "" {
		panic("gendata: template " + code + ": empty duration")
	}
	n, err := strconv.ParseFloat(s[:len(s)-1], 64)
	if err != nil {
		panic(fmt.Sprintf("gendata: template %s: bad duration %q", code, s))
	}
	switch s[len(s)-1] {
	case 'm':
		return n, openinfo.UnitMinute
	case 'h':
		return n, openinfo.UnitHour
	case 'd':
		return n, openinfo.UnitDay
	case 'b':
		return n, openinfo.UnitBusinessDay
	}
	panic(fmt.Sprintf("gendata: template %s: bad duration unit %q", code, s))
}

// parseDoc reads a commonDocs key or an inline "+name|originals|copies|issuer"
// ("*" instead of "+" for an identity document).
func parseDoc(s string) (openinfo.Document, bool) {
	if s == "" {
		return openinfo.Document{}, false
	}
	if s[0] != '+' && s[0] != '*' {
		d, ok := commonDocs[s]
		return d, ok
	}
	f := strings.Split(s[1:], "|")
	if len(f) < 3 {
		return openinfo.Document{}, false
	}
	o, err1 := strconv.Atoi(f[1])
	c, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil || o+c == 0 {
		return openinfo.Document{}, false
	}
	d := openinfo.Document{Group: openinfo.DocOther, Name: f[0], Originals: o, Copies: c, Unit: openinfo.DocUnitCopy}
	if s[0] == '*' {
		d.Group = openinfo.DocIdentity
	}
	if len(f) > 3 {
		d.Issuer = f[3]
	}
	if strings.HasPrefix(d.Name, "ชุด") || strings.Contains(d.Name, "แบบแปลน") {
		d.Unit = openinfo.DocUnitSet
	}
	return d, true
}

// lawTitle writes a law as manuals cite it: "พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522".
func lawTitle(b openinfo.LegalBasis) string {
	s := b.Kind + b.Name
	if b.YearBE != 0 {
		s += " พ.ศ. " + strconv.Itoa(b.YearBE)
	}
	return s
}

// rolesOf names what kind of agency ai is, for matching templates.
func (g *gen) rolesOf(ai int) []string {
	m := &g.meta[ai]
	switch m.kind {
	case kMinistry:
		return []string{"ministry"}
	case kDept:
		return []string{"dept:" + m.key}
	case kUnit:
		parent := g.ds.Agencies[ai].ParentID
		if parent > 0 && g.meta[parent-1].key != "" {
			return []string{"unit", "dept:" + g.meta[parent-1].key}
		}
		return []string{"unit"}
	case kRegional:
		if m.reg != nil {
			return []string{"reg:" + m.reg.dept}
		}
		return []string{"regional"}
	case kProvince:
		return []string{"province"}
	case kDistrict:
		return []string{"district"}
	case kKhet:
		return []string{"khet"}
	case kBMA:
		return []string{"bma"}
	case kBMAUnit:
		return []string{"bmaunit"}
	case kPattaya:
		return []string{"pattaya"}
	case kPAO:
		return []string{"pao"}
	case kMuni:
		if m.level >= muniMueang {
			return []string{"muni", "city"}
		}
		return []string{"muni"}
	case kSAO:
		return []string{"sao"}
	case kBody:
		return []string{"body:" + m.key}
	}
	return nil
}

// manualsWanted is how many manuals an agency of this kind lists before the
// totals are scaled to the plan: local governments and registration offices
// list many, head offices a few.
func (g *gen) manualsWanted(r *rand.Rand, ai int) int {
	m := &g.meta[ai]
	between := func(lo, hi int) int { return lo + r.IntN(hi-lo+1) }
	switch m.kind {
	case kSAO:
		return between(14, 30)
	case kMuni:
		if m.level >= muniMueang {
			return between(30, 48)
		}
		return between(18, 34)
	case kPattaya:
		return 50
	case kKhet:
		return between(35, 50)
	case kBMA:
		return between(10, 20)
	case kBMAUnit:
		return between(2, 8)
	case kPAO:
		return between(5, 12)
	case kDistrict:
		return between(22, 38)
	case kProvince:
		return between(6, 14)
	case kRegional:
		return between(12, 25)
	case kDept:
		return between(6, 20)
	case kBody:
		return between(2, 8)
	case kUnit:
		return between(1, 3)
	}
	return between(1, 2)
}

// slot is one process an agency could list: a template and a variant.
type slot struct {
	tmpl    int
	variant int // 0 = the plain name, else variants[variant-1]
}

var stepHours = []string{
	"จันทร์ถึงศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) ตั้งแต่เวลา 08:30 - 16:30 น. (มีพักเที่ยง)",
	"จันทร์ถึงศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) ตั้งแต่เวลา 08:30 - 16:30 น. (ไม่มีพักเที่ยง)",
	"วันจันทร์ถึงวันศุกร์ ตั้งแต่เวลา 08:30 - 16:30 น. (ยกเว้นวันหยุดราชการ)",
	"จันทร์ถึงศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) ตั้งแต่เวลา 08:00 - 16:00 น. (มีพักเที่ยง)",
}

// boilerplate criteria every licensing manual carries in some form (the
// Licensing Facilitation Act's rules on incomplete requests).
var criteriaCommon = []string{
	"ผู้ยื่นคำขอต้องยื่นคำขอด้วยตนเอง กรณีมอบอำนาจให้ผู้อื่นยื่นแทนต้องมีหนังสือมอบอำนาจพร้อมสำเนาบัตรประจำตัวประชาชนของผู้มอบอำนาจและผู้รับมอบอำนาจ",
	"กรณีคำขอหรือเอกสารหลักฐานไม่ครบถ้วน และ/หรือมีความบกพร่องไม่สมบูรณ์ เป็นเหตุให้ไม่สามารถพิจารณาได้ เจ้าหน้าที่จะจัดทำบันทึกความบกพร่องของรายการเอกสารหรือเอกสารหลักฐานที่ต้องยื่นเพิ่มเติม โดยผู้ยื่นคำขอจะต้องดำเนินการแก้ไขและ/หรือยื่นเอกสารเพิ่มเติมภายในระยะเวลาที่กำหนดในบันทึกดังกล่าว มิเช่นนั้นจะถือว่าผู้ยื่นคำขอละทิ้งคำขอ โดยเจ้าหน้าที่และผู้ยื่นคำขอหรือผู้ได้รับมอบอำนาจจะลงนามบันทึกดังกล่าว และจะมอบสำเนาบันทึกความบกพร่องดังกล่าวให้ผู้ยื่นคำขอหรือผู้ได้รับมอบอำนาจไว้เป็นหลักฐาน",
	"ระยะเวลาการให้บริการตามคู่มือเริ่มนับหลังจากเจ้าหน้าที่ตรวจสอบเอกสารครบถ้วนตามที่ระบุไว้ในคู่มือประชาชนเรียบร้อยแล้ว",
	"หน่วยงานจะแจ้งผลการพิจารณาให้ผู้ยื่นคำขอทราบภายใน 7 วันนับแต่วันที่พิจารณาแล้วเสร็จ ตามมาตรา 10 แห่งพระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558",
}

var remarksPool = []string{
	"ผู้ขอรับบริการสามารถตรวจสอบสถานะคำขอได้ทางโทรศัพท์ในวันและเวลาราชการ",
	"กรณีเอกสารเป็นภาษาต่างประเทศ ต้องแนบคำแปลเป็นภาษาไทยที่ผ่านการรับรองคำแปลแล้ว",
	"สำเนาเอกสารทุกฉบับให้ผู้ยื่นคำขอลงลายมือชื่อรับรองสำเนาถูกต้อง",
	"หน่วยงานอาจขอเอกสารเพิ่มเติมได้เท่าที่จำเป็นตามข้อเท็จจริงของแต่ละกรณี",
}

// buildProcesses makes the scale's manuals over the agencies that run them
// and pins each to service points of its agency or the agency's subtree.
func (g *gen) buildProcesses() {
	r := newRand(g.seed, streamProcesses)
	tmpls := compiledTemplates()
	byRole := map[string][]int{}
	for i := range tmpls {
		for _, role := range tmpls[i].roles {
			byRole[role] = append(byRole[role], i)
		}
	}
	n := len(g.ds.Agencies)
	// Each agency's possible processes, in catalogue order.
	slots := make([][]slot, n)
	wanted := make([]int, n)
	sum := 0
	for ai := range g.ds.Agencies {
		if g.ds.Agencies[ai].Status != openinfo.StatusActive {
			continue
		}
		var ts []int
		for _, role := range append(g.rolesOf(ai), "*") {
			ts = append(ts, byRole[role]...)
		}
		slices.Sort(ts)
		ts = slices.Compact(ts)
		for _, ti := range ts {
			for v := 0; v <= len(tmpls[ti].t.variants); v++ {
				slots[ai] = append(slots[ai], slot{ti, v})
			}
		}
		wanted[ai] = min(g.manualsWanted(r, ai), len(slots[ai]))
		sum += wanted[ai]
	}
	counts := scaleCounts(wanted, slots, g.plan.manuals, sum)
	g.ds.Processes = make([]Process, 0, g.plan.manuals)
	pts := g.pointsByAgency()
	children := make([][]int, n)
	for ai, a := range g.ds.Agencies {
		if a.ParentID > 0 {
			children[a.ParentID-1] = append(children[a.ParentID-1], ai)
		}
	}
	for ai := range g.ds.Agencies {
		if counts[ai] == 0 {
			continue
		}
		chosen := pickSlots(r, tmpls, slots[ai], counts[ai])
		counters, online := g.pinCandidates(ai, pts, children)
		at := g.agencyText(ai)
		for _, s := range chosen {
			p := g.makeProcess(r, ai, at, &tmpls[s.tmpl], s.variant)
			p.PointIDs = pickPins(r, g.meta[ai].kind, counters, online)
			g.ds.Processes = append(g.ds.Processes, p)
			if k := len(g.ds.Processes); k%5000 == 0 {
				g.progress("manuals", k, g.plan.manuals)
			}
		}
	}
	g.progress("manuals", len(g.ds.Processes), len(g.ds.Processes))
}

// scaleCounts scales the wanted counts so that they add up to total, each
// within the agency's slots.
func scaleCounts(wanted []int, slots [][]slot, total, sum int) []int {
	counts := make([]int, len(wanted))
	if sum == 0 {
		return counts
	}
	f := float64(total) / float64(sum)
	type rem struct {
		ai   int
		frac float64
	}
	var rems []rem
	got := 0
	for ai, w := range wanted {
		x := float64(w) * f
		counts[ai] = min(int(x), len(slots[ai]))
		got += counts[ai]
		if counts[ai] < len(slots[ai]) && w > 0 {
			rems = append(rems, rem{ai, x - math.Floor(x)})
		}
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.frac > b.frac:
			return -1
		case a.frac < b.frac:
			return 1
		}
		return 0
	})
	for progress := true; got < total && progress; {
		progress = false
		for _, x := range rems {
			if got == total {
				break
			}
			if counts[x.ai] < len(slots[x.ai]) {
				counts[x.ai]++
				got++
				progress = true
			}
		}
	}
	return counts
}

// pickSlots chooses n of an agency's slots, likelier templates first
// (weighted sampling without replacement), and returns them in catalogue
// order. A variant is a third as likely as its plain process.
func pickSlots(r *rand.Rand, tmpls []compiled, all []slot, n int) []slot {
	if n >= len(all) {
		return all
	}
	type keyed struct {
		s   slot
		key float64
		i   int
	}
	ks := make([]keyed, len(all))
	for i, s := range all {
		w := tmpls[s.tmpl].weight
		if s.variant > 0 {
			w /= 3
		}
		ks[i] = keyed{s, math.Pow(r.Float64(), 1/w), i}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		switch {
		case a.key > b.key:
			return -1
		case a.key < b.key:
			return 1
		}
		return 0
	})
	ks = ks[:n]
	slices.SortFunc(ks, func(a, b keyed) int { return a.i - b.i })
	out := make([]slot, n)
	for i, k := range ks {
		out[i] = k.s
	}
	return out
}

// pointsByAgency lists each agency's points (indexes into Points).
func (g *gen) pointsByAgency() [][]int {
	out := make([][]int, len(g.ds.Agencies))
	for i, p := range g.ds.Points {
		out[p.AgencyID-1] = append(out[p.AgencyID-1], i)
	}
	return out
}

// pinCandidates are the visible counters and online points a manual of
// agency ai may be pinned to: its own, or when it has no counter, those of
// its subtree (a department's provincial offices).
func (g *gen) pinCandidates(ai int, pts [][]int, children [][]int) (counters, online []int64) {
	collect := func(a int) {
		for _, pi := range pts[a] {
			p := &g.ds.Points[pi]
			if !p.Visible {
				continue
			}
			switch p.Kind {
			case openinfo.PointCounter:
				counters = append(counters, p.ID)
			case openinfo.PointOnline:
				online = append(online, p.ID)
			}
		}
	}
	collect(ai)
	if len(counters) == 0 {
		queue := append([]int(nil), children[ai]...)
		for len(queue) > 0 && len(counters) < 200 {
			a := queue[0]
			queue = queue[1:]
			collect(a)
			queue = append(queue, children[a]...)
		}
	}
	return counters, online
}

// pickPins chooses 1..N of the candidates: a few counters for a local office,
// often all of them for a head office with a national presence, and
// sometimes the online channel too.
func pickPins(r *rand.Rand, kind metaKind, counters, online []int64) []int64 {
	var out []int64
	switch {
	case len(counters) == 0:
	case (kind == kDept || kind == kBody) && len(counters) > 6 && r.IntN(10) < 7:
		out = append(out, counters[:min(len(counters), 100)]...)
	default:
		k := 1 + r.IntN(min(len(counters), 3))
		for _, i := range r.Perm(len(counters))[:k] {
			out = append(out, counters[i])
		}
	}
	if len(online) > 0 && (len(out) == 0 || r.IntN(10) < 4) {
		out = append(out, online[r.IntN(len(online))])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// agencyText is what every manual of an agency prints about it, made once
// per agency and shared by its manuals.
type agencyText struct {
	place, phone string
	complaints   []openinfo.ComplaintChannel
	short        string
	responsible  map[string]string // section → "section agency"
}

func (g *gen) agencyText(ai int) *agencyText {
	a := &g.ds.Agencies[ai]
	at := &agencyText{place: a.NameTH, short: a.ShortName, responsible: map[string]string{}}
	if at.short == "" {
		at.short = a.NameTH
	}
	addr := a.Contact.Address.Format("th")
	if addr != "" {
		at.place += " " + addr
	}
	detail := at.place
	if len(a.Contact.Phones) > 0 {
		at.phone = a.Contact.Phones[0]
		detail += " โทรศัพท์ " + at.phone
	}
	if a.Contact.Website != "" {
		detail += " / " + a.Contact.Website
	}
	def := openinfo.DefaultComplaintChannels()
	at.complaints = []openinfo.ComplaintChannel{{Channel: "ร้องเรียนต่อ" + a.NameTH, Detail: detail}, def[1], def[2]}
	return at
}

// makeProcess writes one manual of template c for agency ai.
func (g *gen) makeProcess(r *rand.Rand, ai int, at *agencyText, c *compiled, variant int) Process {
	a := &g.ds.Agencies[ai]
	m := &g.meta[ai]
	t := c.t
	name := c.names[variant]
	mc := openinfo.ManualContent{
		Name:        name,
		AgencyName:  a.NameTH,
		ServiceType: openinfo.ServiceSingleUnit,
		Category:    t.cat,
		LegalBases:  c.laws,
		Impact:      openinfo.ImpactGeneral,
	}
	if t.multi {
		mc.ServiceType = openinfo.ServiceMultiAgency
	}
	if t.impact {
		mc.Impact = openinfo.ImpactEconomicSocial
	}
	switch m.kind {
	case kSAO, kMuni, kPAO, kPattaya, kBMA, kKhet, kBMAUnit:
		mc.ServiceAreas = []openinfo.ServiceArea{openinfo.AreaLocal}
	case kRegional, kProvince, kDistrict:
		mc.ServiceAreas = []openinfo.ServiceArea{openinfo.AreaRegional}
	default:
		mc.ServiceAreas = []openinfo.ServiceArea{openinfo.AreaCentral}
		if r.IntN(3) == 0 {
			mc.ServiceAreas = append(mc.ServiceAreas, openinfo.AreaRegional)
		}
	}
	if c.limitVal > 0 {
		mc.TimeLimit = openinfo.LegalTimeLimit{Law: c.limitLaw, Value: c.limitVal, Unit: c.limitU}
	}
	avg := 1 + r.IntN(30)
	if m.kind == kDistrict || m.kind == kKhet || m.kind == kRegional {
		avg *= 1 + r.IntN(20)
	}
	mc.Stats = openinfo.Stats{AvgPerMonth: avg, Max: avg + r.IntN(avg+5), Min: r.IntN(avg + 1)}
	mc.ReferenceName = name + " " + at.short + " " + strconv.Itoa(2560+r.IntN(9))

	// Section 11: the agency's counter, and the online channel if any.
	mc.Channels = make([]openinfo.ServiceChannel, 1, 2)
	mc.Channels[0] = openinfo.ServiceChannel{Kind: openinfo.ChannelCounter, Place: at.place, Phone: at.phone,
		Hours: stepHours[r.IntN(len(stepHours))], Note: "ติดต่อด้วยตนเอง ณ หน่วยงาน"}
	if url := t.online; url != "" {
		if url == "site" {
			url = a.Contact.Website
		}
		if url != "" {
			mc.Channels = append(mc.Channels, openinfo.ServiceChannel{Kind: openinfo.ChannelOnline,
				Place: "ยื่นคำขอทางระบบออนไลน์", URL: url, Hours: "ตลอด 24 ชั่วโมง"})
		}
	}

	// Section 12: the template's conditions and the usual rules.
	mc.Criteria = c.criteriaText[r.IntN(len(c.criteriaText))]

	// Section 13: the steps, durations varied per agency.
	unit := a.NameTH
	if len(c.units) > 0 {
		sec := c.units[r.IntN(len(c.units))]
		if unit = at.responsible[sec]; unit == "" {
			unit = sec + " " + a.NameTH
			at.responsible[sec] = unit
		}
	}
	mc.Steps = make([]openinfo.Step, len(c.steps))
	for i, s := range c.steps {
		s.Duration = vary(r, s.Duration, s.Unit)
		s.Responsible = unit
		mc.Steps[i] = s
	}
	mc.ReducedSteps = r.IntN(10) < 3

	// Section 15: required documents, some optional ones, the variant's.
	mc.Documents = make([]openinfo.Document, 0, len(c.docs)+1)
	for i, d := range c.docs {
		if c.optional[i] && r.IntN(2) == 0 {
			continue
		}
		mc.Documents = append(mc.Documents, d)
	}
	if variant > 0 {
		if d, ok := variantDoc(t.variants[variant-1]); ok {
			mc.Documents = append(mc.Documents, d)
		}
	}
	if len(mc.Documents) == 0 {
		mc.Documents = nil
		mc.NoDocuments = true
	}

	// Section 16: fees, fixed by law or set per agency by its ordinance.
	for _, f := range c.fees {
		amt := f.lo
		if f.hi > f.lo {
			step := 10.0
			if f.hi-f.lo >= 1000 {
				step = 100
			}
			amt = f.lo + step*float64(r.IntN(int((f.hi-f.lo)/step)+1))
		}
		mc.Fees = append(mc.Fees, openinfo.Fee{Detail: f.detail, Amount: amt, Unit: f.unit})
	}

	// Section 17: the agency itself, then the national hotlines.
	mc.Complaints = at.complaints
	if r.IntN(4) == 0 {
		mc.Remarks = remarksPool[r.IntN(len(remarksPool))]
	}

	common := t.common
	if len(common) > 2 && r.IntN(3) == 0 {
		common = common[:len(common)-1] // not every agency lists every colloquial name
	}
	return Process{
		ID:          int64(len(g.ds.Processes) + 1),
		AgencyID:    a.ID,
		Template:    t.code,
		NameTH:      name,
		CommonNames: common,
		TermCodes:   c.terms,
		Content:     mc,
	}
}

// vary moves a step's duration by up to half either way, in sensible steps.
func vary(r *rand.Rand, d float64, u openinfo.DurationUnit) float64 {
	x := d * (0.5 + r.Float64())
	switch u {
	case openinfo.UnitMinute:
		return max(5, math.Round(x/5)*5)
	default:
		return max(1, math.Round(x))
	}
}

// variantDoc is the extra document a variant needs, by its suffix.
func variantDoc(suffix string) (openinfo.Document, bool) {
	switch {
	case strings.Contains(suffix, "สูญหาย") || strings.Contains(suffix, "หาย"):
		return commonDocs["report_lost"], true
	case strings.Contains(suffix, "ชำรุด"):
		return commonDocs["licence_old"], true
	case strings.Contains(suffix, "มอบอำนาจ"):
		return commonDocs["poa"], true
	}
	return openinfo.Document{}, false
}
