package bundle

import (
	"archive/zip"
	"io"

	"github.com/openinfo/openinfo"
)

// CatalogTerms is the Service Catalog's file (catalog_terms.jsonl). Only the
// published bundle of /open-data writes it, so that its readers can name the
// processes' terms; it is not one of Entities: version 1's importer seeds
// OPDC's default catalogue and does not read this file.
const CatalogTerms Entity = "catalog_terms"

// CatalogTerm is an active Service Catalog term; Parent names its parent term.
type CatalogTerm struct {
	Key
	Kind   openinfo.CatalogKind `json:"kind"`
	Code   string               `json:"code"`
	NameTH string               `json:"name_th"`
	NameEN string               `json:"name_en,omitempty"`
	Parent *Term                `json:"parent,omitempty"`
}

// NewZipWriter writes a bundle as a .zip into w (the daily open-data file
// is streamed into the database, never into a local file). Close finishes
// the zip but does not close w.
func NewZipWriter(w io.Writer) *Writer {
	return &Writer{counts: map[Entity]int{}, zw: zip.NewWriter(w)}
}
