// Package resolve is actor resolution: it joins what sources say about the
// parties to events (mentions: GDELT's codes and names, ICEWS's names and
// sectors, curated ids) to actors, so that each real-world party is one
// node whatever source mentioned it. Every importer uses it.
//
// The rules, tried in order (docs/resolution.md explains each):
//
//  1. ID: a curated record names its actor; a merged id follows its
//     redirect.
//  2. COUNTRY: a country-level mention (a country code with only role
//     codes, the country's name, adjective or capital as the Phoenix
//     dictionaries list them, a role word such as PRESIDENT or POLICE on a
//     country, or an institution the dictionaries code as country + role,
//     such as KREMLIN_ [RUSGOV]) joins the country's actor, whose id comes
//     from countries.tsv ("RUS" → russia). The role stays on the mention.
//  3. STORED_NAME, DICTIONARY: a named person or organisation joins, by
//     normalised name (actorgraph.NameKey), a curated actor (name or
//     alias), else the Phoenix/PETRARCH dictionary entry it names; an
//     entry that names a curated actor joins that actor.
//  4. Two candidates: the mention's country, then the event date against
//     the dictionary's date ranges, decide; still two: AMBIGUOUS, a
//     distinct actor recording the candidates.
//  5. NEW: anything else is an actor keyed by normalised name and country.
//
// Ids are functions of the key (country code, dictionary entry, name and
// country), never of the order mentions arrive in, and an actor's record
// is a function of its key and the set of names seen: importing the same
// files in any order gives the same graph.
package resolve

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/phoenix"
)

// Tables are the parsed dictionaries and country table a Resolver uses.
// They are parsed once per process (Load) and shared, read-only.
type Tables struct {
	Dict      *phoenix.Dictionary
	Countries map[string]Country // by CAMEO code
	byID      map[string]string  // country actor id → code
	// entryIDs is each dictionary entry's actor id.
	entryIDs map[*phoenix.Entry]string
}

var (
	loadOnce sync.Once
	loaded   *Tables
	loadErr  error
)

// LoadTables parses the embedded dictionaries and country table, once
// per process. An error names the file and line at fault.
func LoadTables() (*Tables, error) {
	loadOnce.Do(func() { loaded, loadErr = loadTables() })
	return loaded, loadErr
}

func loadTables() (*Tables, error) {
	dict, err := phoenix.Load()
	if err != nil {
		return nil, fmt.Errorf("actor dictionaries: %w", err)
	}
	countries, err := parseCountries(countriesTSV)
	if err != nil {
		return nil, fmt.Errorf("country table: %w", err)
	}
	t := &Tables{Dict: dict, Countries: countries, byID: map[string]string{}, entryIDs: map[*phoenix.Entry]string{}}
	for code, c := range countries {
		t.byID[c.ID] = code
	}
	// An entry's id is the slug of its name; entries that share a name
	// (two people called the same) add their line, so ids stay distinct.
	byName := map[string][]*phoenix.Entry{}
	for i := range dict.Entries {
		e := &dict.Entries[i]
		if e.Kind == phoenix.Country {
			continue
		}
		k := actorgraph.NameKey(e.Name)
		byName[k] = append(byName[k], e)
	}
	for k, es := range byName {
		for _, e := range es {
			id := Slug(k)
			if len(es) > 1 {
				id = Slug(fmt.Sprintf("%s %d", k, e.Line))
			}
			t.entryIDs[e] = id
		}
	}
	return t, nil
}

// Result is how one mention was resolved.
type Result struct {
	// ID is the actor's id.
	ID string
	// Rule and Entry explain it (they are also set on the mention).
	Rule  actorgraph.ResolutionRule
	Entry string
}

// Resolver resolves mentions against the tables and the actors a store
// holds. It remembers the actors it created or changed until Take hands
// them to the caller to write. Safe for concurrent use.
type Resolver struct {
	t *Tables

	mu     sync.Mutex
	actors map[string]*actorgraph.Actor
	// curated indexes the curated actors (and names operators merged into
	// them) by the NameKey of their name and aliases.
	curated   map[string][]string
	redirects map[string]string
	dirty     map[string]bool
	cache     map[cacheKey]decision
	// strings interns the strings of the mentions it resolves (see
	// actorgraph.Mention.Intern); emptied when it reaches maxCache.
	strings map[string]string
}

