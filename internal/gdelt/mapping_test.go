package gdelt

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/google/go-cmp/cmp"
)

func mustMap(t *testing.T, ev Event) actorgraph.Relationship {
	t.Helper()
	r, err := Map(ev)
	if err != nil {
		t.Fatalf("Map: %v", err)
	}
	return r
}

func ptr[T any](v T) *T { return &v }

func TestMapTwoActorEventGivesFullRecords(t *testing.T) {
	got := mustMap(t, mustParse(t, fixtureLines(t, "export20.tsv")[0]))
	want := actorgraph.Relationship{
		ID:        "gdelt-1234567890",
		Type:      actorgraph.SpokeWith,
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
		FromMention: &actorgraph.Mention{Source: actorgraph.SourceGDELT, Name: "VLADIMIR PUTIN", Code: "RUSGOV", Country: "RUS", Roles: []string{"GOV"}},
		ToMention:   &actorgraph.Mention{Source: actorgraph.SourceGDELT, Name: "UKRAINE", Code: "UKR", Country: "UKR"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Map mismatch (-want +got):\n%s", diff)
	}
}

func TestMapEveryFixtureEventToTheDocumentedRecords(t *testing.T) {
	type want struct {
		id, from, to string // the mentions, as "NAME [CODE]"
		typ          actorgraph.RelationshipType
		modality     actorgraph.Modality
		summary      string
	}
	wants := map[string][]want{
		"export20.tsv": {
			{"gdelt-1234567890", "VLADIMIR PUTIN [RUSGOV]", "UKRAINE [UKR]", actorgraph.SpokeWith, actorgraph.Asserted, "Consult, not specified below"},
			{"gdelt-1234567891", "DONALD TRUMP [USAGOV]", "", actorgraph.ThreatenedSanctions, actorgraph.Threatened, "Threaten to boycott, embargo, or sanction"},
			{"gdelt-1234567892", "", "UKRAINE [UKR]", actorgraph.Attacked, actorgraph.Asserted, "Employ aerial weapons"},
			{"gdelt-1234567893", `THE "MEMORIAL" SOCIETY [RUSNGO]`, "EUROPEAN UNION [IGOEUREEC]", actorgraph.Praised, actorgraph.Asserted, "Praise or endorse"},
			{"gdelt-1234567894", "VOLODYMYR ZELENSKYY [UKRGOV]", "Владимир Путин [RUSGOV]", actorgraph.Proposed, actorgraph.Intended, "Express intent to meet or negotiate"},
			{"gdelt-1234567895", "Volodymyr Zélenskyy [UKRGOV]", "RECEP TAYYİP ERDOĞAN [TURGOV]", actorgraph.NegotiatedWith, actorgraph.Asserted, "Engage in negotiation"},
			{"gdelt-1234567896", "RUSSIA [RUS]", "RUSSIA [RUS]", actorgraph.RelatedTo, actorgraph.Asserted, "Make statement, not specified below"},
			{"gdelt-1234567897", "RUSSIA [RUS]", "UKRAINE [UKR]", actorgraph.ExchangedPrisoners, actorgraph.Asserted, "Return, release person(s)"},
			{"gdelt-1234567898", "SEPARATISTS [UKRREB]", "UKRAINE [UKR]", actorgraph.RelatedTo, actorgraph.Asserted, "CAMEO event 099 (not in the codebook)"},
		},
		"daily10.tsv": {
			{"gdelt-253030000", "ANGELA MERKEL [DEUGOV]", "BARACK OBAMA [USAGOV]", actorgraph.NegotiatedWith, actorgraph.Asserted, "Engage in negotiation"},
			{"gdelt-253030001", "BARACK OBAMA [USAGOV]", "", actorgraph.Demanded, actorgraph.Asserted, "Demand de-escalation of military engagement"},
		},
		"historical10.tsv": {
			{"gdelt-1", "SOVIET UNION [RUS]", "UNITED STATES [USA]", actorgraph.Accused, actorgraph.Asserted, "Accuse, not specified below"},
			{"gdelt-2", "UNITED STATES [USA]", "SOVIET UNION [RUS]", actorgraph.MetWith, actorgraph.Asserted, "Make a visit"},
		},
	}
	ref := func(m *actorgraph.Mention) string {
		if m == nil {
			return ""
		}
		return m.Name + " [" + m.Code + "]"
	}
	for file, ws := range wants {
		var got []want
		for _, line := range fixtureLines(t, file) {
			if len(line) == 0 {
				continue
			}
			r := mustMap(t, mustParse(t, line))
			if r.From != "" || r.To != "" {
				t.Errorf("%s: Map set ends %q, %q; the resolver sets them", r.ID, r.From, r.To)
			}
			got = append(got, want{r.ID, ref(r.FromMention), ref(r.ToMention), r.Type, r.Modality, r.Summary})
		}
		if diff := cmp.Diff(ws, got, cmp.AllowUnexported(want{})); diff != "" {
			t.Errorf("%s (-want +got):\n%s", file, diff)
		}
	}
}

func TestMapOneActorEventHasOneMention(t *testing.T) {
	r := mustMap(t, mustParse(t, fixtureLines(t, "export20.tsv")[1]))
	if r.FromMention == nil || r.ToMention != nil {
		t.Errorf("mentions = %+v, %+v; want the source only", r.FromMention, r.ToMention)
	}
	want := "GDELT event 1234567891 (2025-05-19): DONALD TRUMP [USAGOV] — 1312 Threaten to boycott, embargo, or sanction — (no actor)"
	if got := r.Evidence[0].Quote; got != want {
		t.Errorf("quote = %q, want %q", got, want)
	}
}

func TestMapKeepsEveryCodeOnTheMention(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	ev.Actor1 = Actor{Code: "idgCOP", Name: "POLICE", CountryCode: "", KnownGroupCode: "NAT", EthnicCode: "idg",
		Religion1Code: "CHR", Religion2Code: "CTH", Type1Code: "COP", Type2Code: "MIL", Type3Code: ""}
	r := mustMap(t, ev)
	want := &actorgraph.Mention{Source: actorgraph.SourceGDELT, Name: "POLICE", Code: "idgCOP", Roles: []string{"COP", "MIL"},
		KnownGroup: "NAT", Ethnic: "idg", Religions: []string{"CHR", "CTH"}}
	if diff := cmp.Diff(want, r.FromMention); diff != "" {
		t.Errorf("FromMention (-want +got):\n%s", diff)
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
	r := mustMap(t, mustParse(t, fixtureLines(t, "historical10.tsv")[0]))
	if got := r.Evidence[0].Source; got != "gdelt:event/1" {
		t.Errorf("Source = %q, want gdelt:event/1", got)
	}
}

func TestMapOverlongURLFallsBackToEventReference(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	ev.SourceURL = "https://example.com/" + strings.Repeat("a", actorgraph.MaxTextLen)
	r := mustMap(t, ev)
	if got := r.Evidence[0].Source; got != "gdelt:event/1234567890" {
		t.Errorf("Source = %q", got)
	}
}

func TestMapCutsOverlongNamesAtACharacterBoundary(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	ev.Actor1.Name = strings.Repeat("Ж", 150) // 300 bytes
	name := mustMap(t, ev).FromMention.Name
	if len(name) != actorgraph.MaxNameLen || name != strings.Repeat("Ж", 100) {
		t.Errorf("name = %q (%d bytes)", name, len(name))
	}
}

func TestMapRejectsRecordsThatFailValidation(t *testing.T) {
	ev := mustParse(t, fixtureLines(t, "export20.tsv")[0])
	ev.Actor1.KnownGroupCode = strings.Repeat("X", 41) // no CAMEO code is that long
	_, err := Map(ev)
	if !errors.Is(err, actorgraph.ErrInvalid) {
		t.Fatalf("Map error = %v, want one wrapping actorgraph.ErrInvalid", err)
	}
	want := `mapped relationship is invalid: fromMention: code "XXXXXXXXXXXXXXXXXXXX"… longer than 40 bytes`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
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
