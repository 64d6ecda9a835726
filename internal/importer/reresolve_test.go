package importer_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/resolve"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

// legacyActor is an actor as GDELT imports wrote them before actor
// resolution: one per code and name, typed by role.
func legacyActor(id, code, name, country, roles string) actorgraph.Actor {
	desc := "GDELT actor " + code + " (country " + country
	if roles != "" {
		desc += "; roles " + roles
	}
	return actorgraph.Actor{ID: id, Kind: actorgraph.KindGovernment, Name: name, Aliases: []string{}, Country: country,
		CAMEOCode: code, Description: desc + ")"}
}

func legacyEvent(id, from, to string) actorgraph.Relationship {
	g := 1.0
	return actorgraph.Relationship{ID: id, Type: actorgraph.SpokeWith, From: from, To: to, Modality: actorgraph.Asserted,
		Goldstein: &g, CAMEOCode: "040", Evidence: []actorgraph.Evidence{{Quote: "GDELT event", Source: "gdelt:event/1", Kind: actorgraph.CodedEvent}}}
}

func TestResolveMergesAStoreFilledBeforeResolution(t *testing.T) {
	stores(t, func(t *testing.T, newStore func(t *testing.T) *actorgraph.Graph) {
		s := newStore(t)
		ds, err := dataset.Article()
		if err != nil {
			t.Fatal(err)
		}
		legacy := []actorgraph.Actor{
			legacyActor("rusgov-vladimir-putin", "RUSGOV", "VLADIMIR PUTIN", "RUS", "GOV"),
			legacyActor("rus-russia", "RUS", "RUSSIA", "RUS", ""),
			legacyActor("rusgov-russia", "RUSGOV", "RUSSIA", "RUS", "GOV"),
			legacyActor("rusmil-russian", "RUSMIL", "RUSSIAN", "RUS", "MIL"),
			legacyActor("ukr-ukraine", "UKR", "UKRAINE", "UKR", ""),
			legacyActor("usagov-marco-rubio", "USAGOV", "MARCO RUBIO", "USA", "GOV"),
			legacyActor("rusgov-sergei-lavrov", "RUSGOV", "SERGEI LAVROV", "RUS", "GOV"),
		}
		rels := []actorgraph.Relationship{
			legacyEvent("gdelt-1", "rusgov-vladimir-putin", "ukr-ukraine"),
			legacyEvent("gdelt-2", "usagov-marco-rubio", "rusgov-sergei-lavrov"),
			legacyEvent("gdelt-3", "rusgov-sergei-lavrov", "rusgov-vladimir-putin"),
			legacyEvent("gdelt-4", "rusmil-russian", "rus-russia"),
			legacyEvent("gdelt-5", "rusgov-russia", "ukr-ukraine"),
		}
		storetest.MustUpsert(t, s, append(slices.Clone(ds.Actors), legacy...), append(slices.Clone(ds.Relationships), rels...))

		tables, err := resolve.LoadTables()
		if err != nil {
			t.Fatal(err)
		}
		plan, err := resolve.Plan(t.Context(), tables, s)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string][]string{}
		for _, m := range plan {
			got[m.Into] = m.From
			if (m.Create != nil) != (m.Into == "marco-rubio-usa" || m.Into == "sergey-lavrov") {
				t.Errorf("merge into %s: create %v", m.Into, m.Create)
			}
		}
		want := map[string][]string{
			"vladimir-putin":  {"rusgov-vladimir-putin"},
			"russia":          {"rus-russia", "rusgov-russia", "rusmil-russian"},
			"ukraine":         {"ukr-ukraine"},
			"marco-rubio-usa": {"usagov-marco-rubio"},
			"sergey-lavrov":   {"rusgov-sergei-lavrov"},
		}
		for into, from := range want {
			if !slices.Equal(got[into], from) {
				t.Errorf("plan merges %v into %s, want %v", got[into], into, from)
			}
		}
		if len(got) != len(want) {
			t.Errorf("plan = %v, want %v", got, want)
		}
		var report bytes.Buffer
		resolve.Report(&report, plan)
		if !strings.Contains(report.String(), `rusgov-vladimir-putin: GDELT "VLADIMIR PUTIN" [RUSGOV] → vladimir-putin by STORED_NAME`) {
			t.Errorf("report does not say why:\n%s", report.String())
		}

		merged, err := resolve.Apply(t.Context(), s, plan)
		if err != nil || merged != 7 {
			t.Fatalf("Apply = %d, %v; want 7 merged", merged, err)
		}
		if ids := searchIDs(t, s, "putin"); !slices.Equal(ids, []string{"vladimir-putin"}) {
			t.Errorf("search(putin) = %v after resolve", ids)
		}
		if a := storetest.MustActor(t, s, "rusgov-vladimir-putin"); a.ID != "vladimir-putin" {
			t.Errorf("Actor(rusgov-vladimir-putin) = %s, want the survivor", a.ID)
		}
		r := mustRelationship(t, s, "gdelt-3")
		if r.From != "sergey-lavrov" || r.To != "vladimir-putin" {
			t.Errorf("gdelt-3 = %s → %s after resolve", r.From, r.To)
		}
		if r := mustRelationship(t, s, "gdelt-4"); r.From != "russia" || r.To != "" {
			t.Errorf("gdelt-4 (Russia's military → Russia) = %s → %q, want a one-actor event of russia", r.From, r.To)
		}
		// Nothing is left to do.
		again, err := resolve.Plan(t.Context(), tables, s)
		if err != nil || len(again) != 0 {
			t.Errorf("second Plan = %+v, %v; want nothing", again, err)
		}
	})
}