// maxCache bounds the decision cache; it is emptied when full.
const maxCache = 200_000

type cacheKey struct {
	source               actorgraph.Source
	name, code, country  string
	roles                string
	year, month, day     int
	sectors, knownGroups string
}

// New returns a resolver with no stored actors.
func New(t *Tables) *Resolver {
	return &Resolver{t: t, actors: map[string]*actorgraph.Actor{}, curated: map[string][]string{},
		redirects: map[string]string{}, dirty: map[string]bool{}, cache: map[cacheKey]decision{}, strings: map[string]string{}}
}

// ActorReader is what Load reads: the store's actors and redirects.
type ActorReader interface {
	Actors(ctx context.Context, filter actorgraph.ActorFilter, page actorgraph.PageRequest) (actorgraph.Page[actorgraph.Actor], error)
	Redirects(ctx context.Context, ids []string) (map[string]string, error)
}

// Load reads every stored actor into the resolver, so mentions join them.
func (r *Resolver) Load(ctx context.Context, store ActorReader) error {
	all, err := storedActors(ctx, store)
	for i := range all {
		r.Add(all[i])
	}
	return err
}

// storedActors reads every actor a store holds, a page at a time.
func storedActors(ctx context.Context, store ActorReader) ([]actorgraph.Actor, error) {
	var all []actorgraph.Actor
	after := ""
	for {
		page, err := store.Actors(ctx, actorgraph.ActorFilter{}, actorgraph.PageRequest{First: 1000, After: after, NoTotal: true})
		if err != nil {
			return nil, fmt.Errorf("reading stored actors: %w", err)
		}
		all = append(all, page.Items...)
		if !page.HasNextPage || len(page.Items) == 0 {
			return all, nil
		}
		after = page.Items[len(page.Items)-1].ID
	}
}

// LoadRedirects records merged ids (id → survivor) for rule 1.
func (r *Resolver) LoadRedirects(m map[string]string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, v := range m {
		r.redirects[k] = v
	}
}

// Add tells the resolver about a stored actor (not written again unless a
// mention changes it).
func (r *Resolver) Add(a actorgraph.Actor) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.put(a.Clone())
}

func (r *Resolver) put(a actorgraph.Actor) {
	if old, ok := r.actors[a.ID]; ok && curated(old) {
		r.unindex(old)
	}
	r.actors[a.ID] = &a
	if curated(&a) {
		for _, k := range nameKeys(&a) {
			if !slices.Contains(r.curated[k], a.ID) {
				r.curated[k] = append(r.curated[k], a.ID)
				slices.Sort(r.curated[k])
			}
		}
		clear(r.cache) // decisions may now join this actor
	}
}

func (r *Resolver) unindex(a *actorgraph.Actor) {
	for _, k := range nameKeys(a) {
		r.curated[k] = slices.DeleteFunc(r.curated[k], func(id string) bool { return id == a.ID })
		if len(r.curated[k]) == 0 {
			delete(r.curated, k)
		}
	}
}

// curated reports whether an actor's names are curated: a record written
// without the resolver (the article, an API write) or one made by a merge.
func curated(a *actorgraph.Actor) bool {
	return a.Resolution == nil || a.Resolution.Rule == actorgraph.RuleCurated
}

func nameKeys(a *actorgraph.Actor) []string {
	keys := []string{actorgraph.NameKey(a.Name)}
	for _, alias := range a.Aliases {
		keys = append(keys, actorgraph.NameKey(alias))
	}
	slices.Sort(keys)
	return slices.Compact(slices.DeleteFunc(keys, func(k string) bool { return k == "" }))
}

// Redirect returns the id an actor id now lives under (itself when it was
// not merged).
func (r *Resolver) Redirect(id string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if to, ok := r.redirects[id]; ok {
		return to
	}
	return id
}

// Has reports whether the resolver knows an actor id.
func (r *Resolver) Has(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.actors[id]
	return ok
}

// Actor returns the resolver's copy of an actor, if it knows it.
func (r *Resolver) Actor(id string) (actorgraph.Actor, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	a, ok := r.actors[id]
	if !ok {
		return actorgraph.Actor{}, false
	}
	return a.Clone(), true
}

