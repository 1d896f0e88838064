// Package peers holds the search engines that openinfo's own index is
// benchmarked against (see searchbench.Run): SQLite FTS5 with the trigram
// tokenizer, PostgreSQL pg_trgm, and PostgreSQL full-text search over text
// pre-segmented with openinfo's Thai segmenter. Each implements
// searchbench.Engine. Only cmd/openinfo-bench imports it, so the server
// binary carries neither the peers nor their SQL.
package peers

import (
	"strings"

	"github.com/openinfo/openinfo/search"
)

// text joins the searchable fields of d that the peers index as one
// column: the alternative names (and English title), agency and place.
func altText(d *search.Doc) string {
	return strings.Join(append(append([]string(nil), d.Alt...), d.TitleEN), " ")
}

// loadBatch is the number of documents inserted per transaction.
const loadBatch = 5000
