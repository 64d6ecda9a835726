package actorgraph

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// RelationshipType is what one actor did to or with another. The names are
// part of the public GraphQL contract (enum RelationshipType) and, on Neo4j,
// the relationship types in the database.
type RelationshipType string

// Event relationship types (CAMEO-coded, see docs/domain.md) and structural ones.
const (
	SpokeWith           RelationshipType = "SPOKE_WITH"           // 040/041 consult, discuss by telephone
	MetWith             RelationshipType = "MET_WITH"             // 044 meet
	NegotiatedWith      RelationshipType = "NEGOTIATED_WITH"      // 046 engage in negotiation
	Mediated            RelationshipType = "MEDIATED"             // 045 mediate
	OfferedToHost       RelationshipType = "OFFERED_TO_HOST"      // 039 express intent to mediate (host talks)
	OfferedToMediate    RelationshipType = "OFFERED_TO_MEDIATE"   // 039 express intent to mediate
	Proposed            RelationshipType = "PROPOSED"             // 036/037 express intent to meet or settle
	Welcomed            RelationshipType = "WELCOMED"             // 036 welcome talks
	Thanked             RelationshipType = "THANKED"              // 051 praise or endorse
	Praised             RelationshipType = "PRAISED"              // 051 praise or endorse
	Supported           RelationshipType = "SUPPORTED"            // 07x provide aid
	Urged               RelationshipType = "URGED"                // 10x demand (softer); appeal
	Demanded            RelationshipType = "DEMANDED"             // 10x demand
	Rejected            RelationshipType = "REJECTED"             // 12x reject
	DeclinedToMeet      RelationshipType = "DECLINED_TO_MEET"     // 125 reject proposal to meet
	ThreatenedSanctions RelationshipType = "THREATENED_SANCTIONS" // 1312 threaten with sanctions
	AgreedTo            RelationshipType = "AGREED_TO"            // 03x express intent to cooperate/release
	ExchangedPrisoners  RelationshipType = "EXCHANGED_PRISONERS"  // 0841 release persons
	Attacked            RelationshipType = "ATTACKED"             // 19x fight, 195 aerial weapons
	Accused             RelationshipType = "ACCUSED"              // 112 accuse
	ReportedOn          RelationshipType = "REPORTED_ON"          // 010 make statement (journalists)
	Leads               RelationshipType = "LEADS"                // structural: a leader leads a government
	SpokespersonFor     RelationshipType = "SPOKESPERSON_FOR"     // structural
	MemberOf            RelationshipType = "MEMBER_OF"            // structural
	WorksFor            RelationshipType = "WORKS_FOR"            // structural: employee, correspondent, official
	PartOf              RelationshipType = "PART_OF"              // structural: an office or agency of a government
	RelatedTo           RelationshipType = "RELATED_TO"           // a generic event without a named type (GDELT)
)

// RelationshipTypes lists every type in a fixed order.
var RelationshipTypes = []RelationshipType{
	SpokeWith, MetWith, NegotiatedWith, Mediated, OfferedToHost, OfferedToMediate,
	Proposed, Welcomed, Thanked, Praised, Supported, Urged, Demanded, Rejected,
	DeclinedToMeet, ThreatenedSanctions, AgreedTo, ExchangedPrisoners, Attacked,
	Accused, ReportedOn, Leads, SpokespersonFor, MemberOf, WorksFor, PartOf, RelatedTo,
}

// Valid reports whether t is a known relationship type.
func (t RelationshipType) Valid() bool {
	for _, known := range RelationshipTypes {
		if t == known {
			return true
		}
	}
	return false
}

// Structural reports whether t is a standing relation (LEADS, WORKS_FOR, …)
// rather than an event; structural relationships carry no CAMEO code.
func (t RelationshipType) Structural() bool {
	switch t {
	case Leads, SpokespersonFor, MemberOf, WorksFor, PartOf:
		return true
	}
	return false
}

// Modality says whether a relationship happened, was offered, threatened…
type Modality string

// The modalities.
const (
	Asserted     Modality = "ASSERTED"     // it happened, as the source states
	Intended     Modality = "INTENDED"     // offered, intended or planned; not (yet) done
	Threatened   Modality = "THREATENED"   // threatened or signalled as a possibility
	Hypothetical Modality = "HYPOTHETICAL" // conditional or speculative
	Negated      Modality = "NEGATED"      // the source says it did not happen
	Claimed      Modality = "CLAIMED"      // claimed by one party, not confirmed
)

