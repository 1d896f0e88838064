package app

import (
	"context"
	"fmt"
	"time"

	"github.com/openinfo/openinfo"
	"github.com/openinfo/openinfo/gendata"
	"github.com/openinfo/openinfo/store"
	"github.com/openinfo/openinfo/thaitime"
)

// demoRatings is how many satisfaction ratings the demo's points get.
const demoRatings = 3000

// createDemoPortal fills what a citizen sees of the demo beyond the
// manuals (loaded with the demo data set): a year of ratings at its points,
// ending now, and the Section 10/16 records of its agencies with a website.
func createDemoPortal(ctx context.Context, db *store.DB, now time.Time) error {
	ds := gendata.Demo()
	// The data set's IDs start at 1; the database's may not (an import
	// into a database that had other rows): offsets by the first of each.
	first, err := demoAgency(ctx, db, ds.Agencies[0].NameTH)
	if err != nil {
		return err
	}
	pts, _, err := db.ServicePoints(ctx, store.PointFilter{Under: first.ID, Query: ds.Points[0].NameTH, WithHidden: true, Limit: 5})
	if err != nil {
		return err
	}
	var pointOff int64 = -1
	for _, p := range pts {
		if p.NameTH == ds.Points[0].NameTH {
			pointOff = p.ID - ds.Points[0].ID
		}
	}
	if pointOff < 0 {
		return fmt.Errorf("demo point %q not found", ds.Points[0].NameTH)
	}
	off := gendata.Offsets{Agency: first.ID - ds.Agencies[0].ID, Point: pointOff}
	var rp []gendata.RatingPoint
	for _, p := range ds.Points {
		if p.Visible && p.Kind == openinfo.PointCounter {
			rp = append(rp, gendata.RatingPoint{ID: p.ID + off.Point, AgencyID: p.AgencyID + off.Agency})
		}
	}
	// The generator's fiscal year, moved so that it ends this month.
	fyEnd := time.Date(gendata.RatingFiscalYear-543, time.October, 1, 0, 0, 0, 0, thaitime.Bangkok)
	shift := now.Sub(fyEnd)
	if _, err := db.LoadRatings(ctx, demoRatings, func(emit func(*openinfo.Rating) error) error {
		return gendata.Ratings(rp, demoRatings, 1, func(r *openinfo.Rating) error {
			r.CreatedAt = r.CreatedAt.Add(shift)
			return emit(r)
		})
	}, nil); err != nil {
		return fmt.Errorf("demo ratings: %w", err)
	}
	if _, err := db.LoadEgovRecords(ctx, func(emit func(*openinfo.EgovRecord) error) error {
		return gendata.DemoEgov(ds, off, now, emit)
	}); err != nil {
		return fmt.Errorf("demo Section 10/16 records: %w", err)
	}
	return nil
}
