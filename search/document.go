package search

// Kind is the kind of a searchable document.
type Kind string

// The kinds of documents.
const (
	KindManual  Kind = "manual"  // a published citizen manual (คู่มือสำหรับประชาชน)
	KindService Kind = "service" // another service (บริการอื่น)
	KindAgency  Kind = "agency"  // an agency (หน่วยงาน)
	KindPoint   Kind = "point"   // a service point (จุดให้บริการ)
)

// Facet keys that Doc.Facets and Query.Filters use. Any other key works too;
// FacetKind is filled in from Doc.Kind.
const (
	FacetKind       = "kind"
	FacetCategory   = "category"
	FacetGroup      = "group"
	FacetAgencyType = "agency_type"
	FacetProvince   = "province"
)

// Doc is one searchable document. Kind and ID identify it: upserting a Doc
// with the same Kind and ID replaces the previous version.
type Doc struct {
	Kind    Kind
	ID      int64
	Title   string   // Thai title: process name, agency name, point name
	TitleEN string   // English title: shown, and searched like Alt
	Alt     []string // common and other names (ชื่อเรียกทั่วไป): searched a little below the title
	Body    string   // other text (steps, documents, description, address): low weight
	Agency  string   // owning agency's name: searched (medium weight) and shown
	Place   string   // province / district: searched (medium weight) and shown
	Facets  map[string][]string
	Boost   float64 // static prior >= 0 (views, say); a small effect on ranking
}

// DocRef identifies a document.
type DocRef struct {
	Kind Kind
	ID   int64
}

// Ref returns the reference of d.
func (d *Doc) Ref() DocRef { return DocRef{d.Kind, d.ID} }

// Fields of a document, in order of weight.
const (
	fTitle = iota
	fAlt
	fAgency
	fPlace
	fBody
	nFields
)

// fieldWeights and fieldB are the BM25F weight and length normalisation of
// each field. Titles are short and decisive; bodies are long and noisy.
var (
	fieldWeights = [nFields]float32{5, 3.5, 2, 2, 1}
	fieldB       = [nFields]float32{0.5, 0.5, 0.3, 0.3, 0.75}
)

// BM25 saturation. BM25F sums weighted frequencies before saturating, so
// k1 is higher than BM25's usual 1.2, or a title match would barely outscore
// an agency match.
const k1 = 4

// tf is the term frequency of a term in each field of a document, packed in
// 16 bits (saturating): title 3 bits, alt 3, agency 2, place 2, body 6.
type tf uint16

var (
	tfShift = [nFields]uint{0, 3, 6, 8, 10}
	tfMax   = [nFields]uint16{7, 7, 3, 3, 63}
)

func (t tf) get(f int) uint16 { return uint16(t>>tfShift[f]) & tfMax[f] }

func (t tf) add(f int, n int) tf {
	v := int(t.get(f)) + n
	if v > int(tfMax[f]) {
		v = int(tfMax[f])
	}
	return t&^tf(tfMax[f]<<tfShift[f]) | tf(uint16(v)<<tfShift[f])
}

// merge adds every field of u to t.
func (t tf) merge(u tf) tf {
	for f := 0; f < nFields; f++ {
		if n := u.get(f); n > 0 {
			t = t.add(f, int(n))
		}
	}
	return t
}
