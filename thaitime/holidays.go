package thaitime

import "time"

// Holiday names, shared by the table and its substitution days.
const (
	thNewYear      = "วันขึ้นปีใหม่"
	enNewYear      = "New Year's Day"
	thMakha        = "วันมาฆบูชา"
	enMakha        = "Makha Bucha Day"
	thChakri       = "วันจักรี"
	enChakri       = "Chakri Memorial Day"
	thSongkran     = "วันสงกรานต์"
	enSongkran     = "Songkran Festival"
	thCoronation   = "วันฉัตรมงคล"
	enCoronation   = "Coronation Day"
	thPloughing    = "วันพืชมงคล"
	enPloughing    = "Royal Ploughing Ceremony Day"
	thVisakha      = "วันวิสาขบูชา"
	enVisakha      = "Visakha Bucha Day"
	thQueen        = "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี"
	enQueen        = "H.M. Queen Suthida's Birthday"
	thAsalha       = "วันอาสาฬหบูชา"
	enAsalha       = "Asalha Bucha Day"
	thKhaoPhansa   = "วันเข้าพรรษา"
	enKhaoPhansa   = "Buddhist Lent Day (Khao Phansa)"
	thKing         = "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว"
	enKing         = "H.M. King Maha Vajiralongkorn's Birthday"
	thMother       = "วันแม่แห่งชาติ"
	enMother       = "National Mother's Day"
	thBhumibol     = "วันนวมินทรมหาราช"
	enBhumibol     = "King Bhumibol Adulyadej the Great Memorial Day"
	thChula        = "วันปิยมหาราช"
	enChula        = "King Chulalongkorn Memorial Day"
	thFather       = "วันชาติและวันพ่อแห่งชาติ"
	enFather       = "National Day and Father's Day"
	thConstitution = "วันรัฐธรรมนูญ"
	enConstitution = "Constitution Day"
	thNewYearsEve  = "วันสิ้นปี"
	enNewYearsEve  = "New Year's Eve"
	thSpecial      = "วันหยุดราชการเพิ่มเป็นกรณีพิเศษ"
	enSpecial      = "Special government holiday"

	// A holiday on a weekend moves to the next working day; these prefixes
	// name that substitution day after the holiday it replaces.
	thSubPrefix = "วันหยุดชดเชย"
	enSubPrefix = "Substitution for "
)

