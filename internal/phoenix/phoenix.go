package phoenix

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// The embedded copies of data/; TestEmbeddedCopiesMatchShared keeps them
// equal to /work/shared/data/phoenix (../../../shared/data/phoenix).
var (
	//go:embed data/Phoenix.Countries.actors.txt
	countriesFile string
	//go:embed data/Phoenix.International.actors.txt
	internationalFile string
	//go:embed data/Phoenix.MilNonState.actors.txt
	milNonStateFile string
	//go:embed data/Phoenix.agents.txt
	agentsFile string
	//go:embed data/LICENSE
	licenseFile string
	//go:embed data/ORIGIN.md
	originFile string
)

// The dictionary files, by base name.
const (
	CountriesFile     = "Phoenix.Countries.actors.txt"
	InternationalFile = "Phoenix.International.actors.txt"
	MilNonStateFile   = "Phoenix.MilNonState.actors.txt"
	AgentsFile        = "Phoenix.agents.txt"
)

// Span is one code of an entry with the dates it holds.
type Span struct {
	// Code is the CAMEO actor code as given ("RUSGOV", "IGOUNO").
	Code string
	// From and Until bound the span, both inclusive; nil is open.
	From, Until *actorgraph.Date
}

// Contains reports whether d lies within the span (bounds inclusive).
func (s Span) Contains(d actorgraph.Date) bool {
	return (s.From == nil || !d.Before(*s.From)) && (s.Until == nil || !s.Until.Before(d))
}

// Dated reports whether the span has a bound.
func (s Span) Dated() bool { return s.From != nil || s.Until != nil }

// String writes the span in the dictionary's form with ISO dates:
// "RUSGOV 2008-05-08–", "RUSELI".
func (s Span) String() string {
	if !s.Dated() {
		return s.Code
	}
	var b strings.Builder
	b.WriteString(s.Code + " ")
	if s.From != nil {
		b.WriteString(s.From.String())
	}
	b.WriteString("–")
	if s.Until != nil {
		b.WriteString(s.Until.String())
	}
	return b.String()
}

// EntryKind says what an entry names.
type EntryKind int

// The kinds; the package documentation gives the rules.
const (
	// Country: a country or region entry of Phoenix.Countries.actors.txt,
	// whose own codes include a three-letter country code
	// (RUSSIAN_FEDERATION_ [RUS]).
	Country EntryKind = iota
	// Person: a named person (VLADIMIR_PUTIN_, KOFI_ANNAN_).
	Person
	// Organization: an institution, post, party, company or international
	// body (KREMLIN_ [RUSGOV], THE_UNITED_NATIONS_ [IGOUNO]).
	Organization
	// ArmedGroup: an armed non-state group (Phoenix.MilNonState.actors.txt).
	ArmedGroup
)

// String names the kind: "country", "person", "organization", "armed group".
func (k EntryKind) String() string {
	switch k {
	case Country:
		return "country"
	case Person:
		return "person"
	case Organization:
		return "organization"
	case ArmedGroup:
		return "armed group"
	}
	return fmt.Sprintf("EntryKind(%d)", int(k))
}

// Entry is one actor of a dictionary: its name, synonyms and codes.
type Entry struct {
	// File is the base name of the file ("Phoenix.Countries.actors.txt").
	File string
	// Line is the 1-based line of the entry's name.
	Line int
	// Name is the display form of the name: underscores to spaces, blanks
	// collapsed, trimmed ("VLADIMIR PUTIN").
	Name string
	// Aliases are the '+' lines below the name, in the same form.
	Aliases []string
	// Spans are the codes of the entry line and its tab-indented lines, in
	// file order. [---] (no code) gives no span.
	Spans []Span
	// SpansFrom is set when the entry had no code of its own and took the
	// spans of the entry line directly below it (see the package
	// documentation): the line of the entry that holds them. It is 0 for
	// an entry with its own codes.
	SpansFrom int
	// Kind says what the entry names.
	Kind EntryKind
	// Comment is the comment on the entry line, without the '#'
	// ("CountryInfo.txt").
	Comment string

	raw string // the name as written ("VLADIMIR_PUTIN_")
}

