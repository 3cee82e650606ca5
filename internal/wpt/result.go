package wpt

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
)

// testharness.js's status codes, as its completion callback reports them.
const (
	statusPass = 0 // a subtest's PASS
	harnessOK  = 0 // the harness's OK
)

// Subtest is one test() of a file, as the harness reported it.
type Subtest struct {
	Name    string `json:"name"`
	Status  int    `json:"status"`
	Message string `json:"message"`
}

// Result is one file's run in one browser. Loaded is false when no results came back in time
// (LoadError says what happened); Status and Message are the harness's own.
type Result struct {
	Loaded    bool      `json:"-"`
	LoadError string    `json:"-"`
	Status    int       `json:"status"`
	Message   string    `json:"message"`
	Tests     []Subtest `json:"tests"`
}

// passed is the set of subtest names that passed.
func (r Result) passed() map[string]bool {
	m := map[string]bool{}
	for _, t := range r.Tests {
		if t.Status == statusPass {
			m[t.Name] = true
		}
	}
	return m
}

// Outcome is one file in both browsers.
type Outcome struct {
	File
	Chromium, Hostsim Result
}

// Row is one directory's figures.
type Row struct {
	Dir string
	// Files run, and subtests: the union of the names either browser reported.
	Files, Subtests int
	// Passes in each browser, and hostsim's passes among the subtests Chromium passes.
	Chromium, Hostsim, Both int
	// Files that gave no results in time, per browser.
	ChromiumLoadFailures, HostsimLoadFailures int
	// Files left out (see Discover).
	Skipped int
}

// Tally counts the outcomes per directory, in the order of dirs, with a total row last.
func Tally(dirs []string, outs []Outcome, skipped []Skipped) []Row {
	rows := map[string]*Row{}
	for _, d := range dirs {
		rows[d] = &Row{Dir: d}
	}
	get := func(d string) *Row {
		if rows[d] == nil {
			rows[d] = &Row{Dir: d}
			dirs = append(dirs, d)
		}
		return rows[d]
	}
	for _, s := range skipped {
		get(s.Dir).Skipped++
	}
	for _, o := range outs {
		r := get(o.Dir)
		r.Files++
		if !o.Chromium.Loaded {
			r.ChromiumLoadFailures++
		}
		if !o.Hostsim.Loaded {
			r.HostsimLoadFailures++
		}
		names := map[string]bool{}
		for _, t := range o.Chromium.Tests {
			names[t.Name] = true
		}
		for _, t := range o.Hostsim.Tests {
			names[t.Name] = true
		}
		r.Subtests += len(names)
		cp, hp := o.Chromium.passed(), o.Hostsim.passed()
		r.Chromium += len(cp)
		r.Hostsim += len(hp)
		for n := range cp {
			if hp[n] {
				r.Both++
			}
		}
	}
	total := Row{Dir: "total"}
	out := make([]Row, 0, len(dirs)+1)
	for _, d := range dirs {
		r := *rows[d]
		out = append(out, r)
		total.Files += r.Files
		total.Subtests += r.Subtests
		total.Chromium += r.Chromium
		total.Hostsim += r.Hostsim
		total.Both += r.Both
		total.ChromiumLoadFailures += r.ChromiumLoadFailures
		total.HostsimLoadFailures += r.HostsimLoadFailures
		total.Skipped += r.Skipped
	}
	return append(out, total)
}

// PrintTable writes the rows as a Markdown table, the form the README keeps.
func PrintTable(w io.Writer, rows []Row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, "| directory\t| files\t| subtests\t| Chromium passes\t| hostsim passes\t| hostsim among Chromium's\t| no results (Chromium/hostsim)\t| skipped\t|")
	fmt.Fprintln(tw, "|---\t|---:\t|---:\t|---:\t|---:\t|---:\t|---:\t|---:\t|")
	for _, r := range rows {
		fmt.Fprintf(tw, "| %s\t| %d\t| %d\t| %d\t| %d\t| %d\t| %d/%d\t| %d\t|\n", r.Dir, r.Files, r.Subtests, r.Chromium, r.Hostsim, r.Both,
			r.ChromiumLoadFailures, r.HostsimLoadFailures, r.Skipped)
	}
	return tw.Flush()
}

// Gap is a subtest Chromium passes and hostsim does not, with what hostsim said.
type Gap struct {
	Path, Name, Hostsim string
}

// Gaps lists, file by file, the subtests Chromium passes and hostsim does not.
func Gaps(outs []Outcome) []Gap {
	var gaps []Gap
	for _, o := range outs {
		hs := map[string]Subtest{}
		for _, t := range o.Hostsim.Tests {
			hs[t.Name] = t
		}
		for _, t := range o.Chromium.Tests {
			if t.Status != statusPass {
				continue
			}
			h, ok := hs[t.Name]
			switch {
			case !o.Hostsim.Loaded:
				gaps = append(gaps, Gap{o.Path, t.Name, "no results: " + o.Hostsim.LoadError})
			case !ok && o.Hostsim.Status != harnessOK:
				gaps = append(gaps, Gap{o.Path, t.Name, "not run: harness error: " + o.Hostsim.Message})
			case !ok:
				gaps = append(gaps, Gap{o.Path, t.Name, "not reported"})
			case h.Status != statusPass:
				gaps = append(gaps, Gap{o.Path, t.Name, statusName(h.Status) + ": " + h.Message})
			}
		}
	}
	sort.SliceStable(gaps, func(i, j int) bool { return gaps[i].Path < gaps[j].Path })
	return gaps
}

func statusName(s int) string {
	switch s {
	case 0:
		return "PASS"
	case 1:
		return "FAIL"
	case 2:
		return "TIMEOUT"
	case 3:
		return "NOTRUN"
	case 4:
		return "PRECONDITION_FAILED"
	}
	return fmt.Sprintf("status %d", s)
}
