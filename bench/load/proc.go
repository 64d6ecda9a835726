package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// clockTicks is the kernel's USER_HZ, the unit of utime and stime.
var clockTicks = func() float64 {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(out))); err == nil && n > 0 {
			return float64(n)
		}
	}
	return 100
}()

// cpuTime returns a process's user plus system CPU time so far, from
// fields 14 and 15 of /proc/<pid>/stat.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStatCPU(string(b))
}

// parseStatCPU reads utime+stime from the text of /proc/<pid>/stat. The
// command name (field 2) may hold spaces, so fields are counted from its
// closing parenthesis.
func parseStatCPU(stat string) (time.Duration, error) {
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, fmt.Errorf("malformed stat %q", stat)
	}
	fields := strings.Fields(stat[end+1:]) // fields[0] is field 3 (state)
	if len(fields) < 13 {
		return 0, fmt.Errorf("short stat %q", stat)
	}
	utime, err1 := strconv.ParseUint(fields[11], 10, 64)
	stime, err2 := strconv.ParseUint(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("malformed stat times %q %q", fields[11], fields[12])
	}
	return time.Duration(float64(utime+stime) / clockTicks * float64(time.Second)), nil
}

// peakRSS returns a process's VmHWM (peak resident set) in bytes.
func peakRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", pid)
}

// resetPeakRSS sets VmHWM back to the current RSS (clear_refs value 5), so
// each cell reports its own peak. It fails quietly on kernels or
// processes that do not allow it; the peak is then the process's own.
func resetPeakRSS(pid int) {
	_ = os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

// usage is a process's resource use over one measured window.
type usage struct {
	cpu  time.Duration // utime+stime spent in the window
	peak int64         // VmHWM at the end of the window, bytes
}

// meter measures one process's CPU time and peak RSS over a window.
type meter struct {
	pid   int
	start time.Duration
}

// startMeter resets the peak and notes the CPU time; pid 0 measures nothing.
func startMeter(pid int) *meter {
	m := &meter{pid: pid}
	if pid == 0 {
		return m
	}
	resetPeakRSS(pid)
	m.start, _ = cpuTime(pid)
	return m
}

// stop returns the usage since startMeter.
func (m *meter) stop() usage {
	if m.pid == 0 {
		return usage{}
	}
	end, _ := cpuTime(m.pid)
	peak, _ := peakRSS(m.pid)
	return usage{cpu: end - m.start, peak: peak}
}

// machine describes the host: CPU model, cores, memory, load average.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(b)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := "? GiB"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(b), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	nproc, _ := exec.Command("nproc").Output()
	return fmt.Sprintf("%s cores (nproc), %s, %s", strings.TrimSpace(string(nproc)), mem, model)
}

// loadAverage returns the 1, 5 and 15 minute load averages.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
