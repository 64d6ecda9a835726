package actorgraph

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day without a time zone, written in ISO 8601
// (YYYY-MM-DD). Its zero value is not a valid date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses an ISO 8601 calendar date (YYYY-MM-DD). It rejects
// impossible days such as 2025-02-30. The error wraps ErrInvalid.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || len(s) != len(time.DateOnly) {
		return Date{}, fmt.Errorf("%w: %q is not an ISO 8601 date (YYYY-MM-DD)", ErrInvalid, s)
	}
	return DateOf(t), nil
}

// MustParseDate is ParseDate for constants; it panics on a bad date.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// String formats the date as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// Days returns the number of days from 1970-01-01 to d (negative before).
func (d Date) Days() int {
	return int(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// MarshalJSON writes the date as a JSON string.
func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a JSON string in YYYY-MM-DD form.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: date must be a string", ErrInvalid)
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
