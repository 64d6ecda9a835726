package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/synth"
)

// apiToken is the bearer token our servers accept for writes.
const apiToken = "bench-token"

// bench holds what a run shares across graphs.
type bench struct {
	o      options
	repo   string
	tmp    string
	binary string // our server
	neo    *neo4jEnv
	cypher *cypherSystem
	runID  string
	rows   []result
}

// run does the whole comparison and writes the report.
func run(ctx context.Context, o options, command string) error {
	started := time.Now()
	loadBefore := loadAverage()
	b, err := prepare(ctx, o)
	if err != nil {
		return err
	}
	defer b.cleanup()
	for _, g := range o.graphs {
		if err := b.runGraph(ctx, g); err != nil {
			return fmt.Errorf("graph %s: %w", g, err)
		}
	}
	var report bytes.Buffer
	writeReport(&report, command, machine(), loadBefore, loadAverage(), started, time.Since(started), b.rows)
	os.Stdout.Write(report.Bytes())
	out := o.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(b.repo, out)
	}
	if err := os.WriteFile(out, report.Bytes(), 0o644); err != nil {
		return err
	}
	return lostWrites(b.rows)
}

// lostWrites fails the run when an acknowledged write was not read back:
// slowness is reported, lost data is an error (CI runs a smoke run).
func lostWrites(rows []result) error {
	for _, r := range rows {
		if r.missing > 0 || r.readBackErr != "" {
			return fmt.Errorf("%s on %s, %d clients: %d of %d acknowledged writes missing on read-back %s",
				r.system, r.graph, r.conc, r.missing, r.acked, r.readBackErr)
		}
	}
	return nil
}

// needsNeo4j reports whether any selected system runs on Neo4j.
func (o options) needsNeo4j() bool {
	return o.systems["neo4j"] || o.systems["cypher"] || o.systems["peer"]
}

// prepare builds our server, installs the peer and reaches Neo4j.
func prepare(ctx context.Context, o options) (*bench, error) {
	repo, err := findRepo()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "actorgraph-bench-")
	if err != nil {
		return nil, err
	}
	b := &bench{o: o, repo: repo, tmp: tmp, runID: time.Now().UTC().Format("150405")}
	pkg := "."
	if o.pprofDir != "" {
		pkg = "./bench/profserver"
		if err := os.MkdirAll(o.pprofDir, 0o755); err != nil {
			return b, err
		}
	}
	b.binary = filepath.Join(tmp, "actorgraph")
	step("building %s", pkg)
	if err := runIn(ctx, repo, "go", "build", "-o", b.binary, pkg); err != nil {
		return b, err
	}
	if o.systems["peer"] {
		if err := installPeer(ctx, repo); err != nil {
			return b, err
		}
	}
	if o.needsNeo4j() {
		if b.neo, err = setupNeo4j(repo, o.neo4jState, o.useEnvNeo4j); err != nil {
			return b, err
		}
		drv, err := b.neo.driver()
		if err != nil {
			return b, err
		}
		b.cypher = &cypherSystem{driver: drv, db: b.neo.cfg.Database}
	}
	return b, nil
}

// cleanup closes the driver, stops a Neo4j the harness started and
// removes the temporary directory.
func (b *bench) cleanup() {
	if b.cypher != nil {
		b.cypher.driver.Close(context.Background())
	}
	if b.neo != nil {
		b.neo.stop(b.repo)
	}
	os.RemoveAll(b.tmp)
}

// findRepo walks up from the working directory to the module root.
func findRepo() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.Contains(b, []byte("module github.com/actorgraph/actorgraph\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run inside the actorgraph repository")
		}
		dir = parent
	}
}

// installPeer runs `npm ci` in bench/peer unless node_modules matches the
// lock file already.
func installPeer(ctx context.Context, repo string) error {
	dir := filepath.Join(repo, "bench", "peer")
	lock, err1 := os.ReadFile(filepath.Join(dir, "package-lock.json"))
	installed, err2 := os.ReadFile(filepath.Join(dir, "node_modules", ".bench-lock"))
	if err1 == nil && err2 == nil && bytes.Equal(lock, installed) {
		return nil
	}
	step("npm ci in bench/peer")
	if err := runIn(ctx, dir, "npm", "ci", "--no-audit", "--no-fund"); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "node_modules", ".bench-lock"), lock, 0o644)
}

