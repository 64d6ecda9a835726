package storetest

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// auditor is the caller the audit tests write as.
const auditor = "ana@example.org"

// MustChanges returns every change matching q, paging two at a time (q's
// page size and cursor are ignored), and checks each page's TotalCount.
func MustChanges(tb testing.TB, s *actorgraph.Graph, q actorgraph.ChangeQuery) []actorgraph.Change {
	tb.Helper()
	var all []actorgraph.Change
	total := -1
	q.Page = actorgraph.PageRequest{First: 2}
	for {
		p, err := s.Changes(tb.Context(), q)
		mustNoError(tb, "Changes", err)
		if total >= 0 && p.TotalCount != total {
			tb.Errorf("Changes: TotalCount %d on one page, %d on another", total, p.TotalCount)
		}
		total = p.TotalCount
		all = append(all, p.Items...)
		if p.HasPreviousPage {
			tb.Errorf("Changes: a forward page has HasPreviousPage")
		}
		if !p.HasNextPage || len(p.Items) == 0 {
			break
		}
		q.Page.After = p.Items[len(p.Items)-1].ID
	}
	if total != len(all) {
		tb.Errorf("Changes: TotalCount %d, %d changes listed", total, len(all))
	}
	if !slices.IsSortedFunc(all, func(a, b actorgraph.Change) int { return cmpString(a.ID, b.ID) }) {
		tb.Errorf("Changes are not in id order: %v", changeIDs(all))
	}
	return all
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func changeIDs(cs []actorgraph.Change) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// decodeRecord decodes a FieldChange value written as a whole record.
func decodeRecord[T any](tb testing.TB, text string) T {
	tb.Helper()
	var v T
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		tb.Fatalf("record %q: %v", text, err)
	}
	return v
}

