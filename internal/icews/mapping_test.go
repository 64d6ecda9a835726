package icews

import (
	"errors"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/google/go-cmp/cmp"
)

// mapFixture maps every parsed row of the fixture by Event ID, with the
// errors of those Map refused.
func mapFixture(t *testing.T) (map[string]actorgraph.Relationship, map[string]error) {
	t.Helper()
	rels, errs := map[string]actorgraph.Relationship{}, map[string]error{}
	for _, ev := range parsedFixture(t) {
		rel, err := Map(ev)
		if err != nil {
			errs[ev.ID] = err
			continue
		}
		rels[ev.ID] = rel
	}
	return rels, errs
}

func parsedFixture(t *testing.T) []Event {
	t.Helper()
	var out []Event
	r := open(t, fixture, Options{})
	for r.Scan() {
		if rec := r.Record(); rec.Err == nil {
			out = append(out, rec.Event)
		}
	}
	return out
}

// resolved sets placeholder actor ids where the resolver would.
func resolved(rel actorgraph.Relationship) actorgraph.Relationship {
	if rel.FromMention != nil {
		rel.From = "a"
	}
	if rel.ToMention != nil {
		rel.To = "b"
	}
	return rel
}

func ptr[T any](v T) *T { return &v }

func icewsMention(name, country string, sectors, roles []string) *actorgraph.Mention {
	return &actorgraph.Mention{Source: actorgraph.SourceICEWS, Name: name, Country: country, Sectors: sectors, Roles: roles}
}

var (
	trump     = icewsMention("Donald Trump", "United States", []string{"Executive", "Executive Office", "Government"}, []string{"GOV"})
	putin     = icewsMention("Vladimir Putin", "Russia", []string{"Elite", "Executive", "Executive Office", "Government"}, []string{"GOV", "ELI"})
	govRussia = icewsMention("Government (Russia)", "Russia", []string{"Government"}, []string{"GOV"})
	govUkr    = icewsMention("Government (Ukraine)", "Ukraine", []string{"Government"}, []string{"GOV"})
	citizens  = icewsMention("Citizen (Ukraine)", "Ukraine", []string{"General Population / Civilian / Social", "Social"}, []string{"CVL"})
	russia    = icewsMention("Russia", "Russia", nil, nil)
)