// Ref names the entry for provenance: file, line and the name as written,
// "Phoenix.Countries.actors.txt:39559 VLADIMIR_PUTIN_".
func (e *Entry) Ref() string {
	raw := e.raw
	if raw == "" {
		raw = strings.ReplaceAll(e.Name, " ", "_")
	}
	return fmt.Sprintf("%s:%d %s", e.File, e.Line, raw)
}

// CodesOn returns the distinct codes whose dated span contains d (bounds
// inclusive), in file order; when none does, the codes given without a
// date, which PETRARCH uses as the default. It returns nil when neither
// applies (a person before their first dated code with no default).
func (e *Entry) CodesOn(d actorgraph.Date) []string {
	var codes []string
	for _, s := range e.Spans {
		if s.Dated() && s.Contains(d) && !slices.Contains(codes, s.Code) {
			codes = append(codes, s.Code)
		}
	}
	if codes != nil {
		return codes
	}
	for _, s := range e.Spans {
		if !s.Dated() && !slices.Contains(codes, s.Code) {
			codes = append(codes, s.Code)
		}
	}
	return codes
}

// Codes returns the entry's distinct codes regardless of date, in file order.
func (e *Entry) Codes() []string {
	var codes []string
	for _, s := range e.Spans {
		if !slices.Contains(codes, s.Code) {
			codes = append(codes, s.Code)
		}
	}
	return codes
}

// nonCountry lists the three-letter CAMEO codes that can open an actor
// code without naming a country or region: international actors, roles
// and sectors, religions, and KKL, a placeholder (the initials of the
// MilNonState file's editor) on twenty groups of unknown country. MUS and
// SUN are religion codes too, but this data uses them as Mauritius and
// the Soviet Union, so they count as countries.
var nonCountry = toSet(
	// international and transnational
	"IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS", "UNO", "PKO",
	// roles and sectors
	"AGR", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH",
	"HRI", "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "OPP", "RAD", "REB",
	"REF", "SEP", "SPY", "UAF",
	// religions
	"ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "HIN",
	"HSD", "ITP", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO",
	"SHI", "SHN", "SIK", "SUF", "TAO", "UDI", "ZRO",
	// placeholder
	"KKL",
)

