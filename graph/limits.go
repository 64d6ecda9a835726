package graph

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Limits bound what one request may ask for. Every limit has a default
// (DefaultLimits) and a setting (flags and env in internal/config).
type Limits struct {
	// DefaultPageSize is used when `first` is absent.
	DefaultPageSize int
	// MaxPageSize caps `first`; more is PAGE_SIZE_EXCEEDED.
	MaxPageSize int
	// MaxHops caps path searches; it is also the default maxHops.
	// More is MAX_HOPS_EXCEEDED.
	MaxHops int
	// MaxNeighborhoodDepth caps neighborhood depth; more is DEPTH_EXCEEDED.
	MaxNeighborhoodDepth int
	// MaxNodes caps the actors of a subgraph: a neighborhood's `limit`
	// when absent, and its largest value (a larger one is cut to it).
	MaxNodes int
	// MaxEdges caps the relationships of a subgraph; the walk stops
	// reading at the cap (Subgraph.truncatedBy says EDGE_LIMIT).
	MaxEdges int
	// MaxWriteRelationships caps the relationships one cascading delete
	// or merge may change; more is WRITE_TOO_LARGE, with nothing changed.
	MaxWriteRelationships int
	// MaxCostly is how many costly operations (complexity above
	// CheapComplexity) run at once; more wait for a slot until their time
	// limit, then answer OVERLOADED. Cheap operations never wait.
	MaxCostly, CheapComplexity int
	// MaxQueryDepth caps selection-set nesting; more is QUERY_TOO_DEEP.
	MaxQueryDepth int
	// MaxAliases caps aliased fields in one operation; more is TOO_MANY_ALIASES.
	MaxAliases int
	// MaxTokens caps the parser's tokens; more is TOO_MANY_TOKENS.
	MaxTokens int
	// MaxQueryBytes caps a query's text (comments count too); more is
	// REQUEST_TOO_LARGE. The query caches keep texts, so this bounds them.
	MaxQueryBytes int
	// MaxComplexity caps gqlgen's complexity score (list fields count
	// their page size); more is COMPLEXITY_LIMIT_EXCEEDED.
	MaxComplexity int
	// RequestTimeout bounds each request; past it the request is cancelled
	// with TIMEOUT.
	RequestTimeout time.Duration
}

// DefaultLimits are the limits a server starts with.
func DefaultLimits() Limits {
	return Limits{
		DefaultPageSize:       20,
		MaxPageSize:           100,
		MaxHops:               6,
		MaxNeighborhoodDepth:  3,
		MaxNodes:              500,
		MaxEdges:              2000,
		MaxWriteRelationships: 10000,
		// Four per CPU keeps the CPUs busy while some operations wait on
		// Neo4j; a page of 20 actors with their fields costs about 150,
		// the explorer's neighbourhood about 79,000.
		MaxCostly:       4 * runtime.GOMAXPROCS(0),
		CheapComplexity: 1000,
		MaxQueryDepth:   15,
		MaxAliases:      30,
		MaxTokens:       10000,
		MaxQueryBytes:   64 << 10,
		MaxComplexity:   100000,
		RequestTimeout:  10 * time.Second,
	}
}

// pageSize resolves `first` against the limits.
func (l Limits) pageSize(field string, first *int) (int, error) {
	if first == nil {
		return l.DefaultPageSize, nil
	}
	switch {
	case *first < 0:
		return 0, actorgraph.Invalid(field, "must not be negative")
	case *first > l.MaxPageSize:
		return 0, &actorgraph.LimitError{Code: string(CodePageSizeExceeded),
			Message: fmt.Sprintf("%s is %d, more than the page size limit of %d", field, *first, l.MaxPageSize)}
	}
	return *first, nil
}

// nodes resolves a neighborhood's `limit`: MaxNodes when absent, cut to
// MaxNodes when larger (the subgraph then says NODE_LIMIT if that cut
// something).
func (l Limits) nodes(limit *int) (int, error) {
	if limit == nil {
		return l.MaxNodes, nil
	}
	if *limit < 1 {
		return 0, actorgraph.Invalid("limit", "must be at least 1")
	}
	if l.MaxNodes > 0 {
		return min(*limit, l.MaxNodes), nil
	}
	return *limit, nil
}

