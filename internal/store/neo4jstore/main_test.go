package neo4jstore

import (
	"os"
	"testing"

	"github.com/actorgraph/actorgraph/internal/store/neo4jstore/neo4jtest"
)

func TestMain(m *testing.M) { os.Exit(neo4jtest.Main(m)) }
