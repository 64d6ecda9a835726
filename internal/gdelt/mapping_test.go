package gdelt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/google/go-cmp/cmp"
)

func mustMap(t *testing.T, ev Event) Mapped {
	t.Helper()
	m, err := Map(ev)
	if err != nil {
		t.Fatalf("Map: %v", err)
	}
	return m
}

func ptr[T any](v T) *T { return &v }

func TestMapTwoActorEventGivesFullRecords(t *testing.T) {
	m := mustMap(t, mustParse(t, fixtureLines(t, "export20.tsv")[0]))
	want := Mapped{
		Actors: []actorgraph.Actor{
			{
				ID: "rusgov-vladimir-putin", Kind: actorgraph.KindGovernment, Name: "VLADIMIR PUTIN",
				Aliases: []string{}, Country: "RUS", CAMEOCode: "RUSGOV",
				Description: "GDELT actor RUSGOV (country RUS; roles GOV)",
			},
			{
				ID: "ukr-ukraine", Kind: actorgraph.KindGovernment, Name: "UKRAINE",
				Aliases: []string{}, Country: "UKR", CAMEOCode: "UKR",
				Description: "GDELT actor UKR (country UKR)",
			},
		},
		Relationship: actorgraph.Relationship{
			ID:        "gdelt-1234567890",
			Type:      actorgraph.SpokeWith,
			From:      "rusgov-vladimir-putin",
			To:        "ukr-ukraine",
			Date:      &actorgraph.Date{Year: 2025, Month: time.May, Day: 19},
			CAMEOCode: "040",
			Goldstein: ptr(1.0),
			QuadClass: 1,
			Modality:  actorgraph.Asserted,
			EventID:   "gdelt-1234567890",
			Summary:   "Consult, not specified below",
			Evidence: []actorgraph.Evidence{{
				Quote:  "GDELT event 1234567890 (2025-05-19): VLADIMIR PUTIN [RUSGOV] — 040 Consult, not specified below — UKRAINE [UKR]",
				Source: "https://example.com/news/putin-ukraine",
				Kind:   actorgraph.CodedEvent,
			}},
			NumMentions: 10,
			NumSources:  2,
			NumArticles: 10,
			AvgTone:     ptr(-2.5),
		},
	}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("Map mismatch (-want +got):\n%s", diff)
	}
}

