package graph

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	gqlast "github.com/vektah/gqlparser/v2/ast"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// names returns the GraphQL names of a domain enum's values: the values
// themselves, as gqlgen.yml binds them.
func names[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}

// evidenceKindNames maps the evidence kinds to GraphQL names as the
// enum_values of gqlgen.yml do: the zero value VerbatimQuote is QUOTE.
func evidenceKindNames() []string {
	out := names(actorgraph.EvidenceKinds)
	for i, k := range actorgraph.EvidenceKinds {
		if k == actorgraph.VerbatimQuote {
			out[i] = "QUOTE"
		}
	}
	return out
}

// TestEnumsMatchDomain: every enum of the schema is bound to a domain type
// (gqlgen.yml) rather than generated into graph/model, and lists exactly
// that type's values, so a value added on one side only fails here.
func TestEnumsMatchDomain(t *testing.T) {
	domain := map[string][]string{
		"ActorKind":        names(actorgraph.ActorKinds),
		"RelationshipType": names(actorgraph.RelationshipTypes),
		"Modality":         names(actorgraph.Modalities),
		"Direction":        names(actorgraph.Directions),
		"EvidenceKind":     evidenceKindNames(),
		"PathWeight":       names(actorgraph.Weights),
		"Source":           names(actorgraph.Sources),
		"ResolutionRule":   names(actorgraph.ResolutionRules),
		"Truncation":       names(actorgraph.Truncations),
		"ChangeOp":         names(actorgraph.ChangeOps),
	}
	schema := mustLoadSchema(t)
	var enums []string
	for name, def := range schema.Types {
		if def.Kind == gqlast.Enum && !def.BuiltIn {
			enums = append(enums, name)
		}
	}
	slices.Sort(enums)
	generated := mustGeneratedTypes(t)
	for _, name := range enums {
		t.Run(name, func(t *testing.T) {
			if generated[name] {
				t.Errorf("graph/model generates its own %s; bind the enum to its domain type in gqlgen.yml", name)
			}
			want, ok := domain[name]
			if !ok {
				t.Fatalf("enum %s has no domain type in this test; bind it in gqlgen.yml and list it here", name)
			}
			var got []string
			for _, v := range schema.Types[name].EnumValues {
				got = append(got, v.Name)
			}
			slices.Sort(got)
			want = slices.Sorted(slices.Values(want))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("enum %s values differ from the domain's (-domain +schema):\n%s", name, diff)
			}
		})
	}
	for name := range domain {
		if !slices.Contains(enums, name) {
			t.Errorf("the test lists %s, which is not an enum of the schema", name)
		}
	}
}

// mustLoadSchema parses and validates schema.graphqls.
func mustLoadSchema(tb testing.TB) *gqlast.Schema {
	tb.Helper()
	src, err := os.ReadFile("../schema.graphqls")
	if err != nil {
		tb.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&gqlast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		tb.Fatal(gerr)
	}
	return schema
}

// mustGeneratedTypes returns the names of the types gqlgen generated into
// graph/model.
func mustGeneratedTypes(tb testing.TB) map[string]bool {
	tb.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "model/models_gen.go", nil, parser.SkipObjectResolution)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]bool{}
	for _, decl := range f.Decls {
		if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.TYPE {
			for _, spec := range g.Specs {
				out[spec.(*ast.TypeSpec).Name.Name] = true
			}
		}
	}
	return out
}
