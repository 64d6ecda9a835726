package graph

import (
	"context"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql/errcode"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Code is an error code clients see in extensions.code. The strings are
// part of the API: never change one.
type Code string

// The codes, in the order of Codes.
const (
	CodeBadUserInput    Code = "BAD_USER_INPUT"
	CodeNotFound        Code = "NOT_FOUND"
	CodeConflict        Code = "CONFLICT"
	CodeUnauthenticated Code = "UNAUTHENTICATED"
	CodeForbidden       Code = "FORBIDDEN"
	CodeUnavailable     Code = "UNAVAILABLE"
	CodeTimeout         Code = "TIMEOUT"
	CodeInternal        Code = "INTERNAL"

	CodePageSizeExceeded   Code = "PAGE_SIZE_EXCEEDED"
	CodeMaxHopsExceeded    Code = "MAX_HOPS_EXCEEDED"
	CodeDepthExceeded      Code = "DEPTH_EXCEEDED"
	CodeQueryTooDeep       Code = "QUERY_TOO_DEEP"
	CodeTooManyAliases     Code = "TOO_MANY_ALIASES"
	CodeTooManyTokens      Code = "TOO_MANY_TOKENS"
	CodeComplexityExceeded Code = "COMPLEXITY_LIMIT_EXCEEDED" // set by gqlgen's extension.FixedComplexityLimit
	CodeRequestTooLarge    Code = "REQUEST_TOO_LARGE"
	CodeWriteTooLarge      Code = "WRITE_TOO_LARGE"
	CodeResponseTooLarge   Code = "RESPONSE_TOO_LARGE"
	CodeRateLimited        Code = "RATE_LIMITED"
	CodeOverloaded         Code = "OVERLOADED"
	CodeExportTooLarge     Code = "EXPORT_TOO_LARGE"

	CodeBadRequest             Code = "BAD_REQUEST"
	CodeMethodNotAllowed       Code = "METHOD_NOT_ALLOWED"
	CodeNotAcceptable          Code = "NOT_ACCEPTABLE"
	CodeUnsupportedMediaType   Code = "UNSUPPORTED_MEDIA_TYPE"
	CodeParseFailed            Code = errcode.ParseFailed
	CodeValidationFailed       Code = errcode.ValidationFailed
	CodePersistedQueryNotFound Code = "PERSISTED_QUERY_NOT_FOUND" // set by gqlgen's extension.AutomaticPersistedQuery
)

// CodeInfo is one row of Codes.
type CodeInfo struct {
	Code Code
	// Err is the error ErrorCode reports with this code (errors.Is); nil
	// for codes set elsewhere: by a LimitError's Code, the limits, gqlgen
	// or the HTTP middleware.
	Err error
	// Message replaces the error's text for the client; empty to show it.
	Message string
	// Stage says when the code is given, which sets the HTTP status.
	Stage Stage
	// Status is the HTTP status of a Refused code.
	Status int
	// Meaning says in one line what the code means; the README and the
	// schema's description list it (TestCodesAreDocumented).
	Meaning string
}

// Stage is when in a request an error arises; it sets the HTTP status of
// the answer (GraphQL over HTTP).
type Stage int

// The stages.
const (
	// Running: a field failed while the operation ran. The answer is 200,
	// with the data that could be had (null where the field failed).
	Running Stage = iota
	// BeforeRunning: the operation could not run (parse, validation,
	// variables, a limit checked first). The answer has no data: 200 as
	// application/json, 400 as application/graphql-response+json.
	BeforeRunning
	// RunningOrBefore: either of the two, depending on where the input
	// broke the rule (a variable of the wrong type is found before running).
	RunningOrBefore
	// Refused: the HTTP request was refused before GraphQL saw it, with
	// Status whatever the media type.
	Refused
)

// Statuses returns the HTTP status of an answer failing with the code, as
// application/json and as application/graphql-response+json, as the docs
// write them.
func (c CodeInfo) Statuses() (json, graphqlResponse string) {
	switch c.Stage {
	case BeforeRunning:
		return "200", "400"
	case RunningOrBefore:
		return "200", "200 (400 before running)"
	case Refused:
		s := strconv.Itoa(c.Status)
		return s, s
	}
	return "200", "200"
}

// Codes is the table of every error code, the one place that maps domain
// errors (ErrorCode, which tries the rows in order), HTTP statuses
// (HTTPStatus) and documentation.
var Codes = []CodeInfo{
	{Code: CodeBadUserInput, Err: actorgraph.ErrInvalid, Stage: RunningOrBefore,
		Meaning: "An argument breaks a rule; `extensions.field` names it when known."},
	{Code: CodeNotFound, Err: actorgraph.ErrNotFound, Stage: Running,
		Meaning: "The named actor or relationship does not exist."},
	{Code: CodeConflict, Err: actorgraph.ErrConflict, Stage: Running,
		Meaning: "The write clashes with stored data (a duplicate id, an actor that still has relationships)."},
	{Code: CodeUnauthenticated, Err: actorgraph.ErrUnauthenticated, Stage: RunningOrBefore,
		Meaning: "No valid `Authorization: Bearer` token where one is needed (a mutation; any operation with read auth required); the message says why (expired, wrong signature, wrong audience, …)."},
	{Code: CodeForbidden, Err: actorgraph.ErrForbidden, Stage: RunningOrBefore,
		Meaning: "Not allowed: the token lacks the role needed (the message names it), or the server is read-only (no API token or JWT key is set)."},
	{Code: CodeUnavailable, Err: actorgraph.ErrUnavailable, Message: "the store is unavailable; try again later", Stage: Running,
		Meaning: "The store cannot be reached right now; retry later."},
	{Code: CodeTimeout, Err: context.DeadlineExceeded, Message: "the request took longer than its time limit and was cancelled", Stage: Running,
		Meaning: "The request ran past its time limit, or was cancelled, and was stopped."},
	{Code: CodeInternal, Stage: Refused, Status: http.StatusInternalServerError,
		Meaning: "An unexpected error; the log has the detail, with the request id (a failed field leaves the status at 200)."},

	{Code: CodePageSizeExceeded, Stage: Running,
		Meaning: "`first` (or `k`) is above the page size limit."},
	{Code: CodeMaxHopsExceeded, Stage: Running,
		Meaning: "`maxHops` is above the path length limit."},
	{Code: CodeDepthExceeded, Stage: Running,
		Meaning: "A neighborhood `depth` is above the limit."},
	{Code: CodeQueryTooDeep, Stage: BeforeRunning,
		Meaning: "The selections nest deeper than the limit."},
	{Code: CodeTooManyAliases, Stage: BeforeRunning,
		Meaning: "The operation uses more aliases than the limit."},
	{Code: CodeTooManyTokens, Stage: BeforeRunning,
		Meaning: "The query has more tokens than the parser's limit."},
	{Code: CodeComplexityExceeded, Stage: BeforeRunning,
		Meaning: "The query's complexity (list fields count their page size) is above the limit."},
	{Code: CodeWriteTooLarge, Err: actorgraph.ErrWriteTooLarge, Stage: Running,
		Meaning: "A cascading `deleteActor` or a `mergeActors` would change more relationships than the write limit; nothing was changed."},
	{Code: CodeRequestTooLarge, Stage: Refused, Status: http.StatusRequestEntityTooLarge,
		Meaning: "The request body is larger than the limit."},
	// The operation ran; its answer is refused. The request was valid
	// (not 4xx) and the server did not fail (not 5xx), so the answer is
	// 200 with data null, as when an error nulls the root: GraphQL over
	// HTTP allows 200 with data null for both media types.
	{Code: CodeResponseTooLarge, Stage: Running,
		Meaning: "The answer is larger than the response size limit and was not sent (`data` is null; a mutation's changes were made); ask for less."},
	{Code: CodeOverloaded, Stage: Running,
		Meaning: "A costly operation waited its whole time limit for one of the slots costly operations run in (`data` is null); retry, or ask for less."},
	// /export only: the query ran and its answer names more records than
	// an export may hold; nothing is sent but the error.
	{Code: CodeExportTooLarge, Stage: Refused, Status: http.StatusUnprocessableEntity,
		Meaning: "`/export` only: the answer names more actors and relationships than the export limit (`-max-export-records`); nothing was exported; ask for less."},
	{Code: CodeRateLimited, Stage: Refused, Status: http.StatusTooManyRequests,
		Meaning: "Too many requests from this client (counted by its accepted bearer token, else its address); retry after the seconds in `Retry-After`."},

	{Code: CodeBadRequest, Stage: Refused, Status: http.StatusBadRequest,
		Meaning: "The request is not a GraphQL request: an unreadable or non-JSON body, no query, a parameter of the wrong JSON type, or a batch (one operation per request)."},
	{Code: CodeMethodNotAllowed, Stage: Refused, Status: http.StatusMethodNotAllowed,
		Meaning: "A mutation sent with GET; send it with POST."},
	{Code: CodeNotAcceptable, Stage: Refused, Status: http.StatusNotAcceptable,
		Meaning: "The `Accept` header allows neither `application/graphql-response+json` nor `application/json`."},
	{Code: CodeUnsupportedMediaType, Stage: Refused, Status: http.StatusUnsupportedMediaType,
		Meaning: "A POST body that is not `application/json` (in utf-8)."},
	{Code: CodeParseFailed, Stage: BeforeRunning,
		Meaning: "The query is not valid GraphQL."},
	{Code: CodeValidationFailed, Stage: BeforeRunning,
		Meaning: "The query or its variables do not fit the schema (an unknown field or enum value), or it asks for `__schema` or `__type` while introspection is off."},
	{Code: CodePersistedQueryNotFound, Stage: BeforeRunning,
		Meaning: "The persisted query's hash is unknown; send the query with it once."},
}

// HTTPStatus returns the HTTP status of an answer refused with c before
// GraphQL saw the request: the Status of a Refused code, 500 for another.
func (c Code) HTTPStatus() int {
	for _, info := range Codes {
		if info.Code == c && info.Stage == Refused {
			return info.Status
		}
	}
	return http.StatusInternalServerError
}