func TestMapEveryFixtureEventToTheDocumentedRecords(t *testing.T) {
	type want struct {
		id, from, to string
		typ          actorgraph.RelationshipType
		modality     actorgraph.Modality
		summary      string
		kinds        []actorgraph.ActorKind
	}
	wants := map[string][]want{
		"export20.tsv": {
			{"gdelt-1234567890", "rusgov-vladimir-putin", "ukr-ukraine", actorgraph.SpokeWith, actorgraph.Asserted,
				"Consult, not specified below", []actorgraph.ActorKind{actorgraph.KindGovernment, actorgraph.KindGovernment}},
			{"gdelt-1234567891", "usagov-donald-trump", "", actorgraph.ThreatenedSanctions, actorgraph.Threatened,
				"Threaten to boycott, embargo, or sanction", []actorgraph.ActorKind{actorgraph.KindGovernment}},
			{"gdelt-1234567892", "", "ukr-ukraine", actorgraph.Attacked, actorgraph.Asserted,
				"Employ aerial weapons", []actorgraph.ActorKind{actorgraph.KindGovernment}},
			{"gdelt-1234567893", "rusngo-the-memorial-society", "igoeureec-european-union", actorgraph.Praised, actorgraph.Asserted,
				"Praise or endorse", []actorgraph.ActorKind{actorgraph.KindOrganization, actorgraph.KindOrganization}},
			{"gdelt-1234567894", "ukrgov-volodymyr-zelenskyy", "rusgov-" + hash8("Владимир Путин"), actorgraph.Proposed, actorgraph.Intended,
				"Express intent to meet or negotiate", []actorgraph.ActorKind{actorgraph.KindGovernment, actorgraph.KindGovernment}},
			{"gdelt-1234567895", "ukrgov-volodymyr-zelenskyy", "turgov-recep-tayyip-erdogan", actorgraph.NegotiatedWith, actorgraph.Asserted,
				"Engage in negotiation", []actorgraph.ActorKind{actorgraph.KindGovernment, actorgraph.KindGovernment}},
			{"gdelt-1234567896", "rus-russia", "", actorgraph.RelatedTo, actorgraph.Asserted,
				"Make statement, not specified below (Actor1 and Actor2 are the same actor)", []actorgraph.ActorKind{actorgraph.KindGovernment}},
			{"gdelt-1234567897", "rus-russia", "ukr-ukraine", actorgraph.ExchangedPrisoners, actorgraph.Asserted,
				"Return, release person(s)", []actorgraph.ActorKind{actorgraph.KindGovernment, actorgraph.KindGovernment}},
			{"gdelt-1234567898", "ukrreb-separatists", "ukr-ukraine", actorgraph.RelatedTo, actorgraph.Asserted,
				"CAMEO event 099 (not in the codebook)", []actorgraph.ActorKind{actorgraph.KindGroup, actorgraph.KindGovernment}},
		},
		"daily10.tsv": {
			{"gdelt-253030000", "deugov-angela-merkel", "usagov-barack-obama", actorgraph.NegotiatedWith, actorgraph.Asserted,
				"Engage in negotiation", []actorgraph.ActorKind{actorgraph.KindGovernment, actorgraph.KindGovernment}},
			{"gdelt-253030001", "usagov-barack-obama", "", actorgraph.Demanded, actorgraph.Asserted,
				"Demand de-escalation of military engagement", []actorgraph.ActorKind{actorgraph.KindGovernment}},
		},
		"historical10.tsv": {
			{"gdelt-1", "rus-soviet-union", "usa-united-states", actorgraph.Accused, actorgraph.Asserted,
				"Accuse, not specified below", []actorgraph.ActorKind{actorgraph.KindGovernment, actorgraph.KindGovernment}},
			{"gdelt-2", "usa-united-states", "rus-soviet-union", actorgraph.MetWith, actorgraph.Asserted,
				"Make a visit", []actorgraph.ActorKind{actorgraph.KindGovernment, actorgraph.KindGovernment}},
		},
	}
	for file, ws := range wants {
		var got []want
		for _, line := range fixtureLines(t, file) {
			if len(line) == 0 {
				continue
			}
			m := mustMap(t, mustParse(t, line))
			r := m.Relationship
			w := want{r.ID, r.From, r.To, r.Type, r.Modality, r.Summary, nil}
			for _, a := range m.Actors {
				w.kinds = append(w.kinds, a.Kind)
			}
			got = append(got, w)
		}
		if diff := cmp.Diff(ws, got, cmp.AllowUnexported(want{})); diff != "" {
			t.Errorf("%s (-want +got):\n%s", file, diff)
		}
	}
}

func TestMapOneActorEventKeepsTheKnownEnd(t *testing.T) {
	lines := fixtureLines(t, "export20.tsv")
	m := mustMap(t, mustParse(t, lines[1]))
	if len(m.Actors) != 1 || !m.Relationship.OneActor() || m.Relationship.From != m.Actors[0].ID {
		t.Errorf("Map = %+v", m)
	}
	want := "GDELT event 1234567891 (2025-05-19): DONALD TRUMP [USAGOV] — 1312 Threaten to boycott, embargo, or sanction — (no actor)"
	if got := m.Relationship.Evidence[0].Quote; got != want {
		t.Errorf("quote = %q, want %q", got, want)
	}
}

func TestMapSameActorOnBothSidesBecomesOneActorEvent(t *testing.T) {
	m := mustMap(t, mustParse(t, fixtureLines(t, "export20.tsv")[7]))
	r := m.Relationship
	if len(m.Actors) != 1 || r.From != "rus-russia" || r.To != "" {
		t.Fatalf("Map = %+v", m)
	}
	if !strings.HasSuffix(r.Evidence[0].Quote, "(the same actor on both sides)") {
		t.Errorf("quote %q does not say the actors are the same", r.Evidence[0].Quote)
	}
}

func TestMapEventWithoutActorsIsSkippedNotRejected(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "bad.tsv")[11])
	_, err := Map(ev)
	if !errors.Is(err, ErrNoActor) || errors.Is(err, ErrMalformed) {
		t.Fatalf("Map error = %v, want ErrNoActor", err)
	}
	var le *LineError
	if !errors.As(err, &le) || le.Reason == "" {
		t.Errorf("error %#v is not a *LineError with a reason", err)
	}
}

func TestMapHistoricalEventCitesTheEventInsteadOfAURL(t *testing.T) {
	m := mustMap(t, mustParse(t, fixtureLines(t, "historical10.tsv")[0]))
	if got := m.Relationship.Evidence[0].Source; got != "gdelt:event/1" {
		t.Errorf("Source = %q, want gdelt:event/1", got)
	}
}

