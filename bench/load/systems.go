package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// system is one of the compared systems.
type system interface {
	// name is the system's column in the tables.
	name() string
	// supports reports whether the system can express workload w.
	supports(w workload) bool
	// do runs one operation; an error counts against the system.
	do(ctx context.Context, o op) error
	// readBack returns the ids of the relationships written with eventID.
	readBack(ctx context.Context, eventID string) ([]string, error)
	// pid is the process serving the system (0: none besides Neo4j).
	pid() int
	// sample runs one operation and returns its answer, to check by eye
	// that the systems answer alike (-verbose).
	sample(ctx context.Context, o op) (string, error)
}

// httpClient returns a client whose pool holds a connection per worker.
func httpClient(conns int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = conns, conns
	return &http.Client{Transport: t, Timeout: 60 * time.Second}
}

// postGraphQL sends one GraphQL request and returns the body of a 200
// answer without errors.
func postGraphQL(ctx context.Context, c *http.Client, url, token, query string, vars map[string]any) ([]byte, error) {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK || bytes.Contains(b, []byte(`"errors"`)) {
		return nil, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, b)
	}
	return b, nil
}

// ourSystem is this server, on either store.
type ourSystem struct {
	label  string
	url    string
	token  string
	client *http.Client
	proc   *process
}

func (s *ourSystem) name() string           { return s.label }
func (s *ourSystem) supports(workload) bool { return true }
func (s *ourSystem) pid() int               { return s.proc.pid() }

func (s *ourSystem) do(ctx context.Context, o op) error {
	_, err := s.sample(ctx, o)
	return err
}

func (s *ourSystem) sample(ctx context.Context, o op) (string, error) {
	q, vars := ourQuery(o)
	b, err := postGraphQL(ctx, s.client, s.url, s.token, q, vars)
	return string(b), err
}

// readBack pages through relationships(filter: {eventId}).
func (s *ourSystem) readBack(ctx context.Context, eventID string) ([]string, error) {
	var ids []string
	var after any
	for {
		b, err := postGraphQL(ctx, s.client, s.url, "", ourReadBackQuery, map[string]any{"e": eventID, "after": after})
		if err != nil {
			return ids, err
		}
		var page struct {
			Data struct {
				Relationships struct {
					Edges []struct {
						Node struct{ ID string }
					}
					PageInfo struct {
						HasNextPage bool
						EndCursor   string
					}
				}
			}
		}
		if err := json.Unmarshal(b, &page); err != nil {
			return ids, err
		}
		for _, e := range page.Data.Relationships.Edges {
			ids = append(ids, e.Node.ID)
		}
		if !page.Data.Relationships.PageInfo.HasNextPage {
			return ids, nil
		}
		after = page.Data.Relationships.PageInfo.EndCursor
	}
}

// peerSystem is @neo4j/graphql (bench/peer); its writes are read back
// through Cypher.
type peerSystem struct {
	url    string
	client *http.Client
	proc   *process
	cypher *cypherSystem
}

func (s *peerSystem) name() string             { return "@neo4j/graphql" }
func (s *peerSystem) supports(w workload) bool { return peerSupports(w) }
func (s *peerSystem) pid() int                 { return s.proc.pid() }
func (s *peerSystem) readBack(ctx context.Context, e string) ([]string, error) {
	return s.cypher.readBack(ctx, e)
}

func (s *peerSystem) do(ctx context.Context, o op) error {
	_, err := s.sample(ctx, o)
	return err
}

func (s *peerSystem) sample(ctx context.Context, o op) (string, error) {
	q, vars, ok := peerQuery(o)
	if !ok {
		return "", errors.New("not expressible")
	}
	b, err := postGraphQL(ctx, s.client, s.url, "", q, vars)
	if err == nil && o.kind == wWrite && !bytes.Contains(b, []byte(`"relationshipsCreated":1`)) {
		err = fmt.Errorf("write not applied: %.300s", b)
	}
	return string(b), err
}

