package icews

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/cameo"
	"github.com/actorgraph/actorgraph/internal/textfile"
)

// MaxEventIDBytes bounds an Event ID; published ids have about nine
// digits. The bound keeps the relationship id and evidence source short.
const MaxEventIDBytes = 100

// na is how some copies (R and Dataverse exports) write a missing value.
const na = "NA"

// parseRow parses one data line of a file with header h. On failure it
// returns a *LineError wrapping ErrMalformed whose Field names the column.
// The strings in the Event share one copy of the line, so line may be
// reused by the caller.
func (h *header) parseRow(line []byte) (Event, error) {
	fs := strings.Split(trimEOL(string(line)), "\t")
	if len(fs) != h.fields {
		return Event{}, malformed("", "%d fields, the header has %d", len(fs), h.fields)
	}
	p := rowParser{h: h, fs: fs}
	if err := p.checkText(); err != nil {
		return Event{}, err
	}
	return p.event()
}

func malformed(field, format string, args ...any) *LineError {
	return &LineError{Field: field, Reason: fmt.Sprintf(format, args...), Err: ErrMalformed}
}

// rowParser reads the fields of one row.
type rowParser struct {
	h   *header
	fs  []string
	err *LineError // the first error; later ones are ignored
}

// get returns column c, "" when the file lacks it or gives "NA".
func (p *rowParser) get(c column) string {
	i := p.h.index[c]
	if i < 0 || p.fs[i] == na {
		return ""
	}
	return p.fs[i]
}

func (p *rowParser) fail(c column, format string, args ...any) {
	if p.err == nil {
		p.err = malformed(c.String(), format, args...)
	}
}

// checkText rejects invalid UTF-8 and control characters (a stray line
// break or NUL means a cut or corrupt line), naming the column when the
// header names it.
func (p *rowParser) checkText() error {
	for i, f := range p.fs {
		ascii := true
		for j := 0; j < len(f); j++ {
			switch c := f[j]; {
			case c < 0x20 || c == 0x7f:
				return malformed(p.nameOf(i), "control character %U", rune(c))
			case c >= 0x80:
				ascii = false
			}
		}
		if !ascii && !utf8.ValidString(f) {
			return malformed(p.nameOf(i), "invalid UTF-8")
		}
	}
	return nil
}

// nameOf names the field at index i: its header name, or its 1-based
// position for a column the package does not read.
func (p *rowParser) nameOf(i int) string {
	for c, at := range p.h.index {
		if at == i {
			return column(c).String()
		}
	}
	return "field " + strconv.Itoa(i+1)
}

func (p *rowParser) event() (Event, error) {
	given := p.get(colCAMEOCode)
	ev := Event{
		ID:             p.eventID(),
		Date:           p.date(),
		Source:         p.party(colSourceName, colSourceSectors, colSourceCountry),
		Target:         p.party(colTargetName, colTargetSectors, colTargetCountry),
		Text:           p.get(colEventText),
		CAMEOCode:      p.cameoCode(given),
		GivenCAMEOCode: given,
		Intensity:      p.intensity(),
		StoryID:        p.get(colStoryID),
		SentenceNumber: p.get(colSentenceNumber),
		Publisher:      p.get(colPublisher),
		City:           p.get(colCity),
		District:       p.get(colDistrict),
		Province:       p.get(colProvince),
		Country:        p.get(colCountry),
		Latitude:       p.get(colLatitude),
		Longitude:      p.get(colLongitude),
	}
	if p.err != nil {
		return Event{}, p.err
	}
	return ev, nil
}

func (p *rowParser) eventID() string {
	s := p.get(colEventID)
	switch {
	case strings.TrimSpace(s) == "":
		p.fail(colEventID, "missing (required)")
	case len(s) > MaxEventIDBytes:
		p.fail(colEventID, "longer than %d bytes", MaxEventIDBytes)
	}
	return s
}

func (p *rowParser) date() actorgraph.Date {
	s := p.get(colEventDate)
	d, err := actorgraph.ParseDate(s)
	if err != nil || d.Year == 0 {
		p.fail(colEventDate, "%q is not a calendar date (YYYY-MM-DD)", s)
	}
	return d
}

func (p *rowParser) party(name, sectors, country column) Party {
	return Party{
		Name:    p.get(name),
		Sectors: SplitSectors(p.get(sectors)),
		Country: p.get(country),
	}
}

func (p *rowParser) cameoCode(s string) string {
	code, ok := NormalizeCAMEOCode(s)
	if !ok {
		p.fail(colCAMEOCode, "%q is not a CAMEO event code (2 to 4 digits with a root from 01 to 20)", s)
	}
	return code
}

func (p *rowParser) intensity() float64 {
	s := p.get(colIntensity)
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case !textfile.Decimal(s) || err != nil:
		p.fail(colIntensity, "%q is not a number", s)
		return 0
	case math.Abs(v) > 10:
		p.fail(colIntensity, "%s is outside [-10, 10]", s)
		return 0
	}
	return v
}

// SplitSectors splits an ICEWS sector list ("Government,Executive,
// Executive Office") at its commas, trimming each sector and dropping
// empty ones and "NA". A comma inside parentheses belongs to the sector:
// "Army Mechanized (Ships, Tanks, Planes)" is one sector.
func SplitSectors(s string) []string {
	var out []string
	depth, start := 0, 0
	add := func(part string) {
		if part = strings.TrimSpace(part); part != "" && part != na {
			out = append(out, part)
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ',':
			if depth == 0 {
				add(s[start:i])
				start = i + 1
			}
		}
	}
	add(s[start:])
	return out
}

// NormalizeCAMEOCode checks a CAMEO event code as an ICEWS file gives it
// and returns it with a dropped leading zero put back. ICEWS codes every
// event at 3 or 4 digits ("042", "0341", "190"), but copies that passed
// through a tool reading the column as a number lose the leading zero of
// the 01–09 roots: "42" for "042", "341" for "0341". So:
//
//   - 4 digits, or 3 starting with 0: the code as given;
//   - 2 digits: "0"+code when the codebook has it ("42" → "042", "10" →
//     "010"; ICEWS never writes a bare root such as 10 "Demand"), else the
//     code as given when it is a root 01–20;
//   - 3 digits starting with 1–9: the code as given when the codebook has
//     it ("190"); else "0"+code when the codebook has that ("341" →
//     "0341"); else the code as given when its root is 10–20.
//
// Codes with a root from 01 to 20 that the codebook lacks are accepted as
// given (as the GDELT importer does); false for anything else.
func NormalizeCAMEOCode(code string) (string, bool) {
	if len(code) < 2 || len(code) > 4 || !digits(code) {
		return "", false
	}
	_, rooted := cameo.Root(code)
	switch {
	case len(code) == 4 || code[0] == '0':
		return code, rooted
	case len(code) == 3 && cameo.Known(code):
		return code, true
	case cameo.Known("0" + code):
		return "0" + code, true
	}
	return code, rooted
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 0
}