func TestMapOverlongURLFallsBackToEventReference(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	ev.SourceURL = "https://example.com/" + strings.Repeat("a", actorgraph.MaxTextLen)
	m := mustMap(t, ev)
	if got := m.Relationship.Evidence[0].Source; got != "gdelt:event/1234567890" {
		t.Errorf("Source = %q", got)
	}
}

func TestMapCutsOverlongNamesAtACharacterBoundary(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	ev.Actor1.Name = strings.Repeat("Ж", 150) // 300 bytes
	m := mustMap(t, ev)
	name := m.Actors[0].Name
	if len(name) != actorgraph.MaxNameLen || name != strings.Repeat("Ж", 100) {
		t.Errorf("name = %q (%d bytes)", name, len(name))
	}
	if len(m.Actors[0].ID) > actorgraph.MaxIDLen {
		t.Errorf("id %q too long", m.Actors[0].ID)
	}
}

func TestMapRejectsRecordsThatFailValidation(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	ev.Actor1.KnownGroupCode = strings.Repeat("X", actorgraph.MaxTextLen) // description too long
	_, err := Map(ev)
	if !errors.Is(err, actorgraph.ErrInvalid) {
		t.Fatalf("Map error = %v, want one wrapping actorgraph.ErrInvalid", err)
	}
	want := "mapped actor rusgov-vladimir-putin is invalid: description: longer than 2000 bytes"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestMapOmitsCodesTheDomainCannotHold(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	ev.Actor1.Code = "RU"                     // too short for a CAMEO actor code field
	ev.Actor2.Code = strings.Repeat("ABC", 6) // 18 > 15
	ev.Actor2.CountryCode = "UK"              // not three letters
	m := mustMap(t, ev)
	a1, a2 := m.Actors[0], m.Actors[1]
	if a1.CAMEOCode != "" || a2.CAMEOCode != "" || a2.Country != "" {
		t.Errorf("actors = %+v, %+v", a1, a2)
	}
	if a1.ID != "ru-vladimir-putin" || !strings.Contains(a2.Description, "ABCABCABC") {
		t.Errorf("codes lost: %q, %q", a1.ID, a2.Description)
	}
}

func TestActorIDFoldsNamesIntoSlugs(t *testing.T) {
	long := strings.Repeat("VERY LONG NAME ", 20)
	tests := []struct {
		name string
		a    Actor
		want string
	}{
		{"code and name", Actor{Code: "RUSGOV", Name: "VLADIMIR PUTIN"}, "rusgov-vladimir-putin"},
		{"code only", Actor{Code: "RUS"}, "rus"},
		{"blank name", Actor{Code: "RUS", Name: "  "}, "rus"},
		{"name only", Actor{Name: "VLADIMIR PUTIN"}, "gdelt-vladimir-putin"},
		{"punctuation runs", Actor{Code: "USA", Name: `O'BRIEN -- "JR."`}, "usa-o-brien-jr"},
		{"accents folded", Actor{Code: "UKRGOV", Name: "Zélenskyy"}, "ukrgov-zelenskyy"},
		{"dotted and breve letters", Actor{Code: "TURGOV", Name: "RECEP TAYYİP ERDOĞAN"}, "turgov-recep-tayyip-erdogan"},
		{"cyrillic gets a hash", Actor{Code: "RUSGOV", Name: "Владимир"}, "rusgov-" + hash8("Владимир")},
		{"mixed script keeps the latin part", Actor{Code: "RUS", Name: "PUTIN Путин"}, "rus-putin-" + hash8("PUTIN Путин")},
		{"symbols only get a hash", Actor{Code: "RUS", Name: "!!!"}, "rus-" + hash8("!!!")},
		{"digits kept", Actor{Code: "USA", Name: "G7 SUMMIT"}, "usa-g7-summit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ActorID(&tt.a)
			if got != tt.want {
				t.Errorf("ActorID = %q, want %q", got, tt.want)
			}
			if !actorgraph.ValidID(got) {
				t.Errorf("ActorID = %q is not a valid id", got)
			}
		})
	}
	t.Run("long names are capped with a hash", func(t *testing.T) {
		a, b := Actor{Code: "USA", Name: long + "A"}, Actor{Code: "USA", Name: long + "B"}
		ida, idb := ActorID(&a), ActorID(&b)
		if len(ida) > actorgraph.MaxIDLen || !actorgraph.ValidID(ida) || ida == idb {
			t.Errorf("ids %q, %q: want distinct valid ids of at most %d bytes", ida, idb, actorgraph.MaxIDLen)
		}
		if ida != ActorID(&a) {
			t.Error("ActorID is not deterministic")
		}
	})
}

