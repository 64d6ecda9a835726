package dataset

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

const (
	articleFile    = "000_23fe1f6e4f543b96.txt"
	defaultSeeds   = "../../../shared/seeds"
	goldsteinTable = "../../../shared/data/cameo/CAMEO.goldsteinscale.txt"
)

// mustArticle decodes the embedded dataset or stops the test.
func mustArticle(t *testing.T) *Dataset {
	t.Helper()
	ds, err := Article()
	if err != nil {
		t.Fatalf("Article(): %v", err)
	}
	return ds
}

// readShared reads a file from the shared folder outside the module. When it
// is missing the test fails on CI and is skipped elsewhere.
func readShared(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err == nil {
		return b
	}
	abs, absErr := filepath.Abs(path)
	if absErr != nil {
		abs = path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared file %s is required on CI but could not be read: %v", abs, err)
	}
	t.Skipf("shared file not available (looked in %s): %v", abs, err)
	return nil
}

func findRel(ds *Dataset, id string) *actorgraph.Relationship {
	for i := range ds.Relationships {
		if ds.Relationships[i].ID == id {
			return &ds.Relationships[i]
		}
	}
	return nil
}

func hasEdge(ds *Dataset, typ actorgraph.RelationshipType, from, to string) bool {
	for _, r := range ds.Relationships {
		if r.Type == typ && r.From == from && r.To == to {
			return true
		}
	}
	return false
}

func TestArticleDatasetDecodes(t *testing.T) {
	ds := mustArticle(t)
	if len(ds.Sources) == 0 || len(ds.Actors) == 0 || len(ds.Relationships) == 0 {
		t.Fatalf("empty dataset: %d sources, %d actors, %d relationships",
			len(ds.Sources), len(ds.Actors), len(ds.Relationships))
	}
	if got := ds.Sources[0].File; got != articleFile {
		t.Errorf("source file = %q, want %q", got, articleFile)
	}
	for _, a := range ds.Actors {
		if !a.Kind.Valid() {
			t.Errorf("actor %s: invalid kind %q", a.ID, a.Kind)
		}
	}
	for _, r := range ds.Relationships {
		if !r.Type.Valid() {
			t.Errorf("relationship %s: invalid type %q", r.ID, r.Type)
		}
		if !r.Modality.Valid() {
			t.Errorf("relationship %s: invalid modality %q", r.ID, r.Modality)
		}
		if r.Type.Structural() {
			if r.CAMEOCode != "" || r.Goldstein != nil || r.QuadClass != 0 {
				t.Errorf("structural relationship %s carries event codes (cameo %q, goldstein set %t, quad %d)",
					r.ID, r.CAMEOCode, r.Goldstein != nil, r.QuadClass)
			}
		} else if r.EventID == "" {
			t.Errorf("event relationship %s has no eventId", r.ID)
		}
	}

	call := findRel(ds, "trump-spoke-with-putin-2025-05-19")
	if call == nil {
		t.Fatal("relationship trump-spoke-with-putin-2025-05-19 missing")
	}
	if call.Type != actorgraph.SpokeWith || call.From != "donald-trump" || call.To != "vladimir-putin" {
		t.Errorf("trump-putin call = %s %s→%s, want SPOKE_WITH donald-trump→vladimir-putin", call.Type, call.From, call.To)
	}
	if call.Date == nil || call.Date.String() != "2025-05-19" {
		t.Errorf("trump-putin call date = %v, want 2025-05-19", call.Date)
	}
	if call.CAMEOCode != "041" {
		t.Errorf("trump-putin call cameoCode = %q, want \"041\"", call.CAMEOCode)
	}

	// The product's path query Stubb → Trump → Putin must exist.
	if !hasEdge(ds, actorgraph.SpokeWith, "alexander-stubb", "donald-trump") {
		t.Error("missing SPOKE_WITH alexander-stubb → donald-trump")
	}
	// "Who spoke with Putin" must find Trump.
	var spokeWithPutin []string
	for _, r := range ds.Relationships {
		if r.Type == actorgraph.SpokeWith && (r.To == "vladimir-putin" || r.From == "vladimir-putin") {
			spokeWithPutin = append(spokeWithPutin, r.Other("vladimir-putin"))
		}
	}
	if !strings.Contains(strings.Join(spokeWithPutin, ","), "donald-trump") {
		t.Errorf("actors who spoke with Putin = %v, want donald-trump among them", spokeWithPutin)
	}

	// The Holy See's offer to host is one event with an edge to each party.
	for _, to := range []string{"russia", "ukraine"} {
		r := findRel(ds, "holy-see-offered-to-host-"+to)
		if r == nil {
			t.Errorf("missing holy-see-offered-to-host-%s", to)
			continue
		}
		if r.Modality != actorgraph.Intended || r.EventID != "vatican-offer-to-host-talks" || r.CAMEOCode != "039" {
			t.Errorf("holy-see offer to %s: modality %s, eventId %q, cameo %q", to, r.Modality, r.EventID, r.CAMEOCode)
		}
	}

	istanbul := findRel(ds, "ukraine-negotiated-with-russia-istanbul-2025-05-16")
	if istanbul == nil || istanbul.Date == nil || istanbul.Date.String() != "2025-05-16" || istanbul.CAMEOCode != "046" {
		t.Errorf("Istanbul negotiation edge missing, undated or not 2025-05-16 / 046")
	}
}

