// Package gdeltgen writes synthetic GDELT event exports for scale tests:
// realistic rows (real CAMEO codes and Goldstein scores, a few thousand
// actors with power-law popularity, about 10% one-actor events) that the
// gdelt package parses and maps like real data. Output is deterministic
// for a seed and streamed in constant memory.
package gdeltgen

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/cameo"
	"github.com/actorgraph/actorgraph/internal/gdelt"
)

// FirstEventID is the GLOBALEVENTID of the first row; ids then increase
// by 1 to 3, like GDELT's semi-sequential numbering.
const FirstEventID = 1_200_000_000

// PoolSize is the number of distinct actors rows draw from.
const PoolSize = 3000

// Write writes n rows in layout to w. The same seed gives the same bytes.
func Write(w io.Writer, n int, seed int64, layout gdelt.Layout) error {
	if !layout.Valid() {
		return fmt.Errorf("gdeltgen: %v is not a GDELT layout", layout)
	}
	g := New(seed, layout)
	bw := bufio.NewWriterSize(w, 256<<10)
	buf := make([]byte, 0, 2048)
	for i := 0; i < n; i++ {
		ev := g.Next()
		buf = gdelt.AppendLine(buf[:0], &ev)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Generator produces synthetic events one at a time.
type Generator struct {
	layout   gdelt.Layout
	rng      *rand.Rand
	zipf     *rand.Zipf
	actors   []poolActor
	codes    []string // every 3–4 digit codebook code
	nextID   uint64
	row      int
	baseDate time.Time
	days     [maxDaysBack]day // baseDate and the days before it
	batch    int              // the export batch dateAdded caches
	added    string
}

// maxDaysBack bounds how far before the export day an event may lie.
const maxDaysBack = 31

// day caches a date's forms, which time.Format would otherwise compute
// on every row.
type day struct {
	date actorgraph.Date
	path string // "2025/05/19", for URLs
}

type poolActor struct {
	actor gdelt.Actor
	geo   gdelt.Geo
}

// New returns a generator for layout seeded with seed.
func New(seed int64, layout gdelt.Layout) *Generator {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	g := &Generator{
		layout:   layout,
		rng:      rng,
		actors:   buildPool(rng),
		nextID:   FirstEventID,
		baseDate: time.Date(2025, time.May, 19, 0, 0, 0, 0, time.UTC),
	}
	// s = 1.1: the first few actors (countries) are in a large share of
	// events, most actors in a handful, as in GDELT.
	for i := range g.days {
		t := g.baseDate.AddDate(0, 0, -i)
		g.days[i] = day{actorgraph.DateOf(t), t.Format("2006/01/02")}
	}
	g.batch = -1
	g.zipf = rand.NewZipf(rng, 1.1, 1, uint64(len(g.actors)-1))
	for _, c := range cameo.Codes() {
		if len(c) >= 3 {
			g.codes = append(g.codes, c)
		}
	}
	return g
}

// commonCodes are frequent in real exports (statements, consultations,
// visits, appeals, accusations, fighting); 60% of rows use one of them.
var commonCodes = []string{"010", "020", "036", "040", "042", "043", "046", "051", "057",
	"071", "112", "120", "130", "173", "190"}

// Next returns the next event.
func (g *Generator) Next() gdelt.Event {
	r := g.rng
	id := g.nextID
	g.nextID += 1 + uint64(r.IntN(3))
	code := g.eventCode()
	gold, _ := cameo.Goldstein(code)
	day := g.eventDay()
	mentions := 1 + r.IntN(10)
	if r.IntN(10) == 0 {
		mentions += r.IntN(100)
	}
	sources := 1 + r.IntN(min(mentions, 5))
	ev := gdelt.Event{
		Layout:        g.layout,
		GlobalEventID: id,
		Date:          day.date,
		IsRootEvent:   r.IntN(5) < 3,
		EventCode:     code,
		EventBaseCode: code[:3],
		EventRootCode: code[:2],
		QuadClass:     cameo.QuadClass(code),
		Goldstein:     gold,
		NumMentions:   mentions,
		NumSources:    sources,
		NumArticles:   sources + r.IntN(mentions-sources+1),
		AvgTone:       math.Round(max(-30, min(30, r.NormFloat64()*3.5-1))*1e6) / 1e6,
		DateAdded:     g.dateAdded(),
	}
	g.setActors(&ev)
	if g.layout.HasSourceURL() {
		ev.SourceURL = "https://news.example.com/" + day.path + "/story-" + strconv.FormatUint(id, 10)
	}
	g.row++
	return ev
}

// setActors picks the two actors by popularity; about 10% of events lose
// one side (5% each), and the same actor is not drawn for both sides.
func (g *Generator) setActors(ev *gdelt.Event) {
	a1 := g.pick()
	a2 := g.pick()
	for tries := 0; a2 == a1 && tries < 3; tries++ {
		a2 = g.pick()
	}
	p1, p2 := &g.actors[a1], &g.actors[a2]
	ev.Actor1, ev.Actor1Geo = p1.actor, p1.geo
	ev.Actor2, ev.Actor2Geo = p2.actor, p2.geo
	ev.ActionGeo = p1.geo
	switch g.rng.IntN(20) {
	case 0:
		ev.Actor1, ev.Actor1Geo = gdelt.Actor{}, gdelt.Geo{Type: "0"}
		ev.ActionGeo = p2.geo
	case 1:
		ev.Actor2, ev.Actor2Geo = gdelt.Actor{}, gdelt.Geo{Type: "0"}
	}
	if g.layout != gdelt.Layout2 { // 1.0 layouts have no ADM2 codes
		ev.Actor1Geo.ADM2Code, ev.Actor2Geo.ADM2Code, ev.ActionGeo.ADM2Code = "", "", ""
	}
}

func (g *Generator) pick() int { return int(g.zipf.Uint64()) }

func (g *Generator) eventCode() string {
	if g.rng.IntN(10) < 6 {
		return commonCodes[g.rng.IntN(len(commonCodes))]
	}
	return g.codes[g.rng.IntN(len(g.codes))]
}

// eventDay is mostly the export day, sometimes up to a month earlier
// (GDELT dates events by the day they happened, which articles report late).
func (g *Generator) eventDay() *day {
	if g.rng.IntN(5) > 0 {
		return &g.days[0]
	}
	return &g.days[g.rng.IntN(maxDaysBack)]
}

// dateAdded advances one 15-minute export every 1000 rows, as GDELT 2.0
// publishes; 1.0 layouts carry the day only.
func (g *Generator) dateAdded() string {
	if batch := g.row / 1000; batch != g.batch {
		t := g.baseDate.Add(time.Duration(batch) * 15 * time.Minute)
		g.batch, g.added = batch, t.Format("20060102150405")
		if g.layout != gdelt.Layout2 {
			g.added = t.Format("20060102")
		}
	}
	return g.added
}
