package server_test

import (
	"context"
	"errors"
	"github.com/actorgraph/actorgraph/internal/auth/authtest"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
	"github.com/actorgraph/actorgraph/internal/store/storetest"
)

// fetchBackup GETs /admin/backup and returns the response with its body read.
func fetchBackup(t *testing.T, url string, header ...string) (*http.Response, []byte, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url+"/admin/backup", nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res, body, err
}

// GET /admin/backup streams the running server's data file: a whole copy
// (its Content-Length) that restores into the store the server holds.
func TestBackupThroughTheServer(t *testing.T) {
	ts := MustStartServer(t, withToken("admin-secret"))
	if _, err := ts.Store.CreateActor(t.Context(), actorgraph.Actor{ID: "written-before-backup", Kind: actorgraph.KindGroup, Name: "Written before the backup"}); err != nil {
		t.Fatal(err)
	}
	want := storetest.MustSnapshot(t, ts.Store)

	res, body, err := fetchBackup(t, ts.URL, "Authorization", "Bearer admin-secret")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/backup = %d, %v: %.200s", res.StatusCode, err, body)
	}
	if got := res.Header.Get("Content-Length"); got != strconv.Itoa(len(body)) {
		t.Errorf("Content-Length %q, body %d bytes", got, len(body))
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	file := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(file, body, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := memstore.VerifyFile(file); err != nil {
		t.Fatalf("the copy does not verify: %v", err)
	}
	dir := t.TempDir()
	if _, err := memstore.Restore(file, dir, memstore.RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	d, _, err := memstore.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	storetest.AssertSnapshot(t, actorgraph.NewGraph(d), want)
	ts.assertHealthy(t)
}

// Only an admin may take a backup, and a store without one says so.
func TestBackupRefusals(t *testing.T) {
	withTok := MustStartServer(t, withToken("admin-secret"))
	for _, tc := range []struct {
		name   string
		url    string
		header []string
		status int
		want   string
	}{
		{"NoToken", withTok.URL, nil, http.StatusUnauthorized, "Authorization: Bearer"},
		{"WrongToken", withTok.URL, []string{"Authorization", "Bearer guess"}, http.StatusUnauthorized, "not valid"},
		{"ServerWithoutToken", MustStartServer(t).URL, []string{"Authorization", "Bearer anything"}, http.StatusForbidden, "ACTORGRAPH_API_TOKEN and no JWT key"},
		{"StoreWithoutBackup", MustStartServer(t, withToken("t"), withBackup(nil)).URL, []string{"Authorization", "Bearer t"}, http.StatusNotImplemented, "neo4j-admin database dump"},
		{"BackupFailsAtOnce", MustStartServer(t, withToken("t"), withBackup(func(context.Context, io.Writer) (int64, error) {
			return 0, errors.New("disk on fire")
		})).URL, []string{"Authorization", "Bearer t"}, http.StatusInternalServerError, "disk on fire"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, body, err := fetchBackup(t, tc.url, tc.header...)
			if err != nil {
				t.Fatal(err)
			}
			if res.StatusCode != tc.status || !contains(string(body), tc.want) {
				t.Errorf("GET /admin/backup = %d %s, want %d mentioning %q", res.StatusCode, body, tc.status, tc.want)
			}
		})
	}
}

// A backup that fails midway cuts the response short of its Content-Length,
// so a client cannot take it for a whole copy.
func TestBackupFailingMidwayIsCutShort(t *testing.T) {
	ts := MustStartServer(t, withToken("t"), withBackup(func(_ context.Context, w io.Writer) (int64, error) {
		w.(interface{ SetSize(int64) }).SetSize(1 << 20)
		n, _ := w.Write(make([]byte, 4096))
		return int64(n), errors.New("read error")
	}))
	res, body, err := fetchBackup(t, ts.URL, "Authorization", "Bearer t")
	if err == nil {
		t.Fatalf("read a whole response (%d, %d bytes) from a failed backup", res.StatusCode, len(body))
	}
	ts.assertHealthy(t)
}

// TestBackupNeedsTheAdminRole: a JWT with the admin role may take a
// backup; an editor's is FORBIDDEN (403).
func TestBackupNeedsTheAdminRole(t *testing.T) {
	keys := authtest.NewKeys(t)
	ts := jwtServer(t, keys, "open")
	for _, tc := range []struct {
		role   string
		status int
	}{{"admin", http.StatusOK}, {"editor", http.StatusForbidden}, {"reader", http.StatusForbidden}} {
		tok := authtest.HS256(t, authtest.Secret, claims("someone", tc.role))
		res, body, err := fetchBackup(t, ts.URL, "Authorization", "Bearer "+tok)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != tc.status {
			t.Errorf("%s: GET /admin/backup = %d %.200s, want %d", tc.role, res.StatusCode, body, tc.status)
		}
	}
}