func TestArticleQuotesAreVerbatim(t *testing.T) {
	ds := mustArticle(t)
	dir := defaultSeeds
	if env := os.Getenv("ACTORGRAPH_SEEDS"); env != "" {
		dir = env
	}
	article := string(readShared(t, filepath.Join(dir, articleFile)))
	for _, r := range ds.Relationships {
		for i, e := range r.Evidence {
			if e.Kind == actorgraph.Background {
				continue // a fact from a reference, not a quote of the article
			}
			if e.Source != ds.Sources[0].ID {
				t.Errorf("relationship %s evidence[%d]: source %q, want %q", r.ID, i, e.Source, ds.Sources[0].ID)
			}
			if !strings.Contains(article, e.Quote) {
				t.Errorf("relationship %s evidence[%d]: quote not found verbatim in the article: %q", r.ID, i, e.Quote)
			}
		}
	}
}

// quadClassOf is GDELT's rule: CAMEO roots 01–05 → 1, 06–09 → 2,
// 10–14 → 3, 15–20 → 4.
func quadClassOf(code string) int {
	root, err := strconv.Atoi(code[:2])
	switch {
	case err != nil:
		return 0
	case root >= 1 && root <= 5:
		return 1
	case root <= 9:
		return 2
	case root <= 14:
		return 3
	case root <= 20:
		return 4
	}
	return 0
}

func TestArticleCAMEOCodesMatchLookup(t *testing.T) {
	ds := mustArticle(t)
	raw := readShared(t, goldsteinTable)
	lookup := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for line := 0; sc.Scan(); line++ {
		if line == 0 {
			continue // header
		}
		code, score, ok := strings.Cut(strings.TrimSpace(sc.Text()), "\t")
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(score), 64)
		if err != nil {
			t.Fatalf("%s line %d: bad score %q", goldsteinTable, line+1, score)
		}
		lookup[code] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(lookup) < 300 {
		t.Fatalf("lookup has only %d codes; wrong file?", len(lookup))
	}
	for _, r := range ds.Relationships {
		if r.Type.Structural() {
			continue
		}
		want, ok := lookup[r.CAMEOCode]
		if !ok {
			t.Errorf("relationship %s: cameoCode %q not in the GDELT lookup", r.ID, r.CAMEOCode)
			continue
		}
		if r.Goldstein == nil {
			t.Errorf("relationship %s: goldstein missing, lookup says %v for %s", r.ID, want, r.CAMEOCode)
		} else if *r.Goldstein != want {
			t.Errorf("relationship %s: goldstein %v, lookup says %v for %s", r.ID, *r.Goldstein, want, r.CAMEOCode)
		}
		if q := quadClassOf(r.CAMEOCode); r.QuadClass != q {
			t.Errorf("relationship %s: quadClass %d, want %d for %s", r.ID, r.QuadClass, q, r.CAMEOCode)
		}
	}
}

