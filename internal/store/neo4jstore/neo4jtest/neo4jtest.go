// Package neo4jtest serialises test binaries that share one Neo4j
// database. `go test ./...` runs packages in parallel, and the Neo4j tests
// of several packages empty and fill the same database (Neo4j Community
// has one user database), so each such package's TestMain holds an
// exclusive file lock, keyed by NEO4J_URI, while its tests run.
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
