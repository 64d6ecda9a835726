package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
	"github.com/actorgraph/actorgraph/internal/config"
	"github.com/actorgraph/actorgraph/internal/dataset"
	"github.com/actorgraph/actorgraph/internal/export"
	"github.com/actorgraph/actorgraph/internal/gdelt"
	"github.com/actorgraph/actorgraph/internal/importer"
)

// importConfig holds the import command's settings.
type importConfig struct {
	batchSize    int
	strict       bool
	maxLineBytes int
	progress     string
	maxReported  int
}

func defaultImportConfig() importConfig {
	return importConfig{
		batchSize:    importer.DefaultBatchSize,
		maxLineBytes: gdelt.DefaultMaxLineBytes,
		progress:     "auto",
		maxReported:  100,
	}
}

func (c *importConfig) flags(fs *config.FlagSet) {
	fs.Int(&c.batchSize, "batch-size", "ACTORGRAPH_IMPORT_BATCH_SIZE", "relationships written per transaction")
	fs.Bool(&c.strict, "strict", "ACTORGRAPH_IMPORT_STRICT", "abort, writing nothing, if any line is rejected (reads the input twice)")
	fs.Int(&c.maxLineBytes, "max-line-bytes", "ACTORGRAPH_IMPORT_MAX_LINE_BYTES", "longest GDELT line accepted")
	fs.String(&c.progress, "progress", "ACTORGRAPH_IMPORT_PROGRESS", "progress display: auto (a bar on a terminal, log lines otherwise), bar, log or none")
	fs.Int(&c.maxReported, "max-reported", "ACTORGRAPH_IMPORT_MAX_REPORTED", "rejected lines reported one by one; the rest are counted")
}

func (c *importConfig) validate() error {
	switch {
	case c.batchSize < 1:
		return fmt.Errorf("-batch-size must be at least 1, got %d", c.batchSize)
	case c.maxLineBytes < 1:
		return fmt.Errorf("-max-line-bytes must be at least 1, got %d", c.maxLineBytes)
	case c.maxReported < 0:
		return fmt.Errorf("-max-reported must not be negative, got %d", c.maxReported)
	}
	switch c.progress {
	case "auto", "bar", "log", "none":
		return nil
	}
	return fmt.Errorf("-progress must be auto, bar, log or none, got %q", c.progress)
}

// runImport imports the files and prints a summary; a rejected line is
// logged with its file, line and reason.
func runImport(ctx context.Context, c options, logger *slog.Logger, stdout, stderr io.Writer) error {
	if os.Getenv("GOGC") == "" {
		// An import allocates a garbage of short-lived rows; collecting
		// less often saves a fifth of its CPU for a bounded amount of
		// memory (a few batches), as the embedded store's own data is
		// live anyway.
		debug.SetGCPercent(400)
	}
	store, err := openStore(ctx, c, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	reported := 0
	opts := importer.Options{
		BatchSize:    c.imp.batchSize,
		Strict:       c.imp.strict,
		MaxLineBytes: c.imp.maxLineBytes,
		Reject: func(err error) {
			reported++
			if reported <= c.imp.maxReported {
				logger.Warn("rejected", "reason", err.Error())
			} else if reported == c.imp.maxReported+1 {
				logger.Warn("further rejected lines are counted, not reported (-max-reported)")
			}
		},
	}
	show := newProgress(c.imp.progress, stderr, logger)
	opts.Progress = show.update
	sum, err := importer.Import(ctx, store, c.files, opts)
	show.done()
	fmt.Fprintf(stdout, "import: %d files, %d read, %d imported, %d skipped, %d rejected; wrote %d actors and %d relationships, merged %d actors into curated ones, in %s (%.0f rows/s)\n",
		sum.Files, sum.Read, sum.Imported, sum.Skipped, sum.Rejected, sum.Actors, sum.Relationships, sum.Merged,
		sum.Elapsed.Round(time.Millisecond), sum.Rate())
	if errors.Is(err, importer.ErrRejected) {
		return fmt.Errorf("%w; the rejected lines are listed above", err)
	}
	return err
}

// progress shows an import's progress: a bar on a terminal, a log line
// every few seconds otherwise.
type progress struct {
	bar     *progressbar.ProgressBar
	out     io.Writer
	logger  *slog.Logger
	last    time.Time
	every   time.Duration
	current int64
}

func newProgress(mode string, stderr io.Writer, logger *slog.Logger) *progress {
	if mode == "auto" {
		mode = "log"
		if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	p := &progress{logger: logger, out: stderr, every: 5 * time.Second, last: time.Now()}
	switch mode {
	case "none":
		p.logger = nil
	case "bar":
		p.logger = nil
		p.bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(stderr),
			progressbar.OptionSetDescription("importing"),
			progressbar.OptionSetItsString("rows"),
			progressbar.OptionShowIts(),
			progressbar.OptionShowCount(),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSpinnerType(14),
		)
	}
	return p
}

func (p *progress) update(s importer.Summary) {
	if p.bar != nil {
		_ = p.bar.Add64(int64(s.Read) - p.current)
		p.current = int64(s.Read)
		return
	}
	if p.logger != nil && time.Since(p.last) >= p.every {
		p.last = time.Now()
		p.logger.Info("importing", "read", s.Read, "imported", s.Imported, "rejected", s.Rejected,
			"rows_per_s", int(s.Rate()), "elapsed", s.Elapsed.Round(time.Second).String())
	}
}

func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
		fmt.Fprintln(p.out)
	}
}

