package server_test

import (
	"net/http"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore"
)

// With Neo4j unreachable the server still starts, says why it is not ready,
// and answers UNAVAILABLE without driver detail. (Recovery when Neo4j comes
// back is tested in neo4jstore against a real Neo4j.)
func TestNeo4jUnreachableAtStart(t *testing.T) {
	store, err := neo4jstore.Open(t.Context(), neo4jstore.Config{URI: "bolt://127.0.0.1:1", Username: "neo4j", Password: "x"})
	if err != nil {
		t.Fatalf("Open must not fail when Neo4j is down: %v", err)
	}
	defer store.Close()
	ts := MustStartServer(t, withStore(actorgraph.NewGraph(store)))
	if code, _, _ := ts.get(t, "/healthz"); code != http.StatusOK {
		t.Fatalf("healthz = %d", code)
	}
	code, _, body := ts.get(t, "/readyz")
	if code != http.StatusServiceUnavailable || !contains(body, "not ready") || !contains(body, "unavailable") {
		t.Fatalf("readyz = %d %s", code, body)
	}
	r := ts.query(t, `{ actor(id: "vladimir-putin") { name } }`, nil)
	if !r.hasCode("UNAVAILABLE") {
		t.Fatalf("codes = %v (%+v), want UNAVAILABLE", r.codes(), r.Errors)
	}
	if contains(r.Errors[0].Message, "127.0.0.1") || contains(r.Errors[0].Message, "bolt") {
		t.Errorf("message leaks driver detail: %q", r.Errors[0].Message)
	}
}
