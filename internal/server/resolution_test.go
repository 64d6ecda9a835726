package server_test

import (
	"path/filepath"
	"testing"

	"github.com/actorgraph/actorgraph/internal/importer"
)

// TestMentionsAndResolutionOverGraphQL imports the resolution fixtures
// (GDELT 2.0, GDELT 1.0, ICEWS) over the article and reads, through the
// real server, what each source said and why it joined the actor.
func TestMentionsAndResolutionOverGraphQL(t *testing.T) {
	ts := MustStartServer(t)
	dir := filepath.Join("..", "importer", "testdata", "resolution")
	files := []string{filepath.Join(dir, "gdelt2-20250520.export.CSV"), filepath.Join(dir, "gdelt1-20250520.export.CSV"), filepath.Join(dir, "icews-2025-05.tsv")}
	if _, err := importer.Import(t.Context(), ts.Store, files, importer.Options{Strict: true}); err != nil {
		t.Fatal(err)
	}
	r := ts.mustQuery(t, `{
	  actor(id: "russia") { id resolution { rule names { source name code rule } mentionCount } }
	  lavrov: actor(id: "sergey-lavrov") { __typename resolution { rule entry key } }
	  search(text: "putin") { id }
	}`, nil)
	var got struct {
		Actor struct {
			ID         string
			Resolution struct {
				Rule  string
				Names []struct {
					Source, Name, Rule string
					Code               *string
				}
				MentionCount int
			}
		}
		Lavrov struct {
			Typename   string `json:"__typename"`
			Resolution struct{ Rule, Entry, Key string }
		}
		Search []struct{ ID string }
	}
	r.decode(t, &got)
	if got.Actor.Resolution.Rule != "CURATED" || len(got.Actor.Resolution.Names) < 5 || got.Actor.Resolution.MentionCount < 10 {
		t.Errorf("russia's resolution = %+v", got.Actor.Resolution)
	}
	found := false
	for _, n := range got.Actor.Resolution.Names {
		found = found || (n.Source == "GDELT" && n.Name == "KREMLIN" && n.Code != nil && *n.Code == "RUSGOV" && n.Rule == "COUNTRY")
	}
	if !found {
		t.Errorf("russia's names lack GDELT KREMLIN [RUSGOV] by COUNTRY: %+v", got.Actor.Resolution.Names)
	}
	if got.Lavrov.Typename != "Official" || got.Lavrov.Resolution.Rule != "DICTIONARY" || got.Lavrov.Resolution.Key == "" {
		t.Errorf("lavrov = %+v", got.Lavrov)
	}
	if len(got.Search) != 1 || got.Search[0].ID != "vladimir-putin" {
		t.Errorf("search(putin) = %+v, want only vladimir-putin", got.Search)
	}

	r = ts.mustQuery(t, `{ relationships(filter: {eventId: "icews-40000003-20250520"}) { edges { node {
	  from { id } to { id }
	  fromMention { source name country sectors roles rule }
	  toMention { source name code roles sectors rule entry } } } } }`, nil)
	want := `{"relationships":{"edges":[{"node":{"from":{"id":"russia"},"to":{"id":"ukraine"},` +
		`"fromMention":{"source":"ICEWS","name":"Government (Russia)","country":"Russian Federation","sectors":["Government"],"roles":["GOV"],"rule":"COUNTRY"},` +
		`"toMention":{"source":"ICEWS","name":"Citizen (Ukraine)","code":null,"roles":["CVL"],"sectors":["General Population / Civilian / Social"],"rule":"COUNTRY","entry":null}}}]}}`
	if string(r.Data) != want {
		t.Errorf("ICEWS event =\n%s\nwant\n%s", r.Data, want)
	}
	// Curated relationships name their actors by id: no mentions.
	r = ts.mustQuery(t, `{ relationships(filter: {eventId: "trump-putin-call-2025-05-19"}, first: 1) { edges { node { fromMention { name } toMention { name } } } } }`, nil)
	if string(r.Data) != `{"relationships":{"edges":[{"node":{"fromMention":null,"toMention":null}}]}}` {
		t.Errorf("curated relationship mentions = %s", r.Data)
	}
}

