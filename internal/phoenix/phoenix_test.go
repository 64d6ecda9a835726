package phoenix

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// sharedDir is /work/shared/data/phoenix, seen from this package.
const sharedDir = "../../../shared/data/phoenix"

func TestEmbeddedCopiesMatchShared(t *testing.T) {
	if _, err := os.Stat(sharedDir); errors.Is(err, os.ErrNotExist) {
		abs, _ := filepath.Abs(sharedDir)
		t.Skipf("shared folder %s is absent: cannot check the embedded copies against it", abs)
	}
	for name, embedded := range map[string]string{
		CountriesFile:     countriesFile,
		InternationalFile: internationalFile,
		MilNonStateFile:   milNonStateFile,
		AgentsFile:        agentsFile,
		"LICENSE":         licenseFile,
		"ORIGIN.md":       originFile,
	} {
		t.Run(name, func(t *testing.T) {
			shared, err := os.ReadFile(filepath.Join(sharedDir, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(shared, []byte(embedded)) {
				t.Errorf("internal/phoenix/data/%s differs from %s/%s: copy the shared file again", name, sharedDir, name)
			}
		})
	}
}

func mustLoad(t testing.TB) *Dictionary {
	t.Helper()
	d, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return d
}

// entryAt returns the entry of file at line.
func entryAt(t *testing.T, d *Dictionary, file string, line int) *Entry {
	t.Helper()
	for i := range d.Entries {
		if e := &d.Entries[i]; e.File == file && e.Line == line {
			return e
		}
	}
	t.Fatalf("no entry at %s:%d", file, line)
	return nil
}

func date(s string) actorgraph.Date { return actorgraph.MustParseDate(s) }

func TestLoadOnceAndConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*Dictionary, 8)
	for i := range got {
		wg.Go(func() {
			d, err := Load()
			if err != nil {
				t.Error(err)
			}
			got[i] = d
			_ = d.Lookup("putin")
		})
	}
	wg.Wait()
	for _, d := range got[1:] {
		if d != got[0] || d == nil {
			t.Fatal("Load returned different dictionaries")
		}
	}
}

// TestEveryLineParses checks that the embedded files parse (Load fails on
// the first line that does not) and that no line is silently dropped:
// every entry line gives an entry and every '+' line a synonym.
func TestEveryLineParses(t *testing.T) {
	d := mustLoad(t)
	for _, src := range []source{{CountriesFile, countriesFile}, {InternationalFile, internationalFile}, {MilNonStateFile, milNonStateFile}} {
		var entryLines, aliasLines, codeLines int
		for line := range strings.Lines(src.text) {
			text, _, _ := strings.Cut(line, "#")
			switch s := strings.TrimSpace(text); {
			case s == "", isSourceNote(s):
			case s[0] == '+':
				aliasLines++
			case s[0] == '[':
				codeLines++
			default:
				entryLines++
			}
		}
		var entries, aliases int
		for _, e := range d.Entries {
			if e.File == src.name {
				entries++
				aliases += len(e.Aliases)
			}
		}
		if entries != entryLines || aliases != aliasLines {
			t.Errorf("%s: %d entries and %d synonyms, want %d and %d (one per line)", src.name, entries, aliases, entryLines, aliasLines)
		}
		if codeLines == 0 && src.name != MilNonStateFile {
			t.Errorf("%s: no code lines seen", src.name)
		}
	}
	// The agents file: every phrase line with a code gives a key.
	for line := range strings.Lines(agentsFile) {
		text, _, _ := strings.Cut(line, "#")
		s := strings.TrimSpace(text)
		if s == "" || strings.Contains(s, "=") || !strings.Contains(s, "[") || strings.Contains(s, "!") {
			continue
		}
		phrase, _, _ := strings.Cut(s, "[")
		phrase, _, _ = strings.Cut(phrase, "{")
		if _, ok := d.Agents[actorgraph.NameKey(phrase)]; !ok {
			t.Errorf("agents line %q gave no key", strings.TrimSpace(line))
		}
	}
}

