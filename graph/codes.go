package graph

import (
	"context"
	"net/http"

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

	CodeBadRequest             Code = "BAD_REQUEST"
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
	// Status is the HTTP status of a response that fails with this code.
	// Errors of GraphQL execution leave it at 200, beside any partial data.
	Status int
	// Meaning says in one line what the code means; the README and the
	// schema's description list it (TestCodesAreDocumented).
	Meaning string
}

// Codes is the table of every error code, the one place that maps domain
// errors (ErrorCode, which tries the rows in order), HTTP statuses
// (HTTPStatus) and documentation.
var Codes = []CodeInfo{
	{Code: CodeBadUserInput, Err: actorgraph.ErrInvalid, Status: http.StatusOK,
		Meaning: "An argument breaks a rule; `extensions.field` names it when known."},
	{Code: CodeNotFound, Err: actorgraph.ErrNotFound, Status: http.StatusOK,
		Meaning: "The named actor or relationship does not exist."},
	{Code: CodeConflict, Err: actorgraph.ErrConflict, Status: http.StatusOK,
		Meaning: "The write clashes with stored data (a duplicate id, an actor that still has relationships)."},
	{Code: CodeUnauthenticated, Err: actorgraph.ErrUnauthenticated, Status: http.StatusOK,
		Meaning: "A mutation without a valid `Authorization: Bearer` token."},
	{Code: CodeForbidden, Err: actorgraph.ErrForbidden, Status: http.StatusOK,
		Meaning: "Not allowed: the server is read-only (no API token is set)."},
	{Code: CodeUnavailable, Err: actorgraph.ErrUnavailable, Message: "the store is unavailable; try again later", Status: http.StatusOK,
		Meaning: "The store cannot be reached right now; retry later."},
	{Code: CodeTimeout, Err: context.DeadlineExceeded, Message: "the request took longer than its time limit and was cancelled", Status: http.StatusOK,
		Meaning: "The request ran past its time limit, or was cancelled, and was stopped."},
	{Code: CodeInternal, Status: http.StatusInternalServerError,
		Meaning: "An unexpected error; the log has the detail, with the request id (a failed field leaves the status at 200)."},

	{Code: CodePageSizeExceeded, Status: http.StatusOK,
		Meaning: "`first` (or `k`) is above the page size limit."},
	{Code: CodeMaxHopsExceeded, Status: http.StatusOK,
		Meaning: "`maxHops` is above the path length limit."},
	{Code: CodeDepthExceeded, Status: http.StatusOK,
		Meaning: "A neighborhood `depth` is above the limit."},
	{Code: CodeQueryTooDeep, Status: http.StatusOK,
		Meaning: "The selections nest deeper than the limit."},
	{Code: CodeTooManyAliases, Status: http.StatusOK,
		Meaning: "The operation uses more aliases than the limit."},
	{Code: CodeTooManyTokens, Status: http.StatusUnprocessableEntity,
		Meaning: "The query has more tokens than the parser's limit."},
	{Code: CodeComplexityExceeded, Status: http.StatusOK,
		Meaning: "The query's complexity (list fields count their page size) is above the limit."},
	{Code: CodeRequestTooLarge, Status: http.StatusRequestEntityTooLarge,
		Meaning: "The request body is larger than the limit."},

	{Code: CodeBadRequest, Status: http.StatusBadRequest,
		Meaning: "The request body could not be read."},
	{Code: CodeParseFailed, Status: http.StatusUnprocessableEntity,
		Meaning: "The query is not valid GraphQL."},
	{Code: CodeValidationFailed, Status: http.StatusUnprocessableEntity,
		Meaning: "The query or its variables do not fit the schema (an unknown field or enum value)."},
	{Code: CodePersistedQueryNotFound, Status: http.StatusOK,
		Meaning: "The persisted query's hash is unknown; send the query with it once."},
}

// HTTPStatus returns the HTTP status of a response that fails with c as a
// whole (500 for a code not in Codes).
func (c Code) HTTPStatus() int {
	for _, info := range Codes {
		if info.Code == c {
			return info.Status
		}
	}
	return http.StatusInternalServerError
}
