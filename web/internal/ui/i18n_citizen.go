package ui

// The citizens' pages of issue 17: the manual's summary box and jump links,
// the privacy notice, the accessibility statement, the footer.
func init() {
	AddMessages(map[string][2]string{
		"manual.glance":       {"สรุปก่อนไปติดต่อ", "At a glance"},
		"manual.g.docs":       {"เอกสาร", "Documents"},
		"manual.g.moredocs":   {"และอีก %d รายการ", "and %d more"},
		"manual.g.fee":        {"ค่าธรรมเนียม", "Fee"},
		"manual.g.feerows":    {"(รวม %d รายการ)", "(%d items in all)"},
		"manual.g.time":       {"ใช้เวลา", "Time"},
		"manual.g.limit":      {"(กฎหมายกำหนดไม่เกิน %s)", "(the law allows up to %s)"},
		"manual.g.where":      {"ยื่นที่", "Where"},
		"manual.g.online":     {"ออนไลน์", "Online"},
		"manual.g.morepoints": {"จุดบริการอื่นอีก %d แห่ง", "%d more service points"},
		"manual.jump":         {"ในหน้านี้", "On this page"},
		"manual.j.steps":      {"ขั้นตอน", "Steps"},
		"manual.j.docs":       {"เอกสาร", "Documents"},
		"manual.j.fees":       {"ค่าธรรมเนียม", "Fees"},
		"manual.j.channels":   {"ช่องทางบริการ", "Channels"},
		"manual.j.points":     {"จุดบริการ", "Service points"},
		"manual.j.complaints": {"ร้องเรียน", "Complaints"},
		"manual.j.legal":      {"ข้อมูลตามกฎหมาย", "Legal details"},
		"manual.legal":        {"ข้อมูลตามกฎหมาย (ข้อ 1–10 ของคู่มือ)", "Legal details (sections 1–10 of the manual)"},
		"manual.stepno":       {"ขั้นตอนที่", "Step"},
		"manual.none":         {"ไม่มี", "None"},
		"manual.be":           {"พ.ศ.", "B.E."},
	})
}
