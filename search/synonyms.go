package search

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search/thai"
)

// synonymTable lists words and phrases that citizens use interchangeably
// with the formal terms of manuals: each line is one group of equivalents,
// colloquial first. A query holding any member is also searched with each
// other member in its place.
var synonymTable = [][]string{
	// Identity and civil registration.
	{"บัตรประชาชน", "บัตรประจำตัวประชาชน", "บัตร ปชช", "id card"},
	{"ทำบัตรประชาชน", "ขอมีบัตรประจำตัวประชาชน", "ทำบัตรใหม่"},
	{"บัตรหาย", "บัตรสูญหาย", "บัตรประจำตัวประชาชนสูญหาย"},
	{"หาย", "สูญหาย"},
	{"ทะเบียนบ้าน", "ทร 14", "สำเนาทะเบียนบ้าน"},
	// Moving in and moving out are opposites, never one group.
	{"ย้ายทะเบียนบ้าน", "แจ้งย้ายที่อยู่", "ย้ายที่อยู่"},
	{"ย้ายออก", "แจ้งย้ายออก", "ย้ายชื่อออก"},
	{"ย้ายเข้า", "แจ้งย้ายเข้า", "ย้ายชื่อเข้า"},
	{"ขอบ้านเลขที่", "ขอเลขที่บ้าน", "ขอเลขหมายประจำบ้าน"},
	{"แจ้งเกิด", "แจ้งการเกิด", "ขอสูติบัตร"},
	{"ใบเกิด", "สูติบัตร"},
	{"แจ้งตาย", "แจ้งการตาย", "ขอมรณบัตร"},
	{"ใบตาย", "ใบมรณะ", "มรณบัตร"},
	{"แต่งงาน", "จดทะเบียนสมรส", "ทะเบียนสมรส"},
	{"หย่า", "จดทะเบียนหย่า", "หย่าร้าง"},
	{"รับลูกบุญธรรม", "จดทะเบียนรับบุตรบุญธรรม"},
	{"เปลี่ยนชื่อ", "เปลี่ยนชื่อตัว", "ขอเปลี่ยนชื่อตัว"},
	{"เปลี่ยนนามสกุล", "เปลี่ยนชื่อสกุล", "ตั้งชื่อสกุล"},
	{"นามสกุล", "ชื่อสกุล"},
	{"พาสปอร์ต", "หนังสือเดินทาง", "passport"},
	{"วีซ่า", "ตรวจลงตรา", "visa"},
	{"ต่อวีซ่า", "ขออยู่ต่อในราชอาณาจักร"},
	{"ขอสัญชาติไทย", "แปลงสัญชาติ", "ขอถือสัญชาติไทย"},
	{"รับรองเอกสาร", "นิติกรณ์เอกสาร"},
	{"ใบตรวจประวัติ", "หนังสือรับรองการตรวจสอบประวัติบุคคล", "ตรวจประวัติอาชญากร"},

	// Vehicles and driving.
	{"ใบขับขี่", "ใบอนุญาตขับรถ", "ใบอนุญาตขับขี่", "driving licence", "driver license"},
	{"ต่อใบขับขี่", "ต่ออายุใบอนุญาตขับรถ"},
	{"ใบขับขี่หาย", "ใบแทนใบอนุญาตขับรถ"},
	{"ต่อภาษีรถ", "ชำระภาษีรถประจำปี", "เสียภาษีรถ", "ต่อทะเบียนรถ", "ภาษีรถยนต์ประจำปี"},
	{"ป้ายทะเบียน", "แผ่นป้ายทะเบียนรถ", "ป้ายทะเบียนรถ"},
	{"โอนรถ", "โอนกรรมสิทธิ์รถ", "เปลี่ยนชื่อเจ้าของรถ", "โอนทะเบียนรถ"},
	{"มอเตอร์ไซค์", "รถจักรยานยนต์", "มอไซค์", "รถมอเตอร์ไซค์"},
	{"รถเก๋ง", "รถยนต์นั่งส่วนบุคคล"},
	{"ตรอ", "สถานตรวจสภาพรถเอกชน", "ตรวจสภาพรถ"},
	{"ขนส่ง", "กรมการขนส่งทางบก", "สำนักงานขนส่ง"},

	// Land, building and home.
	{"โฉนด", "โฉนดที่ดิน", "หนังสือแสดงสิทธิในที่ดิน"},
	{"ใบอนุญาตก่อสร้าง", "ขออนุญาตก่อสร้างอาคาร", "ขออนุญาตปลูกสร้าง", "ขออนุญาตสร้างบ้าน"},
	{"ต่อเติมบ้าน", "ดัดแปลงอาคาร", "ขออนุญาตดัดแปลงอาคาร"},
	{"รื้อบ้าน", "รื้อถอนอาคาร"},
	{"ถมดิน", "ขุดดินและถมดิน", "ขุดดิน"},
	{"ขอน้ำประปา", "ขอใช้น้ำประปา", "ติดตั้งประปา", "ขอติดตั้งมาตรวัดน้ำ"},
	{"ขอไฟฟ้า", "ขอใช้ไฟฟ้า", "ติดตั้งไฟฟ้า", "ขอติดตั้งมิเตอร์ไฟฟ้า"},
	{"มิเตอร์", "มาตรวัด"},
	{"ค่าน้ำ", "ค่าน้ำประปา"},
	{"ค่าไฟ", "ค่าไฟฟ้า"},
	{"ภาษีบ้าน", "ภาษีที่ดินและสิ่งปลูกสร้าง", "ภาษีโรงเรือน"},
	{"ภาษีป้าย", "ภาษีป้ายโฆษณา"},

	// Business, work and tax.
	{"ทะเบียนพาณิชย์", "จดทะเบียนร้าน", "จดทะเบียนการค้า"},
	{"จดทะเบียนบริษัท", "จดทะเบียนนิติบุคคล", "ตั้งบริษัท"},
	{"เปิดร้านอาหาร", "ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร", "สถานที่จำหน่ายอาหาร"},
	{"ขายของออนไลน์", "พาณิชย์อิเล็กทรอนิกส์", "ขายออนไลน์"},
	{"แผงลอย", "จำหน่ายสินค้าในที่สาธารณะ"},
	{"เหล้า", "สุรา"},
	{"บุหรี่", "ยาสูบ"},
	{"ร้านขายยา", "ใบอนุญาตขายยา", "สถานที่ขายยา"},
	{"คลินิก", "สถานพยาบาล"},
	{"โรงงาน", "ใบอนุญาตประกอบกิจการโรงงาน", "รง 4"},
	{"ไกด์", "มัคคุเทศก์"},
	{"ทัวร์", "ธุรกิจนำเที่ยว", "นำเที่ยว"},
	{"ใบอนุญาตทำงาน", "เวิร์คเพอร์มิต", "work permit"},
	{"แรงงานต่างด้าว", "แรงงานข้ามชาติ", "คนต่างด้าวทำงาน"},
	{"ใบประกอบวิชาชีพ", "ใบอนุญาตประกอบวิชาชีพ"},
	{"ยื่นภาษี", "ยื่นแบบแสดงรายการภาษีเงินได้", "ภงด 90", "ภงด 91"},
	{"คืนภาษี", "ขอคืนภาษี", "ขอคืนเงินภาษีอากร"},
	{"vat", "ภาษีมูลค่าเพิ่ม", "ภพ 20"},
	{"เลขผู้เสียภาษี", "เลขประจำตัวผู้เสียภาษีอากร"},
	{"ใบเสร็จ", "ใบเสร็จรับเงิน"},

	// Welfare, health and education.
	{"เบี้ยคนแก่", "เบี้ยยังชีพผู้สูงอายุ", "เบี้ยผู้สูงอายุ", "เบี้ยคนชรา"},
	{"คนแก่", "ผู้สูงอายุ", "คนชรา"},
	{"ตาย", "เสียชีวิต"},
	{"ริมถนน", "ริมทาง", "ทางสาธารณะ"},
	{"เบี้ยคนพิการ", "เบี้ยความพิการ", "เบี้ยยังชีพคนพิการ"},
	{"บัตรคนพิการ", "บัตรประจำตัวคนพิการ"},
	{"บัตรทอง", "หลักประกันสุขภาพแห่งชาติ", "สิทธิบัตรทอง", "สามสิบบาท"},
	{"บัตรคนจน", "บัตรสวัสดิการแห่งรัฐ"},
	{"เงินเด็กแรกเกิด", "เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด"},
	{"ตกงาน", "ว่างงาน", "ประโยชน์ทดแทนกรณีว่างงาน"},
	{"ค่าคลอด", "ประโยชน์ทดแทนกรณีคลอดบุตร", "ค่าคลอดบุตร"},
	{"เงินชราภาพ", "บำเหน็จชราภาพ", "บำนาญชราภาพ"},
	{"ทะเบียนเกษตรกร", "ขึ้นทะเบียนเกษตรกร", "สมุดทะเบียนเกษตรกร"},
	{"หมาบ้า", "พิษสุนัขบ้า"},
	{"หมา", "สุนัข"},

	// Security, justice and the military.
	{"ใบพกปืน", "ใบอนุญาตพกพาอาวุธปืน", "ป 12"},
	{"ขอมีปืน", "ใบอนุญาตให้มีและใช้อาวุธปืน", "ป 4"},
	{"เกณฑ์ทหาร", "ตรวจเลือกทหารกองเกิน", "ตรวจเลือกเข้ารับราชการทหาร"},
	{"ลงทะเบียนทหาร", "ลงบัญชีทหารกองเกิน", "สด 9"},
	{"แจ้งความ", "แจ้งความร้องทุกข์"},
	{"โรงพัก", "สถานีตำรวจ"},
	{"ร้องเรียน", "ร้องทุกข์", "แจ้งเรื่องร้องเรียน"},

	// Agencies and places.
	{"อำเภอ", "ที่ว่าการอำเภอ"},
	{"สรรพากร", "กรมสรรพากร"},
	{"มือถือ", "โทรศัพท์เคลื่อนที่"},
	{"ออนไลน์", "อิเล็กทรอนิกส์", "online"},
}

