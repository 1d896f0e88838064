package search

import (
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/openinfo/openinfo/search/thai"
)

// Limits on the words learnt from names, in runes.
const (
	minLearnt = 2
	maxLearnt = 20
)

// placePrefixes are the administrative words that precede a place name;
// the name after them is a word of its own (อำเภอเมืองเชียงใหม่ →
// เมืองเชียงใหม่).
var placePrefixes = []string{
	"กรุงเทพมหานคร", "จังหวัด", "อำเภอ", "กิ่งอำเภอ", "ตำบล", "เขต", "แขวง",
	"เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด",
}

// AddWords adds the domain's words found in docs to the dictionary, so that
// names the dictionary lacks are cut as whole words: place names (after
// their administrative prefix), short common names (Alt), and the stretches
// of titles and agency names that the dictionary does not know. Upsert calls
// it unless WithLearnWords(false); documents indexed before a word was learnt
// keep their earlier segmentation until they are upserted again. It returns
// the number of new words.
func (ix *Index) AddWords(docs ...Doc) int {
	seen := make(map[string]bool)
	var places, names []string
	note := func(list *[]string, s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			*list = append(*list, s)
		}
	}
	for i := range docs {
		d := &docs[i]
		note(&places, d.Place)
		note(&names, d.Title)
		note(&names, d.Agency)
		for _, a := range d.Alt {
			note(&places, a) // short common names are words as they stand
			note(&names, a)
		}
	}
	words := learnWords(ix.dict, places, names)
	return ix.dict.Learn(words...)
}

// learnWords returns the candidate words of places (Thai runs, without an
// administrative prefix) and names (stretches unknown to d), working on all
// cores.
func learnWords(d *thai.Dict, places, names []string) []string {
	var out []string
	for _, p := range places {
		for _, run := range strings.Fields(thai.Normalize(p)) {
			run = strings.Trim(run, "().,-/")
			for _, pre := range placePrefixes {
				if rest, ok := strings.CutPrefix(run, pre); ok && rest != "" {
					run = rest
					break
				}
			}
			if n := utf8.RuneCountInString(run); n >= minLearnt && n <= maxLearnt && isThaiWord(run) {
				out = append(out, run)
			}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	found := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(names); i += workers {
				for _, tok := range d.SegmentOffsets(thai.Normalize(names[i])) {
					n := utf8.RuneCountInString(tok.Text)
					if n >= minLearnt && n <= maxLearnt && isThaiWord(tok.Text) && !d.Contains(tok.Text) {
						found[w] = append(found[w], tok.Text)
					}
				}
			}
		}()
	}
	wg.Wait()
	for _, f := range found {
		out = append(out, f...)
	}
	return out
}

// isThaiWord reports whether s is made of Thai letters only (no digits or
// signs) and starts where a word can start.
func isThaiWord(s string) bool {
	for i, r := range s {
		first := (r >= '\u0E01' && r <= '\u0E2E') || (r >= '\u0E40' && r <= '\u0E44')
		mark := (r >= '\u0E30' && r <= '\u0E3A') || r == '\u0E45' || (r >= '\u0E47' && r <= '\u0E4E')
		if !first && (i == 0 || !mark) {
			return false
		}
	}
	return s != ""
}

// stopWords are dropped from queries: question words and particles that
// documents do not contain.
var stopWords = set(
	"ที่ไหน", "ไหน", "อย่างไร", "ยังไง", "ไง", "ไหม", "มั้ย", "บ้าง", "ครับ", "ค่ะ", "คะ", "นะ",
	"จ้ะ", "จ้า", "หน่อย", "อะไร", "วิธี", "อยาก", "ต้องการ", "เท่าไร", "เท่าไหร่", "กี่", "ยัง",
	"how", "to", "where", "what", "the", "a", "an", "of", "for", "in", "my", "i",
)

// weakWords are optional in queries: a document need not contain them, but
// scores higher if it does.
var weakWords = set(
	"การ", "ความ", "ทำ", "ขอ", "ยื่น", "เรื่อง", "ของ", "และ", "หรือ", "ที่", "ใน", "ให้", "ได้",
	"ไป", "มา", "จะ", "ต้อง", "ใช้", "กับ", "แก่", "โดย", "จาก", "เพื่อ", "ด้วย", "เป็น", "มี",
	"ว่า", "กรณี", "ผู้", "เอกสาร", "ประจำ", "and", "or", "on",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