func TestKindOfFollowsTheRoleTable(t *testing.T) {
	tests := []struct {
		a    Actor
		want actorgraph.ActorKind
	}{
		{Actor{Code: "RUSGOV", Type1Code: "GOV"}, actorgraph.KindGovernment},
		{Actor{Code: "RUSMIL", Type1Code: "MIL"}, actorgraph.KindOrganization},
		{Actor{Code: "RUSSPY", Type1Code: "SPY"}, actorgraph.KindOrganization},
		{Actor{Code: "USAMED", Type1Code: "MED"}, actorgraph.KindOrganization},
		{Actor{Code: "IGOEUREEC", Type1Code: "IGO", KnownGroupCode: "EEC"}, actorgraph.KindOrganization},
		{Actor{Code: "UKRREB", Type1Code: "REB", Type2Code: "GOV"}, actorgraph.KindGroup},
		{Actor{Code: "UKRCVL", Type1Code: "CVL"}, actorgraph.KindGroup},
		{Actor{Code: "XYZ", Type1Code: "ZZZ", Type2Code: "GOV"}, actorgraph.KindGovernment},
		{Actor{Code: "NAT", KnownGroupCode: "NAT"}, actorgraph.KindOrganization},
		{Actor{Code: "RUS", CountryCode: "RUS"}, actorgraph.KindGovernment},
		{Actor{Code: "CHR", Religion1Code: "CHR"}, actorgraph.KindGroup},
		{Actor{Name: "SOMEONE"}, actorgraph.KindGroup},
	}
	for _, tt := range tests {
		if got := KindOf(&tt.a); got != tt.want {
			t.Errorf("KindOf(%+v) = %s, want %s", tt.a, got, tt.want)
		}
	}
}

func TestTypeOfUsesTheLongestPrefix(t *testing.T) {
	tests := map[string]actorgraph.RelationshipType{
		"010": actorgraph.RelatedTo, "020": actorgraph.Urged, "0353": actorgraph.AgreedTo,
		"036": actorgraph.Proposed, "037": actorgraph.Proposed, "039": actorgraph.OfferedToMediate,
		"040": actorgraph.SpokeWith, "041": actorgraph.SpokeWith, "042": actorgraph.MetWith,
		"044": actorgraph.MetWith, "045": actorgraph.Mediated, "046": actorgraph.NegotiatedWith,
		"051": actorgraph.Praised, "052": actorgraph.RelatedTo, "057": actorgraph.AgreedTo,
		"072": actorgraph.Supported, "0841": actorgraph.ExchangedPrisoners, "0842": actorgraph.RelatedTo,
		"1056": actorgraph.Demanded, "111": actorgraph.RelatedTo, "112": actorgraph.Accused,
		"1121": actorgraph.Accused, "127": actorgraph.Rejected, "1246": actorgraph.Rejected,
		"125": actorgraph.DeclinedToMeet, "1312": actorgraph.ThreatenedSanctions, "131": actorgraph.RelatedTo,
		"183": actorgraph.Attacked, "195": actorgraph.Attacked, "2042": actorgraph.Attacked,
		"173": actorgraph.RelatedTo,
	}
	for code, want := range tests {
		if got := TypeOf(code); got != want {
			t.Errorf("TypeOf(%q) = %s, want %s", code, got, want)
		}
	}
}

func TestTypeTableUsesOnlyEventTypes(t *testing.T) {
	for _, e := range eventTypes {
		if !e.Type.Valid() || e.Type.Structural() {
			t.Errorf("prefix %s maps to %s, not an event type", e.Prefix, e.Type)
		}
	}
}

func TestModalityOfMarksIntentAndThreats(t *testing.T) {
	tests := map[string]actorgraph.Modality{
		"030": actorgraph.Intended, "0353": actorgraph.Intended, "039": actorgraph.Intended,
		"130": actorgraph.Threatened, "1312": actorgraph.Threatened,
		"040": actorgraph.Asserted, "195": actorgraph.Asserted, "0841": actorgraph.Asserted,
	}
	for code, want := range tests {
		if got := ModalityOf(code); got != want {
			t.Errorf("ModalityOf(%q) = %s, want %s", code, got, want)
		}
	}
}
