package config

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// FlagSet is a flag.FlagSet whose flags each have an environment variable:
// a flag the command line does not set takes its variable's value, if that
// is set. Each flag's default is the value its variable holds when it is
// declared, so a default is written once, where the settings are built.
type FlagSet struct {
	*flag.FlagSet
	env     map[string]string // flag name → environment variable
	envOnly []envSetting
	after   []func() // run at the end of Parse
}

// envSetting is a setting only an environment variable sets.
type envSetting struct {
	p               *string
	name, help, def string
}

// NewFlagSet returns an empty FlagSet that reports errors to output and
// answers -h with usage, the flags, and the environment-only settings.
func NewFlagSet(name, usage string, output io.Writer) *FlagSet {
	f := &FlagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), env: map[string]string{}}
	f.SetOutput(output)
	f.Usage = func() {
		fmt.Fprint(output, usage+"\nFlags:\n")
		f.PrintDefaults()
		if len(f.envOnly) > 0 {
			fmt.Fprint(output, "\nEnvironment only:\n")
			for _, e := range f.envOnly {
				fmt.Fprintf(output, "  %s\n    \t%s", e.name, e.help)
				if e.def != "" {
					fmt.Fprintf(output, " (default %q)", e.def)
				}
				fmt.Fprintln(output)
			}
		}
	}
	return f
}

func (f *FlagSet) bind(name, env, help string) string {
	f.env[name] = env
	return fmt.Sprintf("%s (env %s)", help, env)
}

// String declares a string flag with environment variable env.
func (f *FlagSet) String(p *string, name, env, help string) {
	f.StringVar(p, name, *p, f.bind(name, env, help))
}

// Int declares an int flag with environment variable env.
func (f *FlagSet) Int(p *int, name, env, help string) {
	f.IntVar(p, name, *p, f.bind(name, env, help))
}

// Int64 declares an int64 flag with environment variable env.
func (f *FlagSet) Int64(p *int64, name, env, help string) {
	f.Int64Var(p, name, *p, f.bind(name, env, help))
}

// Float64 declares a float64 flag with environment variable env.
func (f *FlagSet) Float64(p *float64, name, env, help string) {
	f.Float64Var(p, name, *p, f.bind(name, env, help))
}

// Bool declares a bool flag with environment variable env.
func (f *FlagSet) Bool(p *bool, name, env, help string) {
	f.BoolVar(p, name, *p, f.bind(name, env, help))
}

// Duration declares a duration flag with environment variable env.
func (f *FlagSet) Duration(p *time.Duration, name, env, help string) {
	f.DurationVar(p, name, *p, f.bind(name, env, help))
}

// List declares a comma-separated list flag with environment variable env.
// Blank items are dropped.
func (f *FlagSet) List(p *[]string, name, env, help string) {
	s := new(string)
	f.StringVar(s, name, strings.Join(*p, ","), f.bind(name, env, help))
	f.after = append(f.after, func() {
		*p = nil
		for _, item := range strings.Split(*s, ",") {
			if item = strings.TrimSpace(item); item != "" {
				*p = append(*p, item)
			}
		}
	})
}

// Env declares a setting only the environment variable name sets (a
// secret, say, that should not show in a process list).
func (f *FlagSet) Env(p *string, name, help string) {
	f.envOnly = append(f.envOnly, envSetting{p: p, name: name, help: help, def: *p})
}

// Parse parses args, then sets each flag they did not set from its
// environment variable, when getenv returns a value for it, and each
// environment-only setting likewise. A value a flag rejects is an error
// naming the variable.
func (f *FlagSet) Parse(args []string, getenv func(string) string) error {
	if err := f.FlagSet.Parse(args); err != nil {
		return err
	}
	set := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	var err error
	f.VisitAll(func(fl *flag.Flag) {
		env, ok := f.env[fl.Name]
		if !ok || set[fl.Name] || err != nil {
			return
		}
		if v := getenv(env); v != "" {
			if serr := f.Set(fl.Name, v); serr != nil {
				err = fmt.Errorf("environment variable %s=%q: %v", env, v, serr)
			}
		}
	})
	for _, e := range f.envOnly {
		if v := getenv(e.name); v != "" {
			*e.p = v
		}
	}
	for _, fn := range f.after {
		fn()
	}
	return err
}