// Take returns the actors created or changed since the last Take, in id
// order, for the caller to write with the relationships that use them.
func (r *Resolver) Take() []actorgraph.Actor {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]actorgraph.Actor, 0, len(r.dirty))
	for id := range r.dirty {
		out = append(out, r.actors[id].Clone())
	}
	clear(r.dirty)
	slices.SortFunc(out, func(a, b actorgraph.Actor) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Resolve joins a mention to an actor on the event's date: it sets the
// mention's Rule and Entry, creates the actor if it is new, adds the
// mention's name to the actor's resolution record, and returns the id.
func (r *Resolver) Resolve(m *actorgraph.Mention, date actorgraph.Date) Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	m.Intern(r.intern)
	// Decisions are cached by mention; the few that the event date
	// decided (dictionary entries told apart by their date ranges) are
	// cached by mention and date.
	key := cacheKey{source: m.Source, name: m.Name, code: m.Code, country: m.Country, roles: strings.Join(m.Roles, ","),
		sectors: strings.Join(m.Sectors, ","), knownGroups: m.KnownGroup}
	d, ok := r.cache[key]
	if ok && d.dated {
		dkey := key
		dkey.year, dkey.month, dkey.day = date.Year, int(date.Month), date.Day
		if d, ok = r.cache[dkey]; !ok {
			d = r.decide(m, date)
			r.remember(dkey, d)
		}
	} else if !ok {
		d = r.decide(m, date)
		r.remember(key, d)
		if d.dated {
			key.year, key.month, key.day = date.Year, int(date.Month), date.Day
			r.remember(key, d)
		}
	}
	id := d.id
	if _, ok := r.actors[id]; !ok {
		a := d.make()
		r.actors[id] = &a
		r.dirty[id] = true
	}
	name := m.Name
	if strings.TrimSpace(name) == "" {
		name = m.Code
	}
	roles := m.Roles
	if len(roles) > 10 {
		roles = roles[:10]
	}
	r.addName(id, actorgraph.SourceName{Source: m.Source, Name: actorgraph.Truncate(name, actorgraph.MaxNameLen), Code: actorgraph.Truncate(m.Code, 40),
		Roles: roles, Rule: d.rule})
	m.Rule, m.Entry = d.rule, d.entry
	return Result{ID: id, Rule: d.rule, Entry: d.entry}
}

func (r *Resolver) intern(s string) string {
	if c, ok := r.strings[s]; ok {
		return c
	}
	if len(r.strings) >= maxCache {
		clear(r.strings)
	}
	s = strings.Clone(s)
	r.strings[s] = s
	return s
}

func (r *Resolver) remember(k cacheKey, d decision) {
	if len(r.cache) >= maxCache {
		clear(r.cache)
	}
	r.cache[k] = d
}

// addName adds a source name to an actor's record; actors the resolver
// made (NEW, AMBIGUOUS) take their display name and kind from the names.
func (r *Resolver) addName(id string, n actorgraph.SourceName) {
	a := r.actors[id]
	res := a.Resolution
	if res == nil {
		res = &actorgraph.Resolution{Rule: actorgraph.RuleCurated}
	}
	// Most mentions repeat a name the actor has: a binary search, no copy.
	i, found := slices.BinarySearchFunc(res.Names, n, actorgraph.CompareSourceNames)
	if found || (i == actorgraph.MaxResolutionNames && len(res.Names) >= actorgraph.MaxResolutionNames) {
		return
	}
	n.Roles = slices.Clone(n.Roles) // kept: not the mention's own slice
	names := actorgraph.AddNames(res.Names, n)
	c := a.Clone()
	c.Resolution = res.Clone()
	c.Resolution.Names = names
	if c.Resolution.Rule == actorgraph.RuleNew || c.Resolution.Rule == actorgraph.RuleAmbiguous {
		c.Name, c.Kind = r.nameAndKind(names)
	}
	r.actors[id] = &c
	r.dirty[id] = true
}

