// Package cameo is the CAMEO event codebook the project ships with: GDELT's
// lookup tables of event codes, their labels and Goldstein scores, embedded
// byte for byte (see ORIGIN.md) so imports work offline and every release
// labels codes the same way.
//
// Codes are strings of 2 to 4 digits: leading zeros matter ("04" is the
// root "CONSULT", "040" a code under it).
package cameo

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The embedded copies; TestEmbeddedCopiesMatchShared keeps them equal to
// ../shared/data/cameo.
var (
	//go:embed CAMEO.eventcodes.txt
	eventCodesFile string
	//go:embed CAMEO.goldsteinscale.txt
	goldsteinFile string
	//go:embed ORIGIN.md
	originFile string
)

// Codebook names the version of the tables, so data labelled with them can
// say which codebook it used (GDELT's labels for 105–108 differ from the
// CAMEO 1.1b3 manual).
const Codebook = "GDELT CAMEO lookups (2013 copy)"

// labelFixes repairs upstream damage in the label file without touching
// the embedded copy: GDELT's file has mojibake for the curly quotes of 044.
var labelFixes = map[string]string{
	"044": `Meet at a "third" location`,
}

type entry struct {
	label     string
	goldstein float64
}

type codebook struct {
	entries map[string]entry
	order   []string
}

type loaded struct {
	book *codebook
	err  error
}

// load parses the embedded tables once; a malformed table is a build bug
// that Check reports and the accessors panic on.
var load = sync.OnceValue(func() loaded {
	b, err := parse(eventCodesFile, goldsteinFile)
	return loaded{b, err}
})

// Check reports whether the embedded tables parse; a test calls it so a
// broken copy fails the build rather than an import.
func Check() error { return load().err }

func book() *codebook {
	l := load()
	if l.err != nil {
		panic("cameo: embedded codebook is malformed: " + l.err.Error())
	}
	return l.book
}

// Label returns the codebook's description of an event code ("Consult,
// not specified below"); false when the code is not in the codebook.
func Label(code string) (string, bool) {
	e, ok := book().entries[code]
	return e.label, ok
}

// Goldstein returns the codebook's Goldstein score for an event code
// (-10 conflict … +10 cooperation); false when the code is unknown.
func Goldstein(code string) (float64, bool) {
	e, ok := book().entries[code]
	return e.goldstein, ok
}

// Known reports whether code is in the codebook.
func Known(code string) bool {
	_, ok := book().entries[code]
	return ok
}

// Codes returns every code in the codebook, in the tables' order (roots
// before their children).
func Codes() []string { return slices.Clone(book().order) }

// QuadClass returns GDELT's class for a code, which GDELT assigns by the
// root (the first two digits): 01–05 → 1 verbal cooperation, 06–09 → 2
// material cooperation, 10–14 → 3 verbal conflict, 15–20 → 4 material
// conflict. It returns 0 when code is not 2 to 4 digits with a root from
// 01 to 20; the code itself need not be in the codebook.
func QuadClass(code string) int {
	root, ok := Root(code)
	if !ok {
		return 0
	}
	switch {
	case root <= 5:
		return 1
	case root <= 9:
		return 2
	case root <= 14:
		return 3
	}
	return 4
}

// Root returns the numeric root (1–20) of a 2–4 digit code.
func Root(code string) (int, bool) {
	if !validCode(code) {
		return 0, false
	}
	root := int(code[0]-'0')*10 + int(code[1]-'0')
	return root, root >= 1 && root <= 20
}

func validCode(code string) bool {
	if len(code) < 2 || len(code) > 4 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

// parse reads the two tables and checks they describe the same codes in
// the same order, with scores in range.
func parse(labels, scores string) (*codebook, error) {
	lrows, err := rows(labels, "CAMEOEVENTCODE\tEVENTDESCRIPTION", "CAMEO.eventcodes.txt")
	if err != nil {
		return nil, err
	}
	srows, err := rows(scores, "CAMEOEVENTCODE\tGOLDSTEINSCALE", "CAMEO.goldsteinscale.txt")
	if err != nil {
		return nil, err
	}
	if len(lrows) != len(srows) {
		return nil, fmt.Errorf("cameo: %d labels but %d Goldstein scores", len(lrows), len(srows))
	}
	b := &codebook{entries: make(map[string]entry, len(lrows))}
	for i, l := range lrows {
		s := srows[i]
		if l[0] != s[0] {
			return nil, fmt.Errorf("cameo: row %d: label code %q but Goldstein code %q", i+2, l[0], s[0])
		}
		g, err := strconv.ParseFloat(s[1], 64)
		if err != nil || math.IsNaN(g) || g < -10 || g > 10 {
			return nil, fmt.Errorf("cameo: CAMEO.goldsteinscale.txt line %d: %q is not a score in [-10, 10]", i+2, s[1])
		}
		if _, dup := b.entries[l[0]]; dup {
			return nil, fmt.Errorf("cameo: line %d: code %s appears twice", i+2, l[0])
		}
		label := l[1]
		if fixed, ok := labelFixes[l[0]]; ok {
			label = fixed
		}
		b.entries[l[0]] = entry{label: label, goldstein: g}
		b.order = append(b.order, l[0])
	}
	return b, nil
}

// rows splits a two-column table with the given header into [code, value]
// pairs, rejecting malformed codes and empty values.
func rows(text, header, name string) ([][2]string, error) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if lines[0] != header {
		return nil, fmt.Errorf("cameo: %s: header %q, want %q", name, lines[0], header)
	}
	out := make([][2]string, 0, len(lines)-1)
	for i, line := range lines[1:] {
		code, value, ok := strings.Cut(line, "\t")
		if !ok || strings.Contains(value, "\t") || !validCode(code) || strings.TrimSpace(value) == "" {
			return nil, fmt.Errorf("cameo: %s line %d: %q is not \"code<TAB>value\" with a 2–4 digit code", name, i+2, line)
		}
		out = append(out, [2]string{code, value})
	}
	return out, nil
}