// Modalities lists every modality in a fixed order.
var Modalities = []Modality{Asserted, Intended, Threatened, Hypothetical, Negated, Claimed}

// Valid reports whether m is a known modality.
func (m Modality) Valid() bool {
	for _, known := range Modalities {
		if m == known {
			return true
		}
	}
	return false
}

// Direction selects relationships by which end an actor is on.
type Direction string

// The directions.
const (
	Outgoing Direction = "OUTGOING" // the actor is the relationship's From
	Incoming Direction = "INCOMING" // the actor is the relationship's To
	Both     Direction = "BOTH"     // either end
)

// Directions lists every direction in a fixed order.
var Directions = []Direction{Outgoing, Incoming, Both}

// Valid reports whether d is a known direction.
func (d Direction) Valid() bool { return slices.Contains(Directions, d) }

// Reverse returns the direction seen from the other end: OUTGOING and
// INCOMING swap, BOTH (and unset) stays BOTH. A backward search walks it.
func (d Direction) Reverse() Direction {
	switch d {
	case Outgoing:
		return Incoming
	case Incoming:
		return Outgoing
	}
	return Both
}

// EvidenceKind says what an Evidence's text is.
type EvidenceKind string

// The evidence kinds.
const (
	// VerbatimQuote: the text is an exact substring of the source (the
	// zero value, so curated datasets need not spell it out).
	VerbatimQuote EvidenceKind = ""
	// CodedEvent: the text describes a machine-coded event record (a GDELT
	// row), generated from its fields; the source is the article's URL. It
	// is not a quote, and clients should not print it as one.
	CodedEvent EvidenceKind = "CODED_EVENT"
	// Background: the text states a standing fact from outside the source
	// ("The Kremlin is the executive office of the President of Russia"),
	// for a relationship the source takes for granted without stating it.
	// The source names the reference it comes from ("wikidata:Q159583", a
	// URL); the text is not checked against any article. An event cannot
	// rest on background alone.
	Background EvidenceKind = "BACKGROUND"
)

// EvidenceKinds lists every evidence kind in a fixed order.
var EvidenceKinds = []EvidenceKind{VerbatimQuote, CodedEvent, Background}

// Valid reports whether k is a known evidence kind.
func (k EvidenceKind) Valid() bool { return slices.Contains(EvidenceKinds, k) }

// Evidence supports a relationship: a verbatim quote, for imported event
// data a description of the coded record, or a background fact from a
// reference.
type Evidence struct {
	// Quote is an exact substring of the source text (Kind VerbatimQuote),
	// the coded event's description (Kind CodedEvent) or the background
	// fact (Kind Background).
	Quote string `json:"quote"`
	// Source names where the quote comes from: a dataset source id, a URL,
	// or for background a reference such as "wikidata:Q159583".
	Source string `json:"source"`
	// Kind says which of the three Quote is.
	Kind EvidenceKind `json:"kind,omitempty"`
}

