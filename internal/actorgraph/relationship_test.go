package actorgraph_test

import (
	"errors"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// TestRelationshipEvidenceRules: what each evidence kind needs, and that an
// event cannot rest on background knowledge alone while a standing
// relation can.
func TestRelationshipEvidenceRules(t *testing.T) {
	quote := actorgraph.Evidence{Quote: "Kremlin spokesperson Dmitry Peskov", Source: "article"}
	background := actorgraph.Evidence{
		Quote:  "The Kremlin is the executive office of the President of Russia.",
		Source: "https://en.wikipedia.org/wiki/Presidential_Administration_of_Russia",
		Kind:   actorgraph.Background,
	}
	unsourced := background
	unsourced.Source = " "
	structural := func(ev ...actorgraph.Evidence) actorgraph.Relationship {
		return actorgraph.Relationship{ID: "r", Type: actorgraph.PartOf, From: "kremlin", To: "russia",
			Modality: actorgraph.Asserted, Evidence: ev}
	}
	event := func(ev ...actorgraph.Evidence) actorgraph.Relationship {
		r := structural(ev...)
		r.Type = actorgraph.SpokeWith
		return r
	}
	tests := []struct {
		name      string
		rel       actorgraph.Relationship
		wantField string // "" when valid
	}{
		{"StructuralOnBackgroundAloneIsValid", structural(background), ""},
		{"StructuralWithQuoteAndBackgroundIsValid", structural(quote, background), ""},
		{"EventWithQuoteAndBackgroundIsValid", event(quote, background), ""},
		{"BackgroundWithoutSourceIsInvalid", structural(unsourced), "evidence[0].source"},
		{"EventOnBackgroundAloneIsInvalid", event(background), "evidence"},
		{"UnknownKindIsInvalid", structural(actorgraph.Evidence{Quote: "x", Source: "s", Kind: "HEARSAY"}), "evidence[0].kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rel.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var fe *actorgraph.FieldError
			if !errors.As(err, &fe) || !errors.Is(err, actorgraph.ErrInvalid) {
				t.Fatalf("Validate() = %v, want an ErrInvalid naming %q", err, tt.wantField)
			}
			if fe.Field != tt.wantField {
				t.Errorf("field = %q (%v), want %q", fe.Field, err, tt.wantField)
			}
		})
	}
}
