package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/openinfo/openinfo/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func envOf(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

func TestHelp(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, envOf(nil), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"search", "http", "ratings"} {
		if !strings.Contains(out.String(), "\n  "+cmd+" ") {
			t.Errorf("help lacks %s:\n%s", cmd, out.String())
		}
	}
	if err := run(context.Background(), nil, envOf(nil), io.Discard, io.Discard); err == nil {
		t.Error("no command accepted")
	}
}
