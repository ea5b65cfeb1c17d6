package shop

import (
	"os"
	"testing"
)

// strategy is how a real suite's fixture would choose its clean database.
var strategy = os.Getenv("DBBENCH_STRATEGY")

func TestStrategyKnown(t *testing.T) {
	if strategy != "rollback" && strategy != "per-test" {
		t.Fatalf("DBBENCH_STRATEGY=%q", strategy)
	}
}

func TestTotal(t *testing.T) {
	t.Parallel()
	if got := Total(3, 250); got != 750 {
		t.Fatalf("Total(3, 250) = %d", got)
	}
}

func TestZero(t *testing.T) {
	t.Parallel()
	if got := Total(0, 250); got != 0 {
		t.Fatalf("Total(0, 250) = %d", got)
	}
}