// seedHolidays lists Thai government holidays for CE 2025 to 2027.
//
// This is seed data, not a rule engine: Buddhist holidays follow the lunar
// calendar, the Royal Ploughing date is set by the Royal Household, and the
// cabinet adds bridge days at short notice. Operators edit the table (or load
// their own list into NewCalendar) each year once the official list is out.
// Substitution days are listed explicitly for the same reason.
var seedHolidays = []struct {
	y      int
	m      time.Month
	d      int
	th, en string
}{
	// 2025 (BE 2568)
	{2025, time.January, 1, thNewYear, enNewYear},
	{2025, time.February, 12, thMakha, enMakha},
	{2025, time.April, 6, thChakri, enChakri}, // Sunday
	{2025, time.April, 7, thSubPrefix + thChakri, enSubPrefix + enChakri},
	{2025, time.April, 13, thSongkran, enSongkran}, // Sunday
	{2025, time.April, 14, thSongkran, enSongkran},
	{2025, time.April, 15, thSongkran, enSongkran},
	{2025, time.April, 16, thSubPrefix + thSongkran, enSubPrefix + enSongkran},
	{2025, time.May, 4, thCoronation, enCoronation}, // Sunday
	{2025, time.May, 5, thSubPrefix + thCoronation, enSubPrefix + enCoronation},
	{2025, time.May, 9, thPloughing, enPloughing},
	{2025, time.May, 11, thVisakha, enVisakha}, // Sunday
	{2025, time.May, 12, thSubPrefix + thVisakha, enSubPrefix + enVisakha},
	{2025, time.June, 2, thSpecial, enSpecial}, // cabinet bridge day
	{2025, time.June, 3, thQueen, enQueen},
	{2025, time.July, 10, thAsalha, enAsalha},
	{2025, time.July, 11, thKhaoPhansa, enKhaoPhansa},
	{2025, time.July, 28, thKing, enKing},
	{2025, time.August, 11, thSpecial, enSpecial}, // cabinet bridge day
	{2025, time.August, 12, thMother, enMother},
	{2025, time.October, 13, thBhumibol, enBhumibol},
	{2025, time.October, 23, thChula, enChula},
	{2025, time.December, 5, thFather, enFather},
	{2025, time.December, 10, thConstitution, enConstitution},
	{2025, time.December, 31, thNewYearsEve, enNewYearsEve},

	// 2026 (BE 2569). An athikamat year (extra eighth lunar month), so Makha
	// Bucha falls in March. No cabinet bridge days were settled when this
	// was written; the Royal Ploughing date should be checked when announced.
	{2026, time.January, 1, thNewYear, enNewYear},
	{2026, time.March, 3, thMakha, enMakha},
	{2026, time.April, 6, thChakri, enChakri},
	{2026, time.April, 13, thSongkran, enSongkran},
	{2026, time.April, 14, thSongkran, enSongkran},
	{2026, time.April, 15, thSongkran, enSongkran},
	{2026, time.May, 4, thCoronation, enCoronation},
	{2026, time.May, 11, thPloughing, enPloughing},
	{2026, time.May, 31, thVisakha, enVisakha}, // Sunday
	{2026, time.June, 1, thSubPrefix + thVisakha, enSubPrefix + enVisakha},
	{2026, time.June, 3, thQueen, enQueen},
	{2026, time.July, 28, thKing, enKing},
	{2026, time.July, 29, thAsalha, enAsalha},
	{2026, time.July, 30, thKhaoPhansa, enKhaoPhansa},
	{2026, time.August, 12, thMother, enMother},
	{2026, time.October, 13, thBhumibol, enBhumibol},
	{2026, time.October, 23, thChula, enChula},
	{2026, time.December, 5, thFather, enFather}, // Saturday
	{2026, time.December, 7, thSubPrefix + thFather, enSubPrefix + enFather},
	{2026, time.December, 10, thConstitution, enConstitution},
	{2026, time.December, 31, thNewYearsEve, enNewYearsEve},

	// 2027 (BE 2570). Fixed dates are certain; the Buddhist holidays are the
	// expected full-moon dates of an ordinary lunar year and the Royal
	// Ploughing day is not announced yet: check both against the cabinet's
	// list when it is published, as every year.
	{2027, time.January, 1, thNewYear, enNewYear},
	{2027, time.February, 20, thMakha, enMakha}, // Saturday
	{2027, time.February, 22, thSubPrefix + thMakha, enSubPrefix + enMakha},
	{2027, time.April, 6, thChakri, enChakri},
	{2027, time.April, 13, thSongkran, enSongkran},
	{2027, time.April, 14, thSongkran, enSongkran},
	{2027, time.April, 15, thSongkran, enSongkran},
	{2027, time.May, 4, thCoronation, enCoronation},
	{2027, time.May, 20, thVisakha, enVisakha},
	{2027, time.June, 3, thQueen, enQueen},
	{2027, time.July, 18, thAsalha, enAsalha}, // Sunday
	{2027, time.July, 19, thKhaoPhansa, enKhaoPhansa},
	{2027, time.July, 20, thSubPrefix + thAsalha, enSubPrefix + enAsalha},
	{2027, time.July, 28, thKing, enKing},
	{2027, time.August, 12, thMother, enMother},
	{2027, time.October, 13, thBhumibol, enBhumibol},
	{2027, time.October, 23, thChula, enChula}, // Saturday
	{2027, time.October, 25, thSubPrefix + thChula, enSubPrefix + enChula},
	{2027, time.December, 5, thFather, enFather}, // Sunday
	{2027, time.December, 6, thSubPrefix + thFather, enSubPrefix + enFather},
	{2027, time.December, 10, thConstitution, enConstitution},
	{2027, time.December, 31, thNewYearsEve, enNewYearsEve},
}

// DefaultHolidays returns a fresh copy of the seed holiday table (CE 2025 to
// 2027), ready for NewCalendar.
func DefaultHolidays() []Holiday {
	out := make([]Holiday, len(seedHolidays))
	for i, h := range seedHolidays {
		out[i] = Holiday{Date: time.Date(h.y, h.m, h.d, 0, 0, 0, 0, Bangkok), NameTH: h.th, NameEN: h.en}
	}
	return out
}