// Relationship is a directed, typed, evidenced link between two actors, or
// a one-actor event: coded event feeds (GDELT) record events whose source
// or target actor is unknown ("Ukraine was attacked"), and those are kept
// with the unknown end empty rather than dropped. A one-actor event belongs
// to its actor's relationships but links nothing: graph walks (paths,
// neighborhoods) never use it.
type Relationship struct {
	// ID is a stable slug id.
	ID string `json:"id"`
	// Type is what From did to or with To.
	Type RelationshipType `json:"type"`
	// From is the id of the acting actor; empty when the source actor is
	// unknown (a one-actor event).
	From string `json:"from"`
	// To is the id of the actor acted upon; empty when the target actor is
	// unknown (a one-actor event).
	To string `json:"to"`
	// Date is the day it happened, nil when the source gives none.
	Date *Date `json:"date"`
	// CAMEOCode is the CAMEO event code (a string: leading zeros matter);
	// empty for structural relationships.
	CAMEOCode string `json:"cameoCode,omitempty"`
	// Goldstein is the Goldstein score (-10 conflict … +10 cooperation),
	// nil for structural relationships.
	Goldstein *float64 `json:"goldstein"`
	// QuadClass is GDELT's class: 1 verbal cooperation, 2 material
	// cooperation, 3 verbal conflict, 4 material conflict; 0 when none.
	QuadClass int `json:"quadClass,omitempty"`
	// Modality says whether it happened or was offered, threatened, …
	Modality Modality `json:"modality"`
	// EventID is shared by the relationships that make up one multi-party
	// act, so a client can regroup them.
	EventID string `json:"eventId,omitempty"`
	// Summary is a short description of the act ("proposed a memorandum on
	// a future peace accord").
	Summary string `json:"summary,omitempty"`
	// Evidence holds at least one supporting quote.
	Evidence []Evidence `json:"evidence"`
	// NumMentions, NumSources and NumArticles are GDELT's counts of the
	// mentions, sources and articles of the event; 0 when not known.
	NumMentions int `json:"numMentions,omitempty"`
	NumSources  int `json:"numSources,omitempty"`
	NumArticles int `json:"numArticles,omitempty"`
	// AvgTone is GDELT's average tone of the documents mentioning the
	// event (-100 … +100), nil when not known.
	AvgTone *float64 `json:"avgTone,omitempty"`
	// FromMention and ToMention are what the source said about each party
	// (its own name, codes and role, and how the resolver joined it to the
	// actor); nil where the source is the actor id itself (curated data).
	FromMention *Mention `json:"fromMention,omitempty"`
	ToMention   *Mention `json:"toMention,omitempty"`
}

// OneActor reports whether r is a one-actor event (one end unknown).
func (r *Relationship) OneActor() bool { return r.From == "" || r.To == "" }

// Ends returns the ids of r's known actors: two, or one for a one-actor
// event.
func (r *Relationship) Ends() []string {
	switch {
	case r.From == "":
		return []string{r.To}
	case r.To == "":
		return []string{r.From}
	}
	return []string{r.From, r.To}
}

var cameoEventRE = regexp.MustCompile(`^[0-9]{2,4}$`)

// Validate checks a relationship's own fields (not whether its actors
// exist: stores check that). The error wraps ErrInvalid.
func (r *Relationship) Validate() error {
	switch {
	case !ValidID(r.ID):
		return invalid("id", "%q is not a slug (lower-case letters, digits and single dashes, at most %d characters)", r.ID, MaxIDLen)
	case !r.Type.Valid():
		return invalid("type", "%q is not a known relationship type", r.Type)
	case r.From == "" && r.To == "":
		return invalid("from", "a relationship needs at least one actor (from or to)")
	case r.From != "" && !ValidID(r.From):
		return invalid("from", "%q is not an actor id", r.From)
	case r.To != "" && !ValidID(r.To):
		return invalid("to", "%q is not an actor id", r.To)
	case r.From == r.To:
		return invalid("to", "a relationship must link two different actors")
	case r.NumMentions < 0 || r.NumSources < 0 || r.NumArticles < 0:
		return invalid("numMentions", "counts must not be negative")
	case r.AvgTone != nil && (math.IsNaN(*r.AvgTone) || *r.AvgTone < -100 || *r.AvgTone > 100):
		return invalid("avgTone", "must be between -100 and 100")
	case !r.Modality.Valid():
		return invalid("modality", "%q is not a known modality", r.Modality)
	case r.CAMEOCode != "" && !cameoEventRE.MatchString(r.CAMEOCode):
		return invalid("cameoCode", "%q is not a CAMEO event code (2 to 4 digits)", r.CAMEOCode)
	case r.Goldstein != nil && (math.IsNaN(*r.Goldstein) || *r.Goldstein < -10 || *r.Goldstein > 10):
		return invalid("goldstein", "must be between -10 and 10")
	case r.QuadClass < 0 || r.QuadClass > 4:
		return invalid("quadClass", "must be 1 to 4, or 0 for none")
	case r.EventID != "" && len(r.EventID) > MaxIDLen:
		return invalid("eventId", "longer than %d bytes", MaxIDLen)
	case len(r.Summary) > MaxTextLen:
		return invalid("summary", "longer than %d bytes", MaxTextLen)
	case len(r.Evidence) == 0:
		return invalid("evidence", "at least one evidence quote is required")
	case len(r.Evidence) > MaxEvidence:
		return invalid("evidence", "more than %d quotes", MaxEvidence)
	}
	for _, m := range []struct {
		field string
		m     *Mention
	}{{"fromMention", r.FromMention}, {"toMention", r.ToMention}} {
		if m.m != nil {
			if err := m.m.Validate(m.field); err != nil {
				return err
			}
		}
	}
	for i, e := range r.Evidence {
		if strings.TrimSpace(e.Quote) == "" || len(e.Quote) > MaxQuoteLen {
			return invalid(fmt.Sprintf("evidence[%d].quote", i), "must be non-empty and at most %d bytes", MaxQuoteLen)
		}
		if !e.Kind.Valid() {
			return invalid(fmt.Sprintf("evidence[%d].kind", i), "%q is not an evidence kind", e.Kind)
		}
		if len(e.Source) > MaxTextLen {
			return invalid(fmt.Sprintf("evidence[%d].source", i), "longer than %d bytes", MaxTextLen)
		}
		if e.Kind == Background && strings.TrimSpace(e.Source) == "" {
			return invalid(fmt.Sprintf("evidence[%d].source", i), "background evidence must name its reference")
		}
	}
	if !r.Type.Structural() && !slices.ContainsFunc(r.Evidence, reported) {
		return invalid("evidence", "an event needs a quote or a coded record, not background alone")
	}
	return nil
}

