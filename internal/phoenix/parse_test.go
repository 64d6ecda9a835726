package phoenix

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		line       int
		msg        string
	}{
		{"unterminated bracket", "FOO_ [RUS\n", 1, "unterminated"},
		{"unterminated on a code line", "FOO_\n\t[RUSGOV 900101-910101\n", 2, "unterminated"},
		{"unterminated before another group", "FOO_ [RUS [GOV]\n", 1, "unterminated"},
		{"bad date", "# comment\nFOO_\n\t[RUS 991399-]\n", 3, `bad date "991399"`},
		{"empty upper bound", "FOO_ [RUS 990101-]\n", 1, `bad date ""`},
		{"no such day", "FOO_\n\t[RUS 20230229-]\n", 2, "no such day"},
		{"wrong digit count", "FOO_\n\t[RUS 9901011]\n", 2, "bad date"},
		{"empty restriction after >", "FOO_ [RUS >]\n", 1, "bad date"},
		{"synonym first", "\n+FOO_\nBAR_ [RUS]\n", 2, "synonym"},
		{"code line first", "# header\n\t[RUS]\nBAR_\n", 2, "code line"},
		{"bad code", "FOO_ [rus]\n", 1, "bad code"},
		{"empty group", "FOO_ []\n", 1, "empty code group"},
		{"text after a code line", "FOO_\n\t[RUS] stray words\n", 2, "not a comment"},
		{"stray closing bracket", "FOO_\n]\n", 2, "unexpected ']'"},
		{"bracket in a synonym", "FOO_\n+BAR_ [RUS]\n", 2, "synonym"},
		{"no name", "___ [RUS]\n", 1, "no name"},
		{"stray bracket after codes", "FOO_ [RUS] x]\n", 1, "stray bracket"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("data/Test.actors.txt", strings.NewReader(tc.text))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a *ParseError", err)
			}
			if pe.File != "Test.actors.txt" || pe.Line != tc.line || !strings.Contains(pe.Msg, tc.msg) {
				t.Errorf("err = %v, want Test.actors.txt:%d: …%s…", err, tc.line, tc.msg)
			}
			if want := "Test.actors.txt:" + strconv.Itoa(tc.line) + ": "; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("message %q does not start with %q", err, want)
			}
		})
	}
}

func TestLoadErrorNamesFileAndLine(t *testing.T) {
	_, err := build([]source{
		{CountriesFile, "A_ [AAA]\n"},
		{InternationalFile, "# x\n\nB_\n\t[IGO 991399-]\n"},
	}, AgentsFile, "")
	if err == nil || !strings.HasPrefix(err.Error(), "Phoenix.International.actors.txt:4: ") {
		t.Errorf("err = %v, want Phoenix.International.actors.txt:4: …", err)
	}
	_, err = build(nil, AgentsFile, "!X! = A, B\nFOO [~GOV\n")
	if err == nil || !strings.HasPrefix(err.Error(), "Phoenix.agents.txt:2: ") {
		t.Errorf("err = %v, want Phoenix.agents.txt:2: …", err)
	}
}

