package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// The error codes clients see in extensions.code. Limit codes come from
// actorgraph.LimitError values and the limit extensions.
const (
	CodeNotFound        = "NOT_FOUND"
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeConflict        = "CONFLICT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeUnavailable     = "UNAVAILABLE"
	CodeTimeout         = "TIMEOUT"
	CodeInternal        = "INTERNAL"
	CodeTooManyTokens   = "TOO_MANY_TOKENS"
)

// ErrorCode maps an error to its client-facing code and message, the one
// table between domain errors and GraphQL. Messages of internal errors are
// replaced, so no driver text or file path reaches a client.
func ErrorCode(err error) (code, message string) {
	var fe *actorgraph.FieldError
	var le *actorgraph.LimitError
	switch {
	case errors.As(err, &le):
		return le.Code, le.Message
	case errors.As(err, &fe):
		return CodeBadUserInput, fe.Error()
	case errors.Is(err, actorgraph.ErrInvalid):
		return CodeBadUserInput, err.Error()
	case errors.Is(err, actorgraph.ErrNotFound):
		return CodeNotFound, err.Error()
	case errors.Is(err, actorgraph.ErrConflict):
		return CodeConflict, err.Error()
	case errors.Is(err, actorgraph.ErrUnauthenticated):
		return CodeUnauthenticated, err.Error()
	case errors.Is(err, actorgraph.ErrForbidden):
		return CodeForbidden, err.Error()
	case errors.Is(err, actorgraph.ErrUnavailable):
		return CodeUnavailable, "the store is unavailable; try again later"
	case errors.Is(err, context.DeadlineExceeded):
		return CodeTimeout, "the request took longer than its time limit and was cancelled"
	case errors.Is(err, context.Canceled):
		return CodeTimeout, "the request was cancelled"
	}
	return CodeInternal, "internal error"
}

// errorPresenter turns every error into a gqlerror with extensions.code.
// Errors gqlgen already coded (parse, validation, complexity) keep their
// code; the parser's token limit gets its own. Internal and unavailable
// errors are passed to logInternal with their real text.
func errorPresenter(observe func(code string), logInternal func(ctx context.Context, err error)) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) && gerr.Err == nil {
			// An error gqlgen made itself (parse, validation, limits).
			out := *gerr
			if strings.HasPrefix(out.Message, "exceeded token limit") {
				errcode.Set(&out, CodeTooManyTokens)
			}
			if out.Extensions == nil || out.Extensions["code"] == nil {
				errcode.Set(&out, CodeBadUserInput)
			}
			observe(fmt.Sprint(out.Extensions["code"]))
			return &out
		}
		code, msg := ErrorCode(err)
		if code == CodeInternal || code == CodeUnavailable {
			logInternal(ctx, err)
		}
		out := &gqlerror.Error{Message: msg, Path: graphql.GetPath(ctx)}
		if gerr != nil {
			out.Path, out.Locations = gerr.Path, gerr.Locations
		}
		out.Extensions = map[string]any{"code": code}
		var fe *actorgraph.FieldError
		if errors.As(err, &fe) {
			out.Extensions["field"] = fe.Field
		}
		observe(code)
		return out
	}
}
