package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// System labels, the columns of the ratio table.
const (
	sysEmbedded = "ours, embedded"
	sysNeo4j    = "ours, Neo4j"
	sysCypher   = "raw Cypher"
	sysPeer     = "@neo4j/graphql"
)

// result is one row of the full table.
type result struct {
	graph          string
	system         string
	w              workload
	conc           int
	s              summary
	server         usage // our server or the peer (zero for raw Cypher)
	neo            usage // Neo4j (zero on the embedded store)
	notExpressible bool
	acked, missing int // writes: acknowledged, and missing on read-back
	readBackErr    string
}

// ms formats a duration in milliseconds with three significant digits.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func mb(b int64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f", float64(b)/(1<<20))
}

func cpuCell(u usage, ops int) string {
	if u.cpu == 0 && u.peak == 0 {
		return "–"
	}
	if ops == 0 {
		return fmt.Sprintf("%.1f s", u.cpu.Seconds())
	}
	return fmt.Sprintf("%.1f s (%.2f ms/op)", u.cpu.Seconds(), float64(u.cpu)/float64(time.Millisecond)/float64(ops))
}

// errorsCell shows errors, and for writes the read-back result.
func errorsCell(r result) string {
	s := fmt.Sprint(r.s.errors)
	if r.w == wWrite {
		s += fmt.Sprintf("; %d/%d missing", r.missing, r.acked)
		if r.readBackErr != "" {
			s += " (read-back failed)"
		}
	}
	return s
}

// writeFullTable writes every row.
func writeFullTable(w io.Writer, rows []result) {
	fmt.Fprintln(w, "| graph | workload | system | conc. | ops/s | p50 ms | p95 ms | p99 ms | errors | server CPU | Neo4j CPU | server peak RSS MB | Neo4j peak RSS MB |")
	fmt.Fprintln(w, "|---|---|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|")
	for _, r := range rows {
		if r.notExpressible {
			fmt.Fprintf(w, "| %s | %s | %s | %d | not expressible | | | | | | | | |\n", r.graph, r.w, r.system, r.conc)
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s | %d | %.0f | %s | %s | %s | %s | %s | %s | %s | %s |\n",
			r.graph, r.w, r.system, r.conc, r.s.throughput(), ms(r.s.p50), ms(r.s.p95), ms(r.s.p99),
			errorsCell(r), cpuCell(r.server, r.s.ops), cpuCell(r.neo, r.s.ops), mb(r.server.peak), mb(r.neo.peak))
	}
}

// cellKey finds a row.
type cellKey struct {
	graph, system string
	w             workload
	conc          int
}

func index(rows []result) map[cellKey]*result {
	m := map[cellKey]*result{}
	for i := range rows {
		r := &rows[i]
		if !r.notExpressible && r.s.ops > 0 {
			m[cellKey{r.graph, r.system, r.w, r.conc}] = r
		}
	}
	return m
}

// ratio formats a/b, "–" when either is missing.
func ratio(a, b float64) string {
	if a <= 0 || b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", a/b)
}

// mark returns "✓" or "✗" for a target, "" when it cannot be judged.
func mark(ok, known bool) string {
	switch {
	case !known:
		return ""
	case ok:
		return " ✓"
	}
	return " ✗"
}

