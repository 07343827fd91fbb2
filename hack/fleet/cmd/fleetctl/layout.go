package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Port plan: everything binds 127.0.0.1, below the Linux ephemeral range
// (32768+) so client sockets never take a fleet port. Fleet-wide: base+0 etcd
// client, +1 etcd peer, +2 PostgreSQL, +3 chart repository, +4 OCI registry
// (+5…+99 free).
// Cluster i: base+100+20·i plus the offsets of cluster.port's callers below.
const (
	defaultBasePort = 20000
	clusterPortStep = 20
)

type layout struct {
	root     string // .fleet
	repo     string // repository root
	basePort int
}

type cluster struct {
	Name  string
	Index int
	l     *layout
}

func newLayout() (*layout, error) {
	repo := os.Getenv("FLEET_REPO")
	if repo == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		repo = wd
	}
	repo, _ = filepath.Abs(repo)
	root := os.Getenv("FLEET_DIR")
	if root == "" {
		root = filepath.Join(repo, ".fleet")
	}
	base := defaultBasePort
	// A fleet started with FLEET_BASE_PORT keeps it: later commands (stop,
	// start, status) without the variable must address the same ports.
	if b, err := os.ReadFile(filepath.Join(root, "base-port")); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n >= 1024 && n <= 60000 {
			base = n
		}
	}
	if v := os.Getenv("FLEET_BASE_PORT"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1024 || n > 60000 {
			return nil, fmt.Errorf("FLEET_BASE_PORT=%q: want a number between 1024 and 60000", v)
		}
		base = n
	}
	return &layout{root: root, repo: repo, basePort: base}, nil
}

func (l *layout) path(p ...string) string { return filepath.Join(append([]string{l.root}, p...)...) }
func (l *layout) bin(name string) string  { return l.path("bin", name) }
func (l *layout) etcdPort() int           { return l.basePort }
func (l *layout) etcdPeerPort() int       { return l.basePort + 1 }
func (l *layout) postgresPort() int       { return l.basePort + 2 }
func (l *layout) chartRepoPort() int      { return l.basePort + 3 }
func (l *layout) ociRegistryPort() int    { return l.basePort + 4 }

func clusterName(i int) string {
	if i == 0 {
		return "host"
	}
	return fmt.Sprintf("member-%d", i)
}

func (l *layout) clusters(n int) []*cluster {
	out := make([]*cluster, n)
	for i := range out {
		out[i] = &cluster{Name: clusterName(i), Index: i, l: l}
	}
	return out
}

func (c *cluster) port(off int) int           { return c.l.basePort + 100 + c.Index*clusterPortStep + off }
func (c *cluster) apiserverPort() int         { return c.port(0) }
func (c *cluster) kwokPort() int              { return c.port(1) }
func (c *cluster) ksmPort() int               { return c.port(2) }
func (c *cluster) ksmTelemetryPort() int      { return c.port(3) }
func (c *cluster) prometheusPort() int        { return c.port(4) }
func (c *cluster) controllerManagerPort() int { return c.port(5) }
func (c *cluster) schedulerPort() int         { return c.port(6) }
func (c *cluster) dir(p ...string) string {
	return c.l.path(append([]string{"clusters", c.Name}, p...)...)
}
func (c *cluster) server() string { return fmt.Sprintf("https://127.0.0.1:%d", c.apiserverPort()) }
func (c *cluster) prometheusURL() string {
	return fmt.Sprintf("http://127.0.0.1:%d", c.prometheusPort())
}
func (c *cluster) kubeconfig() string { return c.dir("kubeconfig") }

// The recorded cluster count lets `make fleet` without FLEET_CLUSTERS keep a
// larger fleet started earlier (scale tests) instead of silently shrinking it.
func (l *layout) clusterCount() (int, error) {
	recorded := 0
	if b, err := os.ReadFile(l.path("clusters.json")); err == nil {
		var v struct{ Count int }
		if json.Unmarshal(b, &v) == nil {
			recorded = v.Count
		}
	}
	if s := os.Getenv("FLEET_CLUSTERS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 50 {
			return 0, fmt.Errorf("FLEET_CLUSTERS=%q: want a number from 1 to 50", s)
		}
		if n < recorded {
			return recorded, nil
		}
		return n, nil
	}
	if recorded > 0 {
		return recorded, nil
	}
	return 3, nil
}

func (l *layout) recordBasePort() error {
	return writeFileAtomic(l.path("base-port"), fmt.Appendf(nil, "%d\n", l.basePort), 0o644)
}

func (l *layout) recordClusterCount(n int) error {
	return writeFileAtomic(l.path("clusters.json"), fmt.Appendf(nil, "{\"Count\":%d}\n", n), 0o644)
}

// writeFileAtomic replaces path with data unless it already holds exactly that:
// components that watch their config files (kube-state-metrics restarts on a
// kubeconfig change) must not see a rewrite on every `up`.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
