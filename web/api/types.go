package api

// Version 1 of the responses. A field is never renamed or removed within a
// version; a change that would do so makes version 2, served beside it.

// SearchV1 is a page of search results.
type SearchV1 struct {
	Query      string `json:"query"`
	Total      int    `json:"total"`
	Page       int    `json:"page"`
	DidYouMean string `json:"did_you_mean,omitempty"`
	// Corrected is true when words of the query looked misspelt and the
	// hits include those of DidYouMean, the corrected text.
	Corrected bool `json:"corrected"`
	// Partial is true when some hits match only some of the query's words
	// (SearchHitV1.Partial).
	Partial bool `json:"partial"`
	// Grouped is true when copies of one process at many agencies are one
	// hit (SearchHitV1.Copies); "ungroup=1" lists every copy, and
	// "near=50" makes a group's hit its copy in that province.
	Grouped bool                 `json:"grouped"`
	Hits    []SearchHitV1        `json:"hits"`
	Facets  map[string][]FacetV1 `json:"facets"`
}

// SearchHitV1 is one result: a manual, another service, an agency or a
// service point.
type SearchHitV1 struct {
	Kind    string  `json:"kind"` // manual, service, agency, point
	ID      int64   `json:"id"`
	URL     string  `json:"url"` // its public page
	Title   string  `json:"title"`
	TitleEN string  `json:"title_en,omitempty"`
	Agency  string  `json:"agency,omitempty"`
	Place   string  `json:"place,omitempty"`
	Score   float64 `json:"score"`
	// Partial is true when the hit matches only some of the query's words.
	Partial bool `json:"partial,omitempty"`
	// Copies is how many matching copies of the process the hit stands
	// for in a grouped search ("มีให้บริการ N แห่ง"); 1 otherwise.
	Copies int `json:"copies"`
	// Near is true when the hit is its group's copy in the "near" province.
	Near bool `json:"near,omitempty"`
	// TitleSpans and Snippet are the title and a passage cut where the
	// query's words matched (Hit).
	TitleSpans []SpanV1 `json:"title_spans,omitempty"`
	Snippet    []SpanV1 `json:"snippet,omitempty"`
}

// SpanV1 is a piece of text, matched by the query or not.
type SpanV1 struct {
	Text string `json:"Text"`
	Hit  bool   `json:"Hit"`
}

// FacetV1 is one value to filter by, with how many results have it.
type FacetV1 struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// ErrorV1 says why a request was not answered, in English and Thai.
type ErrorV1 struct {
	Error   string `json:"error"`
	ErrorTH string `json:"error_th"`
}
