package gdelt

import (
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// AppendLine appends ev as one line of its layout, ending in "\n", and
// returns the extended buffer. ParseLine reads it back to an equal Event.
// It exists for the synthetic-data generator and the round-trip fuzz
// check; string fields must not contain tabs or line breaks (ParseLine
// never produces such).
//
// MonthYear, Year and FractionDate, which Event does not keep, are written
// from the date; the 1.0 layouts omit the ADM2Code fields, and the
// historical one SOURCEURL.
func AppendLine(dst []byte, ev *Event) []byte {
	l := ev.Layout
	b := strconv.AppendUint(dst, ev.GlobalEventID, 10)
	b = appendDate(tab(b), ev.Date)
	b = appendMonthYear(tab(b), ev.Date)
	b = strconv.AppendInt(tab(b), int64(ev.Date.Year), 10)
	b = appendFraction(tab(b), ev.Date)
	b = appendActor(b, &ev.Actor1)
	b = appendActor(b, &ev.Actor2)
	root := "0"
	if ev.IsRootEvent {
		root = "1"
	}
	b = append(tab(b), root...)
	b = append(tab(b), ev.EventCode...)
	b = append(tab(b), ev.EventBaseCode...)
	b = append(tab(b), ev.EventRootCode...)
	b = strconv.AppendInt(tab(b), int64(ev.QuadClass), 10)
	b = appendFloat(tab(b), ev.Goldstein)
	b = strconv.AppendInt(tab(b), int64(ev.NumMentions), 10)
	b = strconv.AppendInt(tab(b), int64(ev.NumSources), 10)
	b = strconv.AppendInt(tab(b), int64(ev.NumArticles), 10)
	b = appendFloat(tab(b), ev.AvgTone)
	for _, g := range []*Geo{&ev.Actor1Geo, &ev.Actor2Geo, &ev.ActionGeo} {
		b = appendGeo(b, g, l == Layout2)
	}
	b = append(tab(b), ev.DateAdded...)
	if l.HasSourceURL() {
		b = append(tab(b), ev.SourceURL...)
	}
	return append(b, '\n')
}

func tab(b []byte) []byte { return append(b, '\t') }

func appendDate(b []byte, d actorgraph.Date) []byte {
	b = appendMonthYear(b, d)
	return appendPadded(b, d.Day, 2)
}

func appendMonthYear(b []byte, d actorgraph.Date) []byte {
	b = appendPadded(b, d.Year, 4)
	return appendPadded(b, int(d.Month), 2)
}

// appendPadded writes a non-negative n with at least width digits.
func appendPadded(b []byte, n, width int) []byte {
	var buf [20]byte
	digits := strconv.AppendInt(buf[:0], int64(n), 10)
	for i := len(digits); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, digits...)
}

// appendFraction writes GDELT's FractionDate: the year plus the elapsed
// fraction of it, four decimals.
func appendFraction(b []byte, d actorgraph.Date) []byte {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	frac := float64(d.Year) + float64(t.YearDay()-1)/365
	return strconv.AppendFloat(b, frac, 'f', 4, 64)
}

func appendActor(b []byte, a *Actor) []byte {
	for _, s := range []string{a.Code, a.Name, a.CountryCode, a.KnownGroupCode, a.EthnicCode,
		a.Religion1Code, a.Religion2Code, a.Type1Code, a.Type2Code, a.Type3Code} {
		b = append(tab(b), s...)
	}
	return b
}

func appendGeo(b []byte, g *Geo, withADM2 bool) []byte {
	b = append(tab(b), g.Type...)
	b = append(tab(b), g.FullName...)
	b = append(tab(b), g.CountryCode...)
	b = append(tab(b), g.ADM1Code...)
	if withADM2 {
		b = append(tab(b), g.ADM2Code...)
	}
	b = append(tab(b), g.Lat...)
	b = append(tab(b), g.Long...)
	return append(tab(b), g.FeatureID...)
}

// appendFloat writes v in plain decimal notation, as GDELT does ("1.0",
// "-2.53"), exactly enough digits to read back the same value.
func appendFloat(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	for _, c := range b[start:] {
		if c == '.' {
			return b
		}
	}
	return append(b, ".0"...)
}
