package gdelt

import (
	"errors"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/cameo"
)

// Map turns an event into a relationship whose ends are mentions: what
// GDELT says about each party (its name, actor code, country, role,
// known-group, ethnic and religion codes), kept on the relationship as
// FromMention and ToMention. From and To are left empty: the actor
// resolver (internal/resolve) joins each mention to its actor. An event
// with one actor has one mention; an event with no actor returns a
// *LineError wrapping ErrNoActor (skip it); a record that fails
// validation returns a *LineError wrapping the actorgraph error (reject
// the line).
func Map(ev Event) (actorgraph.Relationship, error) {
	a1, a2 := !ev.Actor1.Absent(), !ev.Actor2.Absent()
	if !a1 && !a2 {
		return actorgraph.Relationship{}, &LineError{Reason: "neither Actor1 nor Actor2 is given (no code, no name)", Err: ErrNoActor}
	}
	r := mapRelationship(&ev)
	if a1 {
		r.FromMention = MentionOf(&ev.Actor1)
	}
	if a2 {
		r.ToMention = MentionOf(&ev.Actor2)
	}
	// Validate with stand-in ends: the resolver sets the real ones.
	check := r
	check.From, check.To = "actor-1", "actor-2"
	if err := check.Validate(); err != nil {
		return r, mappingError("relationship", err)
	}
	return r, nil
}

func mappingError(what string, err error) error {
	var fe *actorgraph.FieldError
	reason := err.Error()
	if errors.As(err, &fe) {
		reason = fe.Field + ": " + fe.Reason
	}
	return &LineError{Reason: "mapped " + what + " is invalid: " + reason, Err: err}
}

// MentionOf is what GDELT says about one party, as given (the name cut to
// the domain's limit at a character boundary).
func MentionOf(a *Actor) *actorgraph.Mention {
	m := &actorgraph.Mention{
		Source:     actorgraph.SourceGDELT,
		Name:       actorgraph.Truncate(strings.TrimSpace(a.Name), actorgraph.MaxNameLen),
		Code:       a.Code,
		Country:    a.CountryCode,
		Roles:      a.TypeCodes(),
		KnownGroup: a.KnownGroupCode,
		Ethnic:     a.EthnicCode,
	}
	for _, c := range []string{a.Religion1Code, a.Religion2Code} {
		if c != "" {
			m.Religions = append(m.Religions, c)
		}
	}
	return m
}

// mapRelationship builds the event's relationship, without its ends.
func mapRelationship(ev *Event) actorgraph.Relationship {
	id := "gdelt-" + strconv.FormatUint(ev.GlobalEventID, 10)
	date := ev.Date
	goldstein, tone := ev.Goldstein, ev.AvgTone
	summary := eventLabel(ev.EventCode)
	return actorgraph.Relationship{
		ID:          id,
		Type:        TypeOf(ev.EventCode),
		Date:        &date,
		CAMEOCode:   ev.EventCode,
		Goldstein:   &goldstein,
		QuadClass:   ev.QuadClass,
		Modality:    ModalityOf(ev.EventCode),
		EventID:     id,
		Summary:     summary,
		Evidence:    []actorgraph.Evidence{{Quote: describeEvent(ev), Source: evidenceSource(ev), Kind: actorgraph.CodedEvent}},
		NumMentions: ev.NumMentions,
		NumSources:  ev.NumSources,
		NumArticles: ev.NumArticles,
		AvgTone:     &tone,
	}
}

// eventLabel is the codebook label, or a placeholder for codes GDELT uses
// that the 2013 codebook lacks.
func eventLabel(code string) string {
	if label, ok := cameo.Label(code); ok {
		return label
	}
	return "CAMEO event " + code + " (not in the codebook)"
}

// evidenceSource is the article URL; the historical layout has none, and
// an over-long URL would fail validation, so both fall back to a stable
// reference to the event.
func evidenceSource(ev *Event) string {
	if ev.SourceURL != "" && len(ev.SourceURL) <= actorgraph.MaxTextLen {
		return ev.SourceURL
	}
	return "gdelt:event/" + strconv.FormatUint(ev.GlobalEventID, 10)
}

// describeEvent is the coded-event evidence text:
// "GDELT event 1234 (2025-05-19): RUSSIA [RUSGOV] — 040 Consult, … — UKRAINE [UKR]".
func describeEvent(ev *Event) string {
	s := "GDELT event " + strconv.FormatUint(ev.GlobalEventID, 10) + " (" + ev.Date.String() + "): " +
		actorRef(&ev.Actor1) + " — " + ev.EventCode + " " + eventLabel(ev.EventCode) + " — " + actorRef(&ev.Actor2)
	return actorgraph.Truncate(s, actorgraph.MaxQuoteLen)
}

func actorRef(a *Actor) string {
	switch {
	case a.Absent():
		return "(no actor)"
	case a.Code == "":
		return a.Name
	case strings.TrimSpace(a.Name) == "":
		return "[" + a.Code + "]"
	}
	return a.Name + " [" + a.Code + "]"
}