func TestMapFixture(t *testing.T) {
	rels, errs := mapFixture(t)
	for _, tc := range []struct {
		eventID string
		want    actorgraph.Relationship
	}{{
		eventID: "30000001",
		want: actorgraph.Relationship{
			ID: "icews-30000001-20250519", Type: actorgraph.SpokeWith,
			Date: ptr(actorgraph.MustParseDate("2025-05-19")), CAMEOCode: "041",
			Goldstein: ptr(1.0), QuadClass: 1, Modality: actorgraph.Asserted,
			EventID: "icews-30000001-20250519", Summary: "Discuss by telephone",
			Evidence: []actorgraph.Evidence{{
				Quote:  "ICEWS event 30000001 (2025-05-19): Donald Trump (United States) — 041 Discuss by telephone — Vladimir Putin (Russia); publisher: Reuters; story 50000001, sentence 1",
				Source: "icews:event/30000001",
				Kind:   actorgraph.CodedEvent,
			}},
			FromMention: trump, ToMention: putin,
		},
	}, {
		eventID: "30000002",
		want: actorgraph.Relationship{
			ID: "icews-30000002-20250519", Type: actorgraph.SpokeWith,
			Date: ptr(actorgraph.MustParseDate("2025-05-19")), CAMEOCode: "040",
			Goldstein: ptr(1.0), QuadClass: 1, Modality: actorgraph.Asserted,
			EventID: "icews-30000002-20250519", Summary: "Consult, not specified below",
			Evidence: []actorgraph.Evidence{{
				Quote:  "ICEWS event 30000002 (2025-05-19): Vladimir Putin (Russia) — 040 Consult, not specified below — Government (Ukraine); publisher: Interfax; story 50000002, sentence 2",
				Source: "icews:event/30000002",
				Kind:   actorgraph.CodedEvent,
			}},
			FromMention: putin, ToMention: govUkr,
		},
	}, {
		eventID: "30000006",
		want: actorgraph.Relationship{
			ID: "icews-30000006-20250521", Type: actorgraph.ThreatenedSanctions,
			Date: ptr(actorgraph.MustParseDate("2025-05-21")), CAMEOCode: "1312",
			Goldstein: ptr(-5.8), QuadClass: 3, Modality: actorgraph.Threatened,
			EventID: "icews-30000006-20250521", Summary: "Threaten to boycott, embargo, or sanction",
			Evidence: []actorgraph.Evidence{{
				Quote:  "ICEWS event 30000006 (2025-05-21): United States — 1312 Threaten to boycott, embargo, or sanction — Russia; publisher: Reuters; story 50000006, sentence 4",
				Source: "icews:event/30000006",
				Kind:   actorgraph.CodedEvent,
			}},
			FromMention: icewsMention("United States", "United States", nil, nil), ToMention: russia,
		},
	}, {
		eventID: "30000007", // code given as 46
		want: actorgraph.Relationship{
			ID: "icews-30000007-20250516", Type: actorgraph.NegotiatedWith,
			Date: ptr(actorgraph.MustParseDate("2025-05-16")), CAMEOCode: "046",
			Goldstein: ptr(7.0), QuadClass: 1, Modality: actorgraph.Asserted,
			EventID: "icews-30000007-20250516", Summary: "Engage in negotiation",
			Evidence: []actorgraph.Evidence{{
				Quote:  "ICEWS event 30000007 (2025-05-16): Government (Russia) — 046 Engage in negotiation (given as 46) — Government (Ukraine); publisher: Anadolu Agency; story 50000007, sentence 1",
				Source: "icews:event/30000007",
				Kind:   actorgraph.CodedEvent,
			}},
			FromMention: govRussia, ToMention: govUkr,
		},
	}, {
		eventID: "30000008", // code given as 841, police among the sectors, NA place
		want: actorgraph.Relationship{
			ID: "icews-30000008-20250523", Type: actorgraph.ExchangedPrisoners,
			Date: ptr(actorgraph.MustParseDate("2025-05-23")), CAMEOCode: "0841",
			Goldstein: ptr(7.0), QuadClass: 2, Modality: actorgraph.Asserted,
			EventID: "icews-30000008-20250523", Summary: "Return, release person(s)",
			Evidence: []actorgraph.Evidence{{
				Quote:  "ICEWS event 30000008 (2025-05-23): Government (Russia) — 0841 Return, release person(s) (given as 841) — Citizen (Ukraine); publisher: Interfax; story 50000008, sentence 2",
				Source: "icews:event/30000008",
				Kind:   actorgraph.CodedEvent,
			}},
			FromMention: icewsMention("Government (Russia)", "Russia", []string{"Police", "Government"}, []string{"COP", "GOV"}),
			ToMention:   citizens,
		},
	}, {
		eventID: "30000009", // no target at all: one mention
		want: actorgraph.Relationship{
			ID: "icews-30000009-20250522", Type: actorgraph.Attacked,
			Date: ptr(actorgraph.MustParseDate("2025-05-22")), CAMEOCode: "190",
			Goldstein: ptr(-10.0), QuadClass: 4, Modality: actorgraph.Asserted,
			EventID: "icews-30000009-20250522", Summary: "Use conventional military force, not specified below",
			Evidence: []actorgraph.Evidence{{
				Quote:  "ICEWS event 30000009 (2025-05-22): Military (Ukraine) — 190 Use conventional military force, not specified below — (no actor)",
				Source: "icews:event/30000009",
				Kind:   actorgraph.CodedEvent,
			}},
			FromMention: icewsMention("Military (Ukraine)", "Ukraine", nil, []string{"MIL"}),
		},
	}, {
		eventID: "30000012", // target only a country; code given as 42
		want: actorgraph.Relationship{
			ID: "icews-30000012-20250520", Type: actorgraph.MetWith,
			Date: ptr(actorgraph.MustParseDate("2025-05-20")), CAMEOCode: "042",
			Goldstein: ptr(1.9), QuadClass: 1, Modality: actorgraph.Asserted,
			EventID: "icews-30000012-20250520", Summary: "Make a visit",
			Evidence: []actorgraph.Evidence{{
				Quote:  "ICEWS event 30000012 (2025-05-20): Donald Trump (United States) — 042 Make a visit (given as 42) — unnamed (Ukraine); story 50000012, sentence 1",
				Source: "icews:event/30000012",
				Kind:   actorgraph.CodedEvent,
			}},
			FromMention: trump,
			ToMention:   &actorgraph.Mention{Source: actorgraph.SourceICEWS, Country: "Ukraine"},
		},
	}} {
		t.Run(tc.eventID, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, rels[tc.eventID]); diff != "" {
				t.Errorf("relationship (-want +got):\n%s", diff)
			}
		})
	}
	if err := errs["30000013"]; !errors.Is(err, ErrNoActor) || err.Error() != "neither Source Name nor Target Name is given" {
		t.Errorf("event without names: Map error = %v, want ErrNoActor", err)
	}
	if len(errs) != 1 || len(rels) != 10 {
		t.Errorf("mapped %d, refused %d (%v); want 10 and 1", len(rels), len(errs), errs)
	}
}