// exportConfig holds the export command's settings.
type exportConfig struct {
	output      string
	description string
	// format is "dataset" or one of export.Formats.
	format string
	// types, since and until filter the relationships of a graph format.
	types        []string
	since, until string
}

func defaultExportConfig() exportConfig {
	return exportConfig{output: "-", description: "exported by actorgraph", format: "dataset"}
}

func (c *exportConfig) flags(fs *config.FlagSet) {
	fs.String(&c.output, "o", "ACTORGRAPH_EXPORT_OUTPUT", "file to write (- for stdout)")
	fs.String(&c.description, "description", "ACTORGRAPH_EXPORT_DESCRIPTION", "the dataset's description")
	fs.String(&c.format, "format", "ACTORGRAPH_EXPORT_FORMAT", "dataset (lossless, what import reads) or "+export.FormatNames())
	fs.List(&c.types, "types", "ACTORGRAPH_EXPORT_TYPES", "graph formats: comma-separated relationship types to keep (e.g. SPOKE_WITH,MET_WITH); the actors are then those at their ends")
	fs.String(&c.since, "since", "ACTORGRAPH_EXPORT_SINCE", "graph formats: keep relationships dated on or after this day (YYYY-MM-DD; drops undated ones)")
	fs.String(&c.until, "until", "ACTORGRAPH_EXPORT_UNTIL", "graph formats: keep relationships dated on or before this day (YYYY-MM-DD; drops undated ones)")
}

// filter returns the relationship filter the flags ask for, and whether
// they ask for one.
func (c *exportConfig) filter() (actorgraph.RelationshipFilter, bool, error) {
	var f actorgraph.RelationshipFilter
	for _, t := range c.types {
		f.Types = append(f.Types, actorgraph.RelationshipType(strings.TrimSpace(t)))
	}
	for _, d := range []struct {
		flag, value string
		into        **actorgraph.Date
	}{{"since", c.since, &f.Since}, {"until", c.until, &f.Until}} {
		if d.value == "" {
			continue
		}
		day, err := actorgraph.ParseDate(d.value)
		if err != nil {
			return f, false, fmt.Errorf("export: -%s: %w", d.flag, err)
		}
		*d.into = &day
	}
	filtered := len(f.Types) > 0 || f.Since != nil || f.Until != nil
	if filtered {
		if err := f.Validate(); err != nil {
			return f, false, fmt.Errorf("export: %w", err)
		}
	}
	return f, filtered, nil
}

// writer returns what writes the store in the chosen format, checking
// the format and the filter before any store is opened.
func (c *exportConfig) writer() (func(ctx context.Context, store *actorgraph.Graph, w io.Writer) error, error) {
	f, filtered, err := c.filter()
	if err != nil {
		return nil, err
	}
	if c.format == "dataset" {
		if filtered {
			return nil, errors.New("export: -types, -since and -until filter the graph formats (" + export.FormatNames() + "); the dataset format is the whole store")
		}
		return func(ctx context.Context, store *actorgraph.Graph, w io.Writer) error {
			return dataset.ExportWithChanges(ctx, store, w, c.description)
		}, nil
	}
	format, err := export.ParseFormat(c.format)
	if err != nil {
		return nil, fmt.Errorf("export: -format: %w", err)
	}
	return func(ctx context.Context, store *actorgraph.Graph, w io.Writer) error {
		return export.Write(w, format, export.StoreSource(ctx, store, f, filtered))
	}, nil
}

// runExport writes the store as a dataset file. A file is written to a
// temporary name beside it and renamed when complete, so a failed export
// never leaves a half-written file under the name asked for.
func runExport(ctx context.Context, c options, logger *slog.Logger, stdout io.Writer) error {
	c.NoSeed = true
	write, err := c.export.writer()
	if err != nil {
		return err
	}
	store, err := openStore(ctx, c, logger)
	if err != nil {
		return err
	}
	defer store.Close()
	if c.export.output == "-" {
		return write(ctx, store, stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.export.output), ".export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(ctx, store, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), c.export.output); err != nil {
		return err
	}
	st, err := store.Stats(ctx)
	if err == nil {
		logger.Info("exported", "file", c.export.output, "actors", st.Actors, "relationships", st.Relationships)
	}
	return err
}
