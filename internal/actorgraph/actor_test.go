package actorgraph_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

func validIDByRegexp(id string) bool {
	return len(id) > 0 && len(id) <= actorgraph.MaxIDLen && slugRE.MatchString(id)
}

func TestValidID(t *testing.T) {
	tests := map[string]bool{
		"vladimir-putin": true, "a": true, "0": true, "gdelt-1234": true, "a-b-c": true,
		"": false, "-a": false, "a-": false, "a--b": false, "A": false, "a_b": false, "a b": false,
		"é": false, strings.Repeat("a", actorgraph.MaxIDLen): true, strings.Repeat("a", actorgraph.MaxIDLen+1): false,
	}
	for id, want := range tests {
		if got := actorgraph.ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}

// FuzzValidID holds the hand-written check to the regexp it replaced.
func FuzzValidID(f *testing.F) {
	for _, s := range []string{"a-b", "-", "a--b", "ab-", "x9-y8", "\xff", "A-b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := actorgraph.ValidID(id), validIDByRegexp(id); got != want {
			t.Errorf("ValidID(%q) = %v, the regexp says %v", id, got, want)
		}
	})
}