// TestKindCounts pins the number of entries of each kind, so a change to
// the rules or the files shows in review.
func TestKindCounts(t *testing.T) {
	d := mustLoad(t)
	got := map[EntryKind]int{}
	for _, e := range d.Entries {
		got[e.Kind]++
	}
	want := map[EntryKind]int{Country: 240, Person: 18433, Organization: 7557, ArmedGroup: 1021}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%d %s entries, want %d", got[k], k, n)
		}
	}
	if len(d.Entries) != 27251 {
		t.Errorf("%d entries, want 27251", len(d.Entries))
	}
}

func TestPutin(t *testing.T) {
	d := mustLoad(t)
	var putin *Entry
	for _, e := range d.Lookup(actorgraph.NameKey("PUTIN")) {
		if e.Ref() == "Phoenix.Countries.actors.txt:39559 VLADIMIR_PUTIN_" {
			putin = e
		}
	}
	if putin == nil {
		t.Fatalf("Lookup(putin) = %v, want VLADIMIR_PUTIN_", refs(d.Lookup("putin")))
	}
	if putin.Name != "VLADIMIR PUTIN" || putin.Kind != Person || putin.Comment != "CountryInfo.txt" || putin.File != CountriesFile {
		t.Errorf("entry = %q %v %q %q", putin.Name, putin.Kind, putin.Comment, putin.File)
	}
	if !slices.Contains(putin.Aliases, "PRIME MINISTER VLADIMIR V. PUTIN") || len(putin.Aliases) != 11 {
		t.Errorf("aliases = %q", putin.Aliases)
	}
	for _, tc := range []struct {
		day  string
		want []string
	}{
		{"2025-05-19", []string{"RUSGOV"}}, // [RUSGOV >080508]
		{"2008-05-08", []string{"RUSGOV"}}, // inclusive bound
		{"2008-05-07", []string{"RUSGOV"}}, // [RUSGOV 991231-080507]
		{"1995-01-01", []string{"RUSELI"}}, // [RUSELI 700101-990809]
		{"1950-01-01", []string{"RUSELI"}}, // no range matches: the default [RUSELI]
	} {
		if got := putin.CodesOn(date(tc.day)); !slices.Equal(got, tc.want) {
			t.Errorf("CodesOn(%s) = %q, want %q", tc.day, got, tc.want)
		}
	}
	if got := putin.Countries(); !slices.Equal(got, []string{"RUS"}) {
		t.Errorf("Countries() = %q, want [RUS]", got)
	}
	if got := d.Lookup(actorgraph.NameKey("Vladimir Putin")); len(got) != 1 || got[0] != putin {
		t.Errorf("Lookup(vladimir putin) = %v", refs(got))
	}
	if got := d.Lookup(actorgraph.NameKey("PUTIN, VLADIMIR")); len(got) != 1 || got[0] != putin {
		t.Errorf("Lookup(PUTIN, VLADIMIR) = %v", refs(got))
	}
}

func refs(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Ref())
	}
	return out
}

