package graph

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/graph/model"
	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// FuzzMutationInputValidation: whatever a client sends as mutation input,
// conversion plus validation never panics, and a rejection is always an
// ErrInvalid naming a field (so the client gets BAD_USER_INPUT, never
// INTERNAL).
func FuzzMutationInputValidation(f *testing.F) {
	f.Add("vladimir-putin", "LEADER", "Vladimir Putin", "Putin", "RUS", "RUSGOV", "Q7747", "r-1", "SPOKE_WITH", "041", 1.0, 1, "a quote")
	f.Add("", "", "", "", "", "", "", "", "", "", 0.0, 0, "")
	f.Add("Bad Id", "KING", " ", "", "ru", "rus gov", "7747", "r 1", "HUGGED", "41a", 11.0, 9, " ")
	f.Fuzz(func(t *testing.T, id, kind, name, alias, country, cameo, wikidata, relID, relType, eventCode string, goldstein float64, quad int, quote string) {
		in := model.CreateActorInput{ID: id, Kind: actorgraph.ActorKind(kind), Name: name, Aliases: []string{alias},
			Country: &country, CameoCode: &cameo, WikidataID: &wikidata}
		a := newActor(in)
		checkValidation(t, a.Validate())

		rin := model.CreateRelationshipInput{ID: relID, Type: actorgraph.RelationshipType(relType), From: id, To: "other-" + id,
			CameoCode: &eventCode, Goldstein: &goldstein, QuadClass: &quad,
			Evidence: []*model.EvidenceInput{{Quote: quote, Source: "src"}}}
		r := newRelationship(rin)
		checkValidation(t, r.Validate())
		if r.Modality != actorgraph.Asserted {
			t.Fatalf("default modality = %q, want ASSERTED", r.Modality)
		}
	})
}

func checkValidation(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var fe *actorgraph.FieldError
	if !errors.As(err, &fe) || !errors.Is(err, actorgraph.ErrInvalid) || fe.Field == "" {
		t.Fatalf("validation error %v is not a FieldError wrapping ErrInvalid", err)
	}
	if !utf8.ValidString(fe.Field) {
		t.Fatalf("field name %q is not valid UTF-8", fe.Field)
	}
}
