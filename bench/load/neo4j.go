package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
	"github.com/actorgraph/actorgraph/internal/store/neo4jstore"
)

// neo4jEnv is how to reach the benchmark's Neo4j and which process it is.
type neo4jEnv struct {
	cfg     neo4jstore.Config
	pid     int    // the DBMS process, for CPU and memory (0: unknown)
	started string // the state dir of a Neo4j the harness started, to stop it
}

// vars returns the environment variables our server and the peer need.
func (n *neo4jEnv) vars() []string {
	return []string{"NEO4J_URI=" + n.cfg.URI, "NEO4J_USERNAME=" + n.cfg.Username,
		"NEO4J_PASSWORD=" + n.cfg.Password, "NEO4J_DATABASE=" + n.cfg.Database}
}

// setupNeo4j starts Neo4j with scripts/neo4j in stateDir, or with useEnv
// uses the one NEO4J_URI names (whose database the harness empties: never
// the default, so a shell pointed at real data cannot lose it). The DBMS's
// pid comes from stateDir's pid file.
func setupNeo4j(repo, stateDir string, useEnv bool) (*neo4jEnv, error) {
	n := &neo4jEnv{}
	if useEnv {
		n.cfg = neo4jstore.ConfigFromEnv(os.Getenv)
		if n.cfg.URI == "" {
			return nil, fmt.Errorf("-use-neo4j-uri, but NEO4J_URI is not set")
		}
	} else {
		vars, err := startNeo4j(repo, stateDir)
		if err != nil {
			return nil, err
		}
		n.cfg = neo4jstore.ConfigFromEnv(func(k string) string { return vars[k] })
		n.started = stateDir
	}
	if b, err := os.ReadFile(filepath.Join(stateDir, "neo4j.pid")); err == nil {
		n.pid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	return n, nil
}

// startNeo4j runs `scripts/neo4j start` and returns `scripts/neo4j env`.
func startNeo4j(repo, stateDir string) (map[string]string, error) {
	script := filepath.Join(repo, "scripts", "neo4j")
	env := append(os.Environ(), "ACTORGRAPH_NEO4J_STATE="+stateDir)
	start := exec.Command(script, "start")
	start.Env, start.Stdout, start.Stderr = env, os.Stderr, os.Stderr
	if err := start.Run(); err != nil {
		return nil, fmt.Errorf("scripts/neo4j start: %w", err)
	}
	show := exec.Command(script, "env")
	show.Env = env
	out, err := show.Output()
	if err != nil {
		return nil, fmt.Errorf("scripts/neo4j env: %w", err)
	}
	vars := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "="); ok {
			vars[k] = strings.Trim(v, `'"`)
		}
	}
	return vars, nil
}

// stop stops a Neo4j the harness started.
func (n *neo4jEnv) stop(repo string) {
	if n.started == "" {
		return
	}
	cmd := exec.Command(filepath.Join(repo, "scripts", "neo4j"), "stop")
	cmd.Env = append(os.Environ(), "ACTORGRAPH_NEO4J_STATE="+n.started)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	_ = cmd.Run()
}

// driver opens a driver with neo4jstore's pool settings.
func (n *neo4jEnv) driver() (neo4j.DriverWithContext, error) {
	return neo4j.NewDriverWithContext(n.cfg.URI, neo4j.BasicAuth(n.cfg.Username, n.cfg.Password, ""), func(c *config.Config) {
		c.MaxConnectionPoolSize = 100
		c.ConnectionAcquisitionTimeout = 5 * time.Second
	})
}

// loadBatch is how many records one Upsert carries.
const loadBatch = 5000

// upsertAll writes the graph in batches: actors first, then relationships.
func upsertAll(ctx context.Context, s *actorgraph.Graph, actors []actorgraph.Actor, rels []actorgraph.Relationship) error {
	for i := 0; i < len(actors); i += loadBatch {
		if err := s.Upsert(ctx, actors[i:min(i+loadBatch, len(actors))], nil); err != nil {
			return err
		}
	}
	for i := 0; i < len(rels); i += loadBatch {
		if err := s.Upsert(ctx, nil, rels[i:min(i+loadBatch, len(rels))]); err != nil {
			return err
		}
	}
	return nil
}

// loadEmbedded writes the graph into a new embedded store in dir.
func loadEmbedded(ctx context.Context, dir string, d *graphData) error {
	s, _, err := memstore.Open(dir)
	if err != nil {
		return err
	}
	if err := upsertAll(ctx, actorgraph.NewGraph(s), d.actors, d.relationships); err != nil {
		s.Close()
		return err
	}
	return s.Close()
}

// loadNeo4j empties the database and writes the graph through neo4jstore,
// unless it holds exactly as many actors and relationships as the graph
// already (a previous run's load, before any writes).
func loadNeo4j(ctx context.Context, n *neo4jEnv, drv neo4j.DriverWithContext, d *graphData) error {
	cfg := n.cfg
	cfg.QueryTimeout = 10 * time.Minute // a batch of 5,000 on a busy machine takes a while
	s, err := neo4jstore.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if st, err := s.Stats(ctx); err == nil && st.Actors == len(d.actors) && st.Relationships == len(d.relationships) {
		return nil
	}
	session := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: n.cfg.Database})
	res, err := session.Run(ctx, `MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`, nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	session.Close(ctx)
	if err != nil {
		return fmt.Errorf("emptying neo4j: %w", err)
	}
	if err := upsertAll(ctx, actorgraph.NewGraph(s), d.actors, d.relationships); err != nil {
		return err
	}
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	if st.Actors != len(d.actors) || st.Relationships != len(d.relationships) {
		return fmt.Errorf("neo4j holds %d actors and %d relationships, want %d and %d",
			st.Actors, st.Relationships, len(d.actors), len(d.relationships))
	}
	return nil
}
