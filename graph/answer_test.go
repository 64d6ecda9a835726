package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/auth"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
)

// endless is an answer that never ends: it writes chunks until stopped,
// counting them.
type endless struct {
	chunk  []byte
	writes int
	// cancel, when set, is called after the given number of writes.
	cancel      func()
	cancelAfter int
}

func (e *endless) MarshalGQL(w io.Writer) {
	w.Write([]byte("["))
	for {
		e.writes++
		if e.cancel != nil && e.writes == e.cancelAfter {
			e.cancel()
		}
		w.Write(e.chunk)
	}
}

// The cap stops the marshaller as soon as it is passed: no more than the
// cap is ever held, and nothing of the answer is returned.
func TestEncodeAnswerStopsAtTheCap(t *testing.T) {
	data := &endless{chunk: bytes.Repeat([]byte(`"xxxxxxx",`), 100)} // 1000 bytes a write
	body, err := encodeAnswer(context.Background(), &graphql.Response{}, &answerSlot{data: data}, 64<<10, false)
	if !errors.Is(err, errAnswerTooLarge) || body != nil {
		t.Fatalf("err = %v, body %d bytes", err, len(body))
	}
	if data.writes > (64<<10)/1000+1 {
		t.Errorf("%d writes of 1000 bytes before stopping at a 64 KiB cap", data.writes)
	}
	code, refusal := answerRefusal(err, 64<<10, false)
	if code != CodeResponseTooLarge || !bytes.Contains(refusal, []byte(`"data":null`)) || !bytes.Contains(refusal, []byte("65536")) {
		t.Errorf("refusal %s %s", code, refusal)
	}
}

// Past the deadline the marshaller stops within ctxCheckBytes and the
// answer is TIMEOUT; a mutation's answer is written whatever the time.
func TestEncodeAnswerStopsAtTheDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	data := &endless{chunk: bytes.Repeat([]byte("x"), 1000), cancel: cancel, cancelAfter: 100}
	_, err := encodeAnswer(ctx, &graphql.Response{}, &answerSlot{data: data}, 100<<20, false)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if max := 100 + ctxCheckBytes/1000 + 1; data.writes > max {
		t.Errorf("%d writes, want at most %d", data.writes, max)
	}
	if code, _ := answerRefusal(context.DeadlineExceeded, 1, false); code != CodeTimeout {
		t.Errorf("code after the deadline = %s", code)
	}
	if code, body := answerRefusal(errAnswerTooLarge, 10, true); code != CodeResponseTooLarge || !bytes.Contains(body, []byte("changes were made")) {
		t.Errorf("mutation refusal %s %s", code, body)
	}

	done, cancel := context.WithCancel(context.Background())
	cancel()
	body, err := encodeAnswer(done, &graphql.Response{Data: json.RawMessage(`{"a":1}`)}, nil, 100, true)
	if err != nil || string(body) != `{"data":{"a":1}}` {
		t.Errorf("mutation answer after the deadline: %s, %v", body, err)
	}
	if _, err := encodeAnswer(done, nil, nil, 100, false); !errors.Is(err, context.Canceled) {
		t.Errorf("no response after the deadline: err = %v", err)
	}
}

// Every input type of the schema has its unmarshaler in the index
// streamingSchema builds (as the generated Exec's does).
func TestInputUnmarshalersCoverSchema(t *testing.T) {
	es := NewExecutableSchema(Config{Resolvers: &Resolver{}}).(*executableSchema)
	opCtx := &graphql.OperationContext{}
	ec := newExecutionContext(opCtx, es, nil)
	ctx := graphql.WithInputUnmarshalerIndex(context.Background(), inputUnmarshalers(ec))
	n := 0
	for name, def := range es.Schema().Types {
		if def.Kind != ast.InputObject || def.BuiltIn {
			continue
		}
		n++
		var v any
		err := graphql.UnmarshalNamedInputFromContext(ctx, name, map[string]any{}, &v)
		if err != nil && strings.Contains(err.Error(), "no unmarshaler") {
			t.Errorf("input %s: %v", name, err)
		}
	}
	if n == 0 {
		t.Fatal("no input types in the schema")
	}
}

// marshalTransport answers as the transport did before answers were
// streamed: the generated Exec's answer through json.Marshal.
type marshalTransport struct{}

func (marshalTransport) Supports(r *http.Request) bool { return r.Method == http.MethodPost }

func (marshalTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	params, rerr := readParams(r)
	if rerr != nil {
		http.Error(w, rerr.Error(), http.StatusBadRequest)
		return
	}
	rc, errs := exec.CreateOperationContext(r.Context(), params)
	if errs != nil {
		http.Error(w, errs.Error(), http.StatusBadRequest)
		return
	}
	responses, ctx := exec.DispatchOperation(r.Context(), rc)
	body, _ := json.Marshal(responses(ctx))
	w.Write(body)
}

// The streamed answer is byte for byte what the generated Exec and
// json.Marshal gave, errors and escaped characters included.
func TestStreamedAnswerIsTheGeneratedOne(t *testing.T) {
	d, _, err := memstore.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	g := actorgraph.NewGraph(d)
	ds, err := dataset.Article()
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Upsert(context.Background(), ds.Actors, ds.Relationships); err != nil {
		t.Fatal(err)
	}
	settings := Settings{APIToken: "tok", Limits: DefaultLimits(), QueryCacheSize: 10, APQCacheSize: 10, MaxResponseBytes: 1 << 20}
	streamed, err := NewHandler(HandlerConfig{Graph: g, Settings: settings})
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := auth.NewVerifier(settings.Access.VerifierConfig(settings.APIToken))
	if err != nil {
		t.Fatal(err)
	}
	res := &Resolver{Graph: g, Limits: settings.Limits, Writable: true}
	ref := handler.New(NewExecutableSchema(Config{Resolvers: res, Complexity: complexityRoot(settings.Limits)}))
	ref.AddTransport(marshalTransport{})
	ref.SetErrorPresenter(errorPresenter(func(string) {}, func(context.Context, error) {}))
	reference := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := WithLoaders(r.Context(), g, 0)
		ctx = WithAuthorization(ctx, verifier, r.Header.Get("Authorization"))
		ref.ServeHTTP(w, r.WithContext(ctx))
	})
	post := func(h http.Handler, q string) string {
		b, _ := json.Marshal(map[string]any{"query": q})
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer tok")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	// Create the actor once (through the reference), then compare reads.
	if got := post(reference, `mutation { createActor(input: {id: "esc-test", kind: LEADER, name: "A <b> & c \u2028 d"}) { id } }`); !strings.Contains(got, "esc-test") {
		t.Fatalf("createActor: %s", got)
	}
	for _, q := range []string{
		`{ actor(id: "esc-test") { id name __typename } }`,
		`{ actors(first: 30) { totalCount edges { cursor node { id name kind aliases country } } } }`,
		`{ actor(id: "vladimir-putin") { name relationships(first: 5) { edges { node { id type from { id } to { id } evidence { quote } } } } } }`,
		`{ shortestPath(from: "<nobody & none>", to: "vladimir-putin") { length } a: actor(id: "alexander-stubb") { name } }`,
		`mutation { updateActor(id: "esc-test", input: {title: "x > y"}) { id title } }`,
	} {
		want, got := post(reference, q), post(streamed, q)
		if got != want {
			t.Errorf("%s\nstreamed:  %s\ngenerated: %s", q, got, want)
		}
	}
}