func TestParseFormat(t *testing.T) {
	const text = "# header\n" +
		"FOO_BAR_  [AAA] # a country\n" +
		"+FOO_\n" +
		"+ BAR  BAZ_ # note\n" +
		"JOHN_DOE_  # CountryInfo.txt\n" +
		"\t[AAAELI 291231-300101]\n" +
		"\t[AAAGOV >20000101]\n" +
		"\t[AAAGOV <650101] # early\n" +
		"\t[AAAGOV 19700101]\n" +
		"\t[AAAOPP > 20100101]\n" +
		"\t[---]\n" +
		"\t[AAAELI]\n" +
		"  INDENTED ENTRY_\t[AAAGOV] [BBB  >990101]\n" +
		"NO_CODE_\n" +
		"\n" +
		"SHARED_ONE\n" +
		"SHARED_TWO\n" +
		"+SHARED_2\n" +
		"SHARED_THREE [CCCREB]\n" +
		"COT\uFFFDE_ [DDD]\r\n"
	entries, err := Parse("Phoenix.Countries.actors.txt", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 8 {
		t.Fatalf("%d entries, want 8", len(entries))
	}
	foo := entries[0]
	if foo.Line != 2 || foo.Name != "FOO BAR" || foo.Ref() != "Phoenix.Countries.actors.txt:2 FOO_BAR_" ||
		!slices.Equal(foo.Aliases, []string{"FOO", "BAR BAZ"}) || foo.Comment != "a country" || foo.Kind != Country {
		t.Errorf("entry 0 = %+v", foo)
	}
	doe := entries[1]
	want := []string{"AAAELI 2029-12-31–1930-01-01", "AAAGOV 2000-01-01–", "AAAGOV –1965-01-01", "AAAGOV 1970-01-01–", "AAAOPP 2010-01-01–", "AAAELI"}
	var got []string
	for _, s := range doe.Spans {
		got = append(got, s.String())
	}
	if !slices.Equal(got, want) || doe.Kind != Person {
		t.Errorf("spans = %q (kind %v), want %q", got, doe.Kind, want)
	}
	if c := doe.CodesOn(actorgraph.MustParseDate("1960-01-01")); !slices.Equal(c, []string{"AAAGOV"}) {
		t.Errorf("CodesOn(1960) = %q", c)
	}
	if c := doe.CodesOn(actorgraph.MustParseDate("2012-01-01")); !slices.Equal(c, []string{"AAAGOV", "AAAOPP"}) {
		t.Errorf("CodesOn(2012) = %q", c)
	}
	if c := doe.CodesOn(actorgraph.MustParseDate("1968-01-01")); !slices.Equal(c, []string{"AAAELI"}) {
		t.Errorf("CodesOn(1968) = %q, want the default", c)
	}
	ind := entries[2]
	if ind.Name != "INDENTED ENTRY" || ind.Ref() != "Phoenix.Countries.actors.txt:13 INDENTED ENTRY_" || len(ind.Spans) != 2 ||
		ind.Spans[1].String() != "BBB 1999-01-01–" || !slices.Equal(ind.Countries(), []string{"AAA", "BBB"}) {
		t.Errorf("entry 2 = %+v", ind)
	}
	if e := entries[3]; e.Name != "NO CODE" || e.Spans != nil || e.SpansFrom != 0 || e.Kind != Organization {
		t.Errorf("entry 3 = %+v", e)
	}
	for _, e := range entries[4:6] {
		if e.SpansFrom != 19 || !slices.Equal(e.Codes(), []string{"CCCREB"}) {
			t.Errorf("%s: SpansFrom %d, codes %q", e.Ref(), e.SpansFrom, e.Codes())
		}
	}
	if e := entries[6]; e.SpansFrom != 0 || e.Line != 19 {
		t.Errorf("entry 6 = %+v", e)
	}
	if e := entries[7]; e.Name != "COT\uFFFDE" || e.Line != 20 || !slices.Equal(e.Codes(), []string{"DDD"}) {
		t.Errorf("entry 7 = %+v", e)
	}
}

func TestParseAgents(t *testing.T) {
	const text = "# agents\n" +
		"!PERSON! = MAN, MEN , WOMAN\n" +
		"PRESIDENT [~GOV] # ns\n" +
		"POLICE {} [~COP]\n" +
		"POLICE!PERSON!  [~COP]\n" +
		"ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n" +
		"ARMY [~MIL]\n" +
		"ARMIES [~REB]\n" +
		"PARTY [~PTY]\n" +
		"BOSS [~BUS]\n" +
		"HUMAN_RIGHTS_BODY  [NGO~]\n" +
		"PRESIDENT [~ELI]\n" +
		"NO_CODE\n"
	got, err := ParseAgents("Phoenix.agents.txt", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"president": "GOV", "presidents": "GOV",
		"police":    "COP",
		"policeman": "COP", "policemen": "COP", "policewoman": "COP",
		"attorney general": "GOVATG", "attorneys general": "GOVATG",
		"army": "MIL", "armies": "REB", // listed beats generated
		"party": "PTY", "parties": "PTY",
		"boss": "BUS", "bosses": "BUS",
		"human rights body": "NGO", "human rights bodies": "NGO",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("[%q] = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d keys, want %d: %v", len(got), len(want), got)
	}
	for _, tc := range []struct{ text, msg string }{
		{"FOO [~GOV\n", "unterminated"},
		{"FOO [GOV]\n", "no '~'"},
		{"FOO!X! [~GOV]\n", "undefined substitution set !X!"},
		{"!X = A\n", "bad substitution set name"},
		{"!X! = A,,B\n", "empty member"},
		{"FOO [~GOV] bar\n", "not a comment"},
		{"FOO {BARS [~GOV]\n", "bad plural"},
		{"FOO ]\n", "no '['"},
		{"FOO [~g-v]\n", "bad agent code"},
	} {
		_, err := ParseAgents("x/Phoenix.agents.txt", strings.NewReader("# c\n"+tc.text))
		if err == nil || !strings.HasPrefix(err.Error(), "Phoenix.agents.txt:2: ") || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: err = %v, want Phoenix.agents.txt:2: …%s…", tc.text, err, tc.msg)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"000101":     "2000-01-01",
		"291231":     "2029-12-31",
		"300101":     "1930-01-01",
		"991231":     "1999-12-31",
		"19171109":   "1917-11-09",
		"20240229":   "2024-02-29",
		"9008223":    "1990-08-23", // upstream typos
		"2004017":    "2004-01-17",
		"201005011":  "2010-05-11",
		"1920030320": "2003-03-20",
	} {
		d, err := parseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"", "99", "9913", "991399", "990230", "19990001", "2023022", "20230229x", "-90101", "１２３４５６"} {
		if d, err := parseDate(in); err == nil {
			t.Errorf("parseDate(%q) = %v, want an error", in, d)
		}
	}
}

func TestSpanContains(t *testing.T) {
	from, until := actorgraph.MustParseDate("2000-01-01"), actorgraph.MustParseDate("2000-12-31")
	s := Span{Code: "X", From: &from, Until: &until}
	for day, want := range map[string]bool{"1999-12-31": false, "2000-01-01": true, "2000-06-15": true, "2000-12-31": true, "2001-01-01": false} {
		if got := s.Contains(actorgraph.MustParseDate(day)); got != want {
			t.Errorf("Contains(%s) = %v", day, got)
		}
	}
	if !(Span{Code: "X"}).Contains(from) {
		t.Error("an open span must contain every date")
	}
}

// BenchmarkLoad parses the four embedded files and builds the indexes:
// the work Load does once.
func BenchmarkLoad(b *testing.B) {
	srcs := []source{{CountriesFile, countriesFile}, {InternationalFile, internationalFile}, {MilNonStateFile, milNonStateFile}}
	for b.Loop() {
		if _, err := build(srcs, AgentsFile, agentsFile); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	d := mustLoad(b)
	key := actorgraph.NameKey("PUTIN")
	for b.Loop() {
		if len(d.Lookup(key)) == 0 {
			b.Fatal("no entry")
		}
	}
}
