package neo4jstore

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore/neo4jtest"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

// The Neo4j tests need a real Neo4j: `scripts/neo4j start` and
// `eval "$(scripts/neo4j env)"` give one. Without NEO4J_URI they skip, unless
// ACTORGRAPH_REQUIRE_NEO4J=1 (set by .ci/run), where they fail instead
// (neo4jtest.Require).

// MustConfig returns the Neo4j settings from the environment.
func MustConfig(tb testing.TB) Config {
	tb.Helper()
	neo4jtest.Require(tb)
	cfg := ConfigFromEnv(os.Getenv)
	cfg.QueryTimeout = 20 * time.Second
	return cfg
}

// MustOpenEmpty opens the store and deletes everything in the database.
func MustOpenEmpty(tb testing.TB) *Store {
	tb.Helper()
	ctx := context.Background()
	s, err := Open(ctx, MustConfig(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.Ready(ctx); err != nil {
		tb.Fatalf("neo4j not ready: %v", err)
	}
	if err := s.write(ctx, func(tx *txn) error {
		_, err := tx.run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
		return err
	}); err != nil {
		// CALL IN TRANSACTIONS cannot run in a managed transaction; fall back.
		if err := s.write(ctx, func(tx *txn) error {
			_, err := tx.run(ctx, "MATCH (n) DETACH DELETE n", nil)
			return err
		}); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

func TestConformance(t *testing.T) {
	MustConfig(t)
	storetest.Run(t, func(t *testing.T) actorgraph.Driver { return MustOpenEmpty(t) })
}

func TestSchemaSetupIsIdempotent(t *testing.T) {
	a := MustOpenEmpty(t)
	b, err := Open(t.Context(), MustConfig(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.Ready(t.Context()); err != nil {
		t.Fatalf("second schema set-up: %v", err)
	}
	_ = a
}

func TestSeedingTwiceLeavesTheSameCounts(t *testing.T) {
	s := MustOpenEmpty(t)
	fx := storetest.ArticleFixture(t)
	var counts []actorgraph.Stats
	for range 2 {
		if err := actorgraph.NewGraph(s).Upsert(t.Context(), fx.Actors, fx.Relationships); err != nil {
			t.Fatal(err)
		}
		st, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		counts = append(counts, st)
	}
	if counts[0] != counts[1] || counts[0].Actors != len(fx.Actors) || counts[0].Relationships != len(fx.Relationships) {
		t.Fatalf("counts after two seeds: %+v, want %d actors and %d relationships", counts, len(fx.Actors), len(fx.Relationships))
	}
}

func TestUnreachableNeo4jIsUnavailableNotACrash(t *testing.T) {
	cfg := MustConfig(t)
	cfg.URI = "bolt://127.0.0.1:1" // nothing listens there
	s, err := Open(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Open must not fail when Neo4j is down: %v", err)
	}
	defer s.Close()
	if err := s.Ready(t.Context()); !errors.Is(err, actorgraph.ErrUnavailable) {
		t.Fatalf("Ready = %v, want ErrUnavailable", err)
	}
	if _, err := actorgraph.NewGraph(s).Actor(t.Context(), "vladimir-putin"); !errors.Is(err, actorgraph.ErrUnavailable) {
		t.Fatalf("Actor = %v, want ErrUnavailable", err)
	}
}