// writeRatioTable writes the targets' ratios per graph, workload and
// concurrency: this server on Neo4j against @neo4j/graphql (throughput
// ≥ 2, p99 ≤ 1), against raw Cypher (p50 and p99 ≤ 1.3), and the embedded
// store against Neo4j (throughput ≥ 10 on reads).
func writeRatioTable(w io.Writer, rows []result) {
	m := index(rows)
	fmt.Fprintln(w, "| graph | workload | conc. | Neo4j÷peer ops/s (≥2) | Neo4j÷peer p99 (≤1) | Neo4j÷Cypher p50 (≤1.3) | Neo4j÷Cypher p99 (≤1.3) | embedded÷Neo4j ops/s (≥10) | Neo4j÷embedded p99 |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|")
	seen := map[cellKey]bool{}
	for _, r := range rows {
		k := cellKey{r.graph, "", r.w, r.conc}
		if seen[k] {
			continue
		}
		seen[k] = true
		neo, peer, cy, emb := m[cellKey{r.graph, sysNeo4j, r.w, r.conc}], m[cellKey{r.graph, sysPeer, r.w, r.conc}],
			m[cellKey{r.graph, sysCypher, r.w, r.conc}], m[cellKey{r.graph, sysEmbedded, r.w, r.conc}]
		fmt.Fprintf(w, "| %s | %s | %d | %s | %s | %s | %s | %s | %s |\n", r.graph, r.w, r.conc,
			vsPeerThroughput(neo, peer, r.w), vsPeerP99(neo, peer, r.w), vsCypher(neo, cy, false), vsCypher(neo, cy, true),
			embeddedThroughput(emb, neo, r.w), p99Ratio(neo, emb))
	}
}

func vsPeerThroughput(neo, peer *result, w workload) string {
	if !peerSupports(w) {
		return "not expressible"
	}
	if neo == nil || peer == nil {
		return "–"
	}
	x := neo.s.throughput() / peer.s.throughput()
	return ratio(neo.s.throughput(), peer.s.throughput()) + mark(x >= 2, true)
}

func vsPeerP99(neo, peer *result, w workload) string {
	if !peerSupports(w) {
		return "not expressible"
	}
	if neo == nil || peer == nil {
		return "–"
	}
	return ratio(float64(neo.s.p99), float64(peer.s.p99)) + mark(neo.s.p99 <= peer.s.p99, true)
}

func vsCypher(neo, cy *result, p99 bool) string {
	if neo == nil || cy == nil {
		return "–"
	}
	a, b := neo.s.p50, cy.s.p50
	if p99 {
		a, b = neo.s.p99, cy.s.p99
	}
	return ratio(float64(a), float64(b)) + mark(float64(a) <= 1.3*float64(b), true)
}

func embeddedThroughput(emb, neo *result, w workload) string {
	if emb == nil || neo == nil {
		return "–"
	}
	x := emb.s.throughput() / neo.s.throughput()
	return ratio(emb.s.throughput(), neo.s.throughput()) + mark(x >= 10, w != wWrite)
}

func p99Ratio(neo, emb *result) string {
	if emb == nil || neo == nil {
		return "–"
	}
	return ratio(float64(neo.s.p99), float64(emb.s.p99))
}

// writeReport writes the whole markdown report.
func writeReport(w io.Writer, command, machineDesc, loadBefore, loadAfter string, started time.Time, took time.Duration, rows []result) {
	fmt.Fprintf(w, "## Load harness run, %s\n\n", started.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(w, "```\n%s\n```\n\n", command)
	fmt.Fprintf(w, "Machine: %s. Load average (1/5/15 min) before: %s, after: %s. Took %s.\n\n",
		machineDesc, loadBefore, loadAfter, took.Round(time.Second))
	fmt.Fprintln(w, "### Ratios against the targets")
	fmt.Fprintln(w)
	writeRatioTable(w, rows)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "### Every cell")
	fmt.Fprintln(w)
	writeFullTable(w, rows)
	fmt.Fprintln(w)
	if errs := errorSamples(rows); errs != "" {
		fmt.Fprintf(w, "First error per failing cell:\n\n%s\n", errs)
	}
}

// errorSamples lists the first error of each cell that had errors.
func errorSamples(rows []result) string {
	var b strings.Builder
	for _, r := range rows {
		if r.s.firstError != "" {
			fmt.Fprintf(&b, "- %s / %s / %s / %d: `%.200s`\n", r.graph, r.w, r.system, r.conc, strings.ReplaceAll(r.s.firstError, "`", "'"))
		}
		if r.readBackErr != "" {
			fmt.Fprintf(&b, "- %s / %s / %s / %d read-back: `%.200s`\n", r.graph, r.w, r.system, r.conc, r.readBackErr)
		}
	}
	return b.String()
}
