// Package dataset holds the curated dataset of the first source article and
// the project's dataset format: one JSON document with its sources, actors
// and relationships. The article itself is not shipped; its quotes are, as
// evidence, and a test checks each against the article in ../shared/seeds.
package dataset

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"

	"github.com/actorgraph/actorgraph/internal/actorgraph"
)

// Format and Version identify the dataset format in every file.
const (
	Format  = "actorgraph-dataset"
	Version = 1
)

// Source describes a document the evidence quotes come from.
type Source struct {
	// ID is what Evidence.Source refers to.
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	// Published is the publication day, when known.
	Published *actorgraph.Date `json:"published,omitempty"`
	// File is the source text's file name under shared/seeds, where the
	// quotes can be checked.
	File string `json:"file,omitempty"`
}

// Dataset is one dataset file.
type Dataset struct {
	Format        string                    `json:"format"`
	Version       int                       `json:"version"`
	Description   string                    `json:"description,omitempty"`
	Sources       []Source                  `json:"sources"`
	Actors        []actorgraph.Actor        `json:"actors"`
	Relationships []actorgraph.Relationship `json:"relationships"`
	// Changes is the audit trail of the store the document was exported
	// from (ExportWithChanges); imports skip it.
	Changes []actorgraph.Change `json:"changes,omitempty"`
}

//go:embed article.json
var articleJSON []byte

// Article returns the curated dataset of the ceasefire-diplomacy article
// (Al Jazeera, May 2025), embedded in the binary.
func Article() (*Dataset, error) {
	return Decode(bytes.NewReader(articleJSON))
}

// Decode reads a dataset and checks it: the format marker, every actor and
// relationship valid, ids unique, every reference resolving. Unknown JSON
// fields are refused, so a typo does not silently drop data.
func Decode(r io.Reader) (*Dataset, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var ds Dataset
	if err := dec.Decode(&ds); err != nil {
		return nil, fmt.Errorf("%w: dataset: %v", actorgraph.ErrInvalid, err)
	}
	if ds.Format != Format || ds.Version != Version {
		return nil, fmt.Errorf("%w: dataset: format %q version %d, want %q version %d",
			actorgraph.ErrInvalid, ds.Format, ds.Version, Format, Version)
	}
	if err := ds.Check(); err != nil {
		return nil, err
	}
	return &ds, nil
}

// Encode writes the dataset as indented JSON.
func (ds *Dataset) Encode(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ds)
}

// Check validates every record and every id reference.
func (ds *Dataset) Check() error {
	sources := map[string]bool{}
	for _, s := range ds.Sources {
		if s.ID == "" || sources[s.ID] {
			return fmt.Errorf("%w: dataset: source id %q empty or repeated", actorgraph.ErrInvalid, s.ID)
		}
		sources[s.ID] = true
	}
	actors := map[string]bool{}
	for i := range ds.Actors {
		a := &ds.Actors[i]
		if err := a.Validate(); err != nil {
			return fmt.Errorf("dataset: actor %q: %w", a.ID, err)
		}
		if actors[a.ID] {
			return fmt.Errorf("%w: dataset: actor id %q repeated", actorgraph.ErrInvalid, a.ID)
		}
		actors[a.ID] = true
	}
	rels := map[string]bool{}
	for i := range ds.Relationships {
		r := &ds.Relationships[i]
		if err := r.Validate(); err != nil {
			return fmt.Errorf("dataset: relationship %q: %w", r.ID, err)
		}
		if rels[r.ID] {
			return fmt.Errorf("%w: dataset: relationship id %q repeated", actorgraph.ErrInvalid, r.ID)
		}
		rels[r.ID] = true
		for _, end := range r.Ends() {
			if !actors[end] {
				return fmt.Errorf("%w: dataset: relationship %q refers to unknown actor %q", actorgraph.ErrInvalid, r.ID, end)
			}
		}
		for _, e := range r.Evidence {
			// Background evidence cites a reference work, not a source of
			// the dataset.
			if e.Kind != actorgraph.Background && len(sources) > 0 && !sources[e.Source] {
				return fmt.Errorf("%w: dataset: relationship %q cites unknown source %q", actorgraph.ErrInvalid, r.ID, e.Source)
			}
		}
	}
	return nil
}
