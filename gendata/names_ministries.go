package gendata

// The 20 ministries (and the Office of the Prime Minister, which ranks as one)
// with their departments. Fields: key, Thai name, English name, Thai short
// name, web domain (e-mail and site), hotline (four digits, "" if none).
// The key names the agency for parents, regional offices and services below.
var ministries = []ministryDef{
	{orgDef{"opm", "สำนักนายกรัฐมนตรี", "Office of the Prime Minister", "นร.", "opm.go.th", "1111"}, "10", []orgDef{
		{"ops-opm", "สำนักงานปลัดสำนักนายกรัฐมนตรี", "Office of the Permanent Secretary, Office of the Prime Minister", "สปน.", "opm.go.th", "1111"},
		{"prd", "กรมประชาสัมพันธ์", "Government Public Relations Department", "กปส.", "prd.go.th", ""},
		{"ocpb", "สำนักงานคณะกรรมการคุ้มครองผู้บริโภค", "Office of the Consumer Protection Board", "สคบ.", "ocpb.go.th", "1166"},
		{"soc", "สำนักเลขาธิการคณะรัฐมนตรี", "Secretariat of the Cabinet", "สลค.", "soc.go.th", ""},
		{"spm", "สำนักเลขาธิการนายกรัฐมนตรี", "Secretariat of the Prime Minister", "สลน.", "spm.thaigov.go.th", ""},
		{"nia", "สำนักข่าวกรองแห่งชาติ", "National Intelligence Agency", "สขช.", "nia.go.th", ""},
		{"bb", "สำนักงบประมาณ", "Bureau of the Budget", "สงป.", "bb.go.th", ""},
		{"nsc", "สำนักงานสภาความมั่นคงแห่งชาติ", "Office of the National Security Council", "สมช.", "nsc.go.th", ""},
		{"krisdika", "สำนักงานคณะกรรมการกฤษฎีกา", "Office of the Council of State", "สคก.", "krisdika.go.th", ""},
		{"ocsc", "สำนักงานคณะกรรมการข้าราชการพลเรือน", "Office of the Civil Service Commission", "สำนักงาน ก.พ.", "ocsc.go.th", ""},
		{"opdc", "สำนักงานคณะกรรมการพัฒนาระบบราชการ", "Office of the Public Sector Development Commission", "สำนักงาน ก.พ.ร.", "opdc.go.th", ""},
		{"nesdc", "สำนักงานสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ", "Office of the National Economic and Social Development Council", "สศช.", "nesdc.go.th", ""},
		{"boi", "สำนักงานคณะกรรมการส่งเสริมการลงทุน", "Office of the Board of Investment", "สกท.", "boi.go.th", ""},
		{"onwr", "สำนักงานทรัพยากรน้ำแห่งชาติ", "Office of the National Water Resources", "สทนช.", "onwr.go.th", ""},
		{"isoc", "กองอำนวยการรักษาความมั่นคงภายในราชอาณาจักร", "Internal Security Operations Command", "กอ.รมน.", "isoc.go.th", "1374"},
	}},
	{orgDef{"mod", "กระทรวงกลาโหม", "Ministry of Defence", "กห.", "mod.go.th", ""}, "10", []orgDef{
		{"ops-mod", "สำนักงานปลัดกระทรวงกลาโหม", "Office of the Permanent Secretary for Defence", "สป.กห.", "mod.go.th", ""},
		{"rtarf", "กองบัญชาการกองทัพไทย", "Royal Thai Armed Forces Headquarters", "บก.ทท.", "rtarf.mi.th", ""},
		{"rta", "กองทัพบก", "Royal Thai Army", "ทบ.", "rta.mi.th", ""},
		{"navy", "กองทัพเรือ", "Royal Thai Navy", "ทร.", "navy.mi.th", ""},
		{"rtaf", "กองทัพอากาศ", "Royal Thai Air Force", "ทอ.", "rtaf.mi.th", ""},
	}},
	{orgDef{"mof", "กระทรวงการคลัง", "Ministry of Finance", "กค.", "mof.go.th", ""}, "10", []orgDef{
		{"ops-mof", "สำนักงานปลัดกระทรวงการคลัง", "Office of the Permanent Secretary, Ministry of Finance", "สป.กค.", "mof.go.th", ""},
		{"treasury", "กรมธนารักษ์", "Treasury Department", "ธร.", "treasury.go.th", ""},
		{"cgd", "กรมบัญชีกลาง", "Comptroller General's Department", "", "cgd.go.th", ""},
		{"customs", "กรมศุลกากร", "Customs Department", "ศก.", "customs.go.th", "1164"},
		{"excise", "กรมสรรพสามิต", "Excise Department", "สส.", "excise.go.th", "1713"},
		{"rd", "กรมสรรพากร", "Revenue Department", "", "rd.go.th", "1161"},
		{"fpo", "สำนักงานเศรษฐกิจการคลัง", "Fiscal Policy Office", "สศค.", "fpo.go.th", ""},
		{"sepo", "สำนักงานคณะกรรมการนโยบายรัฐวิสาหกิจ", "State Enterprise Policy Office", "สคร.", "sepo.go.th", ""},
		{"pdmo", "สำนักงานบริหารหนี้สาธารณะ", "Public Debt Management Office", "สบน.", "pdmo.go.th", ""},
	}},
	{orgDef{"mfa", "กระทรวงการต่างประเทศ", "Ministry of Foreign Affairs", "กต.", "mfa.go.th", ""}, "10", []orgDef{
		{"ops-mfa", "สำนักงานปลัดกระทรวงการต่างประเทศ", "Office of the Permanent Secretary, Ministry of Foreign Affairs", "สป.กต.", "mfa.go.th", ""},
		{"consular", "กรมการกงสุล", "Department of Consular Affairs", "กส.", "consular.mfa.go.th", ""},
		{"protocol", "กรมพิธีการทูต", "Department of Protocol", "พธ.", "mfa.go.th", ""},
		{"dtla", "กรมสนธิสัญญาและกฎหมาย", "Department of Treaties and Legal Affairs", "", "mfa.go.th", ""},
		{"dio", "กรมองค์การระหว่างประเทศ", "Department of International Organizations", "", "mfa.go.th", ""},
		{"asean", "กรมอาเซียน", "Department of ASEAN Affairs", "", "mfa.go.th", ""},
		{"tica", "กรมความร่วมมือระหว่างประเทศ", "Thailand International Cooperation Agency", "TICA", "tica.thaigov.net", ""},
		{"dinfo", "กรมสารนิเทศ", "Department of Information", "", "mfa.go.th", ""},
	}},
	{orgDef{"mots", "กระทรวงการท่องเที่ยวและกีฬา", "Ministry of Tourism and Sports", "กก.", "mots.go.th", ""}, "10", []orgDef{
		{"ops-mots", "สำนักงานปลัดกระทรวงการท่องเที่ยวและกีฬา", "Office of the Permanent Secretary, Ministry of Tourism and Sports", "สป.กก.", "mots.go.th", ""},
		{"dot", "กรมการท่องเที่ยว", "Department of Tourism", "ทท.", "dot.go.th", ""},
		{"dpe", "กรมพลศึกษา", "Department of Physical Education", "พล.", "dpe.go.th", ""},
	}},
	{orgDef{"msdhs", "กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "Ministry of Social Development and Human Security", "พม.", "m-society.go.th", "1300"}, "10", []orgDef{
		{"ops-msdhs", "สำนักงานปลัดกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์", "Office of the Permanent Secretary, Ministry of Social Development and Human Security", "สป.พม.", "m-society.go.th", "1300"},
		{"dcy", "กรมกิจการเด็กและเยาวชน", "Department of Children and Youth", "ดย.", "dcy.go.th", ""},
		{"dwf", "กรมกิจการสตรีและสถาบันครอบครัว", "Department of Women's Affairs and Family Development", "สค.", "dwf.go.th", ""},
		{"dop", "กรมกิจการผู้สูงอายุ", "Department of Older Persons", "ผส.", "dop.go.th", ""},
		{"dep", "กรมส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ", "Department of Empowerment of Persons with Disabilities", "พก.", "dep.go.th", ""},
		{"dsdw", "กรมพัฒนาสังคมและสวัสดิการ", "Department of Social Development and Welfare", "พส.", "dsdw.go.th", ""},
	}},
	{orgDef{"mhesi", "กระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม", "Ministry of Higher Education, Science, Research and Innovation", "อว.", "mhesi.go.th", "1313"}, "10", []orgDef{
		{"ops-mhesi", "สำนักงานปลัดกระทรวงการอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม", "Office of the Permanent Secretary, Ministry of Higher Education, Science, Research and Innovation", "สป.อว.", "mhesi.go.th", "1313"},
		{"dss", "กรมวิทยาศาสตร์บริการ", "Department of Science Service", "วศ.", "dss.go.th", ""},
		{"oap", "สำนักงานปรมาณูเพื่อสันติ", "Office of Atoms for Peace", "ปส.", "oap.go.th", ""},
		{"nrct", "สำนักงานการวิจัยแห่งชาติ", "National Research Council of Thailand", "วช.", "nrct.go.th", ""},
	}},
	{orgDef{"moac", "กระทรวงเกษตรและสหกรณ์", "Ministry of Agriculture and Cooperatives", "กษ.", "moac.go.th", ""}, "10", []orgDef{
		{"ops-moac", "สำนักงานปลัดกระทรวงเกษตรและสหกรณ์", "Office of the Permanent Secretary, Ministry of Agriculture and Cooperatives", "สป.กษ.", "opsmoac.go.th", ""},
		{"rid", "กรมชลประทาน", "Royal Irrigation Department", "ชป.", "rid.go.th", "1460"},
		{"cad", "กรมตรวจบัญชีสหกรณ์", "Cooperative Auditing Department", "ตส.", "cad.go.th", ""},
		{"fisheries", "กรมประมง", "Department of Fisheries", "กป.", "fisheries.go.th", ""},
		{"dld", "กรมปศุสัตว์", "Department of Livestock Development", "ปศ.", "dld.go.th", ""},
		{"ldd", "กรมพัฒนาที่ดิน", "Land Development Department", "พด.", "ldd.go.th", "1760"},
		{"doa", "กรมวิชาการเกษตร", "Department of Agriculture", "วก.", "doa.go.th", ""},
		{"doae", "กรมส่งเสริมการเกษตร", "Department of Agricultural Extension", "กสก.", "doae.go.th", ""},
		{"cpd", "กรมส่งเสริมสหกรณ์", "Cooperative Promotion Department", "กสส.", "cpd.go.th", ""},
		{"qsds", "กรมหม่อนไหม", "Queen Sirikit Department of Sericulture", "มม.", "qsds.go.th", ""},
		{"rice", "กรมการข้าว", "Rice Department", "กข.", "ricethailand.go.th", ""},
		{"royalrain", "กรมฝนหลวงและการบินเกษตร", "Department of Royal Rainmaking and Agricultural Aviation", "ฝล.", "royalrain.go.th", ""},
		{"alro", "สำนักงานการปฏิรูปที่ดินเพื่อเกษตรกรรม", "Agricultural Land Reform Office", "ส.ป.ก.", "alro.go.th", ""},
		{"acfs", "สำนักงานมาตรฐานสินค้าเกษตรและอาหารแห่งชาติ", "National Bureau of Agricultural Commodity and Food Standards", "มกอช.", "acfs.go.th", ""},
		{"oae", "สำนักงานเศรษฐกิจการเกษตร", "Office of Agricultural Economics", "สศก.", "oae.go.th", ""},
	}},
	{orgDef{"mot", "กระทรวงคมนาคม", "Ministry of Transport", "คค.", "mot.go.th", ""}, "10", []orgDef{
		{"ops-mot", "สำนักงานปลัดกระทรวงคมนาคม", "Office of the Permanent Secretary, Ministry of Transport", "สป.คค.", "mot.go.th", ""},
		{"md", "กรมเจ้าท่า", "Marine Department", "จท.", "md.go.th", "1199"},
		{"dlt", "กรมการขนส่งทางบก", "Department of Land Transport", "ขบ.", "dlt.go.th", "1584"},
		{"doa-air", "กรมท่าอากาศยาน", "Department of Airports", "ทย.", "airports.go.th", ""},
		{"doh", "กรมทางหลวง", "Department of Highways", "ทล.", "doh.go.th", "1586"},
		{"drr", "กรมทางหลวงชนบท", "Department of Rural Roads", "ทช.", "drr.go.th", "1146"},
		{"drt", "กรมการขนส่งทางราง", "Department of Rail Transport", "ขร.", "drt.go.th", ""},
		{"otp", "สำนักงานนโยบายและแผนการขนส่งและจราจร", "Office of Transport and Traffic Policy and Planning", "สนข.", "otp.go.th", ""},
	}},
	{orgDef{"mdes", "กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "Ministry of Digital Economy and Society", "ดศ.", "mdes.go.th", ""}, "10", []orgDef{
		{"ops-mdes", "สำนักงานปลัดกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม", "Office of the Permanent Secretary, Ministry of Digital Economy and Society", "สป.ดศ.", "mdes.go.th", ""},
		{"tmd", "กรมอุตุนิยมวิทยา", "Thai Meteorological Department", "อต.", "tmd.go.th", "1182"},
		{"nso", "สำนักงานสถิติแห่งชาติ", "National Statistical Office", "สสช.", "nso.go.th", ""},
	}},
	{orgDef{"mnre", "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Ministry of Natural Resources and Environment", "ทส.", "mnre.go.th", ""}, "10", []orgDef{
		{"ops-mnre", "สำนักงานปลัดกระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Office of the Permanent Secretary, Ministry of Natural Resources and Environment", "สป.ทส.", "mnre.go.th", ""},
		{"pcd", "กรมควบคุมมลพิษ", "Pollution Control Department", "คพ.", "pcd.go.th", "1650"},
		{"dmcr", "กรมทรัพยากรทางทะเลและชายฝั่ง", "Department of Marine and Coastal Resources", "ทช.", "dmcr.go.th", ""},
		{"dmr", "กรมทรัพยากรธรณี", "Department of Mineral Resources", "ทธ.", "dmr.go.th", ""},
		{"dwr", "กรมทรัพยากรน้ำ", "Department of Water Resources", "ทน.", "dwr.go.th", ""},
		{"dgr", "กรมทรัพยากรน้ำบาดาล", "Department of Groundwater Resources", "ทบ.", "dgr.go.th", ""},
		{"forest", "กรมป่าไม้", "Royal Forest Department", "ปม.", "forest.go.th", "1310"},
		{"dcce", "กรมการเปลี่ยนแปลงสภาพภูมิอากาศและสิ่งแวดล้อม", "Department of Climate Change and Environment", "สส.", "dcce.go.th", ""},
		{"dnp", "กรมอุทยานแห่งชาติ สัตว์ป่า และพันธุ์พืช", "Department of National Parks, Wildlife and Plant Conservation", "อส.", "dnp.go.th", "1362"},
		{"onep", "สำนักงานนโยบายและแผนทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Office of Natural Resources and Environmental Policy and Planning", "สผ.", "onep.go.th", ""},
	}},
	{orgDef{"energy", "กระทรวงพลังงาน", "Ministry of Energy", "พน.", "energy.go.th", ""}, "10", []orgDef{
		{"ops-energy", "สำนักงานปลัดกระทรวงพลังงาน", "Office of the Permanent Secretary, Ministry of Energy", "สป.พน.", "energy.go.th", ""},
		{"dmf", "กรมเชื้อเพลิงธรรมชาติ", "Department of Mineral Fuels", "ชธ.", "dmf.go.th", ""},
		{"doeb", "กรมธุรกิจพลังงาน", "Department of Energy Business", "ธพ.", "doeb.go.th", ""},
		{"dede", "กรมพัฒนาพลังงานทดแทนและอนุรักษ์พลังงาน", "Department of Alternative Energy Development and Efficiency", "พพ.", "dede.go.th", ""},
		{"eppo", "สำนักงานนโยบายและแผนพลังงาน", "Energy Policy and Planning Office", "สนพ.", "eppo.go.th", ""},
	}},
	{orgDef{"moc", "กระทรวงพาณิชย์", "Ministry of Commerce", "พณ.", "moc.go.th", "1435"}, "12", []orgDef{
		{"ops-moc", "สำนักงานปลัดกระทรวงพาณิชย์", "Office of the Permanent Secretary, Ministry of Commerce", "สป.พณ.", "ops.moc.go.th", "1435"},
		{"dft", "กรมการค้าต่างประเทศ", "Department of Foreign Trade", "คต.", "dft.go.th", "1385"},
		{"dit", "กรมการค้าภายใน", "Department of Internal Trade", "คน.", "dit.go.th", "1569"},
		{"dtn", "กรมเจรจาการค้าระหว่างประเทศ", "Department of Trade Negotiations", "จต.", "dtn.go.th", ""},
		{"ipthailand", "กรมทรัพย์สินทางปัญญา", "Department of Intellectual Property", "ทป.", "ipthailand.go.th", "1368"},
		{"dbd", "กรมพัฒนาธุรกิจการค้า", "Department of Business Development", "พค.", "dbd.go.th", "1570"},
		{"ditp", "กรมส่งเสริมการค้าระหว่างประเทศ", "Department of International Trade Promotion", "สค.", "ditp.go.th", "1169"},
		{"tpso", "สำนักงานนโยบายและยุทธศาสตร์การค้า", "Trade Policy and Strategy Office", "สนค.", "tpso.go.th", ""},
	}},
	{orgDef{"moi", "กระทรวงมหาดไทย", "Ministry of Interior", "มท.", "moi.go.th", "1567"}, "10", []orgDef{
		{"ops-moi", "สำนักงานปลัดกระทรวงมหาดไทย", "Office of the Permanent Secretary for Interior", "สป.มท.", "moi.go.th", "1567"},
		{"dopa", "กรมการปกครอง", "Department of Provincial Administration", "ปค.", "dopa.go.th", "1548"},
		{"cdd", "กรมการพัฒนาชุมชน", "Community Development Department", "พช.", "cdd.go.th", ""},
		{"dol", "กรมที่ดิน", "Department of Lands", "ทด.", "dol.go.th", ""},
		{"ddpm", "กรมป้องกันและบรรเทาสาธารณภัย", "Department of Disaster Prevention and Mitigation", "ปภ.", "disaster.go.th", "1784"},
		{"dpt", "กรมโยธาธิการและผังเมือง", "Department of Public Works and Town & Country Planning", "ยผ.", "dpt.go.th", ""},
		{"dla", "กรมส่งเสริมการปกครองท้องถิ่น", "Department of Local Administration", "สถ.", "dla.go.th", ""},
	}},
	{orgDef{"moj", "กระทรวงยุติธรรม", "Ministry of Justice", "ยธ.", "moj.go.th", ""}, "10", []orgDef{
		{"ops-moj", "สำนักงานปลัดกระทรวงยุติธรรม", "Office of the Permanent Secretary, Ministry of Justice", "สป.ยธ.", "moj.go.th", ""},
		{"probation", "กรมคุมประพฤติ", "Department of Probation", "คป.", "probation.go.th", ""},
		{"rlpd", "กรมคุ้มครองสิทธิและเสรีภาพ", "Rights and Liberties Protection Department", "คส.", "rlpd.go.th", ""},
		{"led", "กรมบังคับคดี", "Legal Execution Department", "บท.", "led.go.th", ""},
		{"djop", "กรมพินิจและคุ้มครองเด็กและเยาวชน", "Department of Juvenile Observation and Protection", "พพ.", "djop.go.th", ""},
		{"correct", "กรมราชทัณฑ์", "Department of Corrections", "รท.", "correct.go.th", ""},
		{"dsi", "กรมสอบสวนคดีพิเศษ", "Department of Special Investigation", "DSI", "dsi.go.th", "1202"},
		{"oja", "สำนักงานกิจการยุติธรรม", "Office of Justice Affairs", "สกธ.", "oja.go.th", ""},
		{"oncb", "สำนักงานคณะกรรมการป้องกันและปราบปรามยาเสพติด", "Office of the Narcotics Control Board", "ป.ป.ส.", "oncb.go.th", "1386"},
		{"pacc", "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ", "Office of the Public Sector Anti-Corruption Commission", "ป.ป.ท.", "pacc.go.th", "1206"},
		{"cifs", "สถาบันนิติวิทยาศาสตร์", "Central Institute of Forensic Science", "สนว.", "cifs.go.th", ""},
	}},
	{orgDef{"mol", "กระทรวงแรงงาน", "Ministry of Labour", "รง.", "mol.go.th", "1506"}, "10", []orgDef{
		{"ops-mol", "สำนักงานปลัดกระทรวงแรงงาน", "Office of the Permanent Secretary, Ministry of Labour", "สป.รง.", "mol.go.th", ""},
		{"doe", "กรมการจัดหางาน", "Department of Employment", "กกจ.", "doe.go.th", "1694"},
		{"dsd", "กรมพัฒนาฝีมือแรงงาน", "Department of Skill Development", "กพร.", "dsd.go.th", ""},
		{"labour", "กรมสวัสดิการและคุ้มครองแรงงาน", "Department of Labour Protection and Welfare", "กสร.", "labour.go.th", "1546"},
		{"sso", "สำนักงานประกันสังคม", "Social Security Office", "สปส.", "sso.go.th", "1506"},
	}},
	{orgDef{"culture", "กระทรวงวัฒนธรรม", "Ministry of Culture", "วธ.", "m-culture.go.th", "1765"}, "10", []orgDef{
		{"ops-culture", "สำนักงานปลัดกระทรวงวัฒนธรรม", "Office of the Permanent Secretary, Ministry of Culture", "สป.วธ.", "m-culture.go.th", "1765"},
		{"dra", "กรมการศาสนา", "Department of Religious Affairs", "ศน.", "dra.go.th", ""},
		{"finearts", "กรมศิลปากร", "Fine Arts Department", "ศก.", "finearts.go.th", ""},
		{"dcp", "กรมส่งเสริมวัฒนธรรม", "Department of Cultural Promotion", "สวธ.", "culture.go.th", ""},
		{"ocac", "สำนักงานศิลปวัฒนธรรมร่วมสมัย", "Office of Contemporary Art and Culture", "สศร.", "ocac.go.th", ""},
	}},
	{orgDef{"moe", "กระทรวงศึกษาธิการ", "Ministry of Education", "ศธ.", "moe.go.th", "1579"}, "10", []orgDef{
		{"ops-moe", "สำนักงานปลัดกระทรวงศึกษาธิการ", "Office of the Permanent Secretary, Ministry of Education", "สป.ศธ.", "moe.go.th", "1579"},
		{"obec", "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "Office of the Basic Education Commission", "สพฐ.", "obec.go.th", ""},
		{"vec", "สำนักงานคณะกรรมการการอาชีวศึกษา", "Office of the Vocational Education Commission", "สอศ.", "vec.go.th", ""},
		{"onec", "สำนักงานเลขาธิการสภาการศึกษา", "Office of the Education Council", "สกศ.", "onec.go.th", ""},
		{"dole", "กรมส่งเสริมการเรียนรู้", "Department of Learning Encouragement", "สกร.", "nfe.go.th", ""},
	}},
	{orgDef{"moph", "กระทรวงสาธารณสุข", "Ministry of Public Health", "สธ.", "moph.go.th", ""}, "12", []orgDef{
		{"ops-moph", "สำนักงานปลัดกระทรวงสาธารณสุข", "Office of the Permanent Secretary, Ministry of Public Health", "สป.สธ.", "moph.go.th", ""},
		{"dms", "กรมการแพทย์", "Department of Medical Services", "พ.", "dms.go.th", ""},
		{"dtam", "กรมการแพทย์แผนไทยและการแพทย์ทางเลือก", "Department of Thai Traditional and Alternative Medicine", "พท.", "dtam.moph.go.th", ""},
		{"ddc", "กรมควบคุมโรค", "Department of Disease Control", "คร.", "ddc.moph.go.th", "1422"},
		{"dmsc", "กรมวิทยาศาสตร์การแพทย์", "Department of Medical Sciences", "วพ.", "dmsc.moph.go.th", ""},
		{"hss", "กรมสนับสนุนบริการสุขภาพ", "Department of Health Service Support", "สบส.", "hss.moph.go.th", "1426"},
		{"dmh", "กรมสุขภาพจิต", "Department of Mental Health", "สจ.", "dmh.go.th", "1323"},
		{"anamai", "กรมอนามัย", "Department of Health", "อ.", "anamai.moph.go.th", ""},
		{"fda", "สำนักงานคณะกรรมการอาหารและยา", "Food and Drug Administration", "อย.", "fda.moph.go.th", "1556"},
	}},
	{orgDef{"industry", "กระทรวงอุตสาหกรรม", "Ministry of Industry", "อก.", "industry.go.th", "1563"}, "10", []orgDef{
		{"ops-industry", "สำนักงานปลัดกระทรวงอุตสาหกรรม", "Office of the Permanent Secretary, Ministry of Industry", "สป.อก.", "industry.go.th", "1563"},
		{"diw", "กรมโรงงานอุตสาหกรรม", "Department of Industrial Works", "กรอ.", "diw.go.th", ""},
		{"dip", "กรมส่งเสริมอุตสาหกรรม", "Department of Industrial Promotion", "กสอ.", "dip.go.th", "1358"},
		{"dpim", "กรมอุตสาหกรรมพื้นฐานและการเหมืองแร่", "Department of Primary Industries and Mines", "กพร.", "dpim.go.th", ""},
		{"tisi", "สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม", "Thai Industrial Standards Institute", "สมอ.", "tisi.go.th", ""},
		{"oie", "สำนักงานเศรษฐกิจอุตสาหกรรม", "Office of Industrial Economics", "สศอ.", "oie.go.th", ""},
		{"ocsb", "สำนักงานคณะกรรมการอ้อยและน้ำตาลทราย", "Office of the Cane and Sugar Board", "สอน.", "ocsb.go.th", ""},
	}},
}

// deptHQ lists departments whose head office is not in their ministry's
// province (the ministry's own province is the default).
var deptHQ = map[string]string{
	"sso": "12", "correct": "12", "pacc": "12",
}

// unitNames are internal units (หน่วยงานภายใน) most departments have; the
// generator gives some departments one or two of them.
var unitNames = []struct{ th, en string }{
	{"สำนักงานเลขานุการกรม", "Office of the Secretary"},
	{"ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", "Information and Communication Technology Center"},
	{"กองการเจ้าหน้าที่", "Human Resources Division"},
	{"กองกฎหมาย", "Legal Affairs Division"},
	{"กองคลัง", "Finance Division"},
	{"กลุ่มพัฒนาระบบบริหาร", "Public Sector Development Group"},
	{"ศูนย์ปฏิบัติการต่อต้านการทุจริต", "Anti-Corruption Operation Center"},
	{"กองแผนงาน", "Planning Division"},
}

// regionalDefs are the departments whose provincial offices are agencies of
// their own (ส่วนราชการส่วนภูมิภาค with their own officers and tokens). Name
// templates take the province name; Bangkok, where it has offices of its own,
// gets the bkk names instead. branch, when set, names branch counters per
// district ("%[1]s" the office, "%[2]s" the district).
var regionalDefs = []regionalDef{
	{dept: "dopa", th: "ที่ทำการปกครองจังหวัด%s", en: "%s Provincial Administration Office",
		services: []svc{{"ฝ่ายการปกครองท้องที่", "Local Administration Section"}, {"ฝ่ายความมั่นคง (ใบอนุญาตอาวุธปืนและการพนัน)", "Security Section (firearm and gambling licences)"}, {"ศูนย์ดำรงธรรม (รับเรื่องร้องเรียน)", "Damrongdhama Center (complaints)"}}},
	{dept: "dol", th: "สำนักงานที่ดินจังหวัด%s", en: "%s Provincial Land Office",
		bkk:      []string{"สำนักงานที่ดินกรุงเทพมหานคร/Bangkok Metropolitan Land Office"},
		services: []svc{{"ฝ่ายทะเบียน (จดทะเบียนสิทธิและนิติกรรม)", "Registration Section"}, {"ฝ่ายรังวัด", "Survey Section"}, {"ฝ่ายอำนวยการ (ขอคัดสำเนาเอกสารสิทธิ)", "Administration Section (certified copies of title deeds)"}, {"ฝ่ายเดินสำรวจและออกโฉนดที่ดิน", "Land Title Issuance Section"}},
		branch:   "%[1]s สาขา%[2]s", branchEN: "%[1]s, %[2]s Branch", branchShare: 0.7},
	{dept: "dlt", th: "สำนักงานขนส่งจังหวัด%s", en: "%s Provincial Land Transport Office",
		bkk:      []string{"สำนักงานขนส่งกรุงเทพมหานครพื้นที่ 1/Bangkok Area 1 Land Transport Office", "สำนักงานขนส่งกรุงเทพมหานครพื้นที่ 2/Bangkok Area 2 Land Transport Office", "สำนักงานขนส่งกรุงเทพมหานครพื้นที่ 3/Bangkok Area 3 Land Transport Office", "สำนักงานขนส่งกรุงเทพมหานครพื้นที่ 4/Bangkok Area 4 Land Transport Office", "สำนักงานขนส่งกรุงเทพมหานครพื้นที่ 5/Bangkok Area 5 Land Transport Office"},
		services: []svc{{"งานทะเบียนรถ", "Vehicle Registration"}, {"งานใบอนุญาตขับรถ", "Driving Licences"}, {"งานชำระภาษีรถประจำปี", "Annual Vehicle Tax"}, {"ช่องทางด่วนชำระภาษีรถ (Drive Thru for Tax)", "Drive Thru for Tax"}, {"งานตรวจสภาพรถ", "Vehicle Inspection"}},
		branch:   "%[1]s สาขาอำเภอ%[2]s", branchEN: "%[1]s, %[2]s District Branch", branchShare: 0.35},
	{dept: "doe", th: "สำนักงานจัดหางานจังหวัด%s", en: "%s Provincial Employment Office",
		bkk:      numbered("สำนักงานจัดหางานกรุงเทพมหานครพื้นที่ %d/Bangkok Area %d Employment Office", 10),
		services: []svc{{"งานทะเบียนจัดหางานและแนะแนวอาชีพ", "Job Placement and Career Guidance"}, {"ศูนย์บริการจัดหางานเพื่อคนต่างด้าว", "Foreign Workers Service Center"}, {"งานขึ้นทะเบียนผู้ประกันตนกรณีว่างงาน", "Unemployment Registration"}}},
	{dept: "labour", th: "สำนักงานสวัสดิการและคุ้มครองแรงงานจังหวัด%s", en: "%s Provincial Labour Protection and Welfare Office",
		bkk:      numbered("สำนักงานสวัสดิการและคุ้มครองแรงงานกรุงเทพมหานครพื้นที่ %d/Bangkok Area %d Labour Protection and Welfare Office", 10),
		services: []svc{{"กลุ่มงานคุ้มครองแรงงาน (ยื่นคำร้อง คร.7)", "Labour Protection (complaints, form KR.7)"}, {"กลุ่มงานสวัสดิการแรงงาน", "Labour Welfare"}, {"กลุ่มงานความปลอดภัยแรงงาน", "Occupational Safety"}}},
	{dept: "sso", th: "สำนักงานประกันสังคมจังหวัด%s", en: "%s Provincial Social Security Office",
		bkk:      numbered("สำนักงานประกันสังคมกรุงเทพมหานครพื้นที่ %d/Bangkok Area %d Social Security Office", 12),
		services: []svc{{"งานทะเบียนผู้ประกันตนและนายจ้าง", "Registration of Insured Persons and Employers"}, {"งานประโยชน์ทดแทน (ยื่นขอรับเงินทดแทน)", "Benefits Claims"}, {"งานเงินสมทบ", "Contributions"}, {"งานกองทุนเงินทดแทน", "Workmen's Compensation Fund"}},
		branch:   "%[1]s สาขา%[2]s", branchEN: "%[1]s, %[2]s Branch", branchShare: 0.15},
	{dept: "rd", th: "สำนักงานสรรพากรพื้นที่%s", en: "%s Area Revenue Office",
		bkk:      numbered("สำนักงานสรรพากรพื้นที่กรุงเทพมหานคร %d/Bangkok Area Revenue Office %d", 30),
		services: []svc{{"งานยื่นแบบและชำระภาษี", "Tax Filing and Payment"}, {"งานทะเบียนภาษีมูลค่าเพิ่ม", "VAT Registration"}, {"งานคืนภาษี", "Tax Refunds"}, {"งานบัตรประจำตัวผู้เสียภาษีอากร", "Taxpayer Identification"}},
		branch:   "สำนักงานสรรพากรพื้นที่สาขา%[2]s", branchEN: "%[2]s Area Revenue Branch Office", branchShare: 0.45},
	{dept: "ops-moph", th: "สำนักงานสาธารณสุขจังหวัด%s", en: "%s Provincial Public Health Office",
		services: []svc{{"กลุ่มงานคุ้มครองผู้บริโภคและเภสัชสาธารณสุข", "Consumer Protection and Public Health Pharmacy"}, {"กลุ่มงานควบคุมโรคติดต่อ", "Communicable Disease Control"}, {"กลุ่มงานประกันสุขภาพ (รับเรื่องร้องเรียน)", "Health Insurance (complaints)"}}},
	{dept: "ops-industry", th: "สำนักงานอุตสาหกรรมจังหวัด%s", en: "%s Provincial Industry Office",
		services: []svc{{"กลุ่มกำกับและส่งเสริมอุตสาหกรรม (ใบอนุญาตโรงงาน)", "Industrial Supervision (factory licences)"}, {"กลุ่มอุตสาหกรรมพื้นฐานและการเหมืองแร่", "Primary Industries and Mines"}, {"กลุ่มมาตรฐานผลิตภัณฑ์อุตสาหกรรม", "Industrial Product Standards"}}},
}

// presenceDefs put service points of a department (or another body) in every
// province or district without making each office an agency: a provincial
// office that the department manages directly, a district agricultural
// office, a police station. level is "province" or "district"; only, when
// set, limits the provinces; bkk names Bangkok's points ("" skips Bangkok,
// "khet" uses the template with each เขต name).
var presenceDefs = []presenceDef{
	{owner: "ops-msdhs", level: "province", th: "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด%s", en: "%s Provincial Office of Social Development and Human Security"},
	{owner: "ddpm", level: "province", th: "สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัด%s", en: "%s Provincial Office of Disaster Prevention and Mitigation"},
	{owner: "dla", level: "province", th: "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด%s", en: "%s Provincial Office of Local Administration"},
	{owner: "dbd", level: "province", th: "สำนักงานพัฒนาธุรกิจการค้าจังหวัด%s", en: "%s Provincial Business Development Office"},
	{owner: "cdd", level: "province", th: "สำนักงานพัฒนาชุมชนจังหวัด%s", en: "%s Provincial Community Development Office"},
	{owner: "cdd", level: "district", th: "สำนักงานพัฒนาชุมชนอำเภอ%s", en: "%s District Community Development Office"},
	{owner: "dpt", level: "province", th: "สำนักงานโยธาธิการและผังเมืองจังหวัด%s", en: "%s Provincial Public Works and Town & Country Planning Office"},
	{owner: "doae", level: "province", th: "สำนักงานเกษตรจังหวัด%s", en: "%s Provincial Agricultural Extension Office"},
	{owner: "doae", level: "district", th: "สำนักงานเกษตรอำเภอ%s", en: "%s District Agricultural Extension Office"},
	{owner: "dld", level: "province", th: "สำนักงานปศุสัตว์จังหวัด%s", en: "%s Provincial Livestock Office"},
	{owner: "dld", level: "district", th: "สำนักงานปศุสัตว์อำเภอ%s", en: "%s District Livestock Office"},
	{owner: "fisheries", level: "province", th: "สำนักงานประมงจังหวัด%s", en: "%s Provincial Fisheries Office"},
	{owner: "cpd", level: "province", th: "สำนักงานสหกรณ์จังหวัด%s", en: "%s Provincial Cooperative Office"},
	{owner: "alro", level: "province", th: "สำนักงานการปฏิรูปที่ดินจังหวัด%s", en: "%s Provincial Agricultural Land Reform Office"},
	{owner: "ops-moc", level: "province", th: "สำนักงานพาณิชย์จังหวัด%s", en: "%s Provincial Commerce Office"},
	{owner: "ops-culture", level: "province", th: "สำนักงานวัฒนธรรมจังหวัด%s", en: "%s Provincial Cultural Office"},
	{owner: "ops-moe", level: "province", th: "สำนักงานศึกษาธิการจังหวัด%s", en: "%s Provincial Education Office", bkk: "สำนักงานศึกษาธิการกรุงเทพมหานคร/Bangkok Education Office"},
	{owner: "obec", level: "province", th: "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา%s เขต 1", en: "%s Primary Educational Service Area Office 1"},
	{owner: "dole", level: "district", th: "ศูนย์ส่งเสริมการเรียนรู้อำเภอ%s", en: "%s District Learning Encouragement Center", bkk: "khet", bkkTH: "ศูนย์ส่งเสริมการเรียนรู้เขต%s", bkkEN: "%s District Learning Encouragement Center"},
	{owner: "ops-moj", level: "province", th: "สำนักงานยุติธรรมจังหวัด%s", en: "%s Provincial Justice Office"},
	{owner: "led", level: "province", th: "สำนักงานบังคับคดีจังหวัด%s", en: "%s Provincial Legal Execution Office",
		bkk: "สำนักงานบังคับคดีแพ่งกรุงเทพมหานคร 1/Bangkok Civil Enforcement Office 1;สำนักงานบังคับคดีแพ่งกรุงเทพมหานคร 2/Bangkok Civil Enforcement Office 2;" +
			"สำนักงานบังคับคดีแพ่งกรุงเทพมหานคร 3/Bangkok Civil Enforcement Office 3;สำนักงานบังคับคดีแพ่งกรุงเทพมหานคร 4/Bangkok Civil Enforcement Office 4;" +
			"สำนักงานบังคับคดีแพ่งกรุงเทพมหานคร 5/Bangkok Civil Enforcement Office 5;สำนักงานบังคับคดีแพ่งกรุงเทพมหานคร 6/Bangkok Civil Enforcement Office 6"},
	{owner: "probation", level: "province", th: "สำนักงานคุมประพฤติจังหวัด%s", en: "%s Provincial Probation Office",
		bkk: "สำนักงานคุมประพฤติกรุงเทพมหานคร 1/Bangkok Probation Office 1;สำนักงานคุมประพฤติกรุงเทพมหานคร 2/Bangkok Probation Office 2;" +
			"สำนักงานคุมประพฤติกรุงเทพมหานคร 3/Bangkok Probation Office 3;สำนักงานคุมประพฤติกรุงเทพมหานคร 4/Bangkok Probation Office 4;" +
			"สำนักงานคุมประพฤติกรุงเทพมหานคร 5/Bangkok Probation Office 5;สำนักงานคุมประพฤติกรุงเทพมหานคร 6/Bangkok Probation Office 6"},
	{owner: "ops-energy", level: "province", th: "สำนักงานพลังงานจังหวัด%s", en: "%s Provincial Energy Office"},
	{owner: "ops-mnre", level: "province", th: "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด%s", en: "%s Provincial Office of Natural Resources and Environment"},
	{owner: "nso", level: "province", th: "สำนักงานสถิติจังหวัด%s", en: "%s Provincial Statistical Office"},
	{owner: "ops-mots", level: "province", th: "สำนักงานการท่องเที่ยวและกีฬาจังหวัด%s", en: "%s Provincial Office of Tourism and Sports"},
	{owner: "ops-mol", level: "province", th: "สำนักงานแรงงานจังหวัด%s", en: "%s Provincial Labour Office"},
	{owner: "dsd", level: "province", th: "สำนักงานพัฒนาฝีมือแรงงาน%s", en: "%s Skill Development Office"},
	{owner: "ops-moac", level: "province", th: "สำนักงานเกษตรและสหกรณ์จังหวัด%s", en: "%s Provincial Office of Agriculture and Cooperatives"},
	{owner: "rta", level: "province", th: "สำนักงานสัสดีจังหวัด%s", en: "%s Provincial Recruitment Office", bkk: "สำนักงานสัสดีกรุงเทพมหานคร/Bangkok Recruitment Office"},
	{owner: "rta", level: "district", th: "หน่วยสัสดีอำเภอ%s", en: "%s District Recruitment Unit", bkk: "khet", bkkTH: "หน่วยสัสดีเขต%s", bkkEN: "%s District Recruitment Unit"},
	{owner: "prd", level: "province", th: "สำนักงานประชาสัมพันธ์จังหวัด%s", en: "%s Provincial Public Relations Office"},
	{owner: "excise", level: "province", th: "สำนักงานสรรพสามิตพื้นที่%s", en: "%s Area Excise Office",
		bkk: "สำนักงานสรรพสามิตพื้นที่กรุงเทพมหานคร 1/Bangkok Area Excise Office 1;สำนักงานสรรพสามิตพื้นที่กรุงเทพมหานคร 2/Bangkok Area Excise Office 2;" +
			"สำนักงานสรรพสามิตพื้นที่กรุงเทพมหานคร 3/Bangkok Area Excise Office 3;สำนักงานสรรพสามิตพื้นที่กรุงเทพมหานคร 4/Bangkok Area Excise Office 4"},
	{owner: "excise", level: "district", th: "สำนักงานสรรพสามิตพื้นที่สาขา%s", en: "%s Area Excise Branch Office", share: 0.4},
	{owner: "treasury", level: "province", th: "สำนักงานธนารักษ์พื้นที่%s", en: "%s Area Treasury Office"},
	{owner: "cgd", level: "province", th: "สำนักงานคลังจังหวัด%s", en: "%s Provincial Comptroller Office"},
	{owner: "ops-moph", level: "district", th: "สำนักงานสาธารณสุขอำเภอ%s", en: "%s District Public Health Office"},
	{owner: "ops-moph", level: "district", th: "โรงพยาบาล%s", en: "%s Hospital", mueang: "โรงพยาบาล%s/%s Hospital"},
	{owner: "consular", level: "province", th: "สำนักงานหนังสือเดินทางชั่วคราวจังหวัด%s", en: "%s Temporary Passport Office",
		only: []string{"20", "30", "34", "40", "41", "50", "57", "60", "63", "65", "80", "83", "84", "90", "92", "95"}},
	{owner: "md", level: "province", th: "สำนักงานเจ้าท่าภูมิภาคสาขา%s", en: "%s Marine Office Branch",
		only: []string{"11", "20", "21", "22", "23", "24", "74", "75", "76", "77", "80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "96", "43", "48", "57", "14"}},
	{owner: "police", level: "district", th: "สถานีตำรวจภูธร%s", en: "%s Provincial Police Station", bkk: "khet", bkkTH: "สถานีตำรวจนครบาล%s", bkkEN: "%s Metropolitan Police Station", hours: "24h",
		bkkMore: "ทองหล่อ/Thong Lo;ลุมพินี/Lumphini;บางโพ/Bang Pho;เตาปูน/Tao Pun;พหลโยธิน/Phahon Yothin;สุทธิสาร/Sutthisan;โชคชัย/Chok Chai;" +
			"บางชัน/Bang Chan;ร่มเกล้า/Romklao;ฉลองกรุง/Chalong Krung;จรเข้น้อย/Chorakhe Noi;อุดมสุข/Udom Suk;คลองตัน/Khlong Tan;" +
			"ทุ่งมหาเมฆ/Thung Maha Mek;พลับพลาไชย 1/Phlapphla Chai 1;พลับพลาไชย 2/Phlapphla Chai 2;ชนะสงคราม/Chana Songkhram;" +
			"สำราญราษฎร์/Samran Rat;นางเลิ้ง/Nang Loeng;บางยี่ขัน/Bang Yi Khan;บางขุนนนท์/Bang Khun Non;บุปผาราม/Buppharam;" +
			"ตลาดพลู/Talat Phlu;ท่าข้าม/Tha Kham;เพชรเกษม/Phet Kasem;มักกะสัน/Makkasan;ประชาชื่น/Prachachuen;บางซ่อน/Bang Son;" +
			"ทุ่งสองห้อง/Thung Song Hong;หัวหมาก/Hua Mak;นิมิตรใหม่/Nimit Mai;หนองค้างพลู/Nong Khang Phlu;บางมด/Bang Mot;แสมดำ/Samae Dam"},
	{owner: "coj", level: "province", th: "ศาลจังหวัด%s", en: "%s Provincial Court",
		bkk: "ศาลแพ่ง/Civil Court;ศาลอาญา/Criminal Court;ศาลแพ่งกรุงเทพใต้/Bangkok South Civil Court;ศาลอาญากรุงเทพใต้/Bangkok South Criminal Court;" +
			"ศาลแขวงพระนครเหนือ/Phra Nakhon Nuea Kwaeng Court;ศาลแขวงพระนครใต้/Phra Nakhon Tai Kwaeng Court;ศาลแขวงดุสิต/Dusit Kwaeng Court;" +
			"ศาลแขวงปทุมวัน/Pathum Wan Kwaeng Court;ศาลแขวงธนบุรี/Thon Buri Kwaeng Court;ศาลจังหวัดมีนบุรี/Min Buri Provincial Court;" +
			"ศาลเยาวชนและครอบครัวกลาง/Central Juvenile and Family Court;ศาลแรงงานกลาง/Central Labour Court;ศาลภาษีอากรกลาง/Central Tax Court;" +
			"ศาลล้มละลายกลาง/Central Bankruptcy Court;ศาลทรัพย์สินทางปัญญาและการค้าระหว่างประเทศกลาง/Central Intellectual Property and International Trade Court"},
	{owner: "ago", level: "province", th: "สำนักงานอัยการจังหวัด%s", en: "Office of the %s Provincial Public Prosecutor",
		bkk: "สำนักงานคุ้มครองสิทธิและช่วยเหลือทางกฎหมายแก่ประชาชน/Office of Legal Aid and Rights Protection"},
	{owner: "ect", level: "province", th: "สำนักงานคณะกรรมการการเลือกตั้งประจำจังหวัด%s", en: "%s Provincial Election Commission Office",
		bkk: "สำนักงานคณะกรรมการการเลือกตั้งประจำกรุงเทพมหานคร/Bangkok Election Commission Office"},
	{owner: "nacc", level: "province", th: "สำนักงาน ป.ป.ช. ประจำจังหวัด%s", en: "%s Provincial Office of the NACC"},
}
