package actorgraph_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func TestDiffActors(t *testing.T) {
	old := actorgraph.Actor{ID: "a", Kind: actorgraph.KindLeader, Name: "A", Title: "Chief", Aliases: nil}
	updated := old
	updated.Name = "A \"the\" <B>"
	updated.Title = ""
	updated.Country = "RUS"
	updated.Aliases = []string{}
	got := actorgraph.DiffActors(old, updated)
	want := []actorgraph.FieldChange{
		{Field: "name", Before: `"A"`, After: `"A \"the\" <B>"`},
		{Field: "title", Before: `"Chief"`},
		{Field: "country", After: `"RUS"`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DiffActors (-want +got):\n%s", diff)
	}
	if got := actorgraph.DiffActors(old, old); len(got) != 0 {
		t.Errorf("DiffActors of equal actors = %v, want none", got)
	}
}

func TestCallerDefaultsToUnknown(t *testing.T) {
	if got := actorgraph.CallerFrom(context.Background()); got != actorgraph.UnknownCaller {
		t.Errorf("CallerFrom(background) = %q", got)
	}
	if got := actorgraph.CallerFrom(actorgraph.WithCaller(context.Background(), "ana")); got != "ana" {
		t.Errorf("CallerFrom = %q, want ana", got)
	}
}

func TestChangeIDsCapped(t *testing.T) {
	var c actorgraph.Change
	many := make([]string, actorgraph.MaxChangeIDs+5)
	for i := range many {
		many[i] = "r"
	}
	c.ActorDeleted(actorgraph.Actor{ID: "a"}, many)
	if len(c.IDs) != actorgraph.MaxChangeIDs || c.Count != len(many)+1 || c.IDs[0] != "a" {
		t.Errorf("ids %d, count %d, first %q; want %d, %d, a", len(c.IDs), c.Count, c.IDs[0], actorgraph.MaxChangeIDs, len(many)+1)
	}
	c.ActorDeleted(actorgraph.Actor{ID: "a"}, nil) // setters replace: a retried transaction records once
	if !slices.Equal(c.IDs, []string{"a"}) || c.Count != 1 {
		t.Errorf("after a second call: ids %v count %d", c.IDs, c.Count)
	}
}

func TestChangeIDTimeSorts(t *testing.T) {
	a := time.Date(2025, 5, 1, 9, 0, 0, 5, time.UTC)
	b := a.Add(time.Nanosecond * 10)
	ia, ib := actorgraph.ChangeIDTime(a), actorgraph.ChangeIDTime(b)
	if ia >= ib || len(ia) != len(ib) || !actorgraph.ValidID(ia+"-0a1b2c3d") || strings.Contains(ia, ".") {
		t.Errorf("ChangeIDTime: %q, %q", ia, ib)
	}
}