func TestMergeActorsMutation(t *testing.T) {
	ts := MustStartServer(t, withToken("tok"))
	auth := []string{"Authorization", "Bearer tok"}
	merge := `mutation($into: ID!, $from: [ID!]!) { mergeActors(into: $into, from: $from) {
	  actor { id aliases resolution { merged } } merged movedRelationships } }`
	vars := map[string]any{"into": "russia", "from": []string{"kremlin"}}
	if r := ts.query(t, merge, vars); !r.hasCode("UNAUTHENTICATED") {
		t.Errorf("merge without the token: codes %v", r.codes())
	}
	r := ts.mustQuery(t, merge, vars, auth...)
	var got struct {
		MergeActors struct {
			Actor struct {
				ID         string
				Aliases    []string
				Resolution struct{ Merged []string }
			}
			Merged             []string
			MovedRelationships int
		}
	}
	r.decode(t, &got)
	m := got.MergeActors
	if m.Actor.ID != "russia" || len(m.Merged) != 1 || m.Merged[0] != "kremlin" || m.MovedRelationships == 0 ||
		len(m.Actor.Resolution.Merged) != 1 {
		t.Errorf("mergeActors = %+v", m)
	}
	// The old id answers the survivor; merging again changes nothing.
	r = ts.mustQuery(t, `{ actor(id: "kremlin") { id } }`, nil)
	if string(r.Data) != `{"actor":{"id":"russia"}}` {
		t.Errorf("actor(kremlin) = %s", r.Data)
	}
	// Graph queries on the old id answer for the survivor too.
	r = ts.mustQuery(t, `{ neighborhood(id: "kremlin", depth: 1) { nodes { id } }
	  shortestPath(from: "kremlin", to: "dmitry-peskov") { nodes { id } } }`, nil)
	var g struct {
		Neighborhood struct{ Nodes []struct{ ID string } }
		ShortestPath struct{ Nodes []struct{ ID string } }
	}
	r.decode(t, &g)
	if len(g.Neighborhood.Nodes) == 0 || g.Neighborhood.Nodes[0].ID != "russia" || len(g.ShortestPath.Nodes) == 0 || g.ShortestPath.Nodes[0].ID != "russia" {
		t.Errorf("neighborhood and shortestPath from the merged kremlin = %s", r.Data)
	}
	r = ts.mustQuery(t, merge, vars, auth...)
	if !contains(string(r.Data), `"merged":[],"movedRelationships":0}`) {
		t.Errorf("repeated merge = %s, want nothing merged", r.Data)
	}
	// A relationship created with the old id goes to the survivor.
	rel := `mutation { createRelationship(input: {id: "kremlin-said", type: RELATED_TO, from: "kremlin", to: "ukraine",
	  evidence: [{quote: "q", source: "test"}]}) { from { id } } }`
	if r := ts.mustQuery(t, rel, nil, auth...); string(r.Data) != `{"createRelationship":{"from":{"id":"russia"}}}` {
		t.Errorf("createRelationship from a merged id = %s", r.Data)
	}
	for _, tc := range []struct {
		into string
		from []string
		code string
	}{
		{"russia", []string{"russia"}, "BAD_USER_INPUT"},
		{"nobody", []string{"ukraine"}, "NOT_FOUND"},
		{"ukraine", []string{"nobody"}, "NOT_FOUND"},
		{"ukraine", []string{"kremlin"}, "CONFLICT"},
	} {
		r := ts.query(t, merge, map[string]any{"into": tc.into, "from": tc.from}, auth...)
		if !r.hasCode(tc.code) {
			t.Errorf("mergeActors(%s, %v): codes %v, want %s", tc.into, tc.from, r.codes(), tc.code)
		}
	}
}