// decision is a mention's outcome before any actor is touched: a pure
// function of the mention, its date, the tables and the curated actors.
type decision struct {
	id    string
	rule  actorgraph.ResolutionRule
	entry string
	make  func() actorgraph.Actor
	// dated says the event date decided it (see entries).
	dated bool
}

var bracketRE = regexp.MustCompile(`^\s*(.+?)\s*\(([^()]+)\)\s*$`)

func (r *Resolver) decide(m *actorgraph.Mention, date actorgraph.Date) decision {
	country := r.mentionCountry(m)
	name := m.Name
	// ICEWS writes a role on a country as "Government (Russia)".
	if g := bracketRE.FindStringSubmatch(name); g != nil {
		if code, ok := r.countryByName(g[2], country); ok && r.roleWord(g[1]) {
			return r.country(code, "")
		}
	}
	key := actorgraph.NameKey(name)
	// Rule 2: country-level mentions.
	if key == "" || r.roleWord(name) {
		if country != "" {
			return r.country(country, "")
		}
	}
	if key != "" {
		if code, ok := r.countryByName(name, country); ok {
			return r.country(code, "")
		}
		if code, entry, ok := r.countryInstitution(key, country); ok {
			return r.country(code, entry)
		}
	}
	if key == "" {
		key = actorgraph.NameKey(m.Code)
	}
	if key == "" {
		// No name, no code, no country: the readers skip such events, so
		// this is only a guard that every mention gets a valid actor.
		key = "unnamed party"
	}
	// Rule 3: curated actors, then the dictionaries.
	if ids := r.curatedMatches(key, country); len(ids) == 1 {
		return r.existing(ids[0], actorgraph.RuleStoredName, "")
	} else if len(ids) > 1 {
		return r.ambiguous(key, country, ids)
	}
	entries, dated := r.entries(key, country, date)
	var d decision
	switch {
	case len(entries) == 1:
		d = r.fromEntry(entries[0], country)
	case len(entries) > 1:
		refs := make([]string, len(entries))
		for i, e := range entries {
			refs[i] = e.Ref()
		}
		d = r.ambiguous(key, country, refs)
	default:
		return r.newActor(key, country, actorgraph.RuleNew, nil)
	}
	d.dated = dated
	return d
}

// mentionCountry is the mention's CAMEO country code: its country field
// when that is a known code, else a country name (ICEWS), else the first
// three letters of its actor code.
func (r *Resolver) mentionCountry(m *actorgraph.Mention) string {
	if _, ok := r.t.Countries[m.Country]; ok {
		return m.Country
	}
	if m.Country != "" {
		if code, ok := r.countryByName(m.Country, ""); ok {
			return code
		}
	}
	if len(m.Code) >= 3 {
		if _, ok := r.t.Countries[m.Code[:3]]; ok {
			return m.Code[:3]
		}
	}
	return ""
}

// countryByName finds the country a name denotes; when the dictionaries
// list the name under several countries, the mention's own decides.
func (r *Resolver) countryByName(name, hint string) (string, bool) {
	codes := r.t.Dict.CountryByName(actorgraph.NameKey(name))
	codes = slices.DeleteFunc(slices.Clone(codes), func(c string) bool { _, ok := r.t.Countries[c]; return !ok })
	switch {
	case len(codes) == 1:
		return codes[0], true
	case len(codes) > 1 && slices.Contains(codes, hint):
		return hint, true
	}
	return "", false
}

// roleWord reports whether a name is only a role word (PRESIDENT,
// GOVERNMENT, POLICE) that the agents dictionary lists.
func (r *Resolver) roleWord(name string) bool {
	_, ok := r.t.Dict.Agents[actorgraph.NameKey(name)]
	return ok
}

func (r *Resolver) country(code, entry string) decision {
	c := r.t.Countries[code]
	return decision{id: c.ID, rule: actorgraph.RuleCountry, entry: entry, make: func() actorgraph.Actor {
		kind := actorgraph.KindGovernment
		if c.Kind == "region" {
			kind = actorgraph.KindGroup
		}
		a := actorgraph.Actor{ID: c.ID, Kind: kind, Name: c.Name, Aliases: []string{}, CAMEOCode: code,
			Resolution: &actorgraph.Resolution{Rule: actorgraph.RuleCountry, Key: "country:" + code}}
		if c.Kind != "region" {
			a.Country = code
		}
		if e := r.t.Dict.Country(code); e != nil {
			a.Resolution.Entry = e.Ref()
			a.Description = fmt.Sprintf("%s (%s %s)", c.Name, strings.ToLower(c.Kind), code)
		}
		return a
	}}
}

