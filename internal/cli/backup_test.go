package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/actorgraph/actorgraph/internal/store/memstore"
)

func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Run(t.Context(), args, env(), &out, &bytes.Buffer{})
	return out.String(), err
}

func mustExport(t *testing.T, dir string) []byte {
	t.Helper()
	file := filepath.Join(t.TempDir(), "export.json")
	if _, err := run(t, "export", "-data", dir, "-o", file); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Without a server, backup copies the -data store itself; restore puts the
// copy in place, and the restored store exports the same bytes.
func TestBackupAndRestoreWithoutAServer(t *testing.T) {
	data := t.TempDir()
	if _, err := run(t, "seed", "-data", data); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "copy.db")
	out, err := run(t, "backup", "-data", data, "-o", file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "backup: wrote "+file) || !strings.Contains(out, "from directory "+data) {
		t.Errorf("backup said %q", out)
	}
	if _, err := os.Stat(file + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("the temporary file is left behind: %v", err)
	}
	if _, err := memstore.VerifyFile(file); err != nil {
		t.Fatal(err)
	}

	target := t.TempDir()
	out, err = run(t, "restore", "-data", target, file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "now holds") {
		t.Errorf("restore said %q", out)
	}
	if !bytes.Equal(mustExport(t, data), mustExport(t, target)) {
		t.Error("the restored store exports differently from the original")
	}

	// Restoring again over the now filled store needs -force.
	if _, err := run(t, "restore", "-data", target, file); err == nil || !strings.Contains(err.Error(), "-force") {
		t.Errorf("restore over a filled store: err = %v, want a refusal naming -force", err)
	}
	if _, err := run(t, "restore", "-force", "-data", target, file); err != nil {
		t.Errorf("restore -force: %v", err)
	}
}

// A backup that cannot be taken leaves no file, not even FILE.tmp.
func TestBackupFailureLeavesNoFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "copy.db")
	for _, args := range [][]string{
		{"backup", "-data", t.TempDir(), "-o", file},            // no store there
		{"backup", "-server", "http://127.0.0.1:1", "-o", file}, // no server there
		{"backup", "-data", t.TempDir()},                        // no -o
	} {
		if _, err := run(t, args...); err == nil {
			t.Errorf("%v succeeded", args)
		} else {
			t.Logf("%v: %v", args, err)
		}
		for _, f := range []string{file, file + ".tmp"} {
			if _, err := os.Stat(f); !os.IsNotExist(err) {
				t.Errorf("%v left %s", args, f)
			}
		}
	}
}

// restore refuses a text file, a truncated copy and a bbolt file without the
// marker, naming the file and what is wrong, and leaves the store as it was.
func TestRestoreRefusesWithAClearMessage(t *testing.T) {
	data := t.TempDir()
	if _, err := run(t, "seed", "-data", data); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "good.db")
	if _, err := run(t, "backup", "-data", data, "-o", good); err != nil {
		t.Fatal(err)
	}
	goodBytes, _ := os.ReadFile(good)
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	truncated := filepath.Join(dir, "truncated.db")
	foreign := filepath.Join(dir, "foreign.db")
	os.WriteFile(text, []byte("my notes\n"), 0o600)
	os.WriteFile(truncated, goodBytes[:len(goodBytes)/2], 0o600)
	// A bbolt file that is no actorgraph store: a store's copy with its
	// marker removed, made by hand below.
	writeBoltWithoutMarker(t, foreign)

	before := mustExport(t, data)
	for file, want := range map[string]string{
		text:      "not a bbolt database",
		truncated: "truncated",
		foreign:   "no format marker",
	} {
		_, err := run(t, "restore", "-force", "-data", data, file)
		if err == nil {
			t.Fatalf("restore %s succeeded", file)
		}
		for _, w := range []string{file, want, "nothing was written"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("restore %s: %q does not say %q", filepath.Base(file), err, w)
			}
		}
	}
	if !bytes.Equal(before, mustExport(t, data)) {
		t.Error("a refused restore changed the store")
	}
	if entries, _ := os.ReadDir(data); len(entries) != 1 {
		t.Errorf("the data directory holds %d entries after refused restores, want the data file only", len(entries))
	}
}

func writeBoltWithoutMarker(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("settings"))
		if err != nil {
			return err
		}
		return b.Put([]byte("theme"), []byte("dark"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestBackupAndRestoreSettings(t *testing.T) {
	c, err := parseConfig("backup", []string{"-o", "x.db"}, env("ACTORGRAPH_BACKUP_SERVER", "http://h:1", "ACTORGRAPH_API_TOKEN", "tok"), &bytes.Buffer{})
	if err != nil || c.backup.output != "x.db" || c.backup.server != "http://h:1" || c.APIToken != "tok" {
		t.Fatalf("backup settings = %+v, %v", c.backup, err)
	}
	c, err = parseConfig("restore", []string{"f.db"}, env("ACTORGRAPH_RESTORE_FORCE", "true"), &bytes.Buffer{})
	if err != nil || !c.restore.force || c.files[0] != "f.db" {
		t.Fatalf("restore settings = %+v %v, %v", c.restore, c.files, err)
	}
	for _, args := range [][]string{nil, {"a.db", "b.db"}} {
		if _, err := parseConfig("restore", args, env(), &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "one backup file") {
			t.Errorf("restore %v: err = %v", args, err)
		}
	}
}
