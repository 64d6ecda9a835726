package graph

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The media types of a GraphQL answer (GraphQL over HTTP).
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// httpTransport serves GraphQL over HTTP as the GraphQL-over-HTTP
// specification asks (its audit suite, graphql-http, passes every check):
//
//   - GET (queries only: another operation is 405) and POST with an
//     application/json body (another media type is 415);
//   - the answer's media type follows Accept: application/graphql-response+json
//     or application/json (the default when Accept is absent or allows
//     anything); neither is 406;
//   - a request that cannot run (invalid parameters, a batch, a parse,
//     validation or variable error, a limit checked before running) has no
//     data entry, and answers 400 as graphql-response+json, 200 as
//     application/json; a request that ran answers 200, beside any
//     field errors. An answer is written into a buffer capped at maxBytes
//     and checked against the request's deadline as it grows: past
//     either it is dropped for data null and one RESPONSE_TOO_LARGE or
//     TIMEOUT error, still 200 (the request was valid and ran; see
//     CodeResponseTooLarge);
//   - a GET query's answer carries an ETag and the configured
//     Cache-Control, and a matching If-None-Match answers 304.
type httpTransport struct {
	cacheControl string
	// varyAuthorization: answers depend on the Authorization header (read
	// auth is required), so caches must key on it.
	varyAuthorization bool
	// maxBytes caps the bytes of an answer (RESPONSE_TOO_LARGE past it).
	maxBytes int
	// observe counts the refusals' codes, as the error presenter counts
	// the GraphQL errors'.
	observe func(code string)
	// maxQueryBytes caps the query text (0: no cap).
	maxQueryBytes int
}

var _ graphql.Transport = httpTransport{}

func (httpTransport) Supports(r *http.Request) bool {
	return r.Header.Get("Upgrade") == "" && (r.Method == http.MethodGet || r.Method == http.MethodPost)
}

// requestError is a refusal before the operation runs, with its status.
type requestError struct {
	status int
	code   Code
	msg    string
}

func (e *requestError) Error() string { return e.msg }