// abbreviationsText is the reviewed list of government abbreviations and
// their expansions (abbreviations.txt): groups of synonymTable too.
//
//go:embed abbreviations.txt
var abbreviationsText string

// Abbreviation is an entry of the reviewed list of abbreviations.
type Abbreviation struct {
	Abbr       string
	Expansions []string
}

// englishText is the reviewed list of English words for Thai services
// and their Thai equivalents (english.txt): groups of synonymTable too.
//
//go:embed english.txt
var englishText string

// Abbreviations returns the reviewed list of abbreviations.
func Abbreviations() []Abbreviation { return readPairs(abbreviationsText) }

// EnglishWords returns the reviewed list of English words, each with its
// Thai equivalents (as Expansions).
func EnglishWords() []Abbreviation { return readPairs(englishText) }

// readPairs reads a list of lines "word<TAB>expansion | expansion", with
// comments (#) and blank lines.
func readPairs(text string) []Abbreviation {
	var out []Abbreviation
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" || line[0] == '#' {
			continue
		}
		abbr, exp, ok := strings.Cut(line, "\t")
		if !ok {
			panic("search: no tab in " + line)
		}
		a := Abbreviation{Abbr: strings.TrimSpace(abbr)}
		for _, e := range strings.Split(exp, "|") {
			a.Expansions = append(a.Expansions, strings.TrimSpace(e))
		}
		out = append(out, a)
	}
	return out
}

