package pgtest

import (
	"fmt"
	"testing"
	"time"
)

func TestZZTiming(t *testing.T) {
	t0 := time.Now()
	c, err := getCluster()
	if err != nil {
		t.Skip(err)
	}
	t.Logf("cluster start (cached?) %v", time.Since(t0))
	t0 = time.Now()
	tmpl, _ := c.template(prepareThings)
	t.Logf("template %v", time.Since(t0))
	for _, strat := range []string{"", " STRATEGY wal_log", " STRATEGY file_copy"} {
		t0 = time.Now()
		for i := 0; i < 10; i++ {
			name := fmt.Sprintf("zz%d", c.dbCounter.Add(1))
			if _, err := c.psql("postgres", "CREATE DATABASE "+name+" TEMPLATE "+tmpl+strat); err != nil {
				t.Fatal(err)
			}
			c.dropDatabase(name)
		}
		t.Logf("create+drop %q: %v each", strat, time.Since(t0)/10)
	}
	t0 = time.Now()
	for i := 0; i < 10; i++ {
		c.psql("postgres", "SELECT 1")
	}
	t.Logf("psql roundtrip: %v", time.Since(t0)/10)
}
