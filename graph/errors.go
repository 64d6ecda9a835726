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

// ErrorCode maps an error to its client-facing code and message through
// the table Codes. Messages of internal errors are replaced, so no driver
// text or file path reaches a client.
func ErrorCode(err error) (code Code, message string) {
	var le *actorgraph.LimitError
	var fe *actorgraph.FieldError
	switch {
	case errors.As(err, &le):
		return Code(le.Code), le.Message
	case errors.As(err, &fe):
		return CodeBadUserInput, fe.Error()
	}
	for _, c := range Codes {
		if c.Err == nil || !errors.Is(err, c.Err) {
			continue
		}
		if c.Message != "" {
			return c.Code, c.Message
		}
		return c.Code, err.Error()
	}
	if errors.Is(err, context.Canceled) {
		// The client went away or the server is stopping: not a fault.
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
				errcode.Set(&out, string(CodeTooManyTokens))
			}
			if out.Extensions == nil || out.Extensions["code"] == nil {
				errcode.Set(&out, string(CodeBadUserInput))
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
		out.Extensions = map[string]any{"code": string(code)}
		var fe *actorgraph.FieldError
		if errors.As(err, &fe) {
			out.Extensions["field"] = fe.Field
		}
		observe(string(code))
		return out
	}
}