func toSet(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// countryPart returns the first three letters of code when they look like
// a country or region code: three upper-case letters, not in nonCountry.
func countryPart(code string) (string, bool) {
	if len(code) < 3 {
		return "", false
	}
	for i := range 3 {
		if code[i] < 'A' || code[i] > 'Z' {
			return "", false
		}
	}
	p := code[:3]
	return p, !nonCountry[p]
}

// Countries returns the distinct country or region parts (the first three
// letters) of the entry's codes, in file order, leaving out codes that do
// not open with a country (IGOUNO, NGO…, MNC…, ELI, KKLREB). A resolver
// uses it to narrow ambiguous matches by the country a source gives.
func (e *Entry) Countries() []string {
	var out []string
	for _, s := range e.Spans {
		if p, ok := countryPart(s.Code); ok && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// countryCodes returns the entry's codes that are exactly a country or
// region code ("RUS" but not "SUNRUS").
func (e *Entry) countryCodes() []string {
	var out []string
	for _, s := range e.Spans {
		if p, ok := countryPart(s.Code); ok && len(s.Code) == 3 && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// Dictionary is the parsed Phoenix dictionaries with their indexes.
type Dictionary struct {
	// Entries are the actor entries of the Countries, International and
	// MilNonState files, in that order and in file order.
	Entries []Entry
	// Agents maps actorgraph.NameKey of a role phrase to its CAMEO agent
	// code without the '~' ("president" → "GOV", "police" → "COP").
	Agents map[string]string

	byKey         map[string][]*Entry
	countryByCode map[string]*Entry
	countryByName map[string][]string
	firsts        []*Entry // backing for one-entry lists of byKey
}

var load = sync.OnceValues(func() (*Dictionary, error) {
	return build([]source{
		{CountriesFile, countriesFile},
		{InternationalFile, internationalFile},
		{MilNonStateFile, milNonStateFile},
	}, AgentsFile, agentsFile)
})

// Load parses the embedded dictionaries once and returns the same
// *Dictionary (or error) on every call. It is safe for concurrent use; the
// dictionary must not be modified. An error names the file and 1-based
// line ("Phoenix.Countries.actors.txt:123: …"); with the embedded files
// it means a broken build.
func Load() (*Dictionary, error) { return load() }

type source struct{ name, text string }

// build parses actor files and an agents file into a Dictionary.
func build(actors []source, agentsName, agentsText string) (*Dictionary, error) {
	d := &Dictionary{}
	parsed := make([][]Entry, len(actors))
	total := 0
	for i, src := range actors {
		entries, err := parseActors(src.name, src.text)
		if err != nil {
			return nil, err
		}
		parsed[i], total = entries, total+len(entries)
	}
	d.Entries = make([]Entry, 0, total)
	for _, entries := range parsed {
		d.Entries = append(d.Entries, entries...)
	}
	agents, err := parseAgents(agentsName, agentsText)
	if err != nil {
		return nil, err
	}
	d.Agents = agents
	d.index()
	return d, nil
}

// index builds the lookup maps. The entries must not move afterwards.
func (d *Dictionary) index() {
	d.byKey = make(map[string][]*Entry, len(d.Entries)*2)
	d.firsts = make([]*Entry, 0, len(d.Entries)*2)
	d.countryByCode = map[string]*Entry{}
	d.countryByName = map[string][]string{}
	current := map[string]bool{} // country codes whose entry is the current one
	for i := range d.Entries {
		e := &d.Entries[i]
		d.addKey(actorgraph.NameKey(e.Name), e)
		for _, a := range e.Aliases {
			d.addKey(actorgraph.NameKey(a), e)
		}
		if e.Kind != Country {
			continue
		}
		codes := e.countryCodes()
		for _, s := range e.Spans {
			if !slices.Contains(codes, s.Code) {
				continue
			}
			// The first entry holding the code, replaced once by the first
			// that holds it with no end date: RUSSIAN_SFSR [RUS 19911226-
			// 19931212] comes before RUSSIAN_FEDERATION_ [RUS].
			switch prev := d.countryByCode[s.Code]; {
			case prev == nil:
				d.countryByCode[s.Code], current[s.Code] = e, s.Until == nil
			case prev == e:
				current[s.Code] = current[s.Code] || s.Until == nil
			case !current[s.Code] && s.Until == nil:
				d.countryByCode[s.Code], current[s.Code] = e, true
			}
		}
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			k := actorgraph.NameKey(name)
			if k == "" {
				continue
			}
			for _, c := range codes {
				if !slices.Contains(d.countryByName[k], c) {
					d.countryByName[k] = append(d.countryByName[k], c)
				}
			}
		}
	}
}

func (d *Dictionary) addKey(k string, e *Entry) {
	if k == "" {
		return
	}
	list, ok := d.byKey[k]
	switch {
	case !ok && len(d.firsts) < cap(d.firsts):
		// Most keys name one entry: slice them from one array, with no
		// spare capacity, so a second entry copies the list out.
		d.firsts = append(d.firsts, e)
		n := len(d.firsts)
		d.byKey[k] = d.firsts[n-1 : n : n]
	case len(list) > 0 && list[len(list)-1] == e:
	default:
		d.byKey[k] = append(list, e)
	}
}

// Lookup returns the entries whose name or an alias has
// actorgraph.NameKey equal to key, in file order, each once; nil if none.
// The slice is shared: do not modify it.
func (d *Dictionary) Lookup(key string) []*Entry {
	list := d.byKey[key]
	return list[:len(list):len(list)]
}

// Country returns the Country entry for a three-letter code: the first
// that holds the code with no end date ("RUS" → RUSSIAN_FEDERATION_,
// "USA" → UNITED_STATES_OF_AMERICA_), else the first that holds it at all
// ("CSK" → CZECHOSLOVAKIA); nil if none.
func (d *Dictionary) Country(code string) *Entry { return d.countryByCode[code] }

// CountryByName returns the country codes whose Country entry has key
// (an actorgraph.NameKey) as its name or a '+' alias, in file order:
// "russia", "russian" and "moscow" give ["RUS"]. Only a country entry's
// own name and synonyms count, not the persons and institutions listed
// after it. The slice is shared: do not modify it.
func (d *Dictionary) CountryByName(key string) []string {
	list := d.countryByName[key]
	return list[:len(list):len(list)]
}
