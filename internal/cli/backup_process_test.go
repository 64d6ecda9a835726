package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// backup while the server runs goes through the server (which holds the
// data file locked); restore puts the copy in place for a new server.
func TestBackupCommandThroughTheRunningServer(t *testing.T) {
	bin := mustBuild(t)
	data := t.TempDir()
	const token = "admin-token"
	p := mustStart(t, bin, data, "ACTORGRAPH_API_TOKEN="+token)
	for i := range 5 {
		resp := p.graphql(t, fmt.Sprintf(`mutation { createActor(input: {id: "kept-%d", kind: GROUP, name: "Kept %d"}) { id } }`, i, i), token)
		if !strings.Contains(resp, fmt.Sprintf(`"kept-%d"`, i)) {
			t.Fatalf("write %d: %s", i, resp)
		}
	}
	cli := func(env []string, args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(embeddedEnv(), env...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		return out.String(), err
	}
	file := filepath.Join(t.TempDir(), "backup.db")

	// The data directory is locked: the command says to go through the server.
	out, err := cli(nil, "backup", "-data", data, "-o", file)
	if err == nil || !strings.Contains(out, "in use") || !strings.Contains(out, "-server") {
		t.Errorf("backup of a served directory without -server: %v\n%s", err, out)
	}
	// Without the token the server refuses, and says which.
	out, err = cli(nil, "backup", "-server", p.url, "-o", file)
	if err == nil || !strings.Contains(out, "401") || !strings.Contains(out, "ACTORGRAPH_API_TOKEN") {
		t.Errorf("backup without the token: %v\n%s", err, out)
	}
	for _, f := range []string{file, file + ".tmp"} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Fatalf("a failed backup left %s", f)
		}
	}
	out, err = cli([]string{"ACTORGRAPH_API_TOKEN=" + token}, "backup", "-server", p.url, "-o", file)
	if err != nil || !strings.Contains(out, "backup: wrote "+file) || !strings.Contains(out, "35 actors") {
		t.Fatalf("backup through the server: %v\n%s", err, out)
	}

	// Restoring into the served directory is refused: it is in use.
	out, err = cli(nil, "restore", "-force", "-data", data, file)
	if err == nil || !strings.Contains(out, "in use") {
		t.Errorf("restore into a served directory: %v\n%s", err, out)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop")
	}

	restored := t.TempDir()
	out, err = cli(nil, "restore", "-data", restored, file)
	if err != nil || !strings.Contains(out, "now holds 35 actors") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	p2 := mustStart(t, bin, restored)
	resp := p2.graphql(t, `{ actors(filter: {nameContains: "Kept"}, first: 10) { totalCount } }`, "")
	if !strings.Contains(resp, `"totalCount":5`) {
		t.Errorf("restored server: %s", resp)
	}
	if !strings.Contains(p2.logs.String(), `"new":false`) {
		t.Errorf("the restored store was taken for a new one:\n%s", p2.logs)
	}
}
