package store_test

import (
	"testing"

	"github.com/openinfo/openinfo/internal/dbtest"
	"github.com/openinfo/openinfo/internal/pgtest"
	"github.com/openinfo/openinfo/store"
)

func TestMain(m *testing.M) { pgtest.Run(m) }

func eachDB(t *testing.T, fn func(t *testing.T, db *store.DB)) { dbtest.Each(t, fn) }
