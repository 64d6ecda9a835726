package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/internal/gdelt"
	"github.com/actorgraph/actorgraph/internal/gdelt/gdeltgen"
)

// The import command, run as a user would: a summary on stdout, each
// rejected line on stderr with its place, a strict run that fails and
// writes nothing, and a server that then finds a path between imported
// actors over HTTP.
func TestImportCommandEndToEnd(t *testing.T) {
	bin := mustBuild(t)
	data := t.TempDir()
	var rows bytes.Buffer
	if err := gdeltgen.Write(&rows, 500, 21, gdelt.Layout2); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(rows.String(), "\n"), "\n")
	lines = append(lines[:10], append([]string{"not\ta\tgdelt\tline"}, lines[10:]...)...)
	file := filepath.Join(t.TempDir(), "day.export.CSV")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (stdout, stderr string, err error) {
		cmd := exec.Command(bin, append([]string{"import", "-data", data, "-no-seed", "-log-format", "json"}, args...)...)
		cmd.Env = embeddedEnv()
		var o, e bytes.Buffer
		cmd.Stdout, cmd.Stderr = &o, &e
		err = cmd.Run()
		return o.String(), e.String(), err
	}

	out, errOut, err := run("-strict", file)
	if err == nil {
		t.Fatalf("strict import of a file with a bad line succeeded:\n%s", out)
	}
	if !strings.Contains(errOut, file+":11: 4 fields, want 57, 58 or 61") {
		t.Errorf("strict run does not name the bad line:\n%s", errOut)
	}
	if !strings.Contains(out, "0 imported") {
		t.Errorf("strict run summary = %q, want nothing imported", out)
	}

	out, errOut, err = run(file)
	if err != nil {
		t.Fatalf("import: %v\n%s\n%s", err, out, errOut)
	}
	summary := regexp.MustCompile(`import: 1 files, 501 read, (\d+) imported, (\d+) skipped, 1 rejected`)
	if !summary.MatchString(out) {
		t.Fatalf("summary = %q", out)
	}
	if !strings.Contains(errOut, `"msg":"rejected"`) || !strings.Contains(errOut, file+":11:") {
		t.Errorf("the rejected line is not reported with its place:\n%s", errOut)
	}
	again, _, err := run(file)
	if err != nil || summary.FindString(again) != summary.FindString(out) {
		t.Errorf("second import: %v, %q; want the same summary as %q", err, again, out)
	}

	p := mustStart(t, bin, data)
	first := p.graphql(t, `{ relationships(first: 50) { totalCount edges { node { id from { id } } } } }`, "")
	if !strings.Contains(first, `"id":"gdelt-`) {
		t.Fatalf("imported relationships not served: %s", first)
	}
	// Two actors two steps apart: the first relationship's source and an
	// actor its target reaches.
	resp := p.graphql(t, `{ actor(id: "`+firstActor(t, first)+`") { id relationships(direction: OUTGOING, first: 5) { edges { node { to { id relationships(direction: OUTGOING, first: 5) { edges { node { to { id } } } } } } } } } }`, "")
	ids := regexp.MustCompile(`"to":\{"id":"([a-z0-9-]+)"`).FindAllStringSubmatch(resp, -1)
	if len(ids) < 2 {
		t.Fatalf("no two-step neighbours: %s", resp)
	}
	target := ids[len(ids)-1][1]
	path := p.graphql(t, `{ shortestPath(from: "`+firstActor(t, first)+`", to: "`+target+`") { length nodes { id } evidenceChain { quote relationship { evidence { kind source } } } } }`, "")
	if !strings.Contains(path, `"length":`) || !strings.Contains(path, `"quote":"GDELT event`) || !strings.Contains(path, `"kind":"CODED_EVENT"`) {
		t.Errorf("no path with coded-event evidence between imported actors: %s", path)
	}
}

func firstActor(t *testing.T, resp string) string {
	t.Helper()
	m := regexp.MustCompile(`"from":\{"id":"([a-z0-9-]+)"`).FindStringSubmatch(resp)
	if m == nil {
		t.Fatalf("no source actor in %s", resp)
	}
	return m[1]
}
