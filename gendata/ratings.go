package gendata

import (
	"fmt"
	"math"
	"time"

	"github.com/openinfo/openinfo"
)

// Satisfaction ratings for load tests: "10 million satisfaction ratings a
// year" (DESIGN.md) at national scale, 20,000 at small scale, spread over
// fiscal year 2568 (1 Oct 2024 – 30 Sep 2025).

const streamRatings = 0x726174696e677300

// RatingCount returns how many ratings a scale makes.
func RatingCount(scale string) (int, error) {
	switch scale {
	case ScaleSmall:
		return 20000, nil
	case ScaleNational:
		return 10_000_000, nil
	}
	return 0, fmt.Errorf("gendata: unknown scale %q (use %q or %q)", scale, ScaleSmall, ScaleNational)
}

// RatingFiscalYear is the fiscal year (BE) the generated ratings fall in.
const RatingFiscalYear = 2568

var ratingComments = []string{
	"เจ้าหน้าที่บริการดีมาก สุภาพ ให้คำแนะนำชัดเจน",
	"รอคิวนานเกินไป ควรเพิ่มช่องบริการในช่วงเช้า",
	"ที่จอดรถไม่เพียงพอ",
	"ขั้นตอนรวดเร็ว ได้รับเอกสารภายในวันเดียว",
	"อยากให้มีบริการออนไลน์มากขึ้น",
	"ป้ายบอกทางไม่ชัดเจน หาจุดบริการยาก",
	"ประทับใจมาก ขอบคุณค่ะ",
	"ห้องน้ำควรปรับปรุงความสะอาด",
}

var ageBands = []string{"<20", "20-29", "30-39", "40-49", "50-59", "60+"}

// RatingPoint is what rating generation needs of a service point.
type RatingPoint struct{ ID, AgencyID int64 }

// Ratings calls emit for each of n ratings of the given points,
// deterministically for a seed. Popular points get many more ratings than
// quiet ones (a heavy-tailed share), each point has its own typical score,
// about 5% leave a comment and 30% a partial profile; the once-per-day rule
// does not apply to generated data (no devices). emit may keep r only until
// it returns.
func Ratings(points []RatingPoint, n int, seed uint64, emit func(r *openinfo.Rating) error) error {
	if len(points) == 0 || n == 0 {
		return nil
	}
	rng := newRand(seed, streamRatings)
	bkk := time.FixedZone("Asia/Bangkok", 7*3600)
	start := time.Date(RatingFiscalYear-543-1, time.October, 1, 0, 0, 0, 0, bkk)
	seconds := int64(time.Date(RatingFiscalYear-543, time.October, 1, 0, 0, 0, 0, bkk).Sub(start) / time.Second)
	// Per point: a base quality in 3.0..4.8 and a weight ~ Pareto (alpha 1.2).
	base := make([]float64, len(points))
	cum := make([]float64, len(points))
	total := 0.0
	for i := range points {
		base[i] = 3.0 + 1.8*rng.Float64()
		w := math.Pow(1-rng.Float64(), -1/1.2)
		total += min(w, 500)
		cum[i] = total
	}
	var r openinfo.Rating
	for i := 0; i < n; i++ {
		x := rng.Float64() * total
		lo, hi := 0, len(cum)-1
		for lo < hi {
			mid := (lo + hi) / 2
			if cum[mid] < x {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		p := points[lo]
		// Office hours, mostly: 08:30–16:30 Bangkok, any day of the year.
		day := rng.Int64N(seconds / 86400)
		t := start.Add(time.Duration(day)*24*time.Hour + 8*time.Hour + 30*time.Minute + time.Duration(rng.Int64N(8*3600))*time.Second)
		r = openinfo.Rating{PointID: p.ID, AgencyID: p.AgencyID, QuestionSet: 1, Channel: openinfo.ChannelQR, CreatedAt: t.UTC()}
		for d := 0; d < 4; d++ {
			v := int(math.Round(base[lo] + rng.NormFloat64()*0.8))
			r.Answers[d] = min(max(v, 1), 5)
		}
		if rng.IntN(20) == 0 {
			r.Comment = ratingComments[rng.IntN(len(ratingComments))]
		}
		if rng.IntN(10) < 3 {
			r.Respondent.Type = "citizen"
			r.Respondent.Sex = []string{"male", "female", "other"}[rng.IntN(3)]
			r.Respondent.Age = ageBands[rng.IntN(len(ageBands))]
		}
		if err := emit(&r); err != nil {
			return err
		}
	}
	return nil
}