func TestKinds(t *testing.T) {
	d := mustLoad(t)
	for _, tc := range []struct {
		key, ref string
		kind     EntryKind
	}{
		{"vladimir putin", "Phoenix.Countries.actors.txt:39559 VLADIMIR_PUTIN_", Person},
		{"kremlin", "Phoenix.Countries.actors.txt:39440 KREMLIN_", Organization},
		{"russian federal assembly", "Phoenix.Countries.actors.txt:39433 RUSSIAN_FEDERAL_ASSEMBLY", Organization},
		{"russian federation", "Phoenix.Countries.actors.txt:39285 RUSSIAN_FEDERATION_", Country},
		{"united states of america", "Phoenix.Countries.actors.txt:50417 UNITED_STATES_OF_AMERICA_", Country},
		{"gibraltar", "Phoenix.Countries.actors.txt:17879 GIBRALTAR_", Country},
		{"the united nations", "Phoenix.International.actors.txt:20 THE_UNITED_NATIONS_", Organization},
		{"javier de cuellar", "Phoenix.International.actors.txt:60 JAVIER_DE_CUELLAR_", Person},
		{"ban ki moon", "Phoenix.International.actors.txt:34 SECRETARY-GENERAL_BAN_KI-MOON", Person},
		{"abn amro", "Phoenix.International.actors.txt:3693 ABN_AMRO_", Organization},
		{"communist party of the soviet union", "Phoenix.Countries.actors.txt:39271 COMMUNIST_PARTY_OF_THE_SOVIET_UNION", Organization},
		{"moscow party chief boris n yeltsin", "Phoenix.Countries.actors.txt:39546 MOSCOW_PARTY_CHIEF_BORIS_N._YELTSIN", Person},
		{"abu nidal organization", "Phoenix.MilNonState.actors.txt:16 ABU_NIDAL_ORGANIZATION", ArmedGroup},
		{"fatah revolutionary council", "Phoenix.MilNonState.actors.txt:16 ABU_NIDAL_ORGANIZATION", ArmedGroup},
	} {
		got := d.Lookup(tc.key)
		i := slices.IndexFunc(got, func(e *Entry) bool { return e.Ref() == tc.ref })
		if i < 0 {
			t.Errorf("Lookup(%q) = %v, want %s", tc.key, refs(got), tc.ref)
			continue
		}
		if got[i].Kind != tc.kind {
			t.Errorf("%s: kind %v, want %v", tc.ref, got[i].Kind, tc.kind)
		}
	}
}

func TestCountries(t *testing.T) {
	d := mustLoad(t)
	for _, key := range []string{"russian", "russia", "moscow", "russian federation"} {
		if got := d.CountryByName(key); !slices.Equal(got, []string{"RUS"}) {
			t.Errorf("CountryByName(%q) = %q, want [RUS]", key, got)
		}
	}
	// Persons and institutions after a country block do not count.
	for _, key := range []string{"vladimir putin", "kremlin", "putin", "no such place"} {
		if got := d.CountryByName(key); got != nil {
			t.Errorf("CountryByName(%q) = %q, want nil", key, got)
		}
	}
	if got := d.CountryByName("leipzig"); !slices.Equal(got, []string{"DDR", "DEU"}) {
		t.Errorf("CountryByName(leipzig) = %q, want [DDR DEU] in file order", got)
	}
	for code, ref := range map[string]string{
		"USA": "Phoenix.Countries.actors.txt:50417 UNITED_STATES_OF_AMERICA_",
		// RUSSIAN_SFSR [RUS 19911226-19931212] comes first but has ended.
		"RUS": "Phoenix.Countries.actors.txt:39285 RUSSIAN_FEDERATION_",
		"SUN": "Phoenix.Countries.actors.txt:39241 SOVIET_UNION",
		"CSK": "Phoenix.Countries.actors.txt:12106 CZECHOSLOVAKIA",
		// MOLDOVA_ [MDA >911221] before TRANSNISTRIA [MDA].
		"MDA": "Phoenix.Countries.actors.txt:31040 MOLDOVA_",
		"IRQ": "Phoenix.Countries.actors.txt:22443 IRAQ_",
	} {
		if e := d.Country(code); e == nil || e.Ref() != ref || e.Kind != Country {
			t.Errorf("Country(%q) = %v, want %s", code, e, ref)
		}
	}
	if e := d.Country("XYZ"); e != nil {
		t.Errorf("Country(XYZ) = %s", e.Ref())
	}
	if e := d.Country("GIB"); e != nil {
		t.Errorf("Country(GIB) = %s: dependencies have no plain code", e.Ref())
	}
	arm := d.Country("ARM")
	if got := arm.CodesOn(date("1991-01-01")); !slices.Equal(got, []string{"ARMUNR"}) {
		t.Errorf("ARMENIA_ on 1991-01-01: %q, want [ARMUNR] (9008223 read as 900823)", got)
	}
	if got := arm.Countries(); !slices.Equal(got, []string{"USR", "ARM"}) {
		t.Errorf("ARMENIA_.Countries() = %q", got)
	}
}

