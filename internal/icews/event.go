package icews

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Event is one parsed ICEWS row. The checked fields (ID, Date, CAMEOCode,
// Intensity) are typed or normalised; everything else is as the file gives
// it, with "NA" read as empty.
type Event struct {
	ID     string          // Event ID, as given (digits in published files)
	Date   actorgraph.Date // Event Date
	Source Party
	Target Party
	Text   string // Event Text: ICEWS's label for the event code
	// CAMEOCode is the CAMEO event code, 2 to 4 digits, with a leading
	// zero that a copy of the file dropped put back ("42" → "042"; see
	// NormalizeCAMEOCode). GivenCAMEOCode is the code as the file has it.
	CAMEOCode      string
	GivenCAMEOCode string
	Intensity      float64 // a Goldstein-like score in [-10, 10]
	StoryID        string
	SentenceNumber string
	Publisher      string
	City           string
	District       string
	Province       string
	Country        string // where the event happened, a country name
	Latitude       string
	Longitude      string
}

// Party is one side of an event as ICEWS codes it, as given ("NA" read as
// empty). A party may have a country and no name ("an unnamed Ukrainian").
type Party struct {
	Name    string   // "Vladimir Putin", "Government (Russia)", "Russia"
	Sectors []string // "Government", "Executive", "Executive Office"
	Country string   // a country name: "Russia", "Russian Federation"
}

// Named reports whether the party has a name.
func (p *Party) Named() bool { return strings.TrimSpace(p.Name) != "" }

// Absent reports whether the file says nothing about the party: no name
// and no country (sectors alone identify nobody).
func (p *Party) Absent() bool { return !p.Named() && strings.TrimSpace(p.Country) == "" }

// Sentinel causes a *LineError wraps; test them with errors.Is.
var (
	// ErrMalformed: the row is not a well-formed ICEWS row (reject it).
	// It wraps actorgraph.ErrInvalid.
	ErrMalformed = fmt.Errorf("malformed ICEWS line: %w", actorgraph.ErrInvalid)
	// ErrHeader: a file's first line is not an ICEWS header, or lacks a
	// required column. Reader.Err returns it; no row of that file is read.
	// It wraps actorgraph.ErrInvalid.
	ErrHeader = fmt.Errorf("bad ICEWS header: %w", actorgraph.ErrInvalid)
	// ErrNoActor: the row is well formed but names neither the source nor
	// the target, so there is nothing to link; skip it, do not reject it.
	ErrNoActor = errors.New("event names neither source nor target")
)

// LineError says why a line was not read or mapped, precisely enough for
// a user to find and fix it: where (Source, Line), which column, and why.
// Err is ErrMalformed, ErrHeader, ErrNoActor, or for a mapped record that
// failed validation the actorgraph error (which wraps ErrInvalid).
type LineError struct {
	Source string // the file, or "archive.zip:member"; empty from Map
	Line   int    // 1-based, counted per file or zip member; 0 from Map
	Field  string // the column's header name, when one field is at fault
	Reason string
	Err    error
}

// Error formats as `file:line: Intensity: reason`.
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
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap exposes the cause for errors.Is.
func (e *LineError) Unwrap() error { return e.Err }
