package textfile

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type got struct {
	part    string
	line    int
	text    string
	tooLong bool
}

func readAll(t *testing.T, l *Lines) []got {
	t.Helper()
	var out []got
	for {
		line, tooLong, ok := l.Next()
		if !ok {
			break
		}
		out = append(out, got{l.Part(), l.Line(), string(line), tooLong})
	}
	if err := l.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLinesNumberPerPartAndDropOverlongLines(t *testing.T) {
	parts := []Part{
		ReaderPart(strings.NewReader("a\r\n"+strings.Repeat("x", 11)+"\nb"), "one"),
		ReaderPart(strings.NewReader(""), "empty"),
		ReaderPart(strings.NewReader("c\n"), "two"),
	}
	out := readAll(t, NewLines(parts, nil, 10))
	want := []got{{"one", 1, "a\r\n", false}, {"one", 2, "", true}, {"one", 3, "b", false}, {"two", 1, "c\n", false}}
	if len(out) != len(want) {
		t.Fatalf("lines = %+v, want %+v", out, want)
	}
	for i := range want {
		if out[i] != want[i] {
			t.Errorf("line %d = %+v, want %+v", i, out[i], want[i])
		}
	}
}

func TestALineLongerThanTheReadBufferIsAssembled(t *testing.T) {
	long := strings.Repeat("y", readBufferBytes+100)
	out := readAll(t, NewLines([]Part{ReaderPart(strings.NewReader(long+"\nz\n"), "f")}, nil, 1<<20))
	if len(out) != 2 || out[0].text != long+"\n" || out[1].text != "z\n" {
		t.Errorf("got %d lines, first %d bytes", len(out), len(out[0].text))
	}
}

func TestOpenTellsZipAndGzipByTheirBytesAndKeepsDataMembers(t *testing.T) {
	dir := t.TempDir()
	zipPath := filepath.Join(dir, "a.dat")
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	for _, m := range []string{"SKIP.TXT", "sub/", "m1.csv", "m2.csv"} {
		w, err := zw.Create(m)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(m, "/") {
			w.Write([]byte(m + "\n"))
		}
	}
	zw.Close()
	os.WriteFile(zipPath, zb.Bytes(), 0o600)
	gzPath := filepath.Join(dir, "b.dat")
	var gb bytes.Buffer
	gw := gzip.NewWriter(&gb)
	gw.Write([]byte("g1\ng2\n"))
	gw.Close()
	os.WriteFile(gzPath, gb.Bytes(), 0o600)

	parts, f, err := Open(zipPath, func(m string) bool { return m != "SKIP.TXT" })
	if err != nil {
		t.Fatal(err)
	}
	l := NewLines(parts, f, 100)
	out := readAll(t, l)
	l.Close()
	if len(out) != 2 || out[0].part != zipPath+":m1.csv" || out[1].text != "m2.csv\n" {
		t.Errorf("zip lines = %+v", out)
	}
	parts, f, err = Open(gzPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	l = NewLines(parts, f, 100)
	out = readAll(t, l)
	l.Close()
	if len(out) != 2 || out[1].text != "g2\n" || out[1].part != gzPath {
		t.Errorf("gzip lines = %+v", out)
	}
	if _, _, err := Open(filepath.Join(dir, "missing"), nil); err == nil {
		t.Error("Open of a missing file succeeded")
	}
}
