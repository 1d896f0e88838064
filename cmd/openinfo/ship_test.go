package main

import (
	"bytes"
	"context"
	"io"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestBinaryShipsNoBenchmarks: the server binary links neither the testing
// package nor the throwaway PostgreSQL clusters, the benchmarks or the peer
// search engines; they live in cmd/openinfo-bench.
func TestBinaryShipsNoBenchmarks(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool to list the binary's packages:", err)
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/openinfo/openinfo/store") {
		t.Fatalf("go list -deps does not list the store; the check would prove nothing:\n%s", out)
	}
	for _, p := range deps {
		if p == "testing" || strings.HasPrefix(p, "testing/") ||
			strings.Contains(p, "/internal/pgtest") || strings.Contains(p, "/internal/dbtest") ||
			strings.HasSuffix(p, "bench") || strings.Contains(p, "/search/peers") {
			t.Errorf("the server binary links %s", p)
		}
	}
}

// TestHelpListsWhatTheBinaryDoes: openinfo help lists exactly the commands
// run knows, and bench is not one of them.
func TestHelpListsWhatTheBinaryDoes(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, envOf(nil), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	commands := out.String()
	commands = commands[strings.Index(commands, "Commands:"):strings.Index(commands, "Settings")]
	var listed []string
	for _, m := range regexp.MustCompile(`(?m)^  ([a-z-]+) `).FindAllStringSubmatch(commands, -1) {
		listed = append(listed, m[1])
	}
	if want := []string{"serve", "migrate", "gen-data", "admin", "import", "export", "backup", "restore", "version", "help"}; !slices.Equal(listed, want) {
		t.Errorf("help lists %v, want %v", listed, want)
	}
	if strings.Contains(out.String(), "bench") {
		t.Errorf("help mentions bench:\n%s", out.String())
	}
	// Every listed command is known: a bad setting stops each before it
	// opens a database.
	for _, cmd := range listed {
		err := run(context.Background(), []string{cmd, "--log-level", "loud"}, envOf(nil), io.Discard, io.Discard, nil)
		if err != nil && strings.Contains(err.Error(), "unknown command") {
			t.Errorf("%s: %v", cmd, err)
		}
	}
	if err := run(context.Background(), []string{"bench", "ratings"}, envOf(nil), io.Discard, io.Discard, nil); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("openinfo bench: %v, want an unknown command", err)
	}
}
