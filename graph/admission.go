package graph

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// admission runs at most cap(slots) costly operations at once: those whose
// complexity is above cheap. A costly operation waits for a slot for most
// of its time limit, then answers OVERLOADED; a cheap one (a lookup, a small
// page) never waits, so a burst of costly requests neither grows the heap
// without bound nor delays the cheap requests behind it.
type admission struct {
	slots   chan struct{}
	cheap   int
	observe func(code string)
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
} = admission{}

func (admission) ExtensionName() string                          { return "Admission" }
func (admission) Validate(schema graphql.ExecutableSchema) error { return nil }

func (a admission) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	stats := extension.GetComplexityStats(ctx)
	if stats == nil || stats.Complexity <= a.cheap {
		return next(ctx)
	}
	// Wait the time left but a tenth of it (at least 100 ms): that last
	// part answers OVERLOADED before the time limit turns the answer
	// into TIMEOUT.
	wait := time.Hour
	if dl, ok := ctx.Deadline(); ok {
		left := time.Until(dl)
		wait = max(left-max(left/10, 100*time.Millisecond), 0)
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case a.slots <- struct{}{}:
	case <-timer.C:
		a.observe(string(CodeOverloaded))
		err := &gqlerror.Error{Message: fmt.Sprintf(
			"the server was running %d costly requests, as many as it runs at once, for this request's whole time limit (complexity %d); retry, or ask for less",
			cap(a.slots), stats.Complexity)}
		errcode.Set(err, string(CodeOverloaded))
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
	case <-ctx.Done():
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{gqlerror.Wrap(ctx.Err())}})
	}
	var once sync.Once
	release := func() { once.Do(func() { <-a.slots }) }
	respond := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		defer release()
		return respond(ctx)
	}
}
