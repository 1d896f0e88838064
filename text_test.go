package openinfo

import "testing"

func TestTextIn(t *testing.T) {
	x := Text{"กระทรวง", "Ministry"}
	if x.In("th") != "กระทรวง" || x.In("en") != "Ministry" || x.In("") != "กระทรวง" {
		t.Errorf("%+v: th %q en %q default %q", x, x.In("th"), x.In("en"), x.In(""))
	}
	if th := (Text{TH: "อื่นๆ"}); th.In("en") != "อื่นๆ" {
		t.Errorf("no English: %q, want the Thai", th.In("en"))
	}
}