func TestArticleEveryActorIsLinked(t *testing.T) {
	ds := mustArticle(t)
	linked := map[string]bool{}
	for _, r := range ds.Relationships {
		linked[r.From] = true
		linked[r.To] = true
	}
	for _, a := range ds.Actors {
		if !linked[a.ID] {
			t.Errorf("actor %s appears in no relationship", a.ID)
		}
	}
}

// The cue words of docs/dataset.md: a relationship's modality must be one
// its quotes support. Cues match whole words, case-insensitively.
var (
	// hearsayCues: the article reports someone else's unconfirmed account.
	hearsayCues = []string{"according to", "claimed", "familiar with"}
	// attributionCues: the article reports what someone said.
	attributionCues = append([]string{"said", "noted"}, hearsayCues...)
	// hedgeCues: a possibility, not a fact or a plan.
	hedgeCues = []string{"could", "may", "might", "would"}
	// intentCues: an offer, plan or readiness; not (yet) done.
	intentCues = []string{"will", "ready", "prepared", "willing", "willingness", "plan", "planned",
		"offered", "propose", "proposed", "suggested", "interest in"}
	// threatCues: a threat or a signalled penalty.
	threatCues = []string{"threatened", "threat", "sanctions"}
	// negationCues: the source says it did not happen.
	negationCues = []string{"not", "no", "never", "declined"}
	// hedgedMarker is what an ASSERTED relationship's summary says when its
	// quote carries a hedge cue: the act happened, its content is hedged.
	hedgedMarker = "hedged"
)

// cueRE matches any of the cues as whole words.
func cueRE(cues []string) *regexp.Regexp {
	quoted := make([]string, len(cues))
	for i, c := range cues {
		quoted[i] = regexp.QuoteMeta(c)
	}
	return regexp.MustCompile(`(?i)\b(?:` + strings.Join(quoted, "|") + `)\b`)
}

// quotes returns a relationship's verbatim quotes, curly apostrophes made
// straight; background facts are not the article's words.
func quotes(r *actorgraph.Relationship) []string {
	var out []string
	for _, e := range r.Evidence {
		if e.Kind == actorgraph.VerbatimQuote {
			out = append(out, strings.ReplaceAll(e.Quote, "’", "'"))
		}
	}
	return out
}

// anyQuoteMatches reports the first quote of r that re matches, or "".
func anyQuoteMatches(r *actorgraph.Relationship, re *regexp.Regexp) string {
	for _, q := range quotes(r) {
		if re.MatchString(q) {
			return q
		}
	}
	return ""
}

func TestArticleModalitiesMatchTheirQuotes(t *testing.T) {
	ds := mustArticle(t)
	hearsay, attribution, hedge := cueRE(hearsayCues), cueRE(attributionCues), cueRE(hedgeCues)
	intent, threat, negation := cueRE(intentCues), cueRE(threatCues), cueRE(negationCues)
	for i := range ds.Relationships {
		r := &ds.Relationships[i]
		if r.Type.Structural() {
			continue // standing relations: the structural rule checks them
		}
		fail := func(format string, args ...any) {
			t.Errorf("relationship %s (%s): "+format, append([]any{r.ID, r.Modality}, args...)...)
		}
		hedged := anyQuoteMatches(r, hedge)
		switch r.Modality {
		case actorgraph.Asserted:
			if q := anyQuoteMatches(r, hearsay); q != "" {
				fail("the quote reports someone else's account, so CLAIMED: %q", q)
			}
			if hedged != "" && !strings.Contains(r.Summary, hedgedMarker) {
				fail("the quote is hedged and the summary does not say %q: %q", hedgedMarker, hedged)
			}
		case actorgraph.Claimed:
			if anyQuoteMatches(r, attribution) == "" {
				fail("no quote says whose account it is (%v)", attributionCues)
			}
		case actorgraph.Intended:
			if anyQuoteMatches(r, intent) == "" {
				fail("no quote states an intent, offer or plan (%v)", intentCues)
			}
			if hedged != "" {
				fail("the quote is hedged, so HYPOTHETICAL: %q", hedged)
			}
		case actorgraph.Hypothetical:
			if hedged == "" {
				fail("no quote is hedged (%v)", hedgeCues)
			}
		case actorgraph.Threatened:
			if anyQuoteMatches(r, threat) == "" {
				fail("no quote states a threat (%v)", threatCues)
			}
		case actorgraph.Negated:
			if anyQuoteMatches(r, negation) == "" {
				fail("no quote states a negation (%v)", negationCues)
			}
		}
	}
}

