package resolve

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

var may19 = actorgraph.Date{Year: 2025, Month: time.May, Day: 19}

func tables(t testing.TB) *Tables {
	t.Helper()
	tb, err := LoadTables()
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func gdelt(code, name string, roles ...string) *actorgraph.Mention {
	country := ""
	if len(code) >= 3 {
		country = code[:3]
	}
	return &actorgraph.Mention{Source: actorgraph.SourceGDELT, Code: code, Name: name, Country: country, Roles: roles}
}

func icews(name, country string, sectors ...string) *actorgraph.Mention {
	return &actorgraph.Mention{Source: actorgraph.SourceICEWS, Name: name, Country: country, Sectors: sectors}
}

// curatedPutin is the article's Putin, as the dataset has him.
var curatedPutin = actorgraph.Actor{ID: "vladimir-putin", Kind: actorgraph.KindLeader, Name: "Vladimir Putin",
	Aliases: []string{"Putin", "President Putin", "Mr Putin"}, Country: "RUS", CAMEOCode: "RUSGOV", WikidataID: "Q7747"}

func TestCountryLevelMentionsJoinTheCountry(t *testing.T) {
	r := New(tables(t))
	for _, m := range []*actorgraph.Mention{
		gdelt("RUS", "RUSSIA"),
		gdelt("RUS", "RUSSIAN"),
		gdelt("RUSGOV", "RUSSIA", "GOV"),
		gdelt("RUSMIL", "MOSCOW", "MIL"),
		gdelt("RUSCVL", "", "CVL"),
		gdelt("RUSGOV", "KREMLIN", "GOV"),
		gdelt("RUSGOV", "PRESIDENT", "GOV"),
		icews("Government (Russia)", "Russian Federation", "Government"),
		icews("Russia", "Russia"),
		icews("Police (Russia)", "Russia", "Police"),
	} {
		res := r.Resolve(m, may19)
		if res.ID != "russia" || res.Rule != actorgraph.RuleCountry || m.Rule != actorgraph.RuleCountry {
			t.Errorf("Resolve(%s %q) = %+v, want russia by COUNTRY", m.Code, m.Name, res)
		}
	}
	a, _ := r.Actor("russia")
	if a.Kind != actorgraph.KindGovernment || a.Name != "Russia" || a.Country != "RUS" || a.CAMEOCode != "RUS" {
		t.Errorf("russia = %+v", a)
	}
	if !strings.HasPrefix(a.Resolution.Entry, "Phoenix.Countries.actors.txt:") || a.Resolution.Key != "country:RUS" {
		t.Errorf("russia.resolution = %+v", a.Resolution)
	}
	// KREMLIN names the dictionary entry that codes it as Russia + GOV.
	m := gdelt("RUSGOV", "KREMLIN", "GOV")
	r.Resolve(m, may19)
	if !strings.Contains(m.Entry, "KREMLIN") {
		t.Errorf("KREMLIN's entry = %q", m.Entry)
	}
	if got := len(a.Resolution.Names); got != 10 {
		t.Errorf("russia has %d source names, want 10: %+v", got, a.Resolution.Names)
	}
}

func TestNamedPeopleAreDictionaryPeopleNotGovernments(t *testing.T) {
	r := New(tables(t))
	for _, m := range []*actorgraph.Mention{gdelt("RUSGOV", "VLADIMIR PUTIN", "GOV"), gdelt("RUSGOV", "PUTIN, VLADIMIR", "GOV"),
		gdelt("RUS", "PRESIDENT VLADIMIR PUTIN"), icews("Vladimir Putin", "Russia", "Executive")} {
		res := r.Resolve(m, may19)
		if res.ID != "vladimir-putin" || res.Rule != actorgraph.RuleDictionary {
			t.Errorf("Resolve(%q) = %+v, want vladimir-putin by DICTIONARY", m.Name, res)
		}
	}
	a, _ := r.Actor("vladimir-putin")
	if a.Kind != actorgraph.KindLeader || a.Name != "Vladimir Putin" || a.Country != "RUS" {
		t.Errorf("putin = %+v", a)
	}
	// A minister is an official.
	res := r.Resolve(gdelt("RUSGOV", "SERGEI LAVROV", "GOV"), may19)
	lavrov, _ := r.Actor(res.ID)
	if res.Rule != actorgraph.RuleDictionary || lavrov.Kind != actorgraph.KindOfficial {
		t.Errorf("Lavrov = %+v, %+v; want an OFFICIAL from the dictionary", res, lavrov)
	}
}

func TestCuratedActorsWinByNameAliasAndDictionaryEntry(t *testing.T) {
	r := New(tables(t))
	r.Add(curatedPutin)
	for _, m := range []*actorgraph.Mention{gdelt("RUSGOV", "PUTIN", "GOV"), icews("Vladimir Putin", "Russia"),
		gdelt("RUSGOV", "VLADIMIR VLADIMIROVICH PUTIN", "GOV")} {
		res := r.Resolve(m, may19)
		if res.ID != "vladimir-putin" || res.Rule != actorgraph.RuleStoredName {
			t.Errorf("Resolve(%q) = %+v, want the curated vladimir-putin by STORED_NAME", m.Name, res)
		}
	}
	// The curated record is kept; only its source names grow.
	a, _ := r.Actor("vladimir-putin")
	a.Resolution = nil
	if diff := cmp.Diff(curatedPutin, a); diff != "" {
		t.Errorf("curated actor changed (-want +got):\n%s", diff)
	}
}

func TestUnknownPartiesAreKeyedByNameAndCountry(t *testing.T) {
	r := New(tables(t))
	a := r.Resolve(gdelt("USAGOV", "JOHN EXAMPLEMAN", "GOV"), may19)
	b := r.Resolve(icews("John Exampleman", "United States", "Government"), may19)
	c := r.Resolve(gdelt("GBRGOV", "JOHN EXAMPLEMAN", "GOV"), may19)
	if a.ID != "john-exampleman-usa" || b.ID != a.ID || a.Rule != actorgraph.RuleNew {
		t.Errorf("GDELT and ICEWS gave %+v and %+v, want one NEW actor john-exampleman-usa", a, b)
	}
	if c.ID == a.ID {
		t.Errorf("the same name in another country joined %s", c.ID)
	}
	x, _ := r.Actor(a.ID)
	if x.Name != "John Exampleman" || x.Kind != actorgraph.KindOfficial || x.Resolution.Key != "name:john exampleman|USA" {
		t.Errorf("made actor = %+v", x)
	}
}

func TestAmbiguousNamesMakeADistinctActor(t *testing.T) {
	r := New(tables(t))
	r.Add(actorgraph.Actor{ID: "smith-a", Kind: actorgraph.KindOfficial, Name: "Alex Smith", Aliases: []string{"Smith"}, Country: "USA"})
	r.Add(actorgraph.Actor{ID: "smith-b", Kind: actorgraph.KindOfficial, Name: "Bea Smith", Aliases: []string{"Smith"}, Country: "GBR"})
	res := r.Resolve(&actorgraph.Mention{Source: actorgraph.SourceGDELT, Name: "SMITH"}, may19)
	if res.Rule != actorgraph.RuleAmbiguous || res.ID == "smith-a" || res.ID == "smith-b" {
		t.Fatalf("Resolve(SMITH) = %+v, want a distinct AMBIGUOUS actor", res)
	}
	a, _ := r.Actor(res.ID)
	if !slices.Equal(a.Resolution.Candidates, []string{"smith-a", "smith-b"}) {
		t.Errorf("candidates = %v", a.Resolution.Candidates)
	}
	// The country decides.
	if res := r.Resolve(gdelt("GBRGOV", "SMITH", "GOV"), may19); res.ID != "smith-b" {
		t.Errorf("Resolve(GBR SMITH) = %+v, want smith-b", res)
	}
}

func TestBothSidesOneActorBecomesAOneActorEvent(t *testing.T) {
	r := New(tables(t))
	rel := actorgraph.Relationship{ID: "gdelt-1", Summary: "Consult", Date: &may19,
		FromMention: gdelt("RUSGOV", "RUSSIA", "GOV"), ToMention: gdelt("RUSMIL", "RUSSIA", "MIL")}
	r.Ends(&rel)
	if rel.From != "russia" || rel.To != "" || !strings.Contains(rel.Summary, "both sides are russia") {
		t.Errorf("Ends = from %q to %q, summary %q", rel.From, rel.To, rel.Summary)
	}
	if rel.ToMention.Roles[0] != "MIL" || rel.ToMention.Rule != actorgraph.RuleCountry {
		t.Errorf("the target's mention lost what the source said: %+v", rel.ToMention)
	}
}

func TestLowerCaseEthnicCodesResolve(t *testing.T) {
	r := New(tables(t))
	for _, m := range []*actorgraph.Mention{{Source: actorgraph.SourceGDELT, Code: "kur", Name: "KURDISH", Ethnic: "kur"},
		{Source: actorgraph.SourceGDELT, Code: "idgCOP", Name: "", Ethnic: "idg", Roles: []string{"COP"}}} {
		res := r.Resolve(m, may19)
		a, ok := r.Actor(res.ID)
		if !ok || a.Validate() != nil {
			t.Errorf("Resolve(%+v) = %+v: actor %+v invalid: %v", m, res, a, a.Validate())
		}
	}
}

func TestTheOrderMentionsArriveInDoesNotMatter(t *testing.T) {
	mentions := func() []*actorgraph.Mention {
		return []*actorgraph.Mention{
			gdelt("USAGOV", "JOHN EXAMPLEMAN", "GOV"), icews("John Exampleman", "United States", "Government"),
			gdelt("RUSGOV", "VLADIMIR PUTIN", "GOV"), icews("Vladimir Putin", "Russia"), gdelt("RUSMIL", "MOSCOW", "MIL"),
			gdelt("UKR", "UKRAINE"), icews("Citizen (Ukraine)", "Ukraine", "Social"), gdelt("", "SOMEONE ODD"),
		}
	}
	run := func(reverse bool) []actorgraph.Actor {
		r := New(tables(t))
		r.Add(curatedPutin)
		ms := mentions()
		if reverse {
			slices.Reverse(ms)
		}
		for _, m := range ms {
			r.Resolve(m, may19)
		}
		return r.Take()
	}
	if diff := cmp.Diff(run(false), run(true)); diff != "" {
		t.Errorf("actors differ by order (-forward +reverse):\n%s", diff)
	}
}

func TestCurateAbsorbsTheActorsMadeForTheSameParty(t *testing.T) {
	r := New(tables(t))
	made := r.Resolve(gdelt("UKRGOV", "VOLODYMYR ZELENSKY", "GOV"), may19).ID
	dict := r.Resolve(gdelt("RUSGOV", "VLADIMIR PUTIN", "GOV"), may19).ID
	country := r.Resolve(gdelt("UKR", "UKRAINE"), may19).ID
	zel := actorgraph.Actor{ID: "volodymyr-zelenskyy", Kind: actorgraph.KindLeader, Name: "Volodymyr Zelenskyy",
		Aliases: []string{"Volodymyr Zelensky"}, Country: "UKR"}
	if _, absorb := r.Curate(zel); !slices.Equal(absorb, []string{made}) {
		t.Errorf("Curate(zelenskyy) absorbs %v, want [%s]", absorb, made)
	}
	// Same id as the dictionary's actor: the curated record replaces it
	// and keeps its source names.
	rec, absorb := r.Curate(curatedPutin)
	if len(absorb) != 0 || dict != "vladimir-putin" || len(rec.Resolution.Names) != 1 || rec.Resolution.Rule != actorgraph.RuleCurated {
		t.Errorf("Curate(putin) = %+v, absorbs %v", rec.Resolution, absorb)
	}
	// A curated country with another id absorbs the made one.
	if _, absorb := r.Curate(actorgraph.Actor{ID: "ukraine-state", Kind: actorgraph.KindGovernment, Name: "Ukrainian state",
		Country: "UKR", CAMEOCode: "UKR"}); !slices.Equal(absorb, []string{country}) {
		t.Errorf("Curate(ukraine-state) absorbs %v, want [%s]", absorb, country)
	}
}

func TestSlugAndTitleCase(t *testing.T) {
	for in, want := range map[string]string{"Recep Tayyip Erdoğan": "recep-tayyip-erdogan", "VLADIMIR_PUTIN_": "vladimir-putin",
		"Владимир": "", strings.Repeat("a ", 100): ""} {
		got := Slug(in)
		if want != "" && got != want && !strings.HasSuffix(got, want) {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
		if !actorgraph.ValidID(got) {
			t.Errorf("Slug(%q) = %q is not a valid id", in, got)
		}
	}
	if got := TitleCase("RECEP TAYYIP ERDOĞAN"); got != "Recep Tayyip Erdoğan" {
		t.Errorf("TitleCase = %q", got)
	}
}

func TestCountryTableErrorsNameTheLine(t *testing.T) {
	_, err := parseCountries("# c\ncode\tid\tname\tkind\nRUS\tRussia!\tRussia\tcountry\n")
	if err == nil || !strings.Contains(err.Error(), "countries.tsv:3") {
		t.Errorf("error = %v, want one naming countries.tsv:3", err)
	}
}

func TestTablesLoadOnceUnderASecond(t *testing.T) {
	start := time.Now()
	tb := tables(t)
	if tb.Countries["RUS"].ID != "russia" || tb.Countries["USA"].ID != "united-states" || len(tb.Dict.Entries) < 20000 {
		t.Errorf("tables: RUS %+v, USA %+v, %d entries", tb.Countries["RUS"], tb.Countries["USA"], len(tb.Dict.Entries))
	}
	t.Logf("tables loaded in %s", time.Since(start))
}

// Two Phoenix entries share the name LY_THUCH (Cambodia's agriculture
// ministry, KHMGOVAGR) with date ranges that do not overlap: the event
// date picks one; a date in neither leaves both, and no merge.
func TestTheEventDateDecidesBetweenDatedEntries(t *testing.T) {
	r := New(tables(t))
	on := func(y int, m time.Month) actorgraph.Date { return actorgraph.Date{Year: y, Month: m, Day: 15} }
	feb := r.Resolve(gdelt("KHMGOV", "LY THUCH", "GOV"), on(2003, time.June))
	jan := r.Resolve(gdelt("KHMGOV", "LY THUCH", "GOV"), on(2003, time.January))
	if feb.Rule != actorgraph.RuleDictionary || jan.Rule != actorgraph.RuleDictionary || feb.ID == jan.ID ||
		!strings.Contains(feb.Entry, ":7615 ") || !strings.Contains(jan.Entry, ":7617 ") {
		t.Errorf("June 2003 → %+v, January 2003 → %+v; want the entries at lines 7615 and 7617", feb, jan)
	}
	if late := r.Resolve(gdelt("KHMGOV", "LY THUCH", "GOV"), on(2010, time.May)); late.Rule != actorgraph.RuleAmbiguous {
		t.Errorf("May 2010 → %+v, want AMBIGUOUS", late)
	}
}