func TestSpansOnOneLine(t *testing.T) {
	d := mustLoad(t)
	e := entryAt(t, d, InternationalFile, 60)
	if e.Ref() != "Phoenix.International.actors.txt:60 JAVIER_DE_CUELLAR_" || e.Comment != "IGOrulers.txt" {
		t.Fatalf("got %s %q", e.Ref(), e.Comment)
	}
	if len(e.Spans) != 2 || e.Spans[0].String() != "IGOUNO 1982-01-01–1991-12-31" || e.Spans[1].String() != "ELI" {
		t.Errorf("spans = %v", e.Spans)
	}
	if got := e.CodesOn(date("1985-06-01")); !slices.Equal(got, []string{"IGOUNO"}) {
		t.Errorf("CodesOn(1985) = %q", got)
	}
	if got := e.CodesOn(date("1995-06-01")); !slices.Equal(got, []string{"ELI"}) {
		t.Errorf("CodesOn(1995) = %q", got)
	}
	if got := e.Countries(); got != nil {
		t.Errorf("Countries() = %q, want none (IGOUNO, ELI)", got)
	}
	// [USAGOV 981022-010811] [USAGOV 041018-070201] [IGOUNO  >070201]# …
	e = entryAt(t, d, InternationalFile, 63)
	if len(e.Spans) != 3 || e.Spans[2].String() != "IGOUNO 2007-02-01–" || e.Comment != "former ambassador, UnderSecGen for UN# NGO_Actors" {
		t.Errorf("%s: spans %v, comment %q", e.Ref(), e.Spans, e.Comment)
	}
	if got := e.CodesOn(date("2007-02-01")); !slices.Equal(got, []string{"USAGOV", "IGOUNO"}) {
		t.Errorf("CodesOn(2007-02-01) = %q, want both (inclusive bounds)", got)
	}
	// [IGOUNO 000101-080801] [---]: no code outside the range.
	e = entryAt(t, d, InternationalFile, 61)
	if len(e.Spans) != 1 || e.CodesOn(date("2010-01-01")) != nil {
		t.Errorf("%s: spans %v", e.Ref(), e.Spans)
	}
	// A blank inside the name.
	e = entryAt(t, d, InternationalFile, 65)
	if e.Ref() != "Phoenix.International.actors.txt:65 CARLOS SANTOS_CRUZ_" || e.Name != "CARLOS SANTOS CRUZ" {
		t.Errorf("got %s %q", e.Ref(), e.Name)
	}
	if got := d.Lookup("carlos santos cruz"); len(got) != 1 || got[0] != e {
		t.Errorf("Lookup(carlos santos cruz) = %v", refs(got))
	}
	// Text after the code without '#'.
	e = entryAt(t, d, InternationalFile, 6605)
	if e.Comment != "Antilles Medical/Dental Instruments $503,000,000" || len(e.Spans) != 1 {
		t.Errorf("%s: comment %q", e.Ref(), e.Comment)
	}
}