// hops resolves `maxHops` against the limits.
func (l Limits) hops(maxHops *int) (int, error) {
	if maxHops == nil {
		return l.MaxHops, nil
	}
	switch {
	case *maxHops < 1:
		return 0, actorgraph.Invalid("maxHops", "must be at least 1")
	case *maxHops > l.MaxHops:
		return 0, &actorgraph.LimitError{Code: string(CodeMaxHopsExceeded),
			Message: fmt.Sprintf("maxHops is %d, more than the limit of %d", *maxHops, l.MaxHops)}
	}
	return *maxHops, nil
}

// depth resolves a neighborhood `depth` against the limits.
func (l Limits) depth(depth *int) (int, error) {
	d := 1
	if depth != nil {
		d = *depth
	}
	switch {
	case d < 0:
		return 0, actorgraph.Invalid("depth", "must not be negative")
	case d > l.MaxNeighborhoodDepth:
		return 0, &actorgraph.LimitError{Code: string(CodeDepthExceeded),
			Message: fmt.Sprintf("depth is %d, more than the limit of %d", d, l.MaxNeighborhoodDepth)}
	}
	return d, nil
}

// shapeLimit rejects operations nested too deeply or with too many
// aliases, before any resolver runs; and operations whose fragments expand
// to more selections than the complexity limit, before gqlgen counts their
// complexity: each selection costs at least 1, and a chain of fragments
// each spreading the next four times expands a 700-byte query to 67
// million selections, which took the complexity count 18 s (BENCHMARKS.md).
type shapeLimit struct {
	maxDepth, maxAliases int
	maxSelections        int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = shapeLimit{}

func (shapeLimit) ExtensionName() string                          { return "ShapeLimit" }
func (shapeLimit) Validate(schema graphql.ExecutableSchema) error { return nil }

func (s shapeLimit) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Doc.Operations.ForName(opCtx.OperationName)
	if op == nil {
		return nil
	}
	w := shapeWalker{doc: opCtx.Doc, visiting: map[string]bool{}, budget: s.maxSelections}
	depth := w.walk(op.SelectionSet, 1)
	if w.budget < 0 {
		err := gqlerror.Errorf("the query's fragments expand to more than %d selections, more than its complexity limit allows", s.maxSelections)
		errcode.Set(err, string(CodeComplexityExceeded))
		return err
	}
	if depth > s.maxDepth {
		err := gqlerror.Errorf("query depth %d exceeds the limit of %d", depth, s.maxDepth)
		errcode.Set(err, string(CodeQueryTooDeep))
		return err
	}
	if w.aliases > s.maxAliases {
		err := gqlerror.Errorf("query uses %d aliases, more than the limit of %d", w.aliases, s.maxAliases)
		errcode.Set(err, string(CodeTooManyAliases))
		return err
	}
	return nil
}

// shapeWalker measures depth and counts aliases, following fragments
// (a fragment cycle is invalid GraphQL and was rejected by validation; the
// visiting set guards anyway).
type shapeWalker struct {
	doc      *ast.QueryDocument
	aliases  int
	visiting map[string]bool
	// budget is how many more selections the walk may expand; below zero
	// it stops.
	budget int
}

func (w *shapeWalker) walk(set ast.SelectionSet, depth int) int {
	deepest := depth - 1
	for _, sel := range set {
		if w.budget--; w.budget < 0 {
			return deepest
		}
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Alias != "" && sel.Alias != sel.Name {
				w.aliases++
			}
			d := depth
			if len(sel.SelectionSet) > 0 {
				d = w.walk(sel.SelectionSet, depth+1)
			}
			deepest = max(deepest, d)
		case *ast.InlineFragment:
			deepest = max(deepest, w.walk(sel.SelectionSet, depth))
		case *ast.FragmentSpread:
			if w.visiting[sel.Name] {
				continue
			}
			frag := w.doc.Fragments.ForName(sel.Name)
			if frag == nil {
				continue
			}
			w.visiting[sel.Name] = true
			deepest = max(deepest, w.walk(frag.SelectionSet, depth))
			delete(w.visiting, sel.Name)
		}
	}
	return deepest
}
