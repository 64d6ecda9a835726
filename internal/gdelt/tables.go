package gdelt

import (
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// eventTypes maps CAMEO event-code prefixes to relationship types; the
// longest matching prefix wins, and codes matching none are RELATED_TO.
// It follows docs/domain.md's edge-type table. docs/gdelt.md shows the same
// table, and TestDocTableMatchesCode keeps the two equal.
var eventTypes = []struct {
	Prefix string
	Type   actorgraph.RelationshipType
}{
	{"02", actorgraph.Urged},                 // appeal
	{"03", actorgraph.AgreedTo},              // express intent to cooperate (0353 release persons)
	{"036", actorgraph.Proposed},             // express intent to meet or negotiate
	{"037", actorgraph.Proposed},             // express intent to settle dispute
	{"039", actorgraph.OfferedToMediate},     // express intent to mediate
	{"04", actorgraph.SpokeWith},             // consult (040), discuss by telephone (041)
	{"042", actorgraph.MetWith},              // make a visit
	{"043", actorgraph.MetWith},              // host a visit
	{"044", actorgraph.MetWith},              // meet at a "third" location
	{"045", actorgraph.Mediated},             // mediate
	{"046", actorgraph.NegotiatedWith},       // engage in negotiation
	{"051", actorgraph.Praised},              // praise or endorse
	{"057", actorgraph.AgreedTo},             // sign formal agreement
	{"07", actorgraph.Supported},             // provide aid
	{"0841", actorgraph.ExchangedPrisoners},  // return, release person(s)
	{"10", actorgraph.Demanded},              // demand
	{"112", actorgraph.Accused},              // accuse
	{"12", actorgraph.Rejected},              // reject
	{"125", actorgraph.DeclinedToMeet},       // reject proposal to meet, discuss, negotiate
	{"1312", actorgraph.ThreatenedSanctions}, // threaten to boycott, embargo, or sanction
	{"18", actorgraph.Attacked},              // assault
	{"19", actorgraph.Attacked},              // fight
	{"20", actorgraph.Attacked},              // use unconventional mass violence
}

// TypeOf returns the relationship type for a CAMEO event code.
func TypeOf(code string) actorgraph.RelationshipType {
	best, typ := 0, actorgraph.RelatedTo
	for _, e := range eventTypes {
		if len(e.Prefix) > best && strings.HasPrefix(code, e.Prefix) {
			best, typ = len(e.Prefix), e.Type
		}
	}
	return typ
}

// ModalityOf returns the modality a CAMEO code implies: the 03 codes
// "express intent to …" are INTENDED, the 13 codes "threaten" are
// THREATENED (neither has happened), everything else ASSERTED, as GDELT
// reports it as having happened.
func ModalityOf(code string) actorgraph.Modality {
	switch {
	case strings.HasPrefix(code, "03"):
		return actorgraph.Intended
	case strings.HasPrefix(code, "13"):
		return actorgraph.Threatened
	}
	return actorgraph.Asserted
}
