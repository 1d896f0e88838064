package thaitime

import "time"

// FiscalYear returns the Thai government fiscal year (BE) that contains t's
// Bangkok date. A fiscal year runs 1 October to 30 September and is named for
// the BE year in which it ends: FY2567 is 1 Oct 2023 to 30 Sep 2024.
func FiscalYear(t time.Time) int {
	t = t.In(Bangkok)
	y := t.Year()
	if t.Month() >= time.October {
		y++
	}
	return BEFromCE(y)
}

// FiscalYearRange returns the bounds of fiscal year fyBE as Bangkok midnights:
// start is 1 October of the previous CE year, end (exclusive) is 1 October of
// the year the fiscal year ends in, so a caller can test start <= t < end.
func FiscalYearRange(fyBE int) (start, end time.Time) {
	ce := CEFromBE(fyBE)
	start = time.Date(ce-1, time.October, 1, 0, 0, 0, 0, Bangkok)
	end = time.Date(ce, time.October, 1, 0, 0, 0, 0, Bangkok)
	return start, end
}

// Quarter returns the fiscal year (BE) and fiscal quarter of t's Bangkok date:
// Q1 is Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep.
func Quarter(t time.Time) (fyBE, q int) {
	t = t.In(Bangkok)
	return FiscalYear(t), (int(t.Month())+2)%12/3 + 1
}