// cypherSystem runs the equivalent Cypher through the Go driver, each
// operation in its own managed transaction, as neo4jstore does.
type cypherSystem struct {
	driver neo4j.DriverWithContext
	db     string
}

func (s *cypherSystem) name() string           { return "raw Cypher" }
func (s *cypherSystem) supports(workload) bool { return true }
func (s *cypherSystem) pid() int               { return 0 }

func (s *cypherSystem) do(ctx context.Context, o op) error {
	if o.kind == wWrite {
		return s.write(ctx, o)
	}
	return s.read(ctx, cypherOf(o), paramsOf(o), usageOf(o, nil))
}

// cypherOf returns the read statement of an operation.
func cypherOf(o op) string {
	return map[workload]string{wActor: cypherActor, wList: cypherList, wSearch: cypherSearch,
		wNeighborhood: cypherNeighborhood, wPath: cypherPath}[o.kind]
}

// paramsOf returns the parameters of an operation's read statement.
func paramsOf(o op) map[string]any {
	return map[string]any{"id": o.id, "kind": o.actorKnd, "q": actorgraph.Fold(o.text), "from": o.from, "to": o.to}
}

// usageOf returns what is done with an operation's records: search
// candidates are ranked; then show, when set, sees them.
func usageOf(o op, show func([]*neo4j.Record)) func([]*neo4j.Record) error {
	return func(recs []*neo4j.Record) error {
		if o.kind == wSearch {
			rankCandidates(o.text, recs)
		}
		if show != nil {
			show(recs)
		}
		return nil
	}
}

func (s *cypherSystem) sample(ctx context.Context, o op) (string, error) {
	if o.kind == wWrite {
		return "", s.write(ctx, o)
	}
	var out string
	err := s.read(ctx, cypherOf(o), paramsOf(o), usageOf(o, func(recs []*neo4j.Record) {
		for _, r := range recs {
			out += fmt.Sprint(r.AsMap()) + "\n"
		}
	}))
	return out, err
}

// rankCandidates ranks search candidates as the stores do.
func rankCandidates(text string, recs []*neo4j.Record) []actorgraph.Actor {
	cands := make([]actorgraph.Actor, len(recs))
	for i, r := range recs {
		cands[i] = actorgraph.Actor{ID: str(r.Values[0]), Name: str(r.Values[1]), Kind: actorgraph.ActorKind(str(r.Values[2]))}
		if as, ok := r.Values[3].([]any); ok {
			for _, a := range as {
				cands[i].Aliases = append(cands[i].Aliases, str(a))
			}
		}
	}
	return actorgraph.RankActors(cands, text, searchFirst)
}

func str(v any) string { s, _ := v.(string); return s }

// read runs one read statement and hands its records to use.
func (s *cypherSystem) read(ctx context.Context, cypher string, params map[string]any, use func([]*neo4j.Record) error) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer session.Close(ctx)
	recs, err := session.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Collect(ctx)
	}, neo4j.WithTxTimeout(10*time.Second))
	if err != nil || use == nil {
		return err
	}
	return use(recs.([]*neo4j.Record))
}

func (s *cypherSystem) write(ctx context.Context, o op) error {
	session := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db})
	defer session.Close(ctx)
	n, err := session.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, cypherWrite, map[string]any{"from": o.from, "to": o.to, "props": writeProps(o)})
		if err != nil {
			return nil, err
		}
		recs, err := res.Collect(ctx)
		return len(recs), err
	}, neo4j.WithTxTimeout(10*time.Second))
	if err == nil && n != 1 {
		err = fmt.Errorf("write %s: %d relationships created", o.relID, n)
	}
	return err
}

func (s *cypherSystem) readBack(ctx context.Context, eventID string) ([]string, error) {
	var ids []string
	err := s.read(ctx, cypherReadBack, map[string]any{"e": eventID}, func(recs []*neo4j.Record) error {
		for _, r := range recs {
			ids = append(ids, str(r.Values[0]))
		}
		return nil
	})
	return ids, err
}
