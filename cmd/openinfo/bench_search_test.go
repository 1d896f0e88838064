package main

import (
	"bytes"
	"context"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/internal/pgtest"
)

// TestBenchSearchSmall runs "openinfo bench search" on the small data set
// against FTS5 and the tsvector peer, and checks that every engine answered
// every query and that openinfo's relevance is measured and sound.
func TestBenchSearchSmall(t *testing.T) {
	dsn := pgtest.NewDatabase(t, nil)
	var out bytes.Buffer
	args := []string{"bench", "search", "--scale", "small", "--engines", "openinfo,fts5,tsvector", "--pg", dsn,
		"--repeat", "1", "--peer-repeat", "1"}
	if err := run(context.Background(), args, envOf(nil), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	rows := map[string][]string{}
	for _, line := range strings.Split(text, "\n") {
		for _, name := range []string{"openinfo index", "sqlite fts5 trigram", "postgres tsvector (segmented)"} {
			if strings.HasPrefix(strings.TrimSpace(line), name) {
				rows[name] = strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), name))
			}
		}
	}
	if len(rows) != 3 {
		t.Fatalf("want a row per engine:\n%s", text)
	}
	queries := regexp.MustCompile(`(\d+) labelled queries`).FindStringSubmatch(text)
	if queries == nil {
		t.Fatalf("no query count:\n%s", text)
	}
	for name, f := range rows {
		// load, queries, errors, p50, p99, recall@10, MRR
		if len(f) != 7 || f[1] != queries[1] || f[2] != "0" {
			t.Errorf("%s: %v (want %s queries, no errors)", name, f, queries[1])
		}
	}
	recall, _ := strconv.ParseFloat(rows["openinfo index"][5], 64)
	if recall < 0.8 {
		t.Errorf("openinfo recall@10 %.3f, want at least 0.8:\n%s", recall, text)
	}
	if !strings.Contains(text, "fastest peer:") {
		t.Errorf("no comparison line:\n%s", text)
	}
	if err := run(context.Background(), []string{"bench", "search", "--engines", "lucene"}, envOf(nil), io.Discard, io.Discard, nil); err == nil {
		t.Error("unknown engine accepted")
	}
}
