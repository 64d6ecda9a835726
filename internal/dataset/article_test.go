package dataset

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
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