// reported reports whether e comes from a report of the event (a quote or
// a coded record) rather than from background knowledge.
func reported(e Evidence) bool { return e.Kind != Background }

// Clone returns a deep copy of the relationship.
func (r Relationship) Clone() Relationship {
	if r.Date != nil {
		d := *r.Date
		r.Date = &d
	}
	if r.Goldstein != nil {
		g := *r.Goldstein
		r.Goldstein = &g
	}
	if r.AvgTone != nil {
		t := *r.AvgTone
		r.AvgTone = &t
	}
	r.Evidence = append([]Evidence{}, r.Evidence...)
	r.FromMention = r.FromMention.Clone()
	r.ToMention = r.ToMention.Clone()
	return r
}

// Other returns the id of the actor at the other end from id.
func (r *Relationship) Other(id string) string {
	if r.From == id {
		return r.To
	}
	return r.From
}

// RelationshipFilter selects relationships. Zero fields match everything.
type RelationshipFilter struct {
	// Types keeps relationships of any of these types.
	Types []RelationshipType
	// ActorID keeps relationships that have this actor at the end Direction
	// names (BOTH when Direction is empty).
	ActorID   string
	Direction Direction
	// Since and Until keep relationships dated within [Since, Until]; an
	// undated relationship is dropped when either bound is set.
	Since, Until *Date
	// Modalities keeps relationships of any of these modalities.
	Modalities []Modality
	// EventID keeps the relationships of one event.
	EventID string
}

// Matches reports whether r passes the filter's type, date, modality and
// event conditions. The actor condition is the caller's, since it is
// answered from an index.
func (f *RelationshipFilter) Matches(r *Relationship) bool {
	if len(f.Types) > 0 && !containsType(f.Types, r.Type) {
		return false
	}
	if f.Since != nil || f.Until != nil {
		if r.Date == nil {
			return false
		}
		if f.Since != nil && r.Date.Before(*f.Since) {
			return false
		}
		if f.Until != nil && f.Until.Before(*r.Date) {
			return false
		}
	}
	if len(f.Modalities) > 0 {
		ok := false
		for _, m := range f.Modalities {
			ok = ok || m == r.Modality
		}
		if !ok {
			return false
		}
	}
	return f.EventID == "" || f.EventID == r.EventID
}

// Validate checks the filter's values.
func (f *RelationshipFilter) Validate() error {
	for _, t := range f.Types {
		if !t.Valid() {
			return invalid("types", "%q is not a known relationship type", t)
		}
	}
	if f.Direction != "" && !f.Direction.Valid() {
		return invalid("direction", "%q is not a direction", f.Direction)
	}
	if f.Since != nil && f.Until != nil && f.Until.Before(*f.Since) {
		return invalid("until", "%s is before since %s", f.Until, f.Since)
	}
	for _, m := range f.Modalities {
		if !m.Valid() {
			return invalid("modalities", "%q is not a known modality", m)
		}
	}
	return nil
}

func containsType(types []RelationshipType, t RelationshipType) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

// TypeSet reports whether t is among types; an empty list allows every type.
func TypeSet(types []RelationshipType, t RelationshipType) bool {
	return len(types) == 0 || containsType(types, t)
}
