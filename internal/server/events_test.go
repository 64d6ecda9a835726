package server_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

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
	storetest.MustLoad(t, st, storetest.OneActorFixture())
	ts := MustStartServer(t, withStore(st))
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