func TestMapTypesModalitiesAndQuadClasses(t *testing.T) {
	rels, _ := mapFixture(t)
	type short struct {
		Type      actorgraph.RelationshipType
		Modality  actorgraph.Modality
		Goldstein float64
		Quad      int
	}
	got := map[string]short{}
	for id, r := range rels {
		got[id] = short{r.Type, r.Modality, *r.Goldstein, r.QuadClass}
	}
	want := map[string]short{
		"30000001": {actorgraph.SpokeWith, actorgraph.Asserted, 1, 1},                // 041
		"30000002": {actorgraph.SpokeWith, actorgraph.Asserted, 1, 1},                // 040
		"30000003": {actorgraph.Rejected, actorgraph.Asserted, -4, 3},                // 120
		"30000004": {actorgraph.Attacked, actorgraph.Asserted, -10, 4},               // 195
		"30000005": {actorgraph.Proposed, actorgraph.Intended, 4, 1},                 // 036
		"30000006": {actorgraph.ThreatenedSanctions, actorgraph.Threatened, -5.8, 3}, // 1312
		"30000007": {actorgraph.NegotiatedWith, actorgraph.Asserted, 7, 1},           // 046
		"30000008": {actorgraph.ExchangedPrisoners, actorgraph.Asserted, 7, 2},       // 0841
		"30000009": {actorgraph.Attacked, actorgraph.Asserted, -10, 4},               // 190
		"30000012": {actorgraph.MetWith, actorgraph.Asserted, 1.9, 1},                // 042
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestMappedRelationshipsAreValidOnceResolved(t *testing.T) {
	rels, _ := mapFixture(t)
	for id, rel := range rels {
		if rel.From != "" || rel.To != "" {
			t.Errorf("%s: From %q, To %q; want both left to the resolver", id, rel.From, rel.To)
		}
		r := resolved(rel)
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
}

func TestMapKeepsACountryOnlySourceAsAMention(t *testing.T) {
	ev := parsedFixture(t)[0]
	ev.Source = Party{Country: "United States"}
	rel, err := Map(ev)
	if err != nil {
		t.Fatal(err)
	}
	want := &actorgraph.Mention{Source: actorgraph.SourceICEWS, Country: "United States"}
	if diff := cmp.Diff(want, rel.FromMention); diff != "" {
		t.Errorf("from mention (-want +got):\n%s", diff)
	}
	if !strings.Contains(rel.Evidence[0].Quote, "): unnamed (United States) — 041") {
		t.Errorf("quote = %q", rel.Evidence[0].Quote)
	}
}

func TestMapNeedsANameOnOneSide(t *testing.T) {
	ev := parsedFixture(t)[0]
	ev.Source = Party{Country: "United States", Sectors: []string{"Government"}}
	ev.Target = Party{Name: "  ", Country: "Russia"}
	_, err := Map(ev)
	var le *LineError
	if !errors.Is(err, ErrNoActor) || !errors.As(err, &le) {
		t.Errorf("Map = %v, want a *LineError wrapping ErrNoActor", err)
	}
}

func TestRelationshipIDHashesEventIDsThatAreNotSlugs(t *testing.T) {
	date := actorgraph.MustParseDate("2025-05-19")
	for _, tc := range []struct{ id, want string }{
		{"30000001", "icews-30000001-20250519"},
		{"abc-12", "icews-abc-12-20250519"},
		{"ABC-12", "icews-" + actorgraph.ShortHash("ABC-12") + "-20250519"},
		{"12 34", "icews-" + actorgraph.ShortHash("12 34") + "-20250519"},
		{"-1", "icews-" + actorgraph.ShortHash("-1") + "-20250519"},
		{strings.Repeat("9", MaxEventIDBytes+1), "icews-" + actorgraph.ShortHash(strings.Repeat("9", MaxEventIDBytes+1)) + "-20250519"},
	} {
		got := RelationshipID(Event{ID: tc.id, Date: date})
		if got != tc.want || !actorgraph.ValidID(got) {
			t.Errorf("RelationshipID(%q) = %q, want %q (a valid id)", tc.id, got, tc.want)
		}
	}
	// The same Event ID on two days is two events (ICEWS reuses ids).
	a := RelationshipID(Event{ID: "1", Date: date})
	b := RelationshipID(Event{ID: "1", Date: actorgraph.MustParseDate("2025-05-20")})
	if a == b {
		t.Errorf("same id on two days gave one relationship id %q", a)
	}
}

func TestMapCutsLongFieldsToTheMentionLimits(t *testing.T) {
	ev := parsedFixture(t)[0]
	ev.Source.Name = strings.Repeat("é", actorgraph.MaxNameLen) // 400 bytes
	ev.Source.Sectors = nil
	for range 15 {
		ev.Source.Sectors = append(ev.Source.Sectors, "Government", strings.Repeat("x", 300))
	}
	rel, err := Map(ev)
	if err != nil {
		t.Fatal(err)
	}
	m := rel.FromMention
	if len(m.Name) != actorgraph.MaxNameLen || !strings.HasPrefix(ev.Source.Name, m.Name) {
		t.Errorf("name cut to %d bytes", len(m.Name))
	}
	if len(m.Sectors) != maxSectors || len(m.Sectors[1]) != actorgraph.MaxNameLen {
		t.Errorf("sectors = %d, the second %d bytes", len(m.Sectors), len(m.Sectors[1]))
	}
	if r := resolved(rel); r.Validate() != nil {
		t.Error(r.Validate())
	}
}

func TestMapLabelsCodesTheCodebookLacks(t *testing.T) {
	ev := parsedFixture(t)[0]
	ev.CAMEOCode, ev.GivenCAMEOCode = "099", "099"
	rel, err := Map(ev)
	if err != nil {
		t.Fatal(err)
	}
	if rel.Summary != "Discuss by telephone" || rel.Type != actorgraph.RelatedTo || rel.QuadClass != 2 {
		t.Errorf("summary %q, type %s, quad %d; want ICEWS's text, RELATED_TO, 2", rel.Summary, rel.Type, rel.QuadClass)
	}
	ev.Text = ""
	if rel, _ := Map(ev); rel.Summary != "CAMEO event 099 (not in the codebook)" {
		t.Errorf("summary without text = %q", rel.Summary)
	}
}

func TestMapRejectsAnInvalidRecord(t *testing.T) {
	ev := parsedFixture(t)[0]
	ev.Intensity = 11 // Map is also called on events that Reader did not make
	_, err := Map(ev)
	var le *LineError
	if !errors.As(err, &le) || !errors.Is(err, actorgraph.ErrInvalid) || le.Reason != "mapped relationship is invalid: goldstein: must be between -10 and 10" {
		t.Errorf("Map = %v, want a *LineError wrapping ErrInvalid", err)
	}
}