func (r *Resolver) existing(id string, rule actorgraph.ResolutionRule, entry string) decision {
	return decision{id: id, rule: rule, entry: entry, make: func() actorgraph.Actor { return r.actors[id].Clone() }}
}

// curatedMatches returns the curated actors whose name or alias has the
// key and whose country does not contradict the mention's; several are
// narrowed to those of the mention's very country.
func (r *Resolver) curatedMatches(key, country string) []string {
	var ids []string
	for _, id := range r.curated[key] {
		a := r.actors[id]
		if a == nil {
			continue
		}
		if country == "" || a.Country == "" || a.Country == country {
			ids = append(ids, id)
		}
	}
	if len(ids) > 1 && country != "" {
		same := slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return r.actors[id].Country != country })
		if len(same) >= 1 {
			ids = same
		}
	}
	return ids
}

// entries returns the person, organisation and armed-group entries the key
// names, narrowed by the mention's country and then by the date; dated
// says the date narrowed them.
func (r *Resolver) entries(key, country string, date actorgraph.Date) (all []*phoenix.Entry, dated bool) {
	all = slices.DeleteFunc(slices.Clone(r.t.Dict.Lookup(key)), func(e *phoenix.Entry) bool { return e.Kind == phoenix.Country })
	if len(all) == 0 {
		return nil, false
	}
	if country != "" {
		var same []*phoenix.Entry
		for _, e := range all {
			cs := e.Countries()
			if len(cs) == 0 || slices.Contains(cs, country) {
				same = append(same, e)
			}
		}
		all = same
	}
	if len(all) > 1 {
		var onDate []*phoenix.Entry
		for _, e := range all {
			for _, s := range e.Spans {
				if s.Dated() && s.Contains(date) {
					onDate = append(onDate, e)
					break
				}
			}
		}
		if len(onDate) >= 1 {
			dated = len(onDate) < len(all)
			all = onDate
		}
	}
	return all, dated
}

// fromEntry resolves to a dictionary entry: the curated actor it names if
// there is one, the country for an institution coded as country + role
// (KREMLIN_ [RUSGOV]), else the entry's own actor.
func (r *Resolver) fromEntry(e *phoenix.Entry, country string) decision {
	if e.Kind == phoenix.Organization {
		if code, ok := r.countryRoleOnly(e); ok {
			return r.country(code, e.Ref())
		}
	}
	keys := []string{actorgraph.NameKey(e.Name)}
	for _, alias := range e.Aliases {
		keys = append(keys, actorgraph.NameKey(alias))
	}
	var found []string
	for _, k := range keys {
		for _, id := range r.curatedMatches(k, country) {
			if !slices.Contains(found, id) {
				found = append(found, id)
			}
		}
	}
	if len(found) == 1 {
		return r.existing(found[0], actorgraph.RuleStoredName, e.Ref())
	}
	id := r.t.entryIDs[e]
	return decision{id: id, rule: actorgraph.RuleDictionary, entry: e.Ref(), make: func() actorgraph.Actor {
		return r.entryActor(id, e)
	}}
}

// titled reports whether a dictionary alias carries a role word or a
// country's name ("PRESIDENT PUTIN", "RUSSIAN FOREIGN MINISTER SERGEI
// LAVROV"): such aliases match mentions, but as an actor's aliases they
// would make a search for "Russia" answer every Russian official.
func (r *Resolver) titled(alias string) bool {
	for _, w := range strings.Fields(actorgraph.NameKey(alias)) {
		if _, ok := r.t.Dict.Agents[w]; ok || len(r.t.Dict.CountryByName(w)) > 0 {
			return true
		}
	}
	return false
}

