package neo4jstore

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// A transaction that runs past its timeout is terminated by Neo4j and
// reported as a deadline, which the API answers with TIMEOUT.
func TestSlowQueryIsCancelledInNeo4j(t *testing.T) {
	s := MustOpenEmpty(t)
	ctx, cancel := context.WithTimeout(t.Context(), 700*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := s.read(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, `UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS slowQueryMarker`, nil)
		return err
	})
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
	if took > 10*time.Second {
		t.Fatalf("the timed-out query took %v to return", took)
	}
	// Neo4j no longer runs it.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var running bool
		err := s.read(t.Context(), func(tx *txn) error {
			recs, err := tx.run(t.Context(), "SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery", nil)
			if err != nil {
				return err
			}
			running = false
			for _, r := range recs {
				q, _ := r.Values[0].(string)
				running = running || strings.Contains(q, "slowQueryMarker") && !strings.Contains(q, "SHOW TRANSACTIONS")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !running {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the timed-out query is still running in Neo4j")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// neo4jControl returns the script that stops and starts the local Neo4j
// (set by .ci/run), or skips.
func neo4jControl(t *testing.T) string {
	t.Helper()
	script := os.Getenv("ACTORGRAPH_NEO4J_CONTROL")
	if script == "" {
		if os.Getenv("ACTORGRAPH_REQUIRE_NEO4J") == "1" {
			t.Fatal("ACTORGRAPH_REQUIRE_NEO4J=1 but ACTORGRAPH_NEO4J_CONTROL (the scripts/neo4j path) is not set")
		}
		t.Skip("ACTORGRAPH_NEO4J_CONTROL is not set: the restart test needs the local Neo4j started by scripts/neo4j")
	}
	return script
}

func runControl(t *testing.T, script, cmd string) {
	t.Helper()
	out, err := exec.Command(script, cmd).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", script, cmd, err, out)
	}
}

// Neo4j going away makes the store unavailable, not broken; when it comes
// back the same Store recovers without a restart, and no acknowledged write
// is lost.
func TestRecoversAfterNeo4jRestartWithoutLosingWrites(t *testing.T) {
	script := neo4jControl(t)
	s := actorgraph.NewGraph(MustOpenEmpty(t))
	ctx := t.Context()
	if _, err := s.CreateActor(ctx, actorgraph.Actor{ID: "before-restart", Kind: actorgraph.KindGroup, Name: "Before"}); err != nil {
		t.Fatal(err)
	}
	runControl(t, script, "stop")
	restarted := false
	t.Cleanup(func() {
		if !restarted {
			runControl(t, script, "restart")
		}
	})
	if err := s.Ready(ctx); !errors.Is(err, actorgraph.ErrUnavailable) {
		t.Fatalf("Ready with Neo4j stopped = %v, want ErrUnavailable", err)
	}
	if _, err := s.Actor(ctx, "before-restart"); !errors.Is(err, actorgraph.ErrUnavailable) {
		t.Fatalf("Actor with Neo4j stopped = %v, want ErrUnavailable", err)
	}
	runControl(t, script, "restart") // same port and data directory
	restarted = true
	deadline := time.Now().Add(2 * time.Minute)
	for s.Ready(ctx) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("store did not recover: %v", s.Ready(ctx))
		}
		time.Sleep(200 * time.Millisecond)
	}
	a, err := s.Actor(ctx, "before-restart")
	if err != nil || a.Name != "Before" {
		t.Fatalf("acknowledged write after restart: %+v, %v", a, err)
	}
	if _, err := s.CreateActor(ctx, actorgraph.Actor{ID: "after-restart", Kind: actorgraph.KindGroup, Name: "After"}); err != nil {
		t.Fatalf("write after recovery: %v", err)
	}
}
