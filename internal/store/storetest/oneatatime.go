package storetest

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// oneAtATime makes the suite keep its own rule on every engine: newDriver
// may invalidate the drivers it returned before, so a test must not use a
// store once it has asked for another. An engine whose stores are
// independent would let such a test pass and leave it to fail, for no
// fault of the store, on one whose newDriver empties a shared database.
// The Graphs oneAtATime returns panic when used after a later call to
// newDriver, pointing at the test that broke the rule. The check rides on
// the Graph's Observer, which sees every call, so a method added to Graph
// cannot slip past it.
func oneAtATime(newDriver NewDriver) NewStore {
	var latest atomic.Int64
	return func(t *testing.T) *actorgraph.Graph {
		t.Helper()
		d := newDriver(t)
		generation := latest.Add(1)
		return actorgraph.NewGraph(d).WithObserver(func(method string, _ time.Duration, _ error) {
			if latest.Load() != generation {
				panic("storetest: a store was used (" + method + ") after a later call to newDriver; " +
					"newDriver may invalidate the stores it returned before, so the suite must use one store at a time")
			}
		})
	}
}
