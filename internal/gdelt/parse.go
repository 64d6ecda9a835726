package gdelt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/textfile"
)

// maxFields bounds the split so a line with thousands of tabs costs no
// more than a correct one.
const maxFields = 61

// ParseLine parses one GDELT export line (without or with its trailing
// "\n" or "\r\n"). The layout is chosen by the field count. On failure it
// returns a *LineError wrapping ErrMalformed whose reason names the field.
//
// Fields are split on tabs only: GDELT does not quote, so a quote in a
// name is part of the name. The strings in the Event share one copy of
// the line, so line may be reused by the caller.
func ParseLine(line []byte) (Event, error) {
	s := trimEOL(string(line))
	var fs [maxFields]string
	n := split(s, &fs)
	layout := Layout(n)
	if !layout.Valid() {
		return Event{}, malformed(-1, "", "%d fields, want 57, 58 or 61", n)
	}
	p := parser{layout: layout, fs: fs[:n]}
	if err := p.checkText(); err != nil {
		return Event{}, err
	}
	return p.event()
}

func trimEOL(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return strings.TrimSuffix(s, "\r")
}

// split cuts s at tabs into fs and returns the number of fields, which
// may exceed len(fs) (the extra fields are counted, not stored).
func split(s string, fs *[maxFields]string) int {
	n := 0
	for {
		i := strings.IndexByte(s, '\t')
		if n < maxFields {
			if i < 0 {
				fs[n] = s
			} else {
				fs[n] = s[:i]
			}
		}
		n++
		if i < 0 {
			return n
		}
		s = s[i+1:]
	}
}

func malformed(col int, name, format string, args ...any) *LineError {
	return &LineError{Field: col, FieldName: name, Reason: fmt.Sprintf(format, args...), Err: ErrMalformed}
}

// parser reads the fields of one line in a known layout.
type parser struct {
	layout Layout
	fs     []string
	err    *LineError // the first error; later reads are ignored
}

// get returns field f, or "" when the layout lacks it.
func (p *parser) get(f field) string {
	if i := p.layout.index(f); i >= 0 {
		return p.fs[i]
	}
	return ""
}

// fail records the first error, naming f by its column in this layout.
func (p *parser) fail(f field, format string, args ...any) {
	if p.err == nil {
		p.err = malformed(p.layout.index(f), fieldNames[f], format, args...)
	}
}

// checkText rejects invalid UTF-8 and control characters (a stray line
// break or NUL means the line was cut or corrupted), naming the field.
func (p *parser) checkText() error {
	for i, f := range p.fs {
		ascii := true
		for j := 0; j < len(f); j++ {
			switch c := f[j]; {
			case c < 0x20 || c == 0x7f:
				return malformed(i, p.nameOf(i), "control character %U", rune(c))
			case c >= 0x80:
				ascii = false
			}
		}
		if !ascii && !utf8.ValidString(f) {
			return malformed(i, p.nameOf(i), "invalid UTF-8")
		}
	}
	return nil
}

// nameOf names the column at index i of this layout.
func (p *parser) nameOf(i int) string {
	for f := field(0); f < maxFields; f++ {
		if p.layout.index(f) == i {
			return fieldNames[f]
		}
	}
	return ""
}

func (p *parser) event() (Event, error) {
	ev := Event{
		Layout:        p.layout,
		GlobalEventID: p.eventID(),
		Date:          p.sqlDate(),
		Actor1:        p.actor(fActor1),
		Actor2:        p.actor(fActor2),
		IsRootEvent:   p.flag(fIsRoot),
		EventCode:     p.eventCode(fEventCode),
		EventBaseCode: p.eventCode(fBaseCode),
		EventRootCode: p.eventCode(fRootCode),
		QuadClass:     p.quadClass(),
		Goldstein:     p.number(fGoldstein, 10),
		NumMentions:   p.count(fNumMentions),
		NumSources:    p.count(fNumSources),
		NumArticles:   p.count(fNumArticles),
		AvgTone:       p.number(fAvgTone, 100),
		Actor1Geo:     p.geo(fActor1Geo),
		Actor2Geo:     p.geo(fActor2Geo),
		ActionGeo:     p.geo(fActionGeo),
		DateAdded:     p.dateAdded(),
		SourceURL:     p.get(fSourceURL),
	}
	if p.err != nil {
		return Event{}, p.err
	}
	return ev, nil
}

