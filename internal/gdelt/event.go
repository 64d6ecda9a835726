// Package gdelt reads GDELT event exports and maps each event to the
// project's actors and relationships. It is the pure layer under the
// import command: lines in, checked records out, no store access.
//
// A line is parsed by ParseLine (layout detected from its field count),
// files are streamed by Reader (plain, zip or gzip, see Open), and an
// event becomes actorgraph records through Map. docs/gdelt.md documents
// the layouts, the checks and the mapping tables.
package gdelt

import (
	"errors"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Event is one parsed GDELT row: the fields the mapping uses, checked, plus
// the geo blocks carried as given so a row can be written back (Append).
// MonthYear, Year and FractionDate are not kept: they restate SQLDATE.
type Event struct {
	Layout        Layout
	GlobalEventID uint64
	Date          actorgraph.Date // SQLDATE
	Actor1        Actor
	Actor2        Actor
	IsRootEvent   bool
	EventCode     string // CAMEO event code, 2–4 digits
	EventBaseCode string
	EventRootCode string
	QuadClass     int // 1–4
	Goldstein     float64
	NumMentions   int
	NumSources    int
	NumArticles   int
	AvgTone       float64
	Actor1Geo     Geo
	Actor2Geo     Geo
	ActionGeo     Geo
	// DateAdded is DATEADDED as given: YYYYMMDDHHMMSS (2.0) or YYYYMMDD (1.0).
	DateAdded string
	// SourceURL is empty in the historical layout, which has none.
	SourceURL string
}

// Actor is one side of an event as GDELT codes it. Every field may be
// empty; an actor with neither Code nor Name is absent.
type Actor struct {
	Code           string // CAMEO actor code ("RUSGOV")
	Name           string // as GDELT spells it ("VLADIMIR PUTIN")
	CountryCode    string
	KnownGroupCode string
	EthnicCode     string
	Religion1Code  string
	Religion2Code  string
	Type1Code      string
	Type2Code      string
	Type3Code      string
}

// Absent reports whether the row has no actor on this side: no code and
// no name (other codes alone identify nobody).
func (a *Actor) Absent() bool { return a.Code == "" && strings.TrimSpace(a.Name) == "" }

// TypeCodes returns the non-empty role codes, Type1 first.
func (a *Actor) TypeCodes() []string {
	var out []string
	for _, c := range []string{a.Type1Code, a.Type2Code, a.Type3Code} {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// Geo is a geo block as given; the mapping does not use it, so it is not
// checked. ADM2Code is empty in 1.0 layouts, which lack it.
type Geo struct {
	Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID string
}

// Sentinel causes a *LineError wraps; test them with errors.Is.
var (
	// ErrMalformed: the line is not a well-formed GDELT row. The importer
	// rejects it.
	ErrMalformed = errors.New("malformed GDELT line")
	// ErrNoActor: the row is well formed but names neither actor, so there
	// is nothing to link. The importer counts it as skipped, not rejected.
	ErrNoActor = errors.New("event has no actor")
)

// LineError says why a line was not imported, precisely enough for a user
// to find and fix it: where (Source, Line), which field, and why. Err is
// ErrMalformed, ErrNoActor, or for a mapped record that failed validation
// the actorgraph error (which wraps actorgraph.ErrInvalid).
type LineError struct {
	Source string // file name, or "archive.zip:member.CSV"; empty from ParseLine
	Line   int    // 1-based line number; 0 from ParseLine
	// Field is the 0-based column in the line's own layout (docs/domain.md's
	// numbering for 2.0 lines); meaningful only when FieldName is set.
	Field     int
	FieldName string
	Reason    string
	Err       error
}

// Error formats as "file:line: field 30 GoldsteinScale: reason".
func (e *LineError) Error() string {
	var b strings.Builder
	if e.Source != "" {
		b.WriteString(e.Source)
		b.WriteString(":")
	}
	if e.Line > 0 {
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(":")
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if e.FieldName != "" {
		b.WriteString("field ")
		b.WriteString(strconv.Itoa(e.Field))
		b.WriteString(" ")
		b.WriteString(e.FieldName)
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap exposes the cause for errors.Is.
func (e *LineError) Unwrap() error { return e.Err }