// runIn runs a command in dir, its output on stderr.
func runIn(ctx context.Context, dir, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

// step logs progress on stderr.
func step(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// loadGraphData generates or reads one of the graphs.
func loadGraphData(name string) (*graphData, error) {
	switch name {
	case "article":
		ds, err := dataset.Article()
		if err != nil {
			return nil, err
		}
		return newGraphData(name, ds.Actors, ds.Relationships), nil
	case "small":
		a, r := synth.Generate(synth.Small)
		return newGraphData("10k", a, r), nil
	case "medium":
		a, r := synth.Generate(synth.Medium)
		return newGraphData("100k", a, r), nil
	}
	return nil, fmt.Errorf("unknown graph %q (want article, small or medium)", name)
}

// runGraph loads one graph into every store, starts the servers, and
// measures every cell: all reads first, then the writes, which change
// the data.
func (b *bench) runGraph(ctx context.Context, name string) error {
	d, err := loadGraphData(name)
	if err != nil {
		return err
	}
	systems, stop, err := b.startSystems(ctx, d)
	defer stop()
	if err != nil {
		return err
	}
	var writes []workload
	for _, w := range b.o.workloads {
		if w == wWrite {
			writes = append(writes, w)
			continue
		}
		b.measureWorkload(ctx, d, systems, w)
	}
	for _, w := range writes {
		b.measureWorkload(ctx, d, systems, w)
	}
	return ctx.Err()
}

// startSystems loads the graph and starts the selected systems; stop
// stops what was started.
func (b *bench) startSystems(ctx context.Context, d *graphData) ([]system, func(), error) {
	var systems []system
	var procs []*process
	stop := func() {
		for _, p := range procs {
			p.stop()
		}
	}
	if b.o.systems["embedded"] {
		s, err := b.startEmbedded(ctx, d)
		if err != nil {
			return nil, stop, err
		}
		procs, systems = append(procs, s.proc), append(systems, s)
	}
	if b.o.needsNeo4j() {
		t0 := time.Now()
		if err := loadNeo4j(ctx, b.neo, b.cypher.driver, d); err != nil {
			return nil, stop, err
		}
		step("%s: loaded into Neo4j in %s", d.name, time.Since(t0).Round(time.Millisecond))
	}
	if b.o.systems["neo4j"] {
		s, err := b.startOurs(ctx, sysNeo4j, d.name+"-neo4j", nil, b.neo.vars())
		if err != nil {
			return nil, stop, err
		}
		procs, systems = append(procs, s.proc), append(systems, s)
	}
	if b.o.systems["cypher"] {
		systems = append(systems, b.cypher)
	}
	if b.o.systems["peer"] {
		s, err := b.startPeer(ctx, d.name)
		if err != nil {
			return nil, stop, err
		}
		procs, systems = append(procs, s.proc), append(systems, s)
	}
	return systems, stop, nil
}

// startEmbedded loads the graph into a new data dir and serves it.
func (b *bench) startEmbedded(ctx context.Context, d *graphData) (*ourSystem, error) {
	dir := filepath.Join(b.tmp, d.name+"-data")
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	t0 := time.Now()
	if err := loadEmbedded(ctx, dir, d); err != nil {
		return nil, err
	}
	step("%s: %d actors, %d relationships loaded into the embedded store in %s",
		d.name, len(d.actors), len(d.relationships), time.Since(t0).Round(time.Millisecond))
	return b.startOurs(ctx, sysEmbedded, d.name+"-embedded", []string{"-data", dir}, nil)
}

// startOurs starts our server with extra flags and environment.
func (b *bench) startOurs(ctx context.Context, label, logName string, flags, env []string) (*ourSystem, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	argv := append([]string{b.binary, "-addr", addr, "-no-seed", "-log-level", "warn"}, flags...)
	env = append(env, "ACTORGRAPH_API_TOKEN="+apiToken)
	if b.o.pprofDir != "" {
		pp, err := freePort()
		if err != nil {
			return nil, err
		}
		env = append(env, fmt.Sprintf("BENCH_PPROF_ADDR=127.0.0.1:%d", pp))
	}
	p, err := startProcess(ctx, b.tmp, argv, env, filepath.Join(b.tmp, logName+".log"), "http://"+addr+"/readyz")
	if err != nil {
		return nil, err
	}
	return &ourSystem{label: label, url: "http://" + addr + "/graphql", token: apiToken, client: httpClient(256), proc: p}, nil
}

// startPeer starts @neo4j/graphql on the benchmark's Neo4j.
func (b *bench) startPeer(ctx context.Context, graph string) (*peerSystem, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	env := append(b.neo.vars(), fmt.Sprintf("PORT=%d", port))
	argv := []string{"node", filepath.Join(b.repo, "bench", "peer", "server.js")}
	p, err := startProcess(ctx, filepath.Join(b.repo, "bench", "peer"), argv, env,
		filepath.Join(b.tmp, graph+"-peer.log"), fmt.Sprintf("http://127.0.0.1:%d/health", port))
	if err != nil {
		return nil, err
	}
	return &peerSystem{url: fmt.Sprintf("http://127.0.0.1:%d/graphql", port), client: httpClient(256), proc: p, cypher: b.cypher}, nil
}

// measureWorkload runs one workload on every system at every level,
// systems interleaved per level so that a change in the machine's load
// hits them alike.
func (b *bench) measureWorkload(ctx context.Context, d *graphData, systems []system, w workload) {
	for _, s := range systems {
		if !s.supports(w) {
			continue
		}
		if b.o.verbose {
			b.showSample(ctx, d, s, w)
		}
		if b.o.warmup > 0 {
			tag := fmt.Sprintf("warm-%s-%s-%s", b.runID, d.name, shortName(s.name()))
			runCell(ctx, cell{graph: d, sys: s, w: w, conc: min(8, slicesMax(b.o.levels)), duration: b.o.warmup,
				seed: b.o.seed + 1000, eventID: tag, prefix: tag})
		}
	}
	for _, conc := range b.o.levels {
		for _, s := range systems {
			if ctx.Err() != nil {
				return
			}
			b.rows = append(b.rows, b.measure(ctx, d, s, w, conc))
		}
	}
}

// showSample logs one answer of s to w's first operation.
func (b *bench) showSample(ctx context.Context, d *graphData, s system, w workload) {
	tag := fmt.Sprintf("sample-%s-%s-%s", b.runID, d.name, shortName(s.name()))
	o := newGenerator(d, b.o.seed, 0, tag, tag).next(w)
	out, err := s.sample(ctx, o)
	step("sample %s / %s / %+v:\n%.1500s (error: %v)", w, s.name(), o, out, err)
}

func slicesMax(xs []int) int {
	m := 1
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// measure runs one cell and, for writes, the read-back check.
func (b *bench) measure(ctx context.Context, d *graphData, s system, w workload, conc int) result {
	r := result{graph: d.name, system: s.name(), w: w, conc: conc}
	if !s.supports(w) {
		r.notExpressible = true
		return r
	}
	tag := fmt.Sprintf("bench-%s-%s-%s-%s-c%d", b.runID, d.name, w, shortName(s.name()), conc)
	c := cell{graph: d, sys: s, w: w, conc: conc, duration: b.o.duration, seed: b.o.seed, eventID: tag, prefix: tag}
	neoPID := 0
	if s.name() != sysEmbedded && b.neo != nil {
		neoPID = b.neo.pid
	}
	srv, neo := startMeter(s.pid()), startMeter(neoPID)
	prof := b.startProfile(s, tag)
	var acked []string
	r.s, acked = runCell(ctx, c)
	r.server, r.neo = srv.stop(), neo.stop()
	prof()
	if w == wWrite {
		b.readBack(ctx, s, tag, acked, &r)
	}
	step("%-5s %-13s %-15s c=%-3d %7.0f ops/s  p50 %s  p99 %s ms  errors %d", d.name, w, s.name(), conc,
		r.s.throughput(), ms(r.s.p50), ms(r.s.p99), r.s.errors)
	return r
}

// readBack checks that every acknowledged write can be read.
func (b *bench) readBack(ctx context.Context, s system, tag string, acked []string, r *result) {
	rctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	found, err := s.readBack(rctx, tag)
	if err != nil {
		r.readBackErr = err.Error()
	}
	r.acked, r.missing = len(acked), len(missingWrites(acked, found))
}

// shortName is a system's part of write ids and file names.
func shortName(system string) string {
	switch system {
	case sysEmbedded:
		return "emb"
	case sysNeo4j:
		return "neo"
	case sysCypher:
		return "cy"
	}
	return "peer"
}

// startProfile fetches a CPU profile of our server over the cell when
// -pprof is set; the returned function waits for it.
func (b *bench) startProfile(s system, tag string) func() {
	ours, ok := s.(*ourSystem)
	if b.o.pprofDir == "" || !ok {
		return func() {}
	}
	addr := pprofAddr(ours.proc)
	secs := max(1, int(b.o.duration.Seconds()))
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", addr, secs))
		if err != nil {
			step("pprof: %v", err)
			return
		}
		defer resp.Body.Close()
		f, err := os.Create(filepath.Join(b.o.pprofDir, tag+".pprof"))
		if err != nil {
			step("pprof: %v", err)
			return
		}
		defer f.Close()
		_, _ = io.Copy(f, resp.Body)
	}()
	return func() { <-done }
}

// pprofAddr finds BENCH_PPROF_ADDR in a process's environment.
func pprofAddr(p *process) string {
	for _, kv := range p.cmd.Env {
		if v, ok := strings.CutPrefix(kv, "BENCH_PPROF_ADDR="); ok {
			return v
		}
	}
	return ""
}
