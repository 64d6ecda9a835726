package server_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

// Imported event data over the API: a one-actor event has a null end (and
// a null source or target), GDELT's counts and tone are served, evidence
// says whether it is a quote, and CAMEO codes carry their labels.
func TestEventFieldsOverGraphQL(t *testing.T) {
	st, _, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	g := actorgraph.NewGraph(st)
	storetest.MustLoad(t, g, storetest.OneActorFixture())
	ts := MustStartServer(t, withStore(g))
	res := ts.post(t, map[string]any{"query": `{ relationships(first: 20) { edges { node {
	  id from { id } to { id } source target numMentions numSources numArticles avgTone cameoCode cameoLabel evidence { kind source }
	} } } }`})
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %s", res.Errors)
	}
	var data struct {
		Relationships struct {
			Edges []struct{ Node map[string]any }
		}
	}
	res.decode(t, &data)
	got := map[string]any{}
	for _, e := range data.Relationships.Edges {
		id := e.Node["id"].(string)
		delete(e.Node, "id")
		got[id] = e.Node
	}
	got = map[string]any{"s1": got["s1"], "s2": got["s2"], "r01": got["r01"]}
	want := map[string]any{
		"s1": map[string]any{
			"from": map[string]any{"id": "a"}, "to": nil, "source": "a", "target": nil,
			"numMentions": 10.0, "numSources": 2.0, "numArticles": 9.0, "avgTone": -2.5,
			"cameoCode": "040", "cameoLabel": "Consult, not specified below",
			"evidence": []any{map[string]any{"kind": "CODED_EVENT", "source": "https://example.org/s1"}},
		},
		"s2": map[string]any{
			"from": nil, "to": map[string]any{"id": "b"}, "source": nil, "target": "b",
			"numMentions": nil, "numSources": nil, "numArticles": nil, "avgTone": nil, "cameoCode": nil, "cameoLabel": nil,
			"evidence": []any{map[string]any{"kind": "CODED_EVENT", "source": "https://example.org/s2"}},
		},
		"r01": map[string]any{
			"from": map[string]any{"id": "a"}, "to": map[string]any{"id": "b"}, "source": "a", "target": "b",
			"numMentions": nil, "numSources": nil, "numArticles": nil, "avgTone": nil, "cameoCode": nil, "cameoLabel": nil,
			"evidence": []any{map[string]any{"kind": "QUOTE", "source": "storetest"}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// totalCount is counted whenever it is selected, however it is selected
// (stores skip the count when it is not).
func TestTotalCountThroughFragmentsAndDirectives(t *testing.T) {
	ts := MustStartServer(t)
	ds, err := dataset.Article()
	if err != nil {
		t.Fatal(err)
	}
	want := len(ds.Actors)
	for _, q := range []string{
		`{ actors(first: 2) { totalCount } }`,
		`{ actors(first: 2) { ... on ActorConnection { totalCount } } }`,
		`{ actors(first: 2) { ...c } } fragment c on ActorConnection { totalCount }`,
		`query($y: Boolean = true) { actors(first: 2) { totalCount @include(if: $y) } }`,
	} {
		res := ts.post(t, map[string]any{"query": q})
		var data struct{ Actors struct{ TotalCount int } }
		res.decode(t, &data)
		if data.Actors.TotalCount != want {
			t.Errorf("%s: totalCount = %d, want %d (the article's actors)", q, data.Actors.TotalCount, want)
		}
	}
	res := ts.post(t, map[string]any{"query": `{ actor(id: "vladimir-putin") { relationships(first: 1) { ... on RelationshipConnection { totalCount } edges { node { id } } } } }`})
	var data struct {
		Actor struct{ Relationships struct{ TotalCount int } }
	}
	res.decode(t, &data)
	if data.Actor.Relationships.TotalCount < 2 {
		t.Errorf("nested totalCount through a fragment = %d, want Putin's full count", data.Actor.Relationships.TotalCount)
	}
}
