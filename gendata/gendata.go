// Package gendata makes realistic Thai government data sets: an agency tree
// (หน่วยงาน) with service points (จุดบริการ) and citizen manuals
// (คู่มือสำหรับประชาชน) pinned to them, for tests, load tests and a new user's
// first start; and a labelled query set for the search benchmark (Queries).
//
// Generate is deterministic: the same scale and seed give byte-identical
// output, because all randomness comes from one PCG stream per stage and no
// output depends on map iteration order. The names are real where they can
// be (ministries, departments, districts, universities, state enterprises)
// and generated in the Thai pattern where they cannot (subdistricts, the
// villages of local governments).
//
// Parenting: ministries, independent bodies, local governments and the
// Bangkok Metropolitan Administration are roots. Departments, state
// enterprises, public organisations and universities sit under the ministry
// that supervises them; provinces under the Ministry of Interior; a
// department's provincial offices under the department; district offices
// (ที่ว่าการอำเภอ) under their province's Provincial Administration Office
// (ที่ทำการปกครองจังหวัด) of the Department of Provincial Administration; and
// Bangkok's 50 district offices under the BMA. Local governments are roots of
// their own: they are self-governing juristic persons, and the Department of
// Local Administration only issues their first tokens, so putting them under
// it (or under a province) would hand their data to the wrong officers.
package gendata

import (
	"fmt"
	"math/rand/v2"

	"github.com/openinfo/openinfo"
)

// Dataset is a generated agency tree with its service points.
type Dataset struct {
	Agencies []openinfo.Agency       // IDs 1..N, every parent before its children, ParentID 0 for roots
	Points   []openinfo.ServicePoint // IDs 1..M, AgencyID refers to Agencies
	// Processes are the citizen manuals, IDs 1..K in agency order, each with
	// one published content and its pins to Points.
	Processes []Process
}

// Scales accepted by Generate.
const (
	ScaleSmall    = "small"
	ScaleNational = "national"
)

// Generate builds a data set. scale is "small" (about 300 agencies, 2,000
// points and 2,000 manuals, for tests) or "national" (about 10,000 agencies in
// the real shape of the Thai state, 100,000 service points over all 77
// provinces and 200,000 manuals from the process templates). progress
// (may be nil) is called now and then with a stage name and counts.
func Generate(scale string, seed uint64, progress func(stage string, done, total int)) (*Dataset, error) {
	var p plan
	switch scale {
	case ScaleSmall:
		p = smallPlan()
	case ScaleNational:
		p = nationalPlan()
	default:
		return nil, fmt.Errorf("gendata: unknown scale %q (use %q or %q)", scale, ScaleSmall, ScaleNational)
	}
	if progress == nil {
		progress = func(string, int, int) {}
	}
	g := newGen(p, seed, progress)
	g.buildAgencies()
	g.buildPoints()
	g.buildProcesses()
	return g.ds, nil
}

// plan sizes a data set. The national plan keeps everything; the small one
// keeps a few provinces and a sample of the rest, with the same shape.
type plan struct {
	provinces        []string // provinces with regional offices, districts and local governments; nil = all
	maxDistricts     int      // per province, 0 = all
	maxKhets         int      // Bangkok districts, 0 = all 50
	maxBkkOffices    int      // Bangkok area offices per department, 0 = all
	deptsPerMinistry int      // plus every department with provincial offices; 0 = all
	unitShare        float64  // share of departments with internal units
	localShare       float64  // scales the number of municipalities and SAOs per district
	bodyEvery        int      // keep every n-th state enterprise, university, ...
	branchScale      float64  // scales state-enterprise branch counts
	agencyEstimate   int      // for progress reports
	pointEstimate    int
	manuals          int // citizen manuals in all
}

func nationalPlan() plan {
	return plan{unitShare: 0.45, localShare: 1, bodyEvery: 1, branchScale: 1, agencyEstimate: 10300, pointEstimate: 100000, manuals: nationalManuals}
}

func smallPlan() plan {
	return plan{
		provinces:    []string{"10", "20", "40", "50", "90"},
		maxDistricts: 4, maxKhets: 6, maxBkkOffices: 1,
		deptsPerMinistry: 2, unitShare: 0.1, localShare: 0.7,
		bodyEvery: 5, branchScale: 0.03,
		agencyEstimate: 300, pointEstimate: 2000, manuals: smallManuals,
	}
}

// Stream constants keep the stages' random numbers independent: adding a
// point template does not reshuffle the agency tree.
const (
	streamPlaces    = 0x6f70656e696e666f
	streamAgencies  = 0x6167656e63696573
	streamPoints    = 0x706f696e74730000
	streamProcesses = 0x6d616e75616c7300 // "manuals"
)

func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}
