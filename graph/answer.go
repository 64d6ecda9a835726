package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// DefaultMaxResponseBytes is the default cap on the bytes of one answer
// (Settings.MaxResponseBytes).
const DefaultMaxResponseBytes = 8 << 20

// An answer is marshalled once, by the transport, straight into a buffer
// that refuses to grow past the cap (boundedWriter). The generated Exec
// would first marshal the whole answer into memory; streamingSchema
// resolves the operation as the generated Exec does but hands the
// resolved tree (a graphql.Marshaler) to the transport through an
// answerSlot in the context instead.

// answerSlot carries a resolved answer from streamingSchema.Exec to the
// transport that marshals it.
type answerSlot struct {
	data graphql.Marshaler
}

type answerSlotKey struct{}

func withAnswerSlot(ctx context.Context, s *answerSlot) context.Context {
	return context.WithValue(ctx, answerSlotKey{}, s)
}

// streamingSchema is the generated schema whose queries and mutations
// leave their answer unmarshalled in the request's answerSlot. Without a
// slot (or for another operation) it is the generated schema.
type streamingSchema struct {
	*executableSchema
}

// Exec mirrors the generated executableSchema.Exec (graph/generated.go)
// up to its marshalling; streamingExecTest checks the two answer alike.
// @defer is not served (the transport sends one answer), so the deferred
// branch of the generated code is left out.
func (s streamingSchema) Exec(ctx context.Context) graphql.ResponseHandler {
	slot, _ := ctx.Value(answerSlotKey{}).(*answerSlot)
	opCtx := graphql.GetOperationContext(ctx)
	op := opCtx.Operation.Operation
	if slot == nil || (op != ast.Query && op != ast.Mutation) {
		return s.executableSchema.Exec(ctx)
	}
	ec := newExecutionContext(opCtx, s.executableSchema, make(chan graphql.DeferredResult))
	first := true
	return func(ctx context.Context) *graphql.Response {
		if !first {
			return nil
		}
		first = false
		ctx = graphql.WithLazyInputUnmarshalerIndex(ctx, func() *graphql.InputUnmarshalerIndex { return inputUnmarshalers(ec) })
		if op == ast.Query {
			slot.data = ec._Query(ctx, opCtx.Operation.SelectionSet)
		} else {
			slot.data = ec._Mutation(ctx, opCtx.Operation.SelectionSet)
		}
		return &graphql.Response{}
	}
}

// inputUnmarshalers indexes the generated unmarshaler of every input type
// of the schema, as the generated Exec does (TestInputUnmarshalersCoverSchema
// checks none is missing).
func inputUnmarshalers(ec *executionContext) *graphql.InputUnmarshalerIndex {
	return graphql.NewInputUnmarshalerIndex(
		graphql.NewInputUnmarshaler("ActorFilter", ec.unmarshalInputActorFilter),
		graphql.NewInputUnmarshaler("CreateActorInput", ec.unmarshalInputCreateActorInput),
		graphql.NewInputUnmarshaler("CreateRelationshipInput", ec.unmarshalInputCreateRelationshipInput),
		graphql.NewInputUnmarshaler("EvidenceInput", ec.unmarshalInputEvidenceInput),
		graphql.NewInputUnmarshaler("PathFilter", ec.unmarshalInputPathFilter),
		graphql.NewInputUnmarshaler("RelationshipFilter", ec.unmarshalInputRelationshipFilter),
		graphql.NewInputUnmarshaler("UpdateActorInput", ec.unmarshalInputUpdateActorInput),
	)
}

// ctxCheckBytes is how many bytes boundedWriter writes between two looks
// at the request's context.
const ctxCheckBytes = 32 << 10

// stopMarshal is the panic boundedWriter stops a marshaller with: gqlgen's
// marshallers ignore write errors, so a panic is the only way to stop one
// midway. encodeAnswer recovers it; no other code sees it.
type stopMarshal struct{ err error }

var errAnswerTooLarge = errors.New("answer too large")

// boundedWriter collects an answer in memory, refusing to grow past limit
// bytes and, when ctx is set, stopping once ctx is done (checked every
// ctxCheckBytes). It escapes <, >, & and U+2028/U+2029 as encoding/json
// does, so the bytes are those json.Marshal gave before.
type boundedWriter struct {
	buf       []byte
	limit     int
	ctx       context.Context
	nextCheck int
}

