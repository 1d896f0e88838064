package hsds

import (
	"context"
	"io"

	"github.com/openinfo/openinfo/bundle"
	"github.com/openinfo/openinfo/store"
)

// BundleSource names the records made in this deployment in the published
// bundle's keys (docs/bundle.md: "(source, local ID)").
const BundleSource = "info.go.th"

// WriteBundleZip writes the published data set in the format of `openinfo
// export` (docs/bundle.md) as a zip: what store.ExportPublishedBundle
// selects, which `openinfo import` reads into any database.
func WriteBundleZip(ctx context.Context, db *store.DB, base string, w io.Writer) (map[string]int, error) {
	bw := bundle.NewZipWriter(w)
	if err := db.ExportPublishedBundle(ctx, BundleSource, bw, nil); err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for e, n := range bw.Counts() {
		counts[string(e)] = n
	}
	return counts, bw.Close()
}