// countryInstitution reports whether the key names an institution the
// dictionaries code as a country and roles only (KREMLIN_ [RUSGOV],
// WHITE_HOUSE_ [USAGOV]): a role of the country, not an actor of its own.
// Every such entry must agree on the country, and not contradict the
// mention's.
func (r *Resolver) countryInstitution(key, country string) (string, string, bool) {
	code, ref := "", ""
	for _, e := range r.t.Dict.Lookup(key) {
		if e.Kind != phoenix.Organization {
			continue
		}
		c, ok := r.countryRoleOnly(e)
		if !ok || (code != "" && c != code) || (country != "" && c != country) {
			return "", "", false
		}
		if code == "" {
			code, ref = c, e.Ref()
		}
	}
	return code, ref, code != ""
}

// countryRoleOnly reports whether every code of an entry is one country's
// code followed only by role codes, and which country.
func (r *Resolver) countryRoleOnly(e *phoenix.Entry) (string, bool) {
	country := ""
	for _, s := range e.Spans {
		c := s.Code
		if len(c) < 3 || len(c)%3 != 0 {
			return "", false
		}
		if _, ok := r.t.Countries[c[:3]]; !ok || (country != "" && c[:3] != country) {
			return "", false
		}
		country = c[:3]
		for i := 3; i < len(c); i += 3 {
			if _, ok := roleKinds[c[i:i+3]]; !ok {
				return "", false
			}
		}
	}
	return country, country != ""
}

// entryActor is the actor a dictionary entry describes.
func (r *Resolver) entryActor(id string, e *phoenix.Entry) actorgraph.Actor {
	a := actorgraph.Actor{ID: id, Name: TitleCase(e.Name), Aliases: []string{},
		Resolution: &actorgraph.Resolution{Rule: actorgraph.RuleDictionary, Entry: e.Ref(), Key: "entry:" + e.Ref()}}
	seen := map[string]bool{actorgraph.Fold(a.Name): true}
	for _, alias := range e.Aliases {
		t := TitleCase(alias)
		if r.titled(alias) {
			continue // "Russian Foreign Minister Sergei Lavrov" is a way to find him, not a name
		}
		if k := actorgraph.Fold(t); k != "" && !seen[k] && len(a.Aliases) < actorgraph.MaxAliases && len(t) <= actorgraph.MaxNameLen {
			seen[k] = true
			a.Aliases = append(a.Aliases, t)
		}
	}
	codes := e.Codes()
	if len(codes) > 0 {
		a.CAMEOCode = codes[len(codes)-1]
		if len(a.CAMEOCode) > 15 || !cameoCodeOK(a.CAMEOCode) {
			a.CAMEOCode = ""
		}
	}
	if cs := e.Countries(); len(cs) > 0 {
		if _, ok := r.t.Countries[cs[0]]; ok && r.t.Countries[cs[0]].Kind != "region" {
			a.Country = cs[0]
		}
	}
	switch e.Kind {
	case phoenix.Person:
		a.Kind = actorgraph.KindOfficial
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			k := " " + actorgraph.NameKey(n) + " "
			for _, w := range leaderWords {
				if strings.Contains(k, " "+w+" ") {
					a.Kind = actorgraph.KindLeader
				}
			}
		}
	case phoenix.ArmedGroup:
		a.Kind = actorgraph.KindGroup
	default:
		a.Kind = actorgraph.KindOrganization
	}
	a.Description = "Phoenix dictionary entry " + e.Ref()
	if len(codes) > 0 {
		a.Description += " (" + strings.Join(codes, ", ") + ")"
	}
	a.Description = actorgraph.Truncate(a.Description, actorgraph.MaxTextLen)
	return a
}

