package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/internal/pgtest"
)

// TestBenchSearchSmall runs "openinfo-bench search" on the small data set
// against FTS5 and the tsvector peer, and checks that every engine answered
// every query and that openinfo's relevance is measured and sound.
func TestBenchSearchSmall(t *testing.T) {
	dsn := pgtest.NewDatabase(t, nil)
	var out bytes.Buffer
	args := []string{"search", "--scale", "small", "--engines", "openinfo,ranking,fts5,tsvector", "--pg", dsn,
		"--repeat", "1", "--peer-repeat", "1"}
	if err := run(context.Background(), args, envOf(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	rows := map[string][]string{}
	for _, line := range strings.Split(text, "\n") {
		for _, name := range []string{"openinfo index", "openinfo ranking only", "sqlite fts5 trigram", "postgres tsvector (segmented)"} {
			f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), name))
			if strings.HasPrefix(strings.TrimSpace(line), name) && len(f) == 8 { // a row of the table
				rows[name] = f
			}
		}
	}
	if len(rows) != 4 {
		t.Fatalf("want a row per engine:\n%s", text)
	}
	queries := regexp.MustCompile(`(\d+) labelled queries`).FindStringSubmatch(text)
	if queries == nil {
		t.Fatalf("no query count:\n%s", text)
	}
	for name, f := range rows {
		// load, queries, errors, p50, p99, recall@1, recall@10, MRR
		if f[1] != queries[1] || f[2] != "0" {
			t.Errorf("%s: %v (want %s queries, no errors)", name, f, queries[1])
		}
	}
	recall, _ := strconv.ParseFloat(rows["openinfo index"][6], 64)
	if recall < 0.8 {
		t.Errorf("openinfo recall@10 %.3f, want at least 0.8:\n%s", recall, text)
	}
	// Asking for the ranking only changes the work, not the ranking.
	if a, b := rows["openinfo index"], rows["openinfo ranking only"]; !slices.Equal(a[5:], b[5:]) {
		t.Errorf("ranking only: recall and MRR %v, want those of the full search %v", b[5:], a[5:])
	}
	if !strings.Contains(text, "held-out half") || !strings.Contains(text, "tuning half") || !strings.Contains(text, "misspelling (") {
		t.Errorf("no figures per half and kind:\n%s", text)
	}
	if !strings.Contains(text, "fastest peer:") {
		t.Errorf("no comparison line:\n%s", text)
	}
	if err := run(context.Background(), []string{"search", "--engines", "lucene"}, envOf(nil), io.Discard, io.Discard); err == nil {
		t.Error("unknown engine accepted")
	}
}
