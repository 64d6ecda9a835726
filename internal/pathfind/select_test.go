package pathfind

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSelectSmallest checks the quickselect behind NeighborhoodLimit
// against a full sort, on lists long enough to partition.
func TestSelectSmallest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 17, 100, 1000} {
		for _, k := range []int{0, 1, n / 3, n / 2, n - 1, n} {
			if k < 0 || k > n {
				continue
			}
			ids := make([]string, n)
			for i := range ids {
				ids[i] = fmt.Sprintf("a%06d", r.IntN(1_000_000)*1000+i) // distinct
			}
			want := slices.Sorted(slices.Values(ids))[:k]
			selectSmallest(ids, k)
			if !slices.Equal(ids[:k], want) {
				t.Errorf("n %d, k %d: first k = %v, want %v", n, k, ids[:k], want)
			}
		}
	}
}