func refuse(status int, code Code, format string, args ...any) *requestError {
	return &requestError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media, ok := negotiate(r.Header.Values("Accept"))
	if !ok {
		t.reject(w, mediaJSON, refuse(http.StatusNotAcceptable, CodeNotAcceptable,
			"the Accept header allows neither %s nor %s", mediaGraphQLResponse, mediaJSON))
		return
	}
	start := graphql.Now()
	params, rerr := readParams(r)
	if rerr == nil && t.maxQueryBytes > 0 && len(params.Query) > t.maxQueryBytes {
		// The parsed-query and persisted-query caches keep the text:
		// bounding it bounds them.
		rerr = refuse(http.StatusRequestEntityTooLarge, CodeRequestTooLarge,
			"the query text is %d bytes, more than the limit of %d (-max-query-bytes)", len(params.Query), t.maxQueryBytes)
	}
	if rerr != nil {
		t.reject(w, media, rerr)
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}
	rc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		status := http.StatusOK
		if media == mediaGraphQLResponse {
			status = http.StatusBadRequest
		}
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs)
		writeAnswer(w, media, status, errorsOnly(resp))
		return
	}
	if r.Method == http.MethodGet {
		if op := rc.Doc.Operations.ForName(rc.OperationName); op == nil || op.Operation != ast.Query {
			w.Header().Set("Allow", "POST")
			t.reject(w, media, refuse(http.StatusMethodNotAllowed, CodeMethodNotAllowed,
				"GET runs queries only; send a %s with POST", operationKind(op)))
			return
		}
	}
	slot := &answerSlot{}
	responses, ctx := exec.DispatchOperation(withAnswerSlot(ctx, slot), rc)
	mutation := rc.Operation != nil && rc.Operation.Operation == ast.Mutation
	body, err := encodeAnswer(ctx, responses(ctx), slot, t.maxBytes, mutation)
	slot.data = nil // the resolved tree is garbage from here on
	if err != nil {
		code, refusal := answerRefusal(err, t.maxBytes, mutation)
		if code == CodeInternal {
			t.reject(w, media, refuse(http.StatusInternalServerError, CodeInternal, "internal error"))
			return
		}
		t.observe(string(code))
		w.Header().Set("Content-Type", media+"; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		w.Write(refusal)
		return
	}
	if r.Method == http.MethodGet {
		t.cacheHeaders(w, r, body)
		if etagMatches(r.Header.Get("If-None-Match"), w.Header().Get("ETag")) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// cacheHeaders sets the ETag of a GET answer (a hash of its bytes) and the
// configured Cache-Control. The answer depends on Accept (its media type),
// so caches must key on it too.
func (t httpTransport) cacheHeaders(w http.ResponseWriter, r *http.Request, body []byte) {
	w.Header().Set("ETag", etag(body))
	w.Header().Add("Vary", "Accept")
	if t.varyAuthorization {
		w.Header().Add("Vary", "Authorization")
	}
	switch {
	case r.Header.Get("Authorization") != "":
		// An answer to a token (an admin's audit trail) is the caller's
		// own: no shared cache may keep it, whatever -cache-control says.
		w.Header().Set("Cache-Control", "private, no-store")
		if !t.varyAuthorization {
			w.Header().Add("Vary", "Authorization")
		}
	case t.cacheControl != "":
		w.Header().Set("Cache-Control", t.cacheControl)
	}
}

// etagMatches reports whether an If-None-Match header names etag (or is *).
func etagMatches(header, etag string) bool {
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
		if tag == "*" || (tag != "" && tag == etag) {
			return true
		}
	}
	return false
}

func operationKind(op *ast.OperationDefinition) string {
	if op == nil {
		return "operation"
	}
	return string(op.Operation)
}

// negotiate picks the answer's media type from the Accept headers: the
// first of graphql-response+json and json the client lists (with a
// non-zero q), json when it sends none or allows any type.
func negotiate(accept []string) (string, bool) {
	if len(accept) == 0 {
		return mediaJSON, true
	}
	best, bestQ := "", 0.0
	for _, header := range accept {
		for _, part := range strings.Split(header, ",") {
			mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
			if err != nil {
				continue
			}
			q := 1.0
			if v, ok := params["q"]; ok {
				if _, err := fmt.Sscanf(v, "%g", &q); err != nil {
					continue
				}
			}
			var offer string
			switch mt {
			case mediaGraphQLResponse, mediaJSON:
				offer = mt
			case "application/*", "*/*":
				offer = mediaJSON
			default:
				continue
			}
			if q > bestQ {
				best, bestQ = offer, q
			}
		}
	}
	return best, bestQ > 0
}

// readParams reads the request's GraphQL parameters: from the URL of a
// GET, from the JSON body of a POST.
func readParams(r *http.Request) (*graphql.RawParams, *requestError) {
	if r.Method == http.MethodGet {
		return paramsFromURL(r.URL.Query())
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != mediaJSON {
		return nil, refuse(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType,
			"POST a %s body (Content-Type %q)", mediaJSON, r.Header.Get("Content-Type"))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return nil, refuse(http.StatusUnsupportedMediaType, CodeUnsupportedMediaType, "the body must be utf-8, not %s", cs)
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, refuse(http.StatusBadRequest, CodeBadRequest, "could not read the request body")
	}
	if trimmed := bytes.TrimSpace(body); len(trimmed) > 0 && trimmed[0] == '[' {
		return nil, refuse(http.StatusBadRequest, CodeBadRequest, "batched requests are not supported: send one operation per request")
	}
	var raw struct {
		Query         json.RawMessage `json:"query"`
		OperationName json.RawMessage `json:"operationName"`
		Variables     json.RawMessage `json:"variables"`
		Extensions    json.RawMessage `json:"extensions"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, refuse(http.StatusBadRequest, CodeBadRequest, "the body is not a JSON object: %v", err)
	}
	p := &graphql.RawParams{}
	if err := decodeParam("query", raw.Query, &p.Query); err != nil {
		return nil, err
	}
	if err := decodeParam("operationName", raw.OperationName, &p.OperationName); err != nil {
		return nil, err
	}
	if err := decodeParam("variables", raw.Variables, &p.Variables); err != nil {
		return nil, err
	}
	if err := decodeParam("extensions", raw.Extensions, &p.Extensions); err != nil {
		return nil, err
	}
	return p, checkQuery(p)
}

// paramsFromURL reads a GET request's parameters; variables and
// extensions are JSON in the URL.
func paramsFromURL(q url.Values) (*graphql.RawParams, *requestError) {
	p := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
	for name, dst := range map[string]*map[string]any{"variables": &p.Variables, "extensions": &p.Extensions} {
		if v := q.Get(name); v != "" {
			if err := decodeParam(name, json.RawMessage(v), dst); err != nil {
				return nil, err
			}
		}
	}
	return p, checkQuery(p)
}

// decodeParam decodes one parameter, null or absent leaving it empty; a
// value of the wrong JSON type is 400.
func decodeParam(name string, v json.RawMessage, dst any) *requestError {
	if len(v) == 0 || string(v) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return refuse(http.StatusBadRequest, CodeBadRequest, "%s must be a JSON %s", name, paramType(name))
		}
		return refuse(http.StatusBadRequest, CodeBadRequest, "%s is not valid JSON", name)
	}
	return nil
}

func paramType(name string) string {
	if name == "query" || name == "operationName" {
		return "string"
	}
	return "object"
}

// checkQuery refuses a request with no query, unless it names a persisted
// query by hash.
func checkQuery(p *graphql.RawParams) *requestError {
	if p.Query == "" && p.Extensions["persistedQuery"] == nil {
		return refuse(http.StatusBadRequest, CodeBadRequest, "the request has no query")
	}
	return nil
}

// errorsOnly is a failed request's answer: its errors, and no data entry.
func errorsOnly(resp *graphql.Response) any {
	return struct {
		Errors     gqlerror.List  `json:"errors"`
		Extensions map[string]any `json:"extensions,omitempty"`
	}{resp.Errors, resp.Extensions}
}

func writeAnswer(w http.ResponseWriter, media string, status int, v any) {
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// reject answers a request refused before GraphQL ran it.
func (t httpTransport) reject(w http.ResponseWriter, media string, e *requestError) {
	t.observe(string(e.code))
	writeAnswer(w, media, e.status, RefusalBody(e.code, e.msg))
}

// RefusalBody is the body of an answer refused outside GraphQL execution
// (by the transport or the HTTP middleware): one error with its code.
func RefusalBody(code Code, msg string) any {
	return map[string]any{"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}}}
}
