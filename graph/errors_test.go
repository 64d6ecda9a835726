package graph

import (
	"context"
	"fmt"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

func TestErrorCodeTable(t *testing.T) {
	tests := []struct {
		err         error
		code        Code
		hideMessage bool
	}{
		{actorgraph.NotFound("actor", "x"), CodeNotFound, false},
		{actorgraph.Invalid("name", "must not be empty"), CodeBadUserInput, false},
		{fmt.Errorf("wrapped: %w", actorgraph.ErrConflict), CodeConflict, false},
		{fmt.Errorf("%w: no header", actorgraph.ErrUnauthenticated), CodeUnauthenticated, false},
		{fmt.Errorf("%w: read-only", actorgraph.ErrForbidden), CodeForbidden, false},
		{fmt.Errorf("%w: bolt://10.0.0.1 refused", actorgraph.ErrUnavailable), CodeUnavailable, true},
		{fmt.Errorf("query: %w", context.DeadlineExceeded), CodeTimeout, true},
		{fmt.Errorf("query: %w", context.Canceled), CodeTimeout, true},
		{&actorgraph.LimitError{Code: string(CodePageSizeExceeded), Message: "too big"}, CodePageSizeExceeded, false},
		{fmt.Errorf("open /secret/path: permission denied"), CodeInternal, true},
	}
	for _, tt := range tests {
		code, msg := ErrorCode(tt.err)
		if code != tt.code {
			t.Errorf("ErrorCode(%v) code = %s, want %s", tt.err, code, tt.code)
		}
		if tt.hideMessage && msg == tt.err.Error() {
			t.Errorf("ErrorCode(%v) leaks the internal message", tt.err)
		}
	}
}
