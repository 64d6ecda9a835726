package synth

import "github.com/actorgraph/actorgraph/internal/actorgraph"

// eventCode is one CAMEO coding of an event type, with its Goldstein
// score and GDELT QuadClass (see docs/domain.md).
type eventCode struct {
	code      string
	goldstein *float64
	quadClass int
}

func code(c string, goldstein float64, quadClass int) eventCode {
	return eventCode{code: c, goldstein: &goldstein, quadClass: quadClass}
}

// relType is how relationships of one type are generated.
type relType struct {
	typ      actorgraph.RelationshipType
	weight   int         // relative frequency
	codes    []eventCode // none for structural types
	modality actorgraph.Modality
	evidence []actorgraph.Evidence
}

// relTypes covers every actorgraph.RelationshipType (a test checks it),
// with frequencies loosely like news event data: consultations and
// statements common, prisoner exchanges and attacks rare.
var relTypes = func() []relType {
	asserted, intended, threatened := actorgraph.Asserted, actorgraph.Intended, actorgraph.Threatened
	ts := []relType{
		{typ: actorgraph.SpokeWith, weight: 20, modality: asserted, codes: []eventCode{code("040", 1.0, 1), code("041", 1.0, 1)}},
		{typ: actorgraph.MetWith, weight: 12, modality: asserted, codes: []eventCode{code("042", 1.9, 1), code("043", 2.8, 1), code("044", 2.5, 1)}},
		{typ: actorgraph.NegotiatedWith, weight: 5, modality: asserted, codes: []eventCode{code("046", 7.0, 1)}},
		{typ: actorgraph.Mediated, weight: 2, modality: asserted, codes: []eventCode{code("045", 5.0, 1)}},
		{typ: actorgraph.OfferedToHost, weight: 1, modality: intended, codes: []eventCode{code("039", 5.0, 1)}},
		{typ: actorgraph.OfferedToMediate, weight: 1, modality: intended, codes: []eventCode{code("039", 5.0, 1)}},
		{typ: actorgraph.Proposed, weight: 4, modality: intended, codes: []eventCode{code("036", 4.0, 1), code("037", 5.0, 1)}},
		{typ: actorgraph.Welcomed, weight: 3, modality: asserted, codes: []eventCode{code("036", 4.0, 1)}},
		{typ: actorgraph.Thanked, weight: 2, modality: asserted, codes: []eventCode{code("051", 3.4, 1)}},
		{typ: actorgraph.Praised, weight: 3, modality: asserted, codes: []eventCode{code("051", 3.4, 1)}},
		{typ: actorgraph.Supported, weight: 3, modality: asserted, codes: []eventCode{code("070", 7.0, 2), code("072", 8.3, 2)}},
		{typ: actorgraph.Urged, weight: 4, modality: asserted, codes: []eventCode{code("026", 4.0, 1), code("028", 4.0, 1)}},
		{typ: actorgraph.Demanded, weight: 3, modality: asserted, codes: []eventCode{code("1056", -5.0, 3), code("106", -5.0, 3)}},
		{typ: actorgraph.Rejected, weight: 3, modality: asserted, codes: []eventCode{code("120", -4.0, 3), code("1246", -4.0, 3)}},
		{typ: actorgraph.DeclinedToMeet, weight: 1, modality: asserted, codes: []eventCode{code("125", -5.0, 3)}},
		{typ: actorgraph.ThreatenedSanctions, weight: 1, modality: threatened, codes: []eventCode{code("1312", -5.8, 3)}},
		{typ: actorgraph.AgreedTo, weight: 3, modality: asserted, codes: []eventCode{code("030", 4.0, 1), code("0353", 7.0, 1)}},
		{typ: actorgraph.ExchangedPrisoners, weight: 1, modality: asserted, codes: []eventCode{code("0841", 7.0, 2)}},
		{typ: actorgraph.Attacked, weight: 2, modality: asserted, codes: []eventCode{code("190", -10.0, 4), code("195", -10.0, 4)}},
		{typ: actorgraph.Accused, weight: 4, modality: asserted, codes: []eventCode{code("112", -2.0, 3)}},
		{typ: actorgraph.ReportedOn, weight: 8, modality: asserted, codes: []eventCode{code("010", 0.0, 1)}},
		{typ: actorgraph.RelatedTo, weight: 3, modality: asserted, codes: []eventCode{code("012", -0.4, 1)}},
		{typ: actorgraph.Leads, weight: 1, modality: asserted},
		{typ: actorgraph.SpokespersonFor, weight: 1, modality: asserted},
		{typ: actorgraph.MemberOf, weight: 2, modality: asserted},
		{typ: actorgraph.WorksFor, weight: 3, modality: asserted},
		{typ: actorgraph.PartOf, weight: 1, modality: asserted},
	}
	for i := range ts {
		ts[i].evidence = quote(ts[i].typ)
	}
	return ts
}()

// relTypeWeights are relTypes' weights, for pickWeighted.
var relTypeWeights = func() []int {
	ws := make([]int, len(relTypes))
	for i, t := range relTypes {
		ws[i] = t.weight
	}
	return ws
}()
