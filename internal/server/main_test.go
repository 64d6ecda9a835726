package server_test

import (
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/internal/store/neo4jstore/neo4jtest"
)

// The cross-store tests share the Neo4j database with other packages' tests.
func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }
