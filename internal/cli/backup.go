package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/actorgraph/actorgraph/internal/config"
	"github.com/actorgraph/actorgraph/internal/store/memstore"
)

// backupConfig holds the backup command's settings.
type backupConfig struct {
	output string
	server string
}

func (c *backupConfig) flags(fs *config.FlagSet) {
	fs.String(&c.output, "o", "ACTORGRAPH_BACKUP_OUTPUT", "file to write the copy of the embedded store to (required)")
	fs.String(&c.server, "server", "ACTORGRAPH_BACKUP_SERVER", "URL of the running server to take the copy (GET /admin/backup, with ACTORGRAPH_API_TOKEN); empty: open -data directly, which needs it not in use")
}

// restoreConfig holds the restore command's settings.
type restoreConfig struct {
	force bool
}

func (c *restoreConfig) flags(fs *config.FlagSet) {
	fs.Bool(&c.force, "force", "ACTORGRAPH_RESTORE_FORCE", "replace a store that holds data (or is not a usable store); a store in use is never replaced")
}

// runBackup writes a consistent copy of the embedded store to -o: through
// the running server when -server is set (the server holds the data file
// locked), else from the -data directory itself. The copy goes to FILE.tmp,
// is fsynced and checked (it must open as an actorgraph data file), and only
// then renamed to FILE, so a failed backup leaves no file under that name.
func runBackup(ctx context.Context, c options, logger *slog.Logger, stdout io.Writer) (err error) {
	out := c.backup.output
	switch {
	case out == "" || out == "-":
		return errors.New("backup: name the file to write with -o FILE (the copy is checked before it is kept, so not stdout)")
	case c.backup.server == "" && c.Neo4j.URI != "":
		return errors.New("backup: NEO4J_URI is set, and Neo4j is backed up with `neo4j-admin database dump` (README, Backups); `actorgraph backup` copies the embedded store")
	}
	tmp := out + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	from := "server " + c.backup.server
	var n int64
	if c.backup.server != "" {
		n, err = fetchBackup(ctx, c.backup.server, c.APIToken, f)
	} else {
		from = "directory " + c.DataDir
		n, err = memstore.BackupDir(ctx, c.DataDir, f)
		if errors.Is(err, memstore.ErrInUse) {
			err = fmt.Errorf("%w: a running server holds it, so take the copy through the server: -server http://%s (with ACTORGRAPH_API_TOKEN)", err, displayAddrString(c.Addr))
		}
	}
	if err != nil {
		return fmt.Errorf("backup: %w; no file was written", err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	st, err := memstore.VerifyFile(tmp)
	if err != nil {
		return fmt.Errorf("backup: the copy does not check out (%w); no file was written", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if d, err := os.Open(filepath.Dir(out)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	logger.Info("backup", "file", out, "from", from, "bytes", n)
	fmt.Fprintf(stdout, "backup: wrote %s (%d bytes: %d actors, %d relationships) from %s\n", out, n, st.Actors, st.Relationships, from)
	return nil
}

// displayAddrString is displayAddr for a listen address not yet bound.
func displayAddrString(addr string) string {
	if strings.HasPrefix(addr, ":") {
		return "localhost" + addr
	}
	return addr
}

// fetchBackup streams GET server/admin/backup into w and checks it got the
// whole copy (the response's Content-Length).
func fetchBackup(ctx context.Context, server, token string, w io.Writer) (int64, error) {
	url := strings.TrimSuffix(server, "/") + "/admin/backup"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
		var e struct {
			Error string `json:"error"`
		}
		msg := strings.TrimSpace(string(body))
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		if token == "" && res.StatusCode == http.StatusUnauthorized {
			msg += " (set ACTORGRAPH_API_TOKEN)"
		}
		return 0, fmt.Errorf("%s answered %s: %s", url, res.Status, msg)
	}
	n, err := io.Copy(w, res.Body)
	if err != nil {
		return n, fmt.Errorf("%s: the copy broke off after %d of %d bytes: %w", url, n, res.ContentLength, err)
	}
	if res.ContentLength >= 0 && n != res.ContentLength {
		return n, fmt.Errorf("%s: got %d of %d bytes", url, n, res.ContentLength)
	}
	return n, nil
}

// runRestore replaces the embedded store in -data with a backup file,
// refusing a foreign or corrupt file, a store in use, and (without -force)
// a store that holds data; see memstore.Restore.
func runRestore(_ context.Context, c options, logger *slog.Logger, stdout io.Writer) error {
	if c.Neo4j.URI != "" {
		return errors.New("restore: NEO4J_URI is set, and Neo4j is restored with `neo4j-admin database load` (README, Backups); `actorgraph restore` restores the embedded store")
	}
	file := c.files[0]
	st, err := memstore.Restore(file, c.DataDir, memstore.RestoreOptions{Force: c.restore.force})
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	logger.Info("restored", "file", file, "dir", c.DataDir, "actors", st.Actors, "relationships", st.Relationships)
	fmt.Fprintf(stdout, "restore: %s now holds %d actors and %d relationships (from %s)\n",
		filepath.Join(c.DataDir, memstore.FileName), st.Actors, st.Relationships, file)
	return nil
}