func cameoCodeOK(s string) bool {
	if len(s) < 3 {
		return false
	}
	for _, c := range s {
		if (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func (r *Resolver) ambiguous(key, country string, candidates []string) decision {
	if len(candidates) > actorgraph.MaxAliases {
		candidates = candidates[:actorgraph.MaxAliases]
	}
	return r.newActor(key, country, actorgraph.RuleAmbiguous, candidates)
}

// newActor is the actor keyed by normalised name and country: the same
// unknown party from any source or file is one actor.
func (r *Resolver) newActor(key, country string, rule actorgraph.ResolutionRule, candidates []string) decision {
	rkey := "name:" + key
	id := Slug(key)
	if country != "" {
		rkey += "|" + country
		id = Slug(key + " " + strings.ToLower(country))
	}
	// An id taken by an actor with another key (a curated one, say) gets
	// a hash of the key, so two parties never share a node by accident.
	if a, ok := r.actors[id]; ok && (a.Resolution == nil || a.Resolution.Key != rkey) {
		id = Slug(id + " " + actorgraph.ShortHash(rkey))
	} else if _, ok := r.t.byID[id]; ok {
		id = Slug(id + " " + actorgraph.ShortHash(rkey))
	}
	return decision{id: id, rule: rule, make: func() actorgraph.Actor {
		a := actorgraph.Actor{ID: id, Kind: actorgraph.KindGroup, Name: key, Aliases: []string{},
			Resolution: &actorgraph.Resolution{Rule: rule, Key: rkey, Candidates: candidates}}
		if c, ok := r.t.Countries[country]; ok && c.Kind != "region" {
			a.Country = country
		}
		if rule == actorgraph.RuleAmbiguous {
			a.Description = "Ambiguous: " + strings.Join(candidates, "; ")
			a.Description = actorgraph.Truncate(a.Description, actorgraph.MaxTextLen)
		}
		return a
	}}
}

// nameAndKind derives a made actor's display name and kind from the set of
// source names seen, so neither depends on the order they came in: the
// first name in sort order that has lower-case letters (ICEWS spells names
// as they are written), else the first title-cased; the kind from the
// roles the names came with: OFFICIAL for a named party acting for a
// state (a person, most likely), else the first role's kind in role-code
// order, else GROUP.
func (r *Resolver) nameAndKind(names []actorgraph.SourceName) (string, actorgraph.ActorKind) {
	best := -1
	for i, n := range names {
		if strings.IndexFunc(n.Name, unicode.IsLower) >= 0 && strings.IndexFunc(n.Name, unicode.IsUpper) >= 0 {
			best = i
			break
		}
	}
	name := ""
	if best >= 0 {
		name = names[best].Name
	} else {
		best = 0
		name = TitleCase(names[0].Name)
	}
	var roles []string
	for _, n := range names {
		roles = append(roles, n.Roles...)
		roles = append(roles, codeRoles(n.Code, r.t.Countries)...)
	}
	slices.Sort(roles)
	kind := actorgraph.KindGroup
	for _, role := range roles {
		if stateRoles[role] {
			kind = actorgraph.KindOfficial // a named party acting for a state
			break
		}
	}
	if kind == actorgraph.KindGroup {
		for _, role := range roles {
			if k, ok := roleKinds[role]; ok {
				kind = k
				break
			}
		}
	}
	if strings.TrimSpace(name) == "" {
		name = names[best].Code
	}
	if strings.TrimSpace(name) == "" {
		name = "Unnamed party"
	}
	return actorgraph.Truncate(name, actorgraph.MaxNameLen), kind
}

// codeRoles splits a CAMEO actor code into its role codes: the upper-case
// three-letter parts that are not its leading country.
func codeRoles(code string, countries map[string]Country) []string {
	var roles []string
	for i := 0; i+3 <= len(code); i += 3 {
		part := code[i : i+3]
		if i == 0 {
			if _, ok := countries[part]; ok {
				continue
			}
		}
		if _, ok := roleKinds[part]; ok {
			roles = append(roles, part)
		}
	}
	return roles
}

// Ends resolves a relationship's mentions into its From and To, on its
// date (the zero date when it has none). When both sides resolve to one
// actor (RUSGOV and RUSMIL are both Russia), the relationship cannot link
// the actor to itself: it becomes a one-actor event of that actor, its
// summary says so, and both mentions keep what the source said.
func (r *Resolver) Ends(rel *actorgraph.Relationship) {
	var date actorgraph.Date
	if rel.Date != nil {
		date = *rel.Date
	}
	if rel.FromMention != nil {
		rel.From = r.Resolve(rel.FromMention, date).ID
	}
	if rel.ToMention != nil {
		rel.To = r.Resolve(rel.ToMention, date).ID
	}
	if rel.From != "" && rel.From == rel.To {
		rel.To = ""
		rel.Summary = actorgraph.Truncate(rel.Summary+" (both sides are "+rel.From+")", actorgraph.MaxTextLen)
	}
}