func (p *parser) eventID() uint64 {
	s := p.get(fEventID)
	id, err := strconv.ParseUint(s, 10, 64)
	if !digits(s) || err != nil {
		p.fail(fEventID, "%q is not an event id (digits)", s)
	}
	return id
}

func (p *parser) sqlDate() actorgraph.Date {
	s := p.get(fSQLDate)
	d, ok := parseYYYYMMDD(s)
	if !ok {
		p.fail(fSQLDate, "%q is not a date (YYYYMMDD)", s)
	}
	return d
}

// parseYYYYMMDD accepts only real calendar days (no 20250230).
func parseYYYYMMDD(s string) (actorgraph.Date, bool) {
	if len(s) != 8 || !digits(s) {
		return actorgraph.Date{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[4:6])
	d, _ := strconv.Atoi(s[6:])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y == 0 || t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return actorgraph.Date{}, false
	}
	return actorgraph.Date{Year: y, Month: time.Month(m), Day: d}, true
}

// actor reads the ten actor fields from base. Only the code is checked
// (letters and digits); the other codes are kept as given, on the mention.
func (p *parser) actor(base field) Actor {
	a := Actor{
		Code:           p.get(base + aCode),
		Name:           p.get(base + aName),
		CountryCode:    p.get(base + aCountry),
		KnownGroupCode: p.get(base + aKnownGroup),
		EthnicCode:     p.get(base + aEthnic),
		Religion1Code:  p.get(base + aReligion1),
		Religion2Code:  p.get(base + aReligion2),
		Type1Code:      p.get(base + aType1),
		Type2Code:      p.get(base + aType2),
		Type3Code:      p.get(base + aType3),
	}
	if !alnum(a.Code) {
		p.fail(base+aCode, "%q is not a CAMEO actor code (letters and digits)", a.Code)
	}
	return a
}

func (p *parser) flag(f field) bool {
	s := p.get(f)
	if s != "0" && s != "1" {
		p.fail(f, "%q is not 0 or 1", s)
	}
	return s == "1"
}

func (p *parser) eventCode(f field) string {
	s := p.get(f)
	if len(s) < 2 || len(s) > 4 || !digits(s) {
		p.fail(f, "%q is not a CAMEO event code (2 to 4 digits)", s)
	}
	return s
}

func (p *parser) quadClass() int {
	s := p.get(fQuadClass)
	if len(s) != 1 || s[0] < '1' || s[0] > '4' {
		p.fail(fQuadClass, "%q is not a QuadClass (1 to 4)", s)
		return 0
	}
	return int(s[0] - '0')
}

// number parses a decimal float within [-limit, limit]. Only plain
// decimal notation is accepted: strconv would also take "NaN", "Inf" and
// hex floats, none of which GDELT writes.
func (p *parser) number(f field, limit float64) float64 {
	s := p.get(f)
	v, err := strconv.ParseFloat(s, 64)
	if !textfile.Decimal(s) || err != nil {
		p.fail(f, "%q is not a number", s)
		return 0
	}
	if math.Abs(v) > limit {
		p.fail(f, "%s is outside [%g, %g]", s, -limit, limit)
		return 0
	}
	return v
}

func (p *parser) count(f field) int {
	s := p.get(f)
	n, err := strconv.Atoi(s)
	if !digits(s) || err != nil {
		p.fail(f, "%q is not a count (a non-negative integer)", s)
	}
	return n
}

func (p *parser) geo(base field) Geo {
	return Geo{
		Type:        p.get(base + gType),
		FullName:    p.get(base + gFullName),
		CountryCode: p.get(base + gCountry),
		ADM1Code:    p.get(base + gADM1),
		ADM2Code:    p.get(base + gADM2),
		Lat:         p.get(base + gLat),
		Long:        p.get(base + gLong),
		FeatureID:   p.get(base + gFeatureID),
	}
}

func (p *parser) dateAdded() string {
	s := p.get(fDateAdded)
	if (len(s) != 8 && len(s) != 14) || !digits(s) {
		p.fail(fDateAdded, "%q is not a timestamp (YYYYMMDDHHMMSS or YYYYMMDD)", s)
	}
	return s
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// alnum reports whether s is ASCII letters and digits. CAMEO actor codes
// are upper case but for ethnic and religion codes, which GDELT writes in
// lower case inside actor codes ("kur", "idgCOP"), so both cases are valid.
func alnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'A' || c > 'Z') && (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
