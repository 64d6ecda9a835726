// Package neo4jtest is what the Neo4j tests of every package share.
//
// Require skips a test when no Neo4j is configured (NEO4J_URI unset), or
// fails it when ACTORGRAPH_REQUIRE_NEO4J=1 (CI), so a missing Neo4j never
// passes unnoticed there.
//
// Main serialises test binaries that share one Neo4j database. `go test
// ./...` runs packages in parallel, and the Neo4j tests of several packages
// empty and fill the same database (Neo4j Community has one user
// database), so each such package's TestMain holds an exclusive file
// lock, keyed by NEO4J_URI, while its tests run.
//
// (The package cannot return a neo4jstore.Config: neo4jstore's own tests
// import it. Tests read the settings with neo4jstore.ConfigFromEnv.)
package neo4jtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Require skips tb unless NEO4J_URI is set, or fails it when
// ACTORGRAPH_REQUIRE_NEO4J=1. Call it before anything that reaches Neo4j.
func Require(tb testing.TB) {
	tb.Helper()
	if os.Getenv("NEO4J_URI") != "" {
		return
	}
	if os.Getenv("ACTORGRAPH_REQUIRE_NEO4J") == "1" {
		tb.Fatal("ACTORGRAPH_REQUIRE_NEO4J=1 but NEO4J_URI is not set: start Neo4j with `scripts/neo4j start` and `eval \"$(scripts/neo4j env)\"`")
	}
	tb.Skip("NEO4J_URI is not set; start Neo4j with `scripts/neo4j start` and `eval \"$(scripts/neo4j env)\"` to run the Neo4j tests (README, Storage)")
}

// Main runs the tests of m, holding the lock for the Neo4j named by
// NEO4J_URI when it is set. Use it as: func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }
func Main(m *testing.M) int {
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		return m.Run()
	}
	sum := sha256.Sum256([]byte(uri))
	path := filepath.Join(os.TempDir(), "actorgraph-neo4j-tests-"+hex.EncodeToString(sum[:8])+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		fmt.Fprintln(os.Stderr, "neo4jtest: lock file:", err)
		return 1
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		fmt.Fprintln(os.Stderr, "neo4jtest: lock:", err)
		return 1
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return m.Run()
}
