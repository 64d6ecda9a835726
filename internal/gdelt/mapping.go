package gdelt

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/cameo"
)

// Mapped is what one GDELT event becomes: its known actors (one or two,
// the source actor first) and one relationship, all valid.
type Mapped struct {
	Actors       []actorgraph.Actor
	Relationship actorgraph.Relationship
}

// Map turns an event into actors and a relationship. An event with one
// actor becomes a one-actor relationship (the other end empty), and so
// does an event whose two actors map to the same id, since a relationship
// cannot link an actor to itself. An event with no actor returns a
// *LineError wrapping ErrNoActor (skip it); a record that fails
// validation returns a *LineError wrapping the actorgraph error (reject
// the line).
func Map(ev Event) (Mapped, error) {
	a1, a2 := !ev.Actor1.Absent(), !ev.Actor2.Absent()
	if !a1 && !a2 {
		return Mapped{}, &LineError{Reason: "neither Actor1 nor Actor2 is given (no code, no name)", Err: ErrNoActor}
	}
	var m Mapped
	var from, to actorgraph.Actor
	if a1 {
		from = mapActor(&ev.Actor1)
		m.Actors = append(m.Actors, from)
	}
	if a2 {
		to = mapActor(&ev.Actor2)
		if to.ID != from.ID {
			m.Actors = append(m.Actors, to)
		}
	}
	same := a1 && a2 && from.ID == to.ID
	if same {
		to = actorgraph.Actor{}
	}
	m.Relationship = mapRelationship(&ev, from.ID, to.ID, same)
	return m, validate(&m)
}

func validate(m *Mapped) error {
	for i := range m.Actors {
		if err := m.Actors[i].Validate(); err != nil {
			return mappingError("actor "+m.Actors[i].ID, err)
		}
	}
	if err := m.Relationship.Validate(); err != nil {
		return mappingError("relationship", err)
	}
	return nil
}

func mappingError(what string, err error) error {
	var fe *actorgraph.FieldError
	reason := err.Error()
	if errors.As(err, &fe) {
		reason = fe.Field + ": " + fe.Reason
	}
	return &LineError{Reason: "mapped " + what + " is invalid: " + reason, Err: err}
}

// mapActor builds the actor record. GDELT gives no person/organisation
// distinction beyond role codes, so the kind comes from KindOf and never
// is LEADER, OFFICIAL or JOURNALIST.
func mapActor(a *Actor) actorgraph.Actor {
	out := actorgraph.Actor{
		ID:          ActorID(a),
		Kind:        KindOf(a),
		Name:        displayName(a),
		Aliases:     []string{},
		Description: describeActor(a),
	}
	if isCountry(a.CountryCode) {
		out.Country = a.CountryCode
	}
	if l := len(a.Code); l >= 3 && l <= 15 {
		out.CAMEOCode = a.Code // parse checked the characters
	}
	return out
}

// displayName is the GDELT name as given, else the code, cut to the
// domain's limit at a character boundary.
func displayName(a *Actor) string {
	name := a.Name
	if strings.TrimSpace(name) == "" {
		name = a.Code
	}
	return truncate(name, actorgraph.MaxNameLen)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isCountry(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// describeActor keeps the codes the actor record has no field for:
// "GDELT actor RUSGOV (country RUS; roles GOV)".
func describeActor(a *Actor) string {
	var b strings.Builder
	b.WriteString("GDELT actor ")
	if a.Code != "" {
		b.WriteString(a.Code)
	} else {
		b.WriteString("without a CAMEO code")
	}
	n := 0
	part := func(label string, codes ...string) {
		first := true
		for _, c := range codes {
			if c == "" {
				continue
			}
			switch {
			case !first:
				b.WriteString(", ")
			case n == 0:
				b.WriteString(" (")
			default:
				b.WriteString("; ")
			}
			if first {
				b.WriteString(label)
				b.WriteString(" ")
				first = false
				n++
			}
			b.WriteString(c)
		}
	}
	part("country", a.CountryCode)
	part("roles", a.Type1Code, a.Type2Code, a.Type3Code)
	part("known group", a.KnownGroupCode)
	part("ethnic", a.EthnicCode)
	part("religion", a.Religion1Code, a.Religion2Code)
	if n > 0 {
		b.WriteString(")")
	}
	return b.String()
}

// mapRelationship builds the event's relationship; from or to may be
// empty (one-actor event).
func mapRelationship(ev *Event, from, to string, same bool) actorgraph.Relationship {
	id := "gdelt-" + strconv.FormatUint(ev.GlobalEventID, 10)
	date := ev.Date
	goldstein, tone := ev.Goldstein, ev.AvgTone
	summary := eventLabel(ev.EventCode)
	if same {
		summary += " (Actor1 and Actor2 are the same actor)"
	}
	return actorgraph.Relationship{
		ID:          id,
		Type:        TypeOf(ev.EventCode),
		From:        from,
		To:          to,
		Date:        &date,
		CAMEOCode:   ev.EventCode,
		Goldstein:   &goldstein,
		QuadClass:   ev.QuadClass,
		Modality:    ModalityOf(ev.EventCode),
		EventID:     id,
		Summary:     summary,
		Evidence:    []actorgraph.Evidence{{Quote: describeEvent(ev, same), Source: evidenceSource(ev), Kind: actorgraph.CodedEvent}},
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
func describeEvent(ev *Event, same bool) string {
	s := "GDELT event " + strconv.FormatUint(ev.GlobalEventID, 10) + " (" + ev.Date.String() + "): " +
		actorRef(&ev.Actor1) + " — " + ev.EventCode + " " + eventLabel(ev.EventCode) + " — " + actorRef(&ev.Actor2)
	if same {
		s += " (the same actor on both sides)"
	}
	return truncate(s, actorgraph.MaxQuoteLen)
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