func (w *boundedWriter) Write(p []byte) (int, error) {
	if w.ctx != nil && len(w.buf) >= w.nextCheck {
		if err := w.ctx.Err(); err != nil {
			panic(stopMarshal{err})
		}
		w.nextCheck = len(w.buf) + ctxCheckBytes
	}
	start := 0
	for i := 0; i < len(p); i++ {
		esc, n := "", 1
		switch c := p[i]; {
		case c == '<':
			esc = `\u003c`
		case c == '>':
			esc = `\u003e`
		case c == '&':
			esc = `\u0026`
		case c == 0xE2 && i+2 < len(p) && p[i+1] == 0x80 && p[i+2] == 0xA8:
			esc, n = `\u2028`, 3
		case c == 0xE2 && i+2 < len(p) && p[i+1] == 0x80 && p[i+2] == 0xA9:
			esc, n = `\u2029`, 3
		default:
			continue
		}
		w.append(p[start:i])
		w.append([]byte(esc))
		i += n - 1
		start = i + 1
	}
	w.append(p[start:])
	return len(p), nil
}

func (w *boundedWriter) append(p []byte) {
	if len(w.buf)+len(p) > w.limit {
		panic(stopMarshal{errAnswerTooLarge})
	}
	w.buf = append(w.buf, p...)
}

func (w *boundedWriter) WriteString(s string) { w.Write([]byte(s)) }

// encodeAnswer marshals resp, with the data left in slot when there is
// one, into at most limit bytes. It fails with errAnswerTooLarge past the
// limit, and with ctx's error once ctx is done (unless the operation is a
// mutation: its changes are made, so its answer, bounded by the limit, is
// sent whatever the time). Either way the partial answer is dropped.
func encodeAnswer(ctx context.Context, resp *graphql.Response, slot *answerSlot, limit int, mutation bool) (body []byte, err error) {
	if resp == nil {
		// The executor answers nothing when the context ended before it ran.
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return nil, context.Canceled
	}
	w := &boundedWriter{limit: limit}
	if !mutation {
		w.ctx = ctx
	}
	defer func() {
		if v := recover(); v != nil {
			stop, ok := v.(stopMarshal)
			if !ok {
				panic(v)
			}
			body, err = nil, stop.err
		}
	}()
	w.WriteString("{")
	if len(resp.Errors) > 0 {
		b, err := json.Marshal(resp.Errors)
		if err != nil {
			return nil, err
		}
		w.WriteString(`"errors":`)
		w.Write(b)
		w.WriteString(",")
	}
	w.WriteString(`"data":`)
	switch {
	case slot != nil && slot.data != nil:
		slot.data.MarshalGQL(w)
	case len(resp.Data) > 0:
		w.Write(resp.Data)
	default:
		w.WriteString("null")
	}
	tail, err := json.Marshal(struct {
		Label      string         `json:"label,omitempty"`
		Path       ast.Path       `json:"path,omitempty"`
		HasNext    *bool          `json:"hasNext,omitempty"`
		Extensions map[string]any `json:"extensions,omitempty"`
	}{resp.Label, resp.Path, resp.HasNext, resp.Extensions})
	if err != nil {
		return nil, err
	}
	if len(tail) > 2 {
		w.WriteString(",")
		w.Write(tail[1 : len(tail)-1])
	}
	w.WriteString("}")
	return w.buf, nil
}

// answerRefusal is the answer to an operation that ran but whose answer
// is not sent: data null and one error, no partial data.
func answerRefusal(err error, limit int, mutation bool) (Code, []byte) {
	code, msg := ErrorCode(err)
	if errors.Is(err, errAnswerTooLarge) {
		code = CodeResponseTooLarge
		msg = fmt.Sprintf("the answer is larger than the limit of %d bytes; ask for less (a smaller first, fewer fields)", limit)
	}
	if mutation {
		msg += " (the mutation's changes were made)"
	}
	body, _ := json.Marshal(struct {
		Errors gqlerror.List `json:"errors"`
		Data   any           `json:"data"`
	}{gqlerror.List{{Message: msg, Extensions: map[string]any{"code": string(code)}}}, nil})
	return code, body
}

// etag is the ETag of an answer: a hash of its bytes.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}
