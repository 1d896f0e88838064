package store

import (
	"context"
	"fmt"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/bundle"
)

// PublishedEntities are the files of the published bundle, in its order
// (bundle.CatalogTerms last: nothing refers to it).
var PublishedEntities = []bundle.Entity{bundle.Agencies, bundle.Points, bundle.Processes, bundle.Services, bundle.Pins, bundle.Egov, bundle.CatalogTerms}

// ExportPublishedBundle writes what the public portal shows as a bundle
// (docs/bundle.md), the one /open-data offers: active agencies (a parent
// that is not published is dropped, as the HSDS API does); visible points
// of active agencies; processes of active agencies with their published
// revision only (drafts, waiting, returned and superseded revisions are left
// out; a process never published is left out) and their active catalog
// terms; published other services of active agencies; the pins between
// those; published Section 10/16 records of active agencies; and the
// active Service Catalog. Officers, tokens, ratings (raw answers,
// respondents, comments: the portal publishes only their aggregates),
// licence reports and delay notices are never read.
//
// It runs the full export's readers and filters their records, so the two
// exports stay one format; the keys of what was kept are held in memory
// (about 30 MB for the national data) to drop what refers to anything left
// out.
func (d *DB) ExportPublishedBundle(ctx context.Context, source string, sink BundleSink, progress func(e bundle.Entity, n int)) error {
	if progress == nil {
		progress = func(bundle.Entity, int) {}
	}
	k := keyer{source}
	files := map[string]bool{} // the published manuals' attachments and Section 10/16 documents
	terms, err := d.CatalogTerms(ctx, "", false)
	if err != nil {
		return err
	}
	active := map[bundle.Term]bool{}
	for _, t := range terms {
		active[bundle.Term{Kind: t.Kind, Code: t.Code}] = true
	}
	kept := map[bundle.Entity]map[bundle.Ref]bool{}
	keep := func(e bundle.Entity, key bundle.Key) {
		if kept[e] == nil {
			kept[e] = map[bundle.Ref]bool{}
		}
		kept[e][key.Ref()] = true
	}
	has := func(e bundle.Entity, r *bundle.Ref) bool { return r != nil && kept[e][*r] }
	// filter decides whether a record is published, trimming it in place.
	steps := []struct {
		e      bundle.Entity
		fn     func(context.Context, keyer, func(bundle.Record) error) error
		filter func(bundle.Record) bool
	}{
		{bundle.Agencies, d.exportAgencies, func(x bundle.Record) bool {
			r := x.(*bundle.Agency)
			if r.Status != openinfo.StatusActive {
				return false
			}
			if r.Parent != nil && !has(bundle.Agencies, r.Parent) {
				r.Parent = nil
			}
			return true
		}},
		{bundle.Points, d.exportPoints, func(x bundle.Record) bool {
			r := x.(*bundle.Point)
			return r.Visible && has(bundle.Agencies, &r.Agency)
		}},
		{bundle.Processes, d.exportProcesses, func(x bundle.Record) bool {
			r := x.(*bundle.Process)
			if !has(bundle.Agencies, &r.Agency) {
				return false
			}
			var pub []bundle.Revision
			for _, rv := range r.Revisions {
				if rv.State == openinfo.RevPublished {
					pub = append(pub, rv)
				}
			}
			if len(pub) == 0 {
				return false
			}
			r.Revisions = pub
			var ts []bundle.Term
			for _, t := range r.Terms {
				if active[t] {
					ts = append(ts, t)
				}
			}
			r.Terms = ts
			return true
		}},
		{bundle.Services, d.exportServices, func(x bundle.Record) bool {
			r := x.(*bundle.Service)
			return r.Published && has(bundle.Agencies, &r.Agency)
		}},
		{bundle.Pins, d.exportPins, func(x bundle.Record) bool {
			r := x.(*bundle.Pin)
			return has(bundle.Points, &r.Point) && (has(bundle.Processes, r.Process) || has(bundle.Services, r.Service))
		}},
		{bundle.Egov, d.exportEgov, func(x bundle.Record) bool {
			r := x.(*bundle.EgovRecord)
			return r.State == openinfo.EgovPublished && has(bundle.Agencies, &r.Agency)
		}},
		{bundle.CatalogTerms, func(ctx context.Context, k keyer, emit func(bundle.Record) error) error {
			return exportCatalog(k, terms, emit)
		}, func(bundle.Record) bool { return true }},
	}
	for _, s := range steps {
		if err := sink.Begin(s.e); err != nil {
			return err
		}
		n := 0
		if err := s.fn(ctx, k, func(r bundle.Record) error {
			if !s.filter(r) {
				return nil
			}
			if s.e != bundle.Pins && s.e != bundle.Egov && s.e != bundle.CatalogTerms { // nothing refers to these: no need to hold their keys
				keep(s.e, r.RecordKey())
			}
			n++
			if n%1000 == 0 {
				progress(s.e, n)
			}
			for _, f := range bundle.FileRefs(r) { // public: the portal serves them
				files[f.SHA256] = true
			}
			return sink.Write(r)
		}); err != nil {
			return fmt.Errorf("export %s: %w", s.e, err)
		}
		progress(s.e, n)
	}
	if fs, ok := sink.(FileSink); ok {
		return d.exportFiles(ctx, files, fs)
	}
	return nil
}

// exportCatalog writes the active Service Catalog terms; a term whose
// parent was retired is written without it (as the HSDS API does).
func exportCatalog(k keyer, terms []openinfo.CatalogTerm, emit func(bundle.Record) error) error {
	byID := map[int64]openinfo.CatalogTerm{}
	for _, t := range terms {
		byID[t.ID] = t
	}
	for _, t := range terms {
		r := &bundle.CatalogTerm{Key: bundle.Key{Source: k.source, LegacyID: string(t.Kind) + "/" + t.Code}, Kind: t.Kind, Code: t.Code,
			NameTH: t.NameTH, NameEN: t.NameEN}
		if p, ok := byID[t.ParentID]; ok {
			r.Parent = &bundle.Term{Kind: p.Kind, Code: p.Code}
		}
		if err := emit(r); err != nil {
			return err
		}
	}
	return nil
}
