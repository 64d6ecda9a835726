package cli

import (
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/internal/store/neo4jstore/neo4jtest"
)

// The Neo4j round trip shares the Neo4j database with other packages' tests.
func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }
