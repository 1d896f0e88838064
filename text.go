package openinfo

// Text is a phrase in Thai and English. Thai is the official language and
// always given; English may be missing, and then the Thai stands in.
type Text struct{ TH, EN string }

// In returns the text in lang: English for "en" when there is English, else
// Thai.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.TH
}
