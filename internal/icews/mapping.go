package icews

import (
	"errors"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/cameo"
	"github.com/actorgraph/actorgraph/internal/gdelt"
)

// Map turns an event into one relationship whose ends are mentions: From
// and To are left empty for the resolver to set (docs/resolution.md), and
// FromMention and ToMention say what the file said about each party. A
// party with neither name nor country has no mention, so an event with
// one party becomes a relationship with one mention.
//
// An event naming neither party returns a *LineError wrapping ErrNoActor
// (skip it). A record that fails validation returns a *LineError wrapping
// the actorgraph error (reject the line). The relationship returned
// without error passes Validate once the resolver has set an id on each
// end that has a mention.
func Map(ev Event) (actorgraph.Relationship, error) {
	if !ev.Source.Named() && !ev.Target.Named() {
		return actorgraph.Relationship{}, &LineError{Reason: "neither Source Name nor Target Name is given", Err: ErrNoActor}
	}
	if ev.Date.Year == 0 {
		return actorgraph.Relationship{}, &LineError{Field: colEventDate.String(), Reason: "no date", Err: ErrMalformed}
	}
	id := RelationshipID(ev)
	goldstein := ev.Intensity
	date := ev.Date
	label := eventLabel(&ev)
	rel := actorgraph.Relationship{
		ID:        id,
		Type:      gdelt.TypeOf(ev.CAMEOCode),
		Date:      &date,
		CAMEOCode: ev.CAMEOCode,
		Goldstein: &goldstein,
		QuadClass: cameo.QuadClass(ev.CAMEOCode),
		Modality:  gdelt.ModalityOf(ev.CAMEOCode),
		EventID:   id,
		Summary:   actorgraph.Truncate(label, actorgraph.MaxTextLen),
		Evidence: []actorgraph.Evidence{{
			Quote:  describeEvent(&ev, label),
			Source: "icews:event/" + ev.ID,
			Kind:   actorgraph.CodedEvent,
		}},
		FromMention: mention(&ev.Source),
		ToMention:   mention(&ev.Target),
	}
	return rel, validate(rel)
}

// validate checks rel as the resolver will leave it: with an actor id on
// each end that has a mention.
func validate(rel actorgraph.Relationship) error {
	if rel.FromMention != nil {
		rel.From = "icews-source"
	}
	if rel.ToMention != nil {
		rel.To = "icews-target"
	}
	err := rel.Validate()
	if err == nil {
		return nil
	}
	reason := err.Error()
	var fe *actorgraph.FieldError
	if errors.As(err, &fe) {
		reason = fe.Field + ": " + fe.Reason
	}
	return &LineError{Reason: "mapped relationship is invalid: " + reason, Err: err}
}

// RelationshipID is the relationship's id and event id:
// "icews-<Event ID>-<YYYYMMDD>" ("icews-30000001-20250519"). The date is
// part of it because ICEWS reuses an Event ID for events on different
// days (about 145 000 ids in 1995–2018 appear twice, always with distinct
// dates); id and date together are unique. An Event ID that is not a slug
// part (lower-case letters, digits, single dashes), or is over
// MaxEventIDBytes, is replaced by 8 hex digits of its FNV-1a hash.
func RelationshipID(ev Event) string {
	part := ev.ID
	if len(part) > MaxEventIDBytes || !actorgraph.ValidID(part) {
		part = actorgraph.ShortHash(ev.ID)
	}
	d := ev.Date
	return fmt.Sprintf("icews-%s-%04d%02d%02d", part, d.Year, int(d.Month), d.Day)
}

// mention is what the file says about a party, nil when it says nothing.
// Fields are cut to the mention's limits: names and sectors to
// actorgraph.MaxNameLen bytes at a character boundary, sectors to the
// first maxSectors.
func mention(p *Party) *actorgraph.Mention {
	if p.Absent() {
		return nil
	}
	m := &actorgraph.Mention{
		Source: actorgraph.SourceICEWS,
		Roles:  p.Roles(),
	}
	if p.Named() {
		m.Name = actorgraph.Truncate(p.Name, actorgraph.MaxNameLen)
	}
	if strings.TrimSpace(p.Country) != "" {
		m.Country = actorgraph.Truncate(p.Country, actorgraph.MaxNameLen)
	}
	for _, s := range p.Sectors {
		if len(m.Sectors) == maxSectors {
			break
		}
		m.Sectors = append(m.Sectors, actorgraph.Truncate(s, actorgraph.MaxNameLen))
	}
	return m
}

// maxSectors is the mention's limit on sectors.
const maxSectors = 10

// eventLabel is the codebook label; for a code the codebook lacks, ICEWS's
// own Event Text, else a placeholder.
func eventLabel(ev *Event) string {
	if label, ok := cameo.Label(ev.CAMEOCode); ok {
		return label
	}
	if strings.TrimSpace(ev.Text) != "" {
		return ev.Text
	}
	return "CAMEO event " + ev.CAMEOCode + " (not in the codebook)"
}

// describeEvent is the coded-event evidence text:
// "ICEWS event 30000002 (2025-05-19): Vladimir Putin (Russia) — 040
// Consult, not specified below — Government (Ukraine); publisher: Interfax;
// story 50000002, sentence 1".
func describeEvent(ev *Event, label string) string {
	var b strings.Builder
	b.WriteString("ICEWS event ")
	b.WriteString(ev.ID)
	b.WriteString(" (")
	b.WriteString(ev.Date.String())
	b.WriteString("): ")
	b.WriteString(partyRef(&ev.Source))
	b.WriteString(" — ")
	b.WriteString(ev.CAMEOCode)
	b.WriteString(" ")
	b.WriteString(label)
	if ev.GivenCAMEOCode != "" && ev.GivenCAMEOCode != ev.CAMEOCode {
		b.WriteString(" (given as ")
		b.WriteString(ev.GivenCAMEOCode)
		b.WriteString(")")
	}
	b.WriteString(" — ")
	b.WriteString(partyRef(&ev.Target))
	if ev.Publisher != "" {
		b.WriteString("; publisher: ")
		b.WriteString(ev.Publisher)
	}
	if ev.StoryID != "" {
		b.WriteString("; story ")
		b.WriteString(ev.StoryID)
		if ev.SentenceNumber != "" {
			b.WriteString(", sentence ")
			b.WriteString(ev.SentenceNumber)
		}
	}
	return actorgraph.Truncate(b.String(), actorgraph.MaxQuoteLen)
}

// partyRef names a party in the evidence: "Vladimir Putin (Russia)";
// "Government (Ukraine)" and "Russia" as they are, since they already say
// the country; "unnamed (Ukraine)" for a country alone; "(no actor)".
func partyRef(p *Party) string {
	name, country := strings.TrimSpace(p.Name), strings.TrimSpace(p.Country)
	switch {
	case name == "" && country == "":
		return "(no actor)"
	case name == "":
		return "unnamed (" + country + ")"
	case country == "" || name == country || strings.HasSuffix(name, "("+country+")"):
		return name
	}
	return name + " (" + country + ")"
}
