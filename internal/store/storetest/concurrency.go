package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func testConcurrency(t *testing.T, newStore NewStore) {
	t.Run("AcknowledgedWritesArePresentAfterConcurrentReadsAndWrites", func(t *testing.T) {
		s := MustOpen(t, newStore, TownFixture())
		const writers, perWriter, readers = 4, 10, 4
		ctx := t.Context()

		// Each writer records what the store acknowledged; only those
		// writes are checked afterwards.
		ackedActors := make([][]string, writers)
		ackedRels := make([][]string, writers)
		var writing sync.WaitGroup
		for w := range writers {
			writing.Go(func() {
				for i := range perWriter {
					id := fmt.Sprintf("writer-%d-%d", w, i)
					a := actorgraph.Actor{ID: id, Kind: actorgraph.KindOfficial, Name: "Writer " + id, Aliases: []string{"scribe"}}
					if _, err := s.CreateActor(ctx, a); err != nil {
						t.Errorf("CreateActor(%q): %v", id, err)
						continue
					}
					ackedActors[w] = append(ackedActors[w], id)
					r := rel("rel-"+id, "a", actorgraph.SpokeWith, id)
					if _, err := s.CreateRelationship(ctx, r); err != nil {
						t.Errorf("CreateRelationship(%q): %v", r.ID, err)
						continue
					}
					ackedRels[w] = append(ackedRels[w], r.ID)
				}
			})
		}

		done := make(chan struct{})
		var reading sync.WaitGroup
		for range readers {
			reading.Go(func() {
				for {
					if err := readEverything(ctx, s); err != nil {
						t.Error(err)
						return
					}
					select {
					case <-done:
						return
					default:
					}
				}
			})
		}
		writing.Wait()
		close(done)
		reading.Wait()

		var wantActors, wantRels []string
		for w := range writers {
			wantActors = append(wantActors, ackedActors[w]...)
			wantRels = append(wantRels, ackedRels[w]...)
		}
		got, err := s.ActorsByID(ctx, wantActors)
		mustNoError(t, "ActorsByID", err)
		for i, a := range got {
			if a == nil {
				t.Errorf("acknowledged actor %q is missing", wantActors[i])
			}
		}
		stored := relIDs(MustAllRelationships(t, s, actorgraph.RelationshipFilter{ActorID: "a", Direction: actorgraph.Outgoing}))
		for _, id := range wantRels {
			if !slices.Contains(stored, id) {
				t.Errorf("acknowledged relationship %q is missing", id)
			}
		}
		want := actorgraph.Stats{Actors: 8 + len(wantActors), Relationships: 8 + len(wantRels)}
		if got := MustStats(t, s); got != want {
			t.Errorf("Stats() = %+v, want %+v", got, want)
		}
	})
}

// readEverything makes one round of read calls and checks what holds
// whatever the writers have done so far.
func readEverything(ctx context.Context, s *actorgraph.Graph) error {
	page, err := s.Actors(ctx, actorgraph.ActorFilter{NameContains: "writer"}, actorgraph.PageRequest{First: 5})
	if err != nil {
		return fmt.Errorf("read Actors: %w", err)
	}
	if page.TotalCount < len(page.Items) {
		return fmt.Errorf("read Actors: TotalCount %d below %d items", page.TotalCount, len(page.Items))
	}
	if _, err := s.Search(ctx, "scribe", 5); err != nil {
		return fmt.Errorf("read Search: %w", err)
	}
	p, err := s.ShortestPath(ctx, "f", "e", actorgraph.PathOptions{MaxHops: 5})
	if err != nil {
		return fmt.Errorf("read ShortestPath: %w", err)
	}
	if p == nil || p.Length() != 4 {
		return errors.New("read ShortestPath(f, e): want a path of length 4 while writers add unrelated actors")
	}
	pages, err := s.RelationshipsOf(ctx, []actorgraph.RelationshipsQuery{
		{ActorID: "a", Page: actorgraph.PageRequest{First: 10}},
		{ActorID: "d", Page: actorgraph.PageRequest{First: 10}},
	})
	if err != nil {
		return fmt.Errorf("read RelationshipsOf: %w", err)
	}
	if len(pages) != 2 || pages[1].TotalCount != 3 {
		return fmt.Errorf("read RelationshipsOf: got %d pages, want 2 with d's 3 relationships", len(pages))
	}
	if _, err := s.Neighborhood(ctx, "a", actorgraph.NeighborhoodOptions{Depth: 1}); err != nil {
		return fmt.Errorf("read Neighborhood: %w", err)
	}
	return nil
}
