package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests run the real binary as a separate process, so they can kill
// it without mercy.

func mustBuild(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "actorgraph")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/actorgraph/actorgraph").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type process struct {
	cmd  *exec.Cmd
	url  string
	logs *syncBuffer
	done chan error
}

// syncBuffer is a log buffer the reader goroutine and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) WriteString(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.WriteString(v)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// embeddedEnv is the environment without NEO4J_*, so the binary uses the
// embedded store these tests are about even when the shell points at Neo4j.
func embeddedEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "NEO4J_") {
			env = append(env, kv)
		}
	}
	return env
}

// mustStart starts the binary on a random port and waits for its
// "listening" log line.
func mustStart(t *testing.T, bin, dataDir string, env ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-data", dataDir, "-log-format", "json")
	cmd.Env = append(embeddedEnv(), env...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, logs: &syncBuffer{}, done: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			p.logs.WriteString(line + "\n")
			var rec struct {
				Msg  string `json:"msg"`
				Addr string `json:"addr"`
			}
			if json.Unmarshal([]byte(line), &rec) == nil && rec.Msg == "listening" {
				addr <- rec.Addr
			}
		}
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	select {
	case a := <-addr:
		p.url = "http://" + a
	case err := <-p.done:
		t.Fatalf("server exited before listening: %v\n%s", err, p.logs)
	case <-time.After(30 * time.Second):
		t.Fatalf("server did not start:\n%s", p.logs)
	}
	return p
}

func (p *process) graphql(t *testing.T, query, token string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"query": query})
	req, _ := http.NewRequest(http.MethodPost, p.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// An acknowledged write survives kill -9.
func TestAcknowledgedWritesSurviveKill9(t *testing.T) {
	bin := mustBuild(t)
	data := t.TempDir()
	const token = "durable"
	p := mustStart(t, bin, data, "ACTORGRAPH_API_TOKEN="+token)
	const n = 20
	for i := range n {
		resp := p.graphql(t, fmt.Sprintf(`mutation { createActor(input: {id: "durable-%d", kind: GROUP, name: "Durable %d"}) { id } }`, i, i), token)
		if !strings.Contains(resp, fmt.Sprintf(`"id":"durable-%d"`, i)) {
			t.Fatalf("write %d not acknowledged: %s", i, resp)
		}
	}
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-p.done

	p2 := mustStart(t, bin, data)
	resp := p2.graphql(t, `{ actors(filter: {nameContains: "Durable"}, first: 100) { totalCount } }`, "")
	if !strings.Contains(resp, fmt.Sprintf(`"totalCount":%d`, n)) {
		t.Fatalf("after kill -9 and restart: %s", resp)
	}
	// The restart did not seed the article again over the existing data.
	if !strings.Contains(p2.logs.String(), `"new":false`) {
		t.Errorf("restart treated the data file as new:\n%s", p2.logs)
	}
}

// SIGTERM shuts the server down gracefully with exit status 0.
func TestSIGTERMShutsDownGracefully(t *testing.T) {
	bin := mustBuild(t)
	p := mustStart(t, bin, t.TempDir())
	if resp := p.graphql(t, `{ actor(id: "vladimir-putin") { name } }`, ""); !strings.Contains(resp, "Vladimir Putin") {
		t.Fatalf("fresh start is not seeded: %s", resp)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, p.logs)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop after SIGTERM")
	}
	if !strings.Contains(p.logs.String(), "shutting down") {
		t.Errorf("no shutdown log line:\n%s", p.logs)
	}
}

// A foreign file in the data directory is refused and left untouched.
func TestForeignDataFileIsRefusedUntouched(t *testing.T) {
	bin := mustBuild(t)
	data := t.TempDir()
	path := filepath.Join(data, "actorgraph.db")
	foreign := bytes.Repeat([]byte("not a database "), 1000)
	if err := os.WriteFile(path, foreign, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute) // it must refuse, not serve
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-data", data)
	cmd.Env = embeddedEnv()
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("server started on a foreign file:\n%s", out)
	}
	if !strings.Contains(string(out), "refusing") || !strings.Contains(string(out), path) {
		t.Errorf("unclear message:\n%s", out)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, foreign) {
		t.Fatal("the foreign file was modified")
	}
}
