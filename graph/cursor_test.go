package graph

import (
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func TestCursorRoundTrips(t *testing.T) {
	for _, id := range []string{"a", "vladimir-putin", "x-1-2-3"} {
		c := encodeCursor(cursorActor, id)
		got, err := decodeCursor(cursorActor, &c)
		if err != nil || got != id {
			t.Errorf("decode(encode(%q)) = %q, %v", id, got, err)
		}
	}
}

func TestCursorOfAnotherListIsRejected(t *testing.T) {
	c := encodeCursor(cursorRelationship, "trump-spoke-with-putin")
	if _, err := decodeCursor(cursorActor, &c); !errors.Is(err, actorgraph.ErrInvalid) {
		t.Fatalf("relationship cursor accepted for actors: err = %v", err)
	}
}

func TestCursorGarbageIsRejected(t *testing.T) {
	for _, c := range []string{"!!", "bm90LWEtY3Vyc29y", encodeCursor(cursorActor, "Bad Id")} {
		if _, err := decodeCursor(cursorActor, &c); !errors.Is(err, actorgraph.ErrInvalid) {
			t.Errorf("cursor %q: err = %v, want ErrInvalid", c, err)
		}
	}
}

func TestNilCursorStartsAtTheBeginning(t *testing.T) {
	empty := ""
	for _, c := range []*string{nil, &empty} {
		if id, err := decodeCursor(cursorActor, c); id != "" || err != nil {
			t.Errorf("decodeCursor(%v) = %q, %v", c, id, err)
		}
	}
}

// FuzzDecodeCursor: any input either decodes to a valid id that encodes
// back to the same cursor, or fails with ErrInvalid; it never panics.
func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor(cursorActor, "vladimir-putin"))
	f.Add(encodeCursor(cursorRelationship, "r-1"))
	f.Add("")
	f.Add("====")
	f.Add("YWN0b3I6")
	f.Fuzz(func(t *testing.T, c string) {
		id, err := decodeCursor(cursorActor, &c)
		if err != nil {
			if !errors.Is(err, actorgraph.ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		if c == "" {
			return
		}
		if !actorgraph.ValidID(id) {
			t.Fatalf("decoded invalid id %q", id)
		}
		if again := encodeCursor(cursorActor, id); again != c {
			t.Fatalf("cursor %q decodes to %q which encodes to %q", c, id, again)
		}
	})
}
