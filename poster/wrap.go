package poster

import (
	"strings"
	"unicode"
)

// estimateWidth returns an ESTIMATE of the advance width of s set at
// fontSize, in the same unit as fontSize. The poster carries no font
// metrics (the viewer picks Sarabun, Noto Sans Thai, TH Sarabun New or
// Tahoma), so each rune is counted with a per-rune factor in em that is a
// little above the typical advance in those fonts:
//
//   - Thai vowels and tone marks written above or below the consonant
//     (mai han-akat, sara i … sara phinthu, mai taikhu … yamakkan): 0;
//   - other Thai characters: 0.6;
//   - space: 0.3; narrow Latin punctuation (.,:;'!|il): 0.3;
//   - '@', 'm', 'w', 'M', 'W': 0.85; other upper-case Latin letters and
//     digits: 0.7;
//   - other Latin/ASCII: 0.55; anything else (CJK, symbols…): 1.0.
//
// It errs on the wide side so that wrapped lines fit in practice.
func estimateWidth(s string, fontSize float64) float64 {
	var em float64
	for _, r := range s {
		em += runeFactor(r)
	}
	return em * fontSize
}

func runeFactor(r rune) float64 {
	switch {
	case isThaiCombining(r):
		return 0
	case r >= 0x0E00 && r <= 0x0E7F:
		return 0.6
	case r == ' ':
		return 0.3
	case strings.ContainsRune(".,:;'!|il", r):
		return 0.3
	case r == '@' || r == 'm' || r == 'w' || r == 'M' || r == 'W':
		return 0.85
	case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return 0.7
	case r < 0x80:
		return 0.55
	case unicode.Is(unicode.Mn, r):
		return 0
	default:
		return 1.0
	}
}

// isThaiCombining reports whether r is a Thai vowel or tone mark that is
// written above or below the preceding consonant (zero advance width).
func isThaiCombining(r rune) bool {
	return r == 0x0E31 || (r >= 0x0E34 && r <= 0x0E3A) || (r >= 0x0E47 && r <= 0x0E4E)
}

// isThaiLeadingVowel reports whether r is one of เ แ โ ใ ไ, which are
// written before the consonant they follow in pronunciation and must not
// end a line.
func isThaiLeadingVowel(r rune) bool {
	return r >= 0x0E40 && r <= 0x0E44
}

// clusters splits s into Thai character clusters (a rough approximation of
// grapheme/orthographic syllable boundaries): a base character together
// with following above/below marks, sara am (ำ) and lakkhangyao (ๅ), and
// leading vowels stay with the following character. Breaking a line
// between two clusters never separates a mark from its consonant.
func clusters(s string) []string {
	var out []string
	start := 0
	prevLeading := false
	for i, r := range s {
		if i > 0 && !prevLeading && !isThaiCombining(r) && r != 0x0E33 && r != 0x0E45 && !unicode.Is(unicode.Mn, r) {
			out = append(out, s[start:i])
			start = i
		}
		prevLeading = isThaiLeadingVowel(r)
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// wrapText breaks s into lines whose estimated width (estimateWidth) at
// fontSize is at most maxWidth. Lines are broken at spaces (runs of white
// space collapse to one space); a word wider than maxWidth on its own — Thai
// is usually written without spaces between words — is broken between Thai
// character clusters. A single cluster wider than maxWidth gets a line of
// its own.
func wrapText(s string, maxWidth, fontSize float64) []string {
	return wrapTextWords(s, maxWidth, fontSize, nil)
}

// wrapTextWords is wrapText with a word splitter (Poster.Words): a
// space-separated chunk too wide for the line is broken between its words,
// and only a word too wide on its own between character clusters.
func wrapTextWords(s string, maxWidth, fontSize float64, words func(string) []string) []string {
	var lines []string
	var cur string
	for _, word := range strings.Fields(s) {
		if cur != "" {
			if estimateWidth(cur+" "+word, fontSize) <= maxWidth {
				cur += " " + word
				continue
			}
			lines = append(lines, cur)
			cur = ""
		}
		if estimateWidth(word, fontSize) <= maxWidth {
			cur = word
			continue
		}
		pieces := []string{word}
		if words != nil {
			pieces = words(word)
		}
		for _, piece := range pieces {
			if cur != "" && estimateWidth(cur+piece, fontSize) <= maxWidth {
				cur += piece
				continue
			}
			if estimateWidth(piece, fontSize) <= maxWidth {
				if cur != "" {
					lines = append(lines, cur)
				}
				cur = piece
				continue
			}
			for _, c := range clusters(piece) {
				if cur != "" && estimateWidth(cur+c, fontSize) > maxWidth {
					lines = append(lines, cur)
					cur = ""
				}
				cur += c
			}
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// fitText wraps s at the largest font size, starting at size and shrinking
// by steps down to minSize, that needs no more than maxLines lines. At
// minSize it returns however many lines are needed.
func fitText(s string, maxWidth, size, minSize float64, maxLines int) ([]string, float64) {
	return fitTextWords(s, maxWidth, size, minSize, maxLines, nil)
}

// fitTextWords is fitText with a word splitter (wrapTextWords).
func fitTextWords(s string, maxWidth, size, minSize float64, maxLines int, words func(string) []string) ([]string, float64) {
	for {
		lines := wrapTextWords(s, maxWidth, size, words)
		if len(lines) <= maxLines || size*0.9 < minSize {
			return lines, size
		}
		size *= 0.9
	}
}
