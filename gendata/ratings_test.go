package gendata

import (
	"fmt"
	"testing"

	"github.com/openinfo/openinfo"
)

func TestRatingsDeterministic(t *testing.T) {
	pts := []RatingPoint{{1, 10}, {2, 10}, {3, 11}, {4, 12}}
	gen := func(seed uint64) (string, map[int64]int) {
		var sig []string
		per := map[int64]int{}
		err := Ratings(pts, 5000, seed, func(r *openinfo.Rating) error {
			per[r.PointID]++
			m := openinfo.MonthKey(r.CreatedAt)
			if m < 202410 || m > 202509 {
				return fmt.Errorf("rating in %d, outside FY2568", m)
			}
			for d := 0; d < 4; d++ {
				if r.Answers[d] < 1 || r.Answers[d] > 5 {
					return fmt.Errorf("answer %d", r.Answers[d])
				}
			}
			if r.Comment != "" && len([]rune(r.Comment)) > openinfo.MaxCommentRunes {
				return fmt.Errorf("long comment")
			}
			sig = append(sig, fmt.Sprint(r.PointID, r.Answers, r.CreatedAt.Unix(), r.Comment, r.Respondent))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprint(sig), per
	}
	a, per := gen(1)
	b, _ := gen(1)
	c, _ := gen(2)
	if a != b || a == c {
		t.Fatal("not deterministic per seed")
	}
	if len(per) != len(pts) {
		t.Fatalf("points rated: %v", per)
	}
	if n, _ := RatingCount(ScaleNational); n != 10_000_000 {
		t.Fatal(n)
	}
}
