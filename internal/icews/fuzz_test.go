package icews

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// FuzzParse checks the reader's promise for any input: no panic; every
// record either an event or a *LineError with a reason; a stop only for a
// bad header; counts that add up; and every event maps to a relationship
// that is valid once resolved, or to ErrNoActor. Each input is read twice:
// as a whole file, and as rows under the fixture's header.
func FuzzParse(f *testing.F) {
	lines := fixtureLines(f)
	for _, line := range lines {
		f.Add([]byte(line))
	}
	f.Add([]byte(strings.Join(lines, "\n")))
	f.Add([]byte("\xef\xbb\xbf" + strings.Join(lines[:3], "\r\n")))
	f.Add([]byte(lines[0] + "\t" + lines[0] + "\n" + lines[1]))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkReader(t, NewReader(bytes.NewReader(data), "fuzz", Options{MaxLineBytes: 4096}))
		withHeader := append([]byte(lines[0]+"\n"), data...)
		checkReader(t, NewReader(bytes.NewReader(withHeader), "fuzz", Options{MaxLineBytes: 4096}))
	})
}

func checkReader(t *testing.T, r *Reader) {
	t.Helper()
	for r.Scan() {
		rec := r.Record()
		if rec.Err != nil {
			requireReason(t, rec.Err, ErrMalformed)
			continue
		}
		checkMapped(t, rec.Event)
	}
	if err := r.Err(); err != nil {
		requireReason(t, err, ErrHeader)
	}
	st := r.Stats()
	if st.Lines != st.Headers+st.Blank+st.Parsed+st.Rejected || st.Headers > 1 {
		t.Fatalf("stats do not add up: %+v", st)
	}
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
	rel, err := Map(ev)
	if err != nil {
		requireReason(t, err, ErrNoActor)
		return
	}
	if rel.From != "" || rel.To != "" || (rel.FromMention == nil && rel.ToMention == nil) {
		t.Fatalf("relationship ends: from %q, to %q, mentions %v %v", rel.From, rel.To, rel.FromMention, rel.ToMention)
	}
	r := resolved(rel)
	if err := r.Validate(); err != nil {
		t.Fatalf("relationship invalid once resolved: %v", err)
	}
	if !actorgraph.ValidID(rel.ID) || rel.EventID != rel.ID {
		t.Fatalf("ids %q, %q", rel.ID, rel.EventID)
	}
}
