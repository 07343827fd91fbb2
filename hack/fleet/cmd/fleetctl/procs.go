package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A component is one process of the fleet. Its pid file records pid and the
// kernel start time, so a recycled pid is never mistaken for ours and we never
// signal processes by name.
type component struct {
	ID    string   // e.g. "etcd", "member-1/kube-apiserver"
	Bin   string   // executable
	Args  []string // arguments (without argv[0])
	Ports []int    // ports it binds, checked before start
	Env   []string // extra environment
	Log   string   // log file
	// Cred runs it as another user (PostgreSQL refuses to run as root); nil: as us.
	Cred *syscall.Credential
	// StopSignal asks it to stop; SIGTERM when zero.
	StopSignal syscall.Signal
	// Dir is its working directory; the fleet's root when empty.
	Dir string
	l   *layout
}

func (c *component) pidFile() string {
	return c.l.path("run", strings.ReplaceAll(c.ID, "/", ".")+".pid")
}

type pidRecord struct {
	pid   int
	start uint64
}

func readPidFile(path string) (pidRecord, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return pidRecord{}, err
	}
	f := strings.Fields(string(b))
	if len(f) != 2 {
		return pidRecord{}, fmt.Errorf("%s: malformed", path)
	}
	pid, err1 := strconv.Atoi(f[0])
	st, err2 := strconv.ParseUint(f[1], 10, 64)
	if err1 != nil || err2 != nil {
		return pidRecord{}, fmt.Errorf("%s: malformed", path)
	}
	return pidRecord{pid, st}, nil
}

// procStartTime returns field 22 of /proc/<pid>/stat (start time in clock ticks).
func procStartTime(pid int) (uint64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 20 || f[0] == "Z" { // zombie counts as gone
		return 0, false
	}
	v, err := strconv.ParseUint(f[19], 10, 64)
	return v, err == nil
}

// running reports the live process recorded for the component, if any.
func (c *component) running() (pidRecord, bool) {
	rec, err := readPidFile(c.pidFile())
	if err != nil {
		return pidRecord{}, false
	}
	st, ok := procStartTime(rec.pid)
	if !ok || st != rec.start {
		return rec, false
	}
	return rec, true
}

func (c *component) start() error {
	for _, p := range c.Ports {
		if err := portFree(p); err != nil {
			return fmt.Errorf("%s: %w", c.ID, err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(c.Log), 0o755); err != nil {
		return err
	}
	lf, err := os.OpenFile(c.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer lf.Close()
	fmt.Fprintf(lf, "\n==== %s start %s: %s %s\n", c.ID, time.Now().Format(time.RFC3339), c.Bin, strings.Join(c.Args, " "))
	cmd := exec.Command(c.Bin, c.Args...)
	cmd.Dir = c.l.root
	if c.Dir != "" {
		cmd.Dir = c.Dir
	}
	cmd.Stdout, cmd.Stderr = lf, lf
	cmd.Env = append(os.Environ(), c.Env...)
	// Own session: the fleet outlives `make fleet` and is not hit by its Ctrl-C.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Credential: c.Cred}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: start %s: %w", c.ID, c.Bin, err)
	}
	pid := cmd.Process.Pid
	var st uint64
	for i := 0; i < 50; i++ {
		var ok bool
		if st, ok = procStartTime(pid); ok {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Reap it if it dies while we are still around, so it is not left a zombie.
	go func() { _ = cmd.Wait() }()
	if err := writeFileAtomic(c.pidFile(), fmt.Appendf(nil, "%d %d\n", pid, st), 0o644); err != nil {
		_ = cmd.Process.Kill()
		return err
	}
	return nil
}

// stop sends its StopSignal (SIGTERM), then SIGKILL after the grace period, to the recorded process only.
func (c *component) stop(grace time.Duration) error {
	rec, alive := c.running()
	defer os.Remove(c.pidFile())
	if !alive {
		return nil
	}
	sig := c.StopSignal
	if sig == 0 {
		sig = syscall.SIGTERM
	}
	_ = syscall.Kill(rec.pid, sig)
	deadline := time.Now().Add(grace)
	for time.Now().Before(deadline) {
		if st, ok := procStartTime(rec.pid); !ok || st != rec.start {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	_ = syscall.Kill(rec.pid, syscall.SIGKILL)
	for i := 0; i < 100; i++ {
		if st, ok := procStartTime(rec.pid); !ok || st != rec.start {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s: pid %d did not exit after SIGKILL", c.ID, rec.pid)
}

// portFree fails with the owner of the port when it is taken.
func portFree(port int) error {
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err == nil {
		ln.Close()
		return nil
	}
	if owner := portOwner(port); owner != "" {
		return fmt.Errorf("port %d is in use by %s (set FLEET_BASE_PORT to move the fleet)", port, owner)
	}
	return fmt.Errorf("port %d is not available: %v (set FLEET_BASE_PORT to move the fleet)", port, err)
}

// portOwner finds the listening socket's inode in /proc/net/tcp{,6} and the
// process holding it.
func portOwner(port int) string {
	inodes := map[string]bool{}
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			fs := strings.Fields(sc.Text())
			if len(fs) < 10 || fs[3] != "0A" { // 0A = LISTEN
				continue
			}
			if i := strings.LastIndexByte(fs[1], ':'); i >= 0 {
				if p, err := strconv.ParseUint(fs[1][i+1:], 16, 32); err == nil && int(p) == port {
					inodes[fs[9]] = true
				}
			}
		}
		fh.Close()
	}
	if len(inodes) == 0 {
		return ""
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range procs {
		link, err := os.Readlink(fd)
		if err != nil || !strings.HasPrefix(link, "socket:[") {
			continue
		}
		if inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] {
			pid := strings.Split(fd, "/")[2]
			cmdline, _ := os.ReadFile("/proc/" + pid + "/cmdline")
			cl := strings.TrimSpace(strings.ReplaceAll(string(cmdline), "\x00", " "))
			if len(cl) > 120 {
				cl = cl[:120] + "…"
			}
			return fmt.Sprintf("pid %s (%s)", pid, cl)
		}
	}
	return "another process"
}

// tailFile returns the last n lines of a log, for failure reports.
func tailFile(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "    " + strings.Join(lines, "\n    ")
}
