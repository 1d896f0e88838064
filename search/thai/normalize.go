package thai

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Thai code points used by the normaliser and the segmenter.
const (
	saraA      = '\u0E30' // ะ
	saraAa     = '\u0E32' // า
	saraAm     = '\u0E33' // ำ
	saraE      = '\u0E40' // เ
	saraAe     = '\u0E41' // แ
	lakkhang   = '\u0E45' // ๅ
	maiEk      = '\u0E48' // ่ (first tone mark)
	maiChattwa = '\u0E4B' // ๋ (last tone mark)
	thanthakat = '\u0E4C' // ์ (karan)
	nikhahit   = '\u0E4D' // ํ
	thaiZero   = '\u0E50' // ๐
	thaiNine   = '\u0E59' // ๙
)

func isToneMark(r rune) bool { return r >= maiEk && r <= maiChattwa }

// dedupable reports whether two identical adjacent copies of r are always a
// typing error, so that one copy can be dropped: combining marks (Thai
// above/below vowels, tone marks, karan, Latin accents) and the Thai
// following vowels ะ า ำ ๅ, which can never start a word.
func dedupable(r rune) bool {
	return r == saraA || r == saraAa || r == saraAm || r == lakkhang || unicode.Is(unicode.Mn, r)
}

// Normalize returns the canonical search form of s:
//
//   - invalid UTF-8 bytes are dropped;
//   - Unicode NFC;
//   - format characters (zero-width space, zero-width (non-)joiner, word
//     joiner, BOM, soft hyphen, direction marks) and control characters are
//     removed;
//   - sara am is always the single code point U+0E33: nikhahit + sara aa
//     (U+0E4D U+0E32) becomes U+0E33, also with a tone mark between them
//     ("น ํ ้ า" → "น ้ ำ"), and a tone mark typed after sara am is moved
//     before it ("น ำ ้" → "น ้ ำ");
//   - identical repeated combining marks and following vowels are collapsed
//     to one (double tone marks, double sara u, "าา"); "เเ" (two sara e,
//     a common way of typing sara ae) becomes "แ";
//   - Thai digits ๐–๙ become ASCII 0–9;
//   - letters are lower-cased;
//   - runs of white space become one ASCII space, with none at either end.
//
// Normalize is idempotent: Normalize(Normalize(s)) == Normalize(s).
func Normalize(s string) string {
	if s == "" || normalFast(s) {
		return s
	}
	return normalizeFull(s)
}

// normalizeFull is Normalize without the fast path.
func normalizeFull(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	out := thaiPass(norm.NFC.String(s))
	// Removing characters (or lower-casing) can bring marks together that NFC
	// would reorder or compose; repeat until the text is stable. In practice
	// this loop runs at most once.
	for i := 0; i < 4 && !norm.NFC.IsNormalString(out); i++ {
		out = thaiPass(norm.NFC.String(out))
	}
	return out
}

// normalFast reports, in one cheap scan, that s is already in normal form,
// which is the common case: text saved by openinfo was normalised on the
// way in, and the index and the dictionary normalise it again on every
// read. It accepts only printable ASCII (no capitals, single inner spaces)
// and Thai letters in an order no rule of Normalize changes; anything else
// (other scripts, Thai digits, nikhahit, marks NFC would reorder) answers
// false and takes the full path. FuzzNormalize checks that a true answer
// always agrees with it.
func normalFast(s string) bool {
	var prev rune = ' ' // a leading space is not normal
	prevCCC := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if prev == ' ' {
					return false
				}
			case c < 0x20 || c == 0x7f || c >= 'A' && c <= 'Z':
				return false
			}
			prev, prevCCC = rune(c), 0
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0x0E01 || r > 0x0E5B || r >= thaiZero && r <= thaiNine || r == nikhahit {
			return false // not Thai (or invalid), or something Normalize rewrites
		}
		switch {
		case r == saraE && prev == saraE,
			isToneMark(r) && prev == saraAm,
			r == prev && dedupable(r):
			return false
		}
		ccc := 0
		switch {
		case r == 0x0E38 || r == 0x0E39: // sara u, sara uu
			ccc = 103
		case r == 0x0E3A: // phinthu
			ccc = 9
		case isToneMark(r):
			ccc = 107
		}
		if ccc > 0 && prevCCC > ccc { // NFC would swap them
			return false
		}
		prev, prevCCC = r, ccc
		i += n
	}
	return prev != ' '
}

// normBuf collects the output runes of thaiPass.
type normBuf struct{ out []rune }

func (b *normBuf) last(k int) rune {
	if len(b.out) < k {
		return -1
	}
	return b.out[len(b.out)-k]
}

func (b *normBuf) pop() rune {
	r := b.out[len(b.out)-1]
	b.out = b.out[:len(b.out)-1]
	return r
}

// push appends r, applying the Thai spelling fixes against what is already
// in the buffer.
func (b *normBuf) push(r rune) {
	switch {
	case r == saraAa && b.last(1) == nikhahit:
		// ํ า → ำ
		b.pop()
		b.push(saraAm)
		return
	case r == saraAa && isToneMark(b.last(1)) && b.last(2) == nikhahit:
		// ํ ่ า → ่ ำ
		t := b.pop()
		b.pop()
		b.push(t)
		b.push(saraAm)
		return
	case isToneMark(r) && b.last(1) == saraAm:
		// ำ ่ → ่ ำ
		b.pop()
		b.push(r)
		b.push(saraAm)
		return
	case r == saraE && b.last(1) == saraE:
		// เ เ → แ
		b.pop()
		b.push(saraAe)
		return
	case dedupable(r) && b.last(1) == r:
		return
	}
	b.out = append(b.out, r)
}

// thaiPass does everything but NFC and invalid-byte removal.
func thaiPass(s string) string {
	b := normBuf{out: make([]rune, 0, len(s))}
	for _, r := range s {
		switch {
		case r >= thaiZero && r <= thaiNine:
			r = '0' + (r - thaiZero)
		case unicode.IsSpace(r):
			if n := len(b.out); n > 0 && b.out[n-1] != ' ' {
				b.out = append(b.out, ' ')
			}
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		default:
			r = unicode.ToLower(r)
		}
		b.push(r)
	}
	if n := len(b.out); n > 0 && b.out[n-1] == ' ' {
		b.out = b.out[:n-1]
	}
	return string(b.out)
}