func testAudit(t *testing.T, newStore NewStore) {
	t.Run("LoadingAFixtureRecordsOneUpsert", func(t *testing.T) {
		start := time.Now()
		s := MustOpen(t, newStore, TownFixture())
		cs := MustChanges(t, s, actorgraph.ChangeQuery{})
		if len(cs) != 1 {
			t.Fatalf("%d changes after loading a fixture, want 1: %+v", len(cs), cs)
		}
		c := cs[0]
		fx := TownFixture()
		wantIDs := append(actorIDs(fx.Actors), relIDs(fx.Relationships)...)
		if c.Op != actorgraph.OpUpsert || c.Who != actorgraph.UnknownCaller || c.Count != 16 ||
			!slices.Equal(c.IDs, wantIDs) || len(c.Fields) != 0 {
			t.Errorf("change = %+v, want an UPSERT by %q of %v, count 16, no fields", c, actorgraph.UnknownCaller, wantIDs)
		}
		if c.At.Before(start.Add(-time.Second)) || c.At.After(time.Now().Add(time.Second)) || !actorgraph.ValidID(c.ID) {
			t.Errorf("change id %q at %v, not a valid id made now", c.ID, c.At)
		}
	})

	newcomer := actorgraph.Actor{ID: "nadia-novak", Kind: actorgraph.KindOfficial, Name: "Nadia Novák", Aliases: []string{"Novak"}, Country: "CZE"}
	newRel := rel("r99", "a", actorgraph.Urged, "h", on("2025-07-01"))
	town := TownFixture()
	title := "Prime Minister"
	tests := []struct {
		name    string
		write   func(ctx context.Context, s *actorgraph.Graph) error
		op      actorgraph.ChangeOp
		ids     []string
		fields  func(t *testing.T, s *actorgraph.Graph, fields []actorgraph.FieldChange)
		records int // Count, when not len(ids)
	}{
		{"CreateActor", func(ctx context.Context, s *actorgraph.Graph) error {
			_, err := s.CreateActor(ctx, newcomer)
			return err
		}, actorgraph.OpCreateActor, []string{"nadia-novak"}, func(t *testing.T, _ *actorgraph.Graph, fs []actorgraph.FieldChange) {
			if len(fs) != 1 || fs[0].Field != actorgraph.RecordField || fs[0].Before != "" {
				t.Fatalf("fields = %+v, want one record with no before", fs)
			}
			if diff := cmp.Diff(newcomer, decodeRecord[actorgraph.Actor](t, fs[0].After), equateEmpty); diff != "" {
				t.Errorf("recorded record (-want +got):\n%s", diff)
			}
		}, 0},
		{"UpdateActor", func(ctx context.Context, s *actorgraph.Graph) error {
			_, err := s.UpdateActor(ctx, "a", actorgraph.ActorPatch{Title: &title, WikidataID: new(string)})
			return err
		}, actorgraph.OpUpdateActor, []string{"a"}, func(t *testing.T, _ *actorgraph.Graph, fs []actorgraph.FieldChange) {
			want := []actorgraph.FieldChange{
				{Field: "title", Before: `"President"`, After: `"Prime Minister"`},
				{Field: "wikidataId", Before: `"Q1001"`},
			}
			if diff := cmp.Diff(want, fs); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		}, 0},
		{"DeleteActorWithCascade", func(ctx context.Context, s *actorgraph.Graph) error {
			_, err := s.DeleteActor(ctx, "e", true)
			return err
		}, actorgraph.OpDeleteActor, []string{"e", "r05", "r08"}, func(t *testing.T, _ *actorgraph.Graph, fs []actorgraph.FieldChange) {
			if len(fs) != 1 || fs[0].Field != actorgraph.RecordField || fs[0].After != "" {
				t.Fatalf("fields = %+v, want one record with no after", fs)
			}
			if diff := cmp.Diff(town.Actors[4], decodeRecord[actorgraph.Actor](t, fs[0].Before), equateEmpty); diff != "" {
				t.Errorf("recorded record (-want +got):\n%s", diff)
			}
		}, 0},
		{"CreateRelationship", func(ctx context.Context, s *actorgraph.Graph) error {
			_, err := s.CreateRelationship(ctx, newRel)
			return err
		}, actorgraph.OpCreateRelationship, []string{"r99"}, func(t *testing.T, _ *actorgraph.Graph, fs []actorgraph.FieldChange) {
			if len(fs) != 1 || fs[0].Field != actorgraph.RecordField || fs[0].Before != "" {
				t.Fatalf("fields = %+v, want one record with no before", fs)
			}
			if diff := cmp.Diff(newRel, decodeRecord[actorgraph.Relationship](t, fs[0].After), equateEmpty); diff != "" {
				t.Errorf("recorded record (-want +got):\n%s", diff)
			}
		}, 0},
		{"DeleteRelationship", func(ctx context.Context, s *actorgraph.Graph) error {
			_, err := s.DeleteRelationship(ctx, "r04")
			return err
		}, actorgraph.OpDeleteRelationship, []string{"r04"}, func(t *testing.T, _ *actorgraph.Graph, fs []actorgraph.FieldChange) {
			if len(fs) != 1 || fs[0].Field != actorgraph.RecordField || fs[0].After != "" {
				t.Fatalf("fields = %+v, want one record with no after", fs)
			}
			if diff := cmp.Diff(town.Relationships[3], decodeRecord[actorgraph.Relationship](t, fs[0].Before), equateEmpty); diff != "" {
				t.Errorf("recorded record (-want +got):\n%s", diff)
			}
		}, 0},
		{"MergeActors", func(ctx context.Context, s *actorgraph.Graph) error {
			_, err := s.MergeActors(ctx, "a", []string{"c"})
			return err
		}, actorgraph.OpMergeActors, []string{"a", "c", "r02", "r04", "r07"}, func(t *testing.T, s *actorgraph.Graph, fs []actorgraph.FieldChange) {
			merged := actorgraph.MergeRecords(town.Actors[0], []actorgraph.Actor{town.Actors[2]})
			want := append([]actorgraph.FieldChange{
				{Field: "merged", After: `["c"]`},
				{Field: "movedRelationships", After: `3`},
			}, actorgraph.DiffActors(town.Actors[0], merged)...)
			if diff := cmp.Diff(want, fs); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
		}, 0},
		{"Upsert", func(ctx context.Context, s *actorgraph.Graph) error {
			return s.Upsert(ctx, []actorgraph.Actor{newcomer, town.Actors[1]}, []actorgraph.Relationship{newRel})
		}, actorgraph.OpUpsert, []string{"nadia-novak", "b", "r99"}, func(t *testing.T, _ *actorgraph.Graph, fs []actorgraph.FieldChange) {
			if len(fs) != 0 {
				t.Errorf("fields = %+v, want none for a batch", fs)
			}
		}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name+"RecordsOneChange", func(t *testing.T) {
			s := MustOpen(t, newStore, TownFixture())
			loaded := MustChanges(t, s, actorgraph.ChangeQuery{})
			start := time.Now()
			mustNoError(t, tc.name, tc.write(actorgraph.WithCaller(t.Context(), auditor), s))
			end := time.Now()
			cs := MustChanges(t, s, actorgraph.ChangeQuery{})
			if len(cs) != len(loaded)+1 {
				t.Fatalf("%d changes after one %s, want %d", len(cs), tc.name, len(loaded)+1)
			}
			c := cs[len(cs)-1]
			if c.Op != tc.op || c.Who != auditor || !slices.Equal(c.IDs, tc.ids) || c.Count != len(tc.ids) {
				t.Errorf("change = %+v, want op %s by %q, ids %v, count %d", c, tc.op, auditor, tc.ids, len(tc.ids))
			}
			if c.At.Before(start.Add(-time.Millisecond)) || c.At.After(end.Add(time.Millisecond)) {
				t.Errorf("change at %v, not within the write (%v to %v)", c.At, start, end)
			}
			tc.fields(t, s, c.Fields)
		})
	}

	t.Run("FailedWritesRecordNothing", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		ctx := actorgraph.WithCaller(t.Context(), auditor)
		mustNoError(t, "MergeActors", func() error { _, err := s.MergeActors(ctx, "a", []string{"g"}); return err }())
		loaded := MustChanges(t, s, actorgraph.ChangeQuery{})
		dup := newcomer
		dup.ID = "b"
		fails := []struct {
			name string
			call func() error
		}{
			{"CreateActorTakenID", func() error { _, err := s.CreateActor(ctx, dup); return err }},
			{"CreateActorMergedID", func() error { dup.ID = "g"; _, err := s.CreateActor(ctx, dup); return err }},
			{"UpdateActorUnknown", func() error { _, err := s.UpdateActor(ctx, "zz", actorgraph.ActorPatch{Title: &title}); return err }},
			{"UpdateActorInvalid", func() error { _, err := s.UpdateActor(ctx, "a", actorgraph.ActorPatch{Name: new(string)}); return err }},
			{"DeleteActorWithoutCascade", func() error { _, err := s.DeleteActor(ctx, "a", false); return err }},
			{"DeleteActorUnknown", func() error { _, err := s.DeleteActor(ctx, "zz", true); return err }},
			{"CreateRelationshipTakenID", func() error { _, err := s.CreateRelationship(ctx, rel("r01", "a", actorgraph.Urged, "b")); return err }},
			{"CreateRelationshipMissingEnd", func() error { _, err := s.CreateRelationship(ctx, rel("r98", "a", actorgraph.Urged, "zz")); return err }},
			{"DeleteRelationshipUnknown", func() error { _, err := s.DeleteRelationship(ctx, "r98"); return err }},
			{"UpsertMissingEnd", func() error {
				return s.Upsert(ctx, []actorgraph.Actor{newcomer}, []actorgraph.Relationship{rel("r98", "a", actorgraph.Urged, "zz")})
			}},
			{"MergeUnknown", func() error { _, err := s.MergeActors(ctx, "a", []string{"zz"}); return err }},
		}
		for _, f := range fails {
			if err := f.call(); err == nil {
				t.Errorf("%s succeeded, want an error", f.name)
			}
		}
		// A repeated merge is accepted but changes nothing: nothing to record.
		mustNoError(t, "MergeActors (repeat)", func() error { _, err := s.MergeActors(ctx, "a", []string{"g"}); return err }())
		if cs := MustChanges(t, s, actorgraph.ChangeQuery{}); len(cs) != len(loaded) {
			t.Errorf("%d changes after failed writes, want %d: %+v", len(cs), len(loaded), cs[len(loaded):])
		}
	})

	t.Run("ChangesPageAndFilter", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		ctx := actorgraph.WithCaller(t.Context(), auditor)
		_, err := s.UpdateActor(ctx, "a", actorgraph.ActorPatch{Title: &title})
		mustNoError(t, "UpdateActor", err)
		_, err = s.DeleteRelationship(ctx, "r08")
		mustNoError(t, "DeleteRelationship", err)
		time.Sleep(5 * time.Millisecond)
		mid := time.Now()
		time.Sleep(5 * time.Millisecond)
		_, err = s.DeleteActor(ctx, "h", false)
		mustNoError(t, "DeleteActor", err)
		_, err = s.UpdateActor(ctx, "a", actorgraph.ActorPatch{Title: new(string)})
		mustNoError(t, "UpdateActor", err)

		all := MustChanges(t, s, actorgraph.ChangeQuery{})
		ops := func(cs []actorgraph.Change) []actorgraph.ChangeOp {
			out := []actorgraph.ChangeOp{}
			for _, c := range cs {
				out = append(out, c.Op)
			}
			return out
		}
		want := []actorgraph.ChangeOp{actorgraph.OpUpsert, actorgraph.OpUpdateActor, actorgraph.OpDeleteRelationship, actorgraph.OpDeleteActor, actorgraph.OpUpdateActor}
		if diff := cmp.Diff(want, ops(all)); diff != "" {
			t.Errorf("all changes' ops (-want +got):\n%s", diff)
		}
		byA := MustChanges(t, s, actorgraph.ChangeQuery{ActorID: "a"})
		if diff := cmp.Diff([]actorgraph.Change{all[0], all[1], all[4]}, byA); diff != "" {
			t.Errorf("changes of a (-want +got):\n%s", diff)
		}
		if got := MustChanges(t, s, actorgraph.ChangeQuery{ActorID: "r08"}); len(got) != 2 {
			t.Errorf("changes of r08: %d, want 2 (its upsert and delete)", len(got))
		}
		if got := MustChanges(t, s, actorgraph.ChangeQuery{ActorID: "zz"}); len(got) != 0 {
			t.Errorf("changes of an unknown id: %+v, want none", got)
		}
		since := MustChanges(t, s, actorgraph.ChangeQuery{Since: mid})
		if diff := cmp.Diff(all[3:], since); diff != "" {
			t.Errorf("changes since the middle (-want +got):\n%s", diff)
		}
		sinceA := MustChanges(t, s, actorgraph.ChangeQuery{Since: mid, ActorID: "a"})
		if diff := cmp.Diff(all[4:], sinceA); diff != "" {
			t.Errorf("changes of a since the middle (-want +got):\n%s", diff)
		}
		if got := MustChanges(t, s, actorgraph.ChangeQuery{Since: time.Now().Add(time.Hour)}); len(got) != 0 {
			t.Errorf("changes since the future: %+v, want none", got)
		}
		// A page of zero, a page with no total, a page after the last.
		p, err := s.Changes(t.Context(), actorgraph.ChangeQuery{Page: actorgraph.PageRequest{First: 0}})
		mustNoError(t, "Changes(first 0)", err)
		if len(p.Items) != 0 || !p.HasNextPage || p.TotalCount != len(all) {
			t.Errorf("Changes(first 0) = %+v, want no items, a next page and total %d", p, len(all))
		}
		p, err = s.Changes(t.Context(), actorgraph.ChangeQuery{Page: actorgraph.PageRequest{First: 3, After: all[1].ID, NoTotal: true}})
		mustNoError(t, "Changes(no total)", err)
		if diff := cmp.Diff(all[2:5], p.Items); diff != "" || p.HasNextPage {
			t.Errorf("Changes(first 3 after the second) has next %v (-want +got):\n%s", p.HasNextPage, diff)
		}
		p, err = s.Changes(t.Context(), actorgraph.ChangeQuery{Page: actorgraph.PageRequest{First: 3, After: all[4].ID}})
		mustNoError(t, "Changes(after the last)", err)
		if len(p.Items) != 0 || p.HasNextPage || p.TotalCount != len(all) {
			t.Errorf("Changes(after the last) = %+v, want empty, total %d", p, len(all))
		}
	})
}
