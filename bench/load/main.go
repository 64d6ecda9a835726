// Command load is the side-by-side load harness of issue 7: it loads the
// same graphs into the embedded store and into Neo4j, starts this server
// on each, @neo4j/graphql (bench/peer) on the same Neo4j, and runs
// closed-loop GraphQL workloads at fixed concurrency levels against them
// and the equivalent raw Cypher through the Go driver. It prints a
// markdown report (throughput, p50/p95/p99, errors, server CPU time and
// peak RSS, and the ratios the targets are about) and writes it
// to -out.
//
//	go run ./bench/load                       # smoke run: small graph, levels 1 and 8, 2 s
//	go run ./bench/load -graphs small,medium -levels 1,8,32,128 -duration 3s
//
// Neo4j: the harness starts Neo4j with scripts/neo4j in -neo4j-state and
// stops it at the end; with -use-neo4j-uri it uses (and empties) the one
// NEO4J_URI/NEO4J_USERNAME/NEO4J_PASSWORD name (the pid for CPU and memory
// is read from -neo4j-state's pid file). Needs Go, Node.js 20+ and npm (for the peer), Java and Maven
// (for scripts/neo4j).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// options are the command line.
type options struct {
	graphs      []string
	levels      []int
	workloads   []workload
	systems     map[string]bool
	duration    time.Duration
	warmup      time.Duration
	seed        uint64
	out         string
	neo4jState  string
	useEnvNeo4j bool
	pprofDir    string
	verbose     bool
}

func parseOptions(args []string) (options, error) {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	graphs := fs.String("graphs", "small", "graphs to load, comma-separated: article, small (10k relationships), medium (100k)")
	levels := fs.String("levels", "1,8", "concurrency levels, comma-separated (the issue's: 1,8,32,128)")
	works := fs.String("workloads", "all", "workloads, comma-separated: "+joinWorkloads()+" (or all)")
	systems := fs.String("systems", "embedded,neo4j,cypher,peer", "systems, comma-separated: embedded, neo4j, cypher, peer")
	var o options
	fs.DurationVar(&o.duration, "duration", 2*time.Second, "measured time per cell (system, workload, level)")
	fs.DurationVar(&o.warmup, "warmup", time.Second, "unmeasured reads per system and workload before its first level")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the operations' random choices")
	fs.StringVar(&o.out, "out", "bench/RESULTS.md", "file the report is written to (relative to the repository root)")
	fs.StringVar(&o.neo4jState, "neo4j-state", "/tmp/actorgraph-bench-neo4j", "scripts/neo4j state dir: where the harness starts Neo4j, and its pid file")
	fs.BoolVar(&o.useEnvNeo4j, "use-neo4j-uri", false, "use the Neo4j at NEO4J_URI instead of starting one; its database is EMPTIED")
	fs.StringVar(&o.pprofDir, "pprof", "", "save a CPU profile of this server per cell into this directory (runs bench/profserver)")
	fs.BoolVar(&o.verbose, "verbose", false, "log each system's answer to each workload's first operation")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	var err error
	o.graphs = split(*graphs)
	if o.levels, err = parseLevels(*levels); err != nil {
		return o, err
	}
	if o.workloads, err = parseWorkloads(*works); err != nil {
		return o, err
	}
	o.systems = map[string]bool{}
	for _, s := range split(*systems) {
		if s != "embedded" && s != "neo4j" && s != "cypher" && s != "peer" {
			return o, fmt.Errorf("unknown system %q", s)
		}
		o.systems[s] = true
	}
	return o, nil
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func parseLevels(s string) ([]int, error) {
	var out []int
	for _, p := range split(s) {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("bad concurrency level %q", p)
		}
		out = append(out, n)
	}
	return out, nil
}

func parseWorkloads(s string) ([]workload, error) {
	if s == "all" {
		return allWorkloads, nil
	}
	var out []workload
	for _, p := range split(s) {
		w := workload(p)
		found := false
		for _, k := range allWorkloads {
			found = found || k == w
		}
		if !found {
			return nil, fmt.Errorf("unknown workload %q (want %s)", p, joinWorkloads())
		}
		out = append(out, w)
	}
	return out, nil
}

func joinWorkloads() string {
	names := make([]string, len(allWorkloads))
	for i, w := range allWorkloads {
		names[i] = string(w)
	}
	return strings.Join(names, ", ")
}

func main() {
	o, err := parseOptions(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o, "go run ./bench/load "+strings.Join(os.Args[1:], " ")); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}