// synKey is the form in which phrases are compared: normalised, with
// everything but letters, marks and digits dropped, so that "ทร.14",
// "ทร 14" and "ทร14" are one key.
func synKey(s string) string {
	s = thai.Normalize(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// tableSynonyms maps the key of every member of synonymTable to its group.
var tableSynonyms = func() map[string][]string {
	m := make(map[string][]string)
	groups := synonymTable
	for _, a := range Abbreviations() {
		groups = append(groups[:len(groups):len(groups)], append([]string{a.Abbr}, a.Expansions...))
	}
	// English words lead to their Thai equivalents, one way: the Thai
	// equivalents of one English word are not synonyms of each other
	// (permit: ใบอนุญาต, ขออนุญาต; business: พาณิชย์, ธุรกิจ).
	for _, a := range EnglishWords() {
		k := synKey(a.Abbr)
		m[k] = append(m[k], a.Expansions...)
	}
	for _, g := range groups {
		for _, w := range g {
			k := synKey(w)
			for _, o := range g {
				if synKey(o) != k {
					m[k] = append(m[k], o)
				}
			}
		}
	}
	return m
}()

// Synonym phrases: a member of synonymTable of several words ("ทร 14",
// "จดทะเบียนการค้า") matches only where its words stand side by side, or
// its words alone would find house number 14 and trademark registration
// (เครื่องหมายการค้า). The analyzer adds a phrase term to each run of words
// of a field whose letters are a member's key (see analyzer.analyze), and
// a query rewritten with the member searches that one term.
var synPhrases, synPrefixes = func() (map[string]bool, map[string]bool) {
	phrases, prefixes := map[string]bool{}, map[string]bool{}
	add := func(w string) {
		k := synKey(w)
		if k == "" {
			return
		}
		phrases[k] = true
		for i := range k {
			if i > 0 {
				prefixes[k[:i]] = true
			}
		}
		prefixes[k] = true
	}
	for _, g := range synonymTable {
		for _, w := range g {
			add(w)
		}
	}
	for _, a := range append(Abbreviations(), EnglishWords()...) {
		add(a.Abbr)
		for _, e := range a.Expansions {
			add(e)
		}
	}
	return phrases, prefixes
}()

// maxPhraseWords is the most words of a synonym phrase found as a term.
const maxPhraseWords = 16

// phraseTerm is the term of the synonym phrase of key k: no word starts
// with \x01, so it is never typed, completed or corrected.
func phraseTerm(k string) string { return "\x01" + k }

// learnedSynonyms maps the common names of documents to their titles, so
// that a common name given to one document finds the others that share its
// formal title.
type learnedSynonyms struct {
	mu sync.RWMutex
	m  map[string][]string // key of an alternative name → titles
}

// Bounds on what is learnt.
const (
	maxLearntNames  = 100000
	maxTitlesPerAlt = 3
	maxAltRunes     = 40
)

func newLearnedSynonyms() *learnedSynonyms {
	return &learnedSynonyms{m: make(map[string][]string)}
}

func (l *learnedSynonyms) learn(docs []Doc) {
	l.mu.Lock()
	defer l.mu.Unlock()
	// Titles and names repeat across thousands of documents: normalise each
	// once.
	norm := make(map[string]string)
	keys := make(map[string]string)
	key := func(s string) string {
		k, ok := keys[s]
		if !ok {
			k = synKey(s)
			keys[s] = k
		}
		return k
	}
	for i := range docs {
		d := &docs[i]
		if len(d.Alt) == 0 {
			continue
		}
		title, ok := norm[d.Title]
		if !ok {
			title = thai.Normalize(d.Title)
			norm[d.Title] = title
		}
		if title == "" {
			continue
		}
		for _, a := range d.Alt {
			if utf8.RuneCountInString(a) > maxAltRunes {
				continue
			}
			k := key(a)
			if k == "" || k == key(title) {
				continue
			}
			ts, ok := l.m[k]
			if !ok && len(l.m) >= maxLearntNames {
				continue
			}
			if len(ts) < maxTitlesPerAlt && !contains(ts, title) {
				l.m[k] = append(ts, title)
			}
		}
	}
}

func (l *learnedSynonyms) lookup(k string) []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.m[k]
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
