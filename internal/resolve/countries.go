package resolve

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// countriesTSV maps CAMEO country and region codes to actor ids and names;
// countries_gen.py makes it from the Phoenix dictionaries and hand-written
// common names (the curated dataset's ids: russia, united-states, …).
//
//go:embed countries.tsv
var countriesTSV string

// Country is one row of countries.tsv.
type Country struct {
	Code string // CAMEO code: "RUS", "EUR"
	ID   string // actor id: "russia"
	Name string // display name: "Russia"
	Kind string // country, region or historical
}

// parseCountries reads countries.tsv; an error names the line.
func parseCountries(text string) (map[string]Country, error) {
	out := map[string]Country{}
	header := false
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("countries.tsv:%d: %d fields, want 4", i+1, len(f))
		}
		if !header {
			header = true
			continue
		}
		c := Country{Code: f[0], ID: f[1], Name: f[2], Kind: f[3]}
		if len(c.Code) != 3 || !actorgraph.ValidID(c.ID) || c.Name == "" {
			return nil, fmt.Errorf("countries.tsv:%d: bad row %q", i+1, line)
		}
		if _, dup := out[c.Code]; dup {
			return nil, fmt.Errorf("countries.tsv:%d: code %s twice", i+1, c.Code)
		}
		out[c.Code] = c
	}
	return out, nil
}