// countryAdjectives are the adjectives by which the article names a
// country ("Russian President Vladimir Putin").
var countryAdjectives = map[string]string{
	"RUS": "Russian", "UKR": "Ukrainian", "ITA": "Italian", "FRA": "French", "DEU": "German",
	"FIN": "Finnish", "USA": "American", "GBR": "British", "TUR": "Turkish",
}

// namesOf returns what a quote may call an actor: its name, its aliases
// and, for a country, its adjective.
func namesOf(a *actorgraph.Actor) []string {
	names := append([]string{a.Name}, a.Aliases...)
	if adj, ok := countryAdjectives[a.Country]; ok && a.Kind == actorgraph.KindGovernment {
		names = append(names, adj)
	}
	for i, n := range names {
		names[i] = strings.ReplaceAll(n, "’", "'")
	}
	return names
}

func TestArticleStructuralEdgesNameBothEndsOrCiteBackground(t *testing.T) {
	ds := mustArticle(t)
	names := map[string]*regexp.Regexp{}
	for i := range ds.Actors {
		names[ds.Actors[i].ID] = cueRE(namesOf(&ds.Actors[i]))
	}
	for i := range ds.Relationships {
		r := &ds.Relationships[i]
		if !r.Type.Structural() {
			continue
		}
		if slices.ContainsFunc(r.Evidence, func(e actorgraph.Evidence) bool { return e.Kind == actorgraph.Background }) {
			continue
		}
		if !slices.ContainsFunc(quotes(r), func(q string) bool {
			return names[r.From].MatchString(q) && names[r.To].MatchString(q)
		}) {
			t.Errorf("structural relationship %s (%s → %s): no quote names both ends and no BACKGROUND evidence says where the fact comes from",
				r.ID, r.From, r.To)
		}
	}
}

// venuePhrase is the part of a quote that names where talks are (to be)
// held: from "talks in", "talks at" or "venue" to the end of the clause.
var venuePhrase = regexp.MustCompile(`(?i)\b(?:talks (?:in|at)|venue)\b[^.;—]*`)

func TestArticleCounterpartsAreNotVenues(t *testing.T) {
	ds := mustArticle(t)
	actors := map[string]*actorgraph.Actor{}
	for i := range ds.Actors {
		actors[ds.Actors[i].ID] = &ds.Actors[i]
	}
	for i := range ds.Relationships {
		r := &ds.Relationships[i]
		if r.Type.Structural() || r.To == "" {
			continue
		}
		to := cueRE(namesOf(actors[r.To]))
		for _, q := range quotes(r) {
			for _, venue := range venuePhrase.FindAllString(q, -1) {
				if to.MatchString(venue) {
					t.Errorf("relationship %s: its counterpart %s is where the talks are held (%q), not a party to them", r.ID, r.To, venue)
				}
			}
		}
	}
}

// TestDatasetDocListsTheCues keeps docs/dataset.md and the cue lists above
// in step.
func TestDatasetDocListsTheCues(t *testing.T) {
	doc, err := os.ReadFile("../../docs/dataset.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, cues := range [][]string{attributionCues, hedgeCues, intentCues, threatCues, negationCues, {hedgedMarker}} {
		for _, c := range cues {
			if !strings.Contains(string(doc), "`"+c+"`") {
				t.Errorf("docs/dataset.md does not list the cue `%s`", c)
			}
		}
	}
}
