package gdelt

import (
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/google/go-cmp/cmp"
)

// FuzzParseLine checks the importer's promise for any input line: no
// panic, and either valid records or an error with a reason. A parsed line
// written back with AppendLine parses to the same event.
func FuzzParseLine(f *testing.F) {
	for _, name := range []string{"export20.tsv", "daily10.tsv", "historical10.tsv", "bad.tsv"} {
		for _, line := range fixtureLines(f, name) {
			f.Add(line)
		}
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		ev, err := ParseLine(line)
		if err != nil {
			requireReason(t, err, ErrMalformed)
			return
		}
		checkMapped(t, ev)
		again, err := ParseLine(AppendLine(nil, &ev))
		if err != nil {
			t.Fatalf("re-encoded line rejected: %v", err)
		}
		if diff := cmp.Diff(ev, again); diff != "" {
			t.Fatalf("round trip changed the event (-first +second):\n%s", diff)
		}
	})
}

// requireReason fails unless err is a *LineError with a reason, wrapping
// one of causes.
func requireReason(t *testing.T, err error, causes ...error) {
	t.Helper()
	var le *LineError
	if !errors.As(err, &le) || le.Reason == "" {
		t.Fatalf("error %#v is not a *LineError with a reason", err)
	}
	for _, c := range causes {
		if errors.Is(err, c) {
			return
		}
	}
	t.Fatalf("error %v wraps none of %v", err, causes)
}

func checkMapped(t *testing.T, ev Event) {
	t.Helper()
	r, err := Map(ev)
	if err != nil {
		requireReason(t, err, ErrNoActor, actorgraph.ErrInvalid)
		return
	}
	if r.FromMention == nil && r.ToMention == nil {
		t.Fatal("Map gave no mention")
	}
	r.From, r.To = "x", "y"
	if err := r.Validate(); err != nil {
		t.Fatalf("relationship invalid: %v", err)
	}
}
