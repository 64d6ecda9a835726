package actorgraph

import (
	"errors"
	"fmt"
)

// Sentinel errors. Stores and services wrap them with %w where they arise;
// the GraphQL layer maps each to an extensions.code in one table
// (graph.ErrorCode). Messages wrapping ErrNotFound and ErrInvalid are meant
// for clients; messages wrapping the others are not shown.
var (
	// ErrNotFound: the named actor or relationship does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: the input breaks a rule; the message says which.
	ErrInvalid = errors.New("invalid input")
	// ErrConflict: the write clashes with stored data (duplicate id, an
	// actor that still has relationships).
	ErrConflict = errors.New("conflict")
	// ErrUnauthenticated: the caller gave no or a wrong token.
	ErrUnauthenticated = errors.New("unauthenticated")
	// ErrForbidden: the caller may not do this (the server is read-only).
	ErrForbidden = errors.New("forbidden")
	// ErrUnavailable: the store cannot be reached right now; retry later.
	ErrUnavailable = errors.New("store unavailable")
	// ErrLimit: the request exceeds a configured limit.
	ErrLimit = errors.New("limit exceeded")
	// ErrWriteTooLarge: a write would change more relationships than the
	// Graph's write limit (WithWriteLimit); nothing was changed.
	ErrWriteTooLarge = errors.New("write too large")
)

// FieldError is an ErrInvalid that names the input field at fault.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return fmt.Sprintf("invalid %s: %s", e.Field, e.Reason) }

// Unwrap makes errors.Is(err, ErrInvalid) true.
func (e *FieldError) Unwrap() error { return ErrInvalid }

func invalid(field, format string, args ...any) error {
	return &FieldError{Field: field, Reason: fmt.Sprintf(format, args...)}
}

// Invalid returns an ErrInvalid naming field, for callers outside this
// package (resolvers validating arguments).
func Invalid(field, format string, args ...any) error { return invalid(field, format, args...) }

// LimitError is an ErrLimit that names the limit, its setting and the
// machine-readable code clients see.
type LimitError struct {
	Code    string // e.g. PAGE_SIZE_EXCEEDED
	Message string
}

func (e *LimitError) Error() string { return e.Message }

// Unwrap makes errors.Is(err, ErrLimit) true.
func (e *LimitError) Unwrap() error { return ErrLimit }

// NotFound returns an ErrNotFound naming what was missing.
func NotFound(what, id string) error { return fmt.Errorf("%w: %s %q", ErrNotFound, what, id) }