func TestSharedSpans(t *testing.T) {
	d := mustLoad(t)
	yeltsin := entryAt(t, d, CountriesFile, 39543)
	if yeltsin.Name != "BORIS YELTSIN" || yeltsin.SpansFrom != 39551 || yeltsin.Kind != Person {
		t.Errorf("BORIS_YELTSIN_: SpansFrom %d, kind %v", yeltsin.SpansFrom, yeltsin.Kind)
	}
	if got := yeltsin.CodesOn(date("1995-06-01")); !slices.Equal(got, []string{"RUSGOV"}) {
		t.Errorf("BORIS_YELTSIN_ in 1995: %q", got)
	}
	last := entryAt(t, d, CountriesFile, 39551)
	if last.SpansFrom != 0 || len(last.Spans) != 3 {
		t.Errorf("RUSSIAN_PRESIDENT_YELTSIN: SpansFrom %d, spans %v", last.SpansFrom, last.Spans)
	}
	for _, line := range []int{45722, 45723, 45724} {
		e := entryAt(t, d, CountriesFile, line)
		if !slices.Equal(e.Codes(), []string{"SYRREBMUS"}) || e.SpansFrom != 45725 {
			t.Errorf("%s: codes %q from %d", e.Ref(), e.Codes(), e.SpansFrom)
		}
	}
	// A reversed range upstream holds no date.
	ganzouri := entryAt(t, d, CountriesFile, 14187)
	if got := ganzouri.CodesOn(date("2012-01-01")); !slices.Equal(got, []string{"EGYELI"}) {
		t.Errorf("KAMAL_GANZOURI_ in 2012: %q, want the default [EGYELI] ([EGYGOV 20121207-20120802] is reversed)", got)
	}
	// Followed by a blank line: keeps no code.
	un := entryAt(t, d, InternationalFile, 22)
	if un.Name != "U.N." || un.Spans != nil || un.SpansFrom != 0 {
		t.Errorf("U.N._: %v from %d", un.Spans, un.SpansFrom)
	}
}

func TestLookupOrderAndDuplicates(t *testing.T) {
	d := mustLoad(t)
	index := map[*Entry]int{}
	for i := range d.Entries {
		index[&d.Entries[i]] = i
	}
	for key, list := range d.byKey {
		for i := 1; i < len(list); i++ {
			if index[list[i-1]] >= index[list[i]] {
				t.Fatalf("Lookup(%q): %s before %s", key, list[i-1].Ref(), list[i].Ref())
			}
		}
	}
	// KOFI_ANNAN_ lists +SECRETARY-GENERAL_KOFI_ANNAN twice.
	got := d.Lookup("secretary general kofi annan")
	if len(got) != 1 || got[0].Ref() != "Phoenix.International.actors.txt:41 KOFI_ANNAN_" {
		t.Errorf("Lookup(secretary general kofi annan) = %v", refs(got))
	}
	if cap(got) != len(got) {
		t.Error("Lookup result has spare capacity: an append would write into the index")
	}
	if got := d.Lookup("no such actor at all"); got != nil {
		t.Errorf("Lookup(unknown) = %v", refs(got))
	}
	// A synonym holding U+FFFD is kept as given.
	civ := d.Country("CIV")
	if !slices.Contains(civ.Aliases, "COTE D\uFFFDIVOIRE") {
		t.Errorf("COTE_D'IVOIRE_ aliases lack the U+FFFD spelling: %q", civ.Aliases[:5])
	}
}

func TestAgents(t *testing.T) {
	d := mustLoad(t)
	for key, want := range map[string]string{
		"president":                "GOV",
		"police":                   "COP",
		"presidents":               "GOV",    // regular plural
		"policemen":                "COP",    // POLICE!PERSON!
		"minister for agriculture": "GOVAGR", // !MINIST! FOR_AGRICULTURE
		"foreign ministries":       "GOV",    // FOREIGN_!MINIST!
		"unidentified gunmen":      "REB",    // UNIDENTIFIED_GUNMAN {UNIDENTIFIED_GUNMEN}
		"deparment of environment": "ENV",    // [~ENV} typo
		"observers in":             "IGO",    // [IGO~]
		"islamic extremist":        "",       // no code upstream
	} {
		if got := d.Agents[key]; got != want {
			t.Errorf("Agents[%q] = %q, want %q", key, got, want)
		}
	}
	if _, ok := d.Agents["polices"]; ok {
		t.Error(`"POLICE {}" must not get a plural`)
	}
}
