package importer_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/importer"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

// The three event files of testdata/resolution: a GDELT 2.0 export, a
// GDELT 1.0 daily export and an ICEWS file, all with Russia, Ukraine and
// US events of May 2025.
var resolutionFiles = []string{
	filepath.Join("testdata", "resolution", "gdelt2-20250520.export.CSV"),
	filepath.Join("testdata", "resolution", "gdelt1-20250520.export.CSV"),
	filepath.Join("testdata", "resolution", "icews-2025-05.tsv"),
}

func seedArticle(t *testing.T, s *actorgraph.Graph) {
	t.Helper()
	ds, err := dataset.Article()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := importer.ImportDataset(t.Context(), s, ds, importer.Options{}); err != nil {
		t.Fatalf("seeding the article: %v", err)
	}
}

func importStrict(t *testing.T, s *actorgraph.Graph, files ...string) importer.Summary {
	t.Helper()
	sum, err := importer.Import(t.Context(), s, files, importer.Options{Strict: true})
	if err != nil {
		t.Fatalf("Import(%v): %v", files, err)
	}
	return sum
}

func searchIDs(t *testing.T, s *actorgraph.Graph, text string) []string {
	t.Helper()
	found, err := s.Search(t.Context(), text, 100)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(found))
	for i, a := range found {
		ids[i] = a.ID
	}
	slices.Sort(ids)
	return ids
}

func TestOneGraphAcrossSources(t *testing.T) {
	stores(t, func(t *testing.T, newStore func(t *testing.T) *actorgraph.Graph) {
		// What the article alone answers, to compare with.
		article := newStore(t)
		seedArticle(t, article)
		names := []string{"putin", "russia", "ukraine", "united states", "zelensk", "trump", "kremlin"}
		want := map[string][]string{}
		for _, n := range names {
			want[n] = searchIDs(t, article, n)
		}

		s := newStore(t)
		seedArticle(t, s)
		sum := importStrict(t, s, resolutionFiles...)
		if sum.Imported != 19 || sum.Rejected != 0 || sum.Skipped != 0 {
			t.Errorf("import summary %+v, want 19 rows imported", sum)
		}
		// Each real-world party is one node: the event files add no
		// second Putin, Russia, Ukraine or United States.
		for _, n := range names {
			if got := searchIDs(t, s, n); !slices.Equal(got, want[n]) {
				t.Errorf("search(%q) = %v after the imports, want the article's %v", n, got, want[n])
			}
		}
		for _, a := range storetest.MustAllActors(t, s, actorgraph.ActorFilter{}) {
			if strings.HasPrefix(a.ID, "rus") && a.ID != "russia" && a.ID != "russian-negotiators" {
				t.Errorf("actor %s (%s): a role or a copy of Russia became an actor", a.ID, a.Name)
			}
		}
		// Putin's relationships hold the article's quotes and the coded events.
		kinds := map[actorgraph.EvidenceKind]int{}
		sources := map[string]bool{}
		for _, r := range storetest.MustAllRelationships(t, s, actorgraph.RelationshipFilter{ActorID: "vladimir-putin"}) {
			kinds[r.Evidence[0].Kind]++
			sources[strings.SplitN(r.ID, "-", 2)[0]] = true
		}
		if kinds[actorgraph.VerbatimQuote] == 0 || kinds[actorgraph.CodedEvent] == 0 || !sources["gdelt"] || !sources["icews"] {
			t.Errorf("Putin's relationships: evidence kinds %v, id prefixes %v; want quotes and coded GDELT and ICEWS events", kinds, sources)
		}
		// The mention keeps what the source said, and why it joined.
		r := mustRelationship(t, s, "gdelt-1300000002")
		if r.From != "donald-trump" || r.To != "vladimir-putin" || r.ToMention.Name != "PUTIN" || r.ToMention.Code != "RUSGOV" ||
			r.ToMention.Rule != actorgraph.RuleStoredName {
			t.Errorf("gdelt-1300000002 = %s → %s, to mention %+v", r.From, r.To, r.ToMention)
		}
		r = mustRelationship(t, s, "gdelt-1300000009")
		if r.From != "russia" || r.FromMention.Name != "KREMLIN" || r.FromMention.Rule != actorgraph.RuleCountry || !slices.Equal(r.FromMention.Roles, []string{"GOV"}) {
			t.Errorf("KREMLIN [RUSGOV] resolved to %s with mention %+v, want Russia acting through its government", r.From, r.FromMention)
		}
		// A path joins an article-only actor (Stubb) to a GDELT-only one
		// (Lavrov) through the shared actors.
		p, err := s.ShortestPath(t.Context(), "alexander-stubb", "sergey-lavrov", actorgraph.PathOptions{MaxHops: 4})
		if err != nil || p == nil {
			t.Fatalf("ShortestPath(alexander-stubb, sergey-lavrov) = %v, %v; want a path", p, err)
		}
		if ids := pathIDs(p); !slices.Contains(ids, "vladimir-putin") {
			t.Errorf("path %v does not pass through the shared Putin", ids)
		}
		lavrov := storetest.MustActor(t, s, "sergey-lavrov")
		if lavrov.Kind != actorgraph.KindOfficial || lavrov.Resolution == nil || lavrov.Resolution.Rule != actorgraph.RuleDictionary {
			t.Errorf("Lavrov = %+v, want an OFFICIAL from the dictionary", lavrov)
		}

		// Importing again changes nothing.
		before := storetest.MustSnapshot(t, s)
		importStrict(t, s, resolutionFiles...)
		storetest.AssertSnapshot(t, s, before)

		// Another order gives the same graph, ids and records included.
		reversed := newStore(t)
		seedArticle(t, reversed)
		for i := len(resolutionFiles) - 1; i >= 0; i-- {
			importStrict(t, reversed, resolutionFiles[i])
		}
		storetest.AssertSnapshot(t, reversed, before)

		// The curated data loaded last joins the same actors: the same
		// ids and ends (the records differ only in how they say it
		// happened: merged rather than matched).
		late := newStore(t)
		importStrict(t, late, resolutionFiles...)
		seedArticle(t, late)
		if diff := cmp.Diff(graphShape(before), graphShape(storetest.MustSnapshot(t, late))); diff != "" {
			t.Errorf("seeding after the imports gives another graph (-seeded first +seeded last):\n%s", diff)
		}
	})
}

func mustRelationship(t *testing.T, s *actorgraph.Graph, id string) actorgraph.Relationship {
	t.Helper()
	for _, r := range storetest.MustAllRelationships(t, s, actorgraph.RelationshipFilter{}) {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("relationship %s not stored", id)
	return actorgraph.Relationship{}
}

func pathIDs(p *actorgraph.Path) []string {
	var ids []string
	for _, n := range p.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

// graphShape is a graph as ids: actors with their kinds, relationships
// with their ends.
func graphShape(fx storetest.Fixture) []string {
	var out []string
	for _, a := range fx.Actors {
		out = append(out, "actor "+a.ID+" "+string(a.Kind))
	}
	for _, r := range fx.Relationships {
		out = append(out, "rel "+r.ID+" "+r.From+" -> "+r.To)
	}
	return out
}
