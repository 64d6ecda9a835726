package phoenix

import (
	"fmt"
	"io"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// ParseError is a line of a dictionary file that does not parse. Its
// message names the file and the 1-based line:
// "Phoenix.Countries.actors.txt:123: bad date "991399" in [RUS 991399-]".
type ParseError struct {
	File string // base name of the file
	Line int    // 1-based line number
	Msg  string // what is wrong
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// readAll reads a whole file.
func readAll(file string, r io.Reader) (string, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	return string(b), nil
}

// lines calls fn for each line of text, numbered from 1, without its line
// ending ("\n" or "\r\n"). The lines are substrings of text.
func lines(text string, fn func(n int, line string) error) error {
	n := 0
	for line := range strings.Lines(text) {
		n++
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		if err := fn(n, line); err != nil {
			return err
		}
	}
	return nil
}

// cutComment splits a line at its first '#'; the comment is trimmed.
func cutComment(line string) (body, comment string) {
	body, comment, _ = strings.Cut(line, "#")
	return body, strings.TrimSpace(comment)
}

// displayName turns a dictionary phrase into its display form:
// underscores become spaces, runs of blanks one space, ends trimmed
// ("VLADIMIR_PUTIN_" → "VLADIMIR PUTIN").
func displayName(raw string) string {
	clean := raw != "" && raw[0] != ' ' && raw[len(raw)-1] != ' '
	for i := 0; clean && i < len(raw); i++ {
		c := raw[i]
		clean = !isBlank(c) || (c == ' ' && raw[i-1] != ' ')
	}
	if clean {
		return raw
	}
	var b strings.Builder
	b.Grow(len(raw))
	space := false
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; isBlank(c) {
			space = b.Len() > 0
		} else {
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// isBlank reports whether c separates words in a phrase: '_' or ASCII space.
func isBlank(c byte) bool {
	switch c {
	case '_', ' ', '\t', '\r', '\n', '\v', '\f':
		return true
	}
	return false
}

// isSourceNote reports whether a line is a stray "Source: X.actors" note:
// the International file has one (line 3694) where the '#' that makes it a
// comment elsewhere in the file was lost when the upstream lists were
// concatenated.
func isSourceNote(s string) bool {
	rest, ok := strings.CutPrefix(s, "Source: ")
	return ok && strings.HasSuffix(rest, ".actors") && !strings.ContainsAny(rest, " \t[]")
}

// block is the parser's state for one entry while its lines are read.
type block struct {
	codes   bool // the entry line or a code line had a [...] group, even [---]
	endLine int  // last line of the block (entry, alias or code line)
	nextAdj bool // the line after endLine is another entry line
}

// Parse reads an actor dictionary (Phoenix.Countries.actors.txt,
// Phoenix.International.actors.txt, Phoenix.MilNonState.actors.txt or a
// file in their format) and returns its entries in file order. file is
// used for Entry.File (its base name) and in errors; it also decides the
// kinds (see the package documentation). Every line must parse: the first
// that does not is returned as a *ParseError.
func Parse(file string, r io.Reader) ([]Entry, error) {
	base := baseName(file)
	text, err := readAll(base, r)
	if err != nil {
		return nil, err
	}
	return parseActors(base, text)
}

// baseName returns the last element of a slash or backslash path.
func baseName(file string) string { return path.Base(strings.ReplaceAll(file, `\`, "/")) }

// estimateEntries counts the lines that may be entry lines, to size the
// slices once.
func estimateEntries(text string) int {
	n := 0
	for line := range strings.Lines(text) {
		if c := line[0]; c != '+' && c != '\t' && c != ' ' && c != '#' && c != '\n' && c != '\r' {
			n++
		}
	}
	return n
}

// parseActors is Parse on the whole text of a file named base.
func parseActors(base, text string) ([]Entry, error) {
	var (
		entries = make([]Entry, 0, estimateEntries(text))
		blocks  = make([]block, 0, cap(entries))
		dates   dateArena
	)
	fail := func(n int, format string, args ...any) error {
		return &ParseError{File: base, Line: n, Msg: fmt.Sprintf(format, args...)}
	}
	err := lines(text, func(n int, line string) error {
		body, comment := cutComment(line)
		s := strings.TrimSpace(body)
		if s == "" {
			return nil // blank or comment-only
		}
		switch s[0] {
		case '+':
			if len(entries) == 0 {
				return fail(n, "synonym %q before any entry", s)
			}
			alias := strings.TrimSpace(s[1:])
			if strings.ContainsRune(alias, '[') {
				return fail(n, "synonym %q holds a '[': codes go on the entry line or a tab-indented line", s)
			}
			// One synonym has a stray ']' (+FAEROYENE]_, Countries 15346).
			alias = strings.ReplaceAll(alias, "]", "")
			if !hasAlnum(alias) {
				return fail(n, "synonym %q has no letter or digit", s)
			}
			e := &entries[len(entries)-1]
			e.Aliases = append(e.Aliases, displayName(alias))
			blocks[len(blocks)-1].endLine = n
			return nil
		case '[':
			if len(entries) == 0 {
				return fail(n, "code line %q before any entry", s)
			}
			e := &entries[len(entries)-1]
			spans, trailing, err := parseCodes(s, &dates, e.Spans)
			if err != nil {
				return fail(n, "%v", err)
			}
			if trailing != "" {
				return fail(n, "text %q after the codes is not a comment (start it with '#')", trailing)
			}
			e.Spans = spans
			b := &blocks[len(blocks)-1]
			b.codes, b.endLine = true, n
			return nil
		case ']':
			return fail(n, "unexpected ']'")
		}
		if isSourceNote(s) {
			return nil
		}
		// An entry line: the phrase, then optional [...] groups.
		raw, rest := s, ""
		if i := strings.IndexByte(s, '['); i >= 0 {
			raw, rest = strings.TrimSpace(s[:i]), s[i:]
		}
		if strings.ContainsRune(raw, ']') {
			return fail(n, "unexpected ']' in entry %q", raw)
		}
		name := displayName(raw)
		if !hasAlnum(name) {
			return fail(n, "entry line %q has no name", s)
		}
		spans, trailing, err := parseCodes(rest, &dates, nil)
		if err != nil {
			return fail(n, "%v", err)
		}
		if trailing != "" {
			// A few company lines carry a sector and revenue after the code
			// without a '#' ("[MNCNLD] Antilles	Medical/Dental…"): keep it
			// as the comment.
			if comment != "" {
				comment = trailing + " # " + comment
			} else {
				comment = trailing
			}
		}
		if len(blocks) > 0 && blocks[len(blocks)-1].endLine == n-1 {
			blocks[len(blocks)-1].nextAdj = true
		}
		// The name as written, for Ref; one entry has a tab inside it
		// (OSMAN_OLCAY<TAB>_TURKEY_, International 224).
		if strings.ContainsAny(raw, "\t\v\f") || strings.Contains(raw, "  ") {
			raw = strings.Join(strings.Fields(raw), " ")
		}
		entries = append(entries, Entry{File: base, Line: n, Name: name, Spans: spans, Comment: comment, raw: raw})
		blocks = append(blocks, block{codes: rest != "", endLine: n})
		return nil
	})
	if err != nil {
		return nil, err
	}
	// A code-less entry directly followed by another entry line shares
	// that entry's spans (see the package documentation). Walking back
	// makes runs of them share the spans of the run's last entry.
	for i := len(entries) - 2; i >= 0; i-- {
		if blocks[i].codes || !blocks[i].nextAdj {
			continue
		}
		next := &entries[i+1]
		entries[i].Spans = append([]Span(nil), next.Spans...)
		entries[i].SpansFrom = next.Line
		if next.SpansFrom != 0 {
			entries[i].SpansFrom = next.SpansFrom
		}
	}
	for i := range entries {
		entries[i].Kind = classify(base, &entries[i])
	}
	return entries, nil
}

// parseCodes reads the [...] groups at the start of s (after blanks) and
// returns their spans and any text after the last group. A [---] group
// (no code) gives no span.
func parseCodes(s string, dates *dateArena, spans []Span) (_ []Span, trailing string, err error) {
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" || s[0] != '[' {
			break
		}
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return nil, "", fmt.Errorf("unterminated %q: no ']'", s)
		}
		group := s[:end+1]
		if strings.IndexByte(group[1:], '[') >= 0 {
			return nil, "", fmt.Errorf("unterminated '[' in %q", group)
		}
		sp, null, err := parseGroup(group, dates)
		if err != nil {
			return nil, "", err
		}
		if !null {
			spans = append(spans, sp)
		}
		s = s[end+1:]
	}
	if s == "" {
		return spans, "", nil
	}
	trailing = strings.Join(strings.Fields(s), " ")
	if strings.ContainsAny(trailing, "[]") {
		return nil, "", fmt.Errorf("stray bracket in %q", trailing)
	}
	return spans, trailing, nil
}

// parseGroup reads one "[CODE restriction]" group. null reports the
// no-code group [---].
func parseGroup(group string, dates *dateArena) (sp Span, null bool, err error) {
	inner := strings.TrimSpace(group[1 : len(group)-1])
	if inner == "" {
		return Span{}, false, fmt.Errorf("empty code group %s", group)
	}
	code, restriction := inner, ""
	if i := strings.IndexAny(inner, " \t"); i >= 0 {
		code, restriction = inner[:i], strings.TrimSpace(inner[i:])
		// "> 20120101" and ">20120101" are the same restriction.
		if strings.ContainsAny(restriction, " \t") {
			restriction = strings.Join(strings.Fields(restriction), "")
		}
	}
	switch {
	case code == "---":
		null = true
	case !isCode(code):
		return Span{}, false, fmt.Errorf("bad code %q in %s", code, group)
	}
	sp.Code = code
	if err := parseRestriction(restriction, &sp, dates); err != nil {
		return Span{}, false, fmt.Errorf("%v in %s", err, group)
	}
	return sp, null, nil
}

// isCode reports whether s is an actor code: upper-case letters and digits
// (CAMEO religion subcodes carry digits, as in NGOCHRPRO214).
func isCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// parseRestriction reads a date restriction into sp's bounds: "" (always),
// ">D" (from D on), "<D" (until D), "D-D" (between, inclusive) and a bare
// "D", which PETRARCH reads as ">D".
func parseRestriction(r string, sp *Span, dates *dateArena) error {
	if r == "" {
		return nil
	}
	bound := func(s string) (*actorgraph.Date, error) {
		d, err := parseDate(s)
		if err != nil {
			return nil, err
		}
		return dates.new(d), nil
	}
	var err error
	switch {
	case r[0] == '>':
		sp.From, err = bound(r[1:])
	case r[0] == '<':
		sp.Until, err = bound(r[1:])
	case strings.Contains(r, "-"):
		from, until, _ := strings.Cut(r, "-")
		if sp.From, err = bound(from); err != nil {
			return err
		}
		sp.Until, err = bound(until)
	default:
		sp.From, err = bound(r)
	}
	return err
}

// dateArena hands out *actorgraph.Date from shared blocks, so that tens of
// thousands of span bounds do not each cost an allocation.
type dateArena struct{ block []actorgraph.Date }

func (a *dateArena) new(d actorgraph.Date) *actorgraph.Date {
	if len(a.block) == cap(a.block) {
		a.block = make([]actorgraph.Date, 0, 4096)
	}
	a.block = append(a.block, d)
	return &a.block[len(a.block)-1]
}

// dateFixes repairs the few mistyped dates in the embedded files, keyed by
// the token as written (each occurs once or twice, see the package
// documentation). Any other date with the wrong number of digits is an error.
var dateFixes = map[string]string{
	"9008223":    "900823",   // Countries 2039, ARMENIA_ [ARMUNR 9008223-911221]: follows [USRARM <900823]
	"2004017":    "20040117", // International 40, BAN_KI-MOON [KORGOVBUS 2004017-20061201]: foreign minister from 17 Jan 2004
	"201005011":  "20100511", // Countries 18010, DAVID_CAMERON_ [GBRGOV >201005011]: prime minister from 11 May 2010
	"1920030320": "20030320", // Countries 22508, 22519 [IRQOCC 1920030320-20060520]: follows [IRQ <20030320]
	"1920050709": "20050709", // Countries 43613 [SDNSSDAUT 1920050709-20110709]: follows [SDNSSD <20050709]
}

// parseDate reads YYMMDD (years 00–29 are 20xx, others 19xx, as the
// PETRARCH coders pivot) or YYYYMMDD, and rejects impossible days.
func parseDate(s string) (actorgraph.Date, error) {
	if fixed, ok := dateFixes[s]; ok {
		s = fixed
	}
	if (len(s) != 6 && len(s) != 8) || !allDigits(s) {
		return actorgraph.Date{}, fmt.Errorf("bad date %q (want YYMMDD or YYYYMMDD)", s)
	}
	y := atoi(s[:len(s)-4])
	if len(s) == 6 {
		if y < 30 {
			y += 2000
		} else {
			y += 1900
		}
	}
	m, d := atoi(s[len(s)-4:len(s)-2]), atoi(s[len(s)-2:])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || t.Month() != time.Month(m) {
		return actorgraph.Date{}, fmt.Errorf("bad date %q (no such day)", s)
	}
	return actorgraph.Date{Year: y, Month: time.Month(m), Day: d}, nil
}

// hasAlnum reports whether s holds a letter or digit, so that its
// actorgraph.NameKey is not empty.
func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi converts a string of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// ParseAgents reads an agents dictionary (Phoenix.agents.txt) into a map
// from actorgraph.NameKey of each role phrase to its agent code without
// the '~' ("PRESIDENT [~GOV]" gives "president" → "GOV"; the prefix form
// "[IGO~]" gives "IGO"). It follows PETRARCH's rules:
//
//   - "!PERSON! = MAN, MEN, …" defines a substitution set; a phrase holding
//     !PERSON! stands for one phrase per member (CATTLE!PERSON! → CATTLEMAN,
//     CATTLEMEN, …), with no further plurals;
//   - "PHRASE {PLURAL} [~CODE]" gives the plural(s) in braces; "{}" means no
//     plural; otherwise the regular plural is added as PETRARCH adds them
//     (+S; +ES after SS, X, Z, CH, SH; Y → IES after a consonant; none
//     after a single S, as in ARMIES), unless the plural is listed itself;
//   - blanks and underscores both separate words; '#' starts a comment.
//
// When a phrase is listed twice, the first code wins. One upstream typo is
// tolerated: "[~ENV}" (line 544) closes with a brace. A line with a phrase
// but no code (ISLAMIC_EXTREMIST, line 1927) is skipped: it codes nothing
// in PETRARCH either. Any other line that does not parse is a *ParseError.
func ParseAgents(file string, r io.Reader) (map[string]string, error) {
	base := baseName(file)
	text, err := readAll(base, r)
	if err != nil {
		return nil, err
	}
	return parseAgents(base, text)
}

// parseAgents is ParseAgents on the whole text of a file named base.
func parseAgents(base, text string) (map[string]string, error) {
	fail := func(n int, format string, args ...any) error {
		return &ParseError{File: base, Line: n, Msg: fmt.Sprintf(format, args...)}
	}
	sets := map[string][]string{}
	agents := map[string]string{}
	type plural struct{ key, code string }
	var plurals []plural // regular plurals, added after every listed phrase
	put := func(phrase, code string) {
		if k := actorgraph.NameKey(phrase); k != "" {
			if _, ok := agents[k]; !ok {
				agents[k] = code
			}
		}
	}
	err := lines(text, func(n int, line string) error {
		body, _ := cutComment(line)
		s := strings.TrimSpace(body)
		if s == "" {
			return nil
		}
		if s[0] == '!' {
			if name, list, ok := strings.Cut(s, "="); ok {
				name = strings.TrimSpace(name)
				if len(name) < 3 || name[len(name)-1] != '!' || strings.Count(name, "!") != 2 || strings.ContainsAny(name, " \t") {
					return fail(n, "bad substitution set name %q", name)
				}
				var members []string
				for m := range strings.SplitSeq(list, ",") {
					if m = strings.TrimSpace(m); m == "" {
						return fail(n, "empty member in substitution set %s", name)
					}
					members = append(members, m)
				}
				sets[name] = members
				return nil
			}
		}
		open := strings.IndexByte(s, '[')
		if open < 0 {
			if strings.ContainsAny(s, "]{}") {
				return fail(n, "no '[' before the code in %q", s)
			}
			return nil // a phrase without a code codes nothing
		}
		closeAt := strings.IndexAny(s[open:], "]}")
		if closeAt < 0 {
			return fail(n, "unterminated %q: no ']'", s[open:])
		}
		closeAt += open
		if rest := strings.TrimSpace(s[closeAt+1:]); rest != "" {
			return fail(n, "text %q after the code is not a comment (start it with '#')", rest)
		}
		code := strings.TrimSpace(s[open+1 : closeAt])
		switch {
		case strings.HasPrefix(code, "~"):
			code = code[1:]
		case strings.HasSuffix(code, "~"):
			code = code[:len(code)-1]
		default:
			return fail(n, "agent code %q has no '~'", code)
		}
		if !isCode(code) {
			return fail(n, "bad agent code %q", s[open+1:closeAt])
		}
		phrase, explicit, hasBraces := strings.TrimSpace(s[:open]), "", false
		if i := strings.IndexByte(phrase, '{'); i >= 0 {
			j := strings.IndexByte(phrase, '}')
			if j < i || strings.TrimSpace(phrase[j+1:]) != "" {
				return fail(n, "bad plural in %q: want PHRASE {PLURAL} [~CODE]", phrase)
			}
			phrase, explicit, hasBraces = strings.TrimSpace(phrase[:i]), phrase[i+1:j], true
		}
		if strings.ContainsAny(phrase, "[]{}") || !hasAlnum(phrase) {
			return fail(n, "bad phrase %q", phrase)
		}
		expanded, substituted, err := expand(phrase, sets)
		if err != nil {
			return fail(n, "%v", err)
		}
		for _, p := range expanded {
			put(p, code)
		}
		for p := range strings.FieldsSeq(explicit) {
			put(p, code)
		}
		if !hasBraces && !substituted {
			plurals = append(plurals, plural{actorgraph.NameKey(pluralOf(phrase)), code})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, p := range plurals {
		if _, ok := agents[p.key]; !ok && p.key != "" {
			agents[p.key] = p.code
		}
	}
	return agents, nil
}

// expand replaces each !SET! marker in phrase by every member of the set.
func expand(phrase string, sets map[string][]string) (out []string, substituted bool, err error) {
	out = []string{phrase}
	for {
		i := strings.IndexByte(out[0], '!')
		if i < 0 {
			return out, substituted, nil
		}
		j := strings.IndexByte(out[0][i+1:], '!')
		if j < 0 {
			return nil, false, fmt.Errorf("unterminated substitution marker in %q", phrase)
		}
		marker := out[0][i : i+j+2]
		members, ok := sets[marker]
		if !ok {
			return nil, false, fmt.Errorf("undefined substitution set %s in %q", marker, phrase)
		}
		var next []string
		for _, p := range out {
			for _, m := range members {
				next = append(next, strings.Replace(p, marker, m, 1))
			}
		}
		out, substituted = next, true
	}
}

// pluralOf forms the regular plural of a phrase's last word, or "" when
// the word ends in a single S and is most likely a plural already
// (ARMIES, FORCES).
func pluralOf(phrase string) string {
	p := strings.TrimRight(phrase, "_ ")
	switch {
	case p == "":
		return ""
	case strings.HasSuffix(p, "SS") || strings.HasSuffix(p, "X") || strings.HasSuffix(p, "Z") ||
		strings.HasSuffix(p, "CH") || strings.HasSuffix(p, "SH"):
		return p + "ES"
	case strings.HasSuffix(p, "S"):
		return ""
	case strings.HasSuffix(p, "Y") && len(p) > 1 && !strings.ContainsRune("AEIOU", rune(p[len(p)-2])):
		return p[:len(p)-1] + "IES"
	}
	return p + "S"
}
