package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"sigs.k8s.io/yaml"
)

// The fleet's Helm chart repository: the charts in hack/fleet/charts, packaged
// with the fleet's own helm on every `up` and served read-only by
// `fleetctl chart-repo` on 127.0.0.1; the same packages are pushed to the
// fleet's OCI registry (ociregistry.go).

func (l *layout) chartRepoURL() string    { return fmt.Sprintf("http://127.0.0.1:%d", l.chartRepoPort()) }
func (l *layout) chartsDir() string       { return l.path("charts") }
func (l *layout) chartRepoFile() string   { return l.path("chart-repo.json") }
func (l *layout) chartSourcesDir() string { return filepath.Join(l.repo, "hack", "fleet", "charts") }

func (l *layout) chartRepoComponent() *component {
	return &component{
		ID:  "chart-repo",
		Bin: l.bin("fleetctl"),
		Args: []string{"chart-repo",
			"--dir=" + l.chartsDir(),
			fmt.Sprintf("--addr=127.0.0.1:%d", l.chartRepoPort()),
		},
		Ports: []int{l.chartRepoPort()},
		Log:   l.path("logs", "chart-repo.log"),
		l:     l,
	}
}

// startChartRepo packages the charts (also when the server already runs: the
// sources may have changed), starts the server, starts the OCI registry and
// pushes the packages into it (ociregistry.go), and records both URLs.
func (r *run) startChartRepo(ctx context.Context) error {
	l := r.l
	charts, err := l.packageCharts(ctx)
	if err != nil {
		return err
	}
	comp := l.chartRepoComponent()
	if err := r.ensure(comp); err != nil {
		return err
	}
	if err := waitHealthy(ctx, comp, httpOK(plainClient, l.chartRepoURL()+"/index.yaml")); err != nil {
		return err
	}
	if err := r.startOCIRegistry(ctx); err != nil {
		return err
	}
	return writeJSON(l.chartRepoFile(), struct {
		URL    string   `json:"url"`
		Charts []string `json:"charts"`
		OCI    string   `json:"oci"`
	}{l.chartRepoURL(), charts, l.ociChartsURL()})
}

// packageCharts packages every chart under hack/fleet/charts with the fleet's
// helm into a staging directory, indexes them for the repository's URL and
// moves the result into the served directory: the packages first, then the
// index (a rename, so a client never reads a half-written index or an index
// naming a package not there yet), then it removes packages the new index no
// longer names. It returns the names of the charts in the index.
func (l *layout) packageCharts(ctx context.Context) ([]string, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	staging := l.path("charts.staging")
	if err := os.RemoveAll(staging); err != nil {
		return nil, err
	}
	for _, d := range []string{staging, l.chartsDir()} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	defer os.RemoveAll(staging)
	helm := func(args ...string) error { return l.helm(ctx, "chart-repo", args...) }
	entries, err := os.ReadDir(l.chartSourcesDir())
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for _, e := range entries {
		dir := filepath.Join(l.chartSourcesDir(), e.Name())
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "Chart.yaml")); err != nil {
			continue
		}
		if err := helm("package", dir, "--destination", staging); err != nil {
			return nil, err
		}
	}
	if err := helm("repo", "index", staging, "--url", l.chartRepoURL()); err != nil {
		return nil, err
	}
	idx, err := os.ReadFile(filepath.Join(staging, "index.yaml"))
	if err != nil {
		return nil, err
	}
	var index struct {
		Entries map[string]any `json:"entries"`
	}
	if err := yaml.Unmarshal(idx, &index); err != nil {
		return nil, fmt.Errorf("chart-repo: helm's index.yaml: %w", err)
	}
	charts := make([]string, 0, len(index.Entries))
	for name := range index.Entries {
		charts = append(charts, name)
	}
	slices.Sort(charts)

	pkgs, err := filepath.Glob(filepath.Join(staging, "*.tgz"))
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{"index.yaml": true}
	for _, p := range pkgs {
		keep[filepath.Base(p)] = true
		if err := os.Rename(p, filepath.Join(l.chartsDir(), filepath.Base(p))); err != nil {
			return nil, err
		}
	}
	if err := os.Rename(filepath.Join(staging, "index.yaml"), filepath.Join(l.chartsDir(), "index.yaml")); err != nil {
		return nil, err
	}
	old, err := os.ReadDir(l.chartsDir())
	if err != nil {
		return nil, err
	}
	for _, e := range old {
		if !keep[e.Name()] {
			if err := os.RemoveAll(filepath.Join(l.chartsDir(), e.Name())); err != nil {
				return nil, err
			}
		}
	}
	return charts, nil
}

// helm runs the fleet's helm in Helm homes of the fleet's own (.fleet/helm-home:
// no user's repositories, registry logins or plugins) and without a cluster;
// a failure carries helm's output, prefixed with what ran it.
func (l *layout) helm(ctx context.Context, who string, args ...string) error {
	helmHome := l.path("helm-home")
	if err := os.MkdirAll(helmHome, 0o755); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, l.bin("helm"), args...)
	cmd.Env = append(os.Environ(),
		"HELM_CACHE_HOME="+filepath.Join(helmHome, "cache"),
		"HELM_CONFIG_HOME="+filepath.Join(helmHome, "config"),
		"HELM_DATA_HOME="+filepath.Join(helmHome, "data"),
		"KUBECONFIG=/dev/null",
	)
	cmd.Dir = l.root
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: helm %s: %v\n    %s", who, strings.Join(args, " "), err,
			strings.ReplaceAll(strings.TrimSpace(string(out)), "\n", "\n    "))
	}
	return nil
}

// runChartRepo serves a directory as a Helm chart repository until SIGTERM.
func runChartRepo(args []string) int {
	flags := flag.NewFlagSet("chart-repo", flag.ContinueOnError)
	dir := flags.String("dir", "", "directory to serve (index.yaml and chart packages)")
	addr := flags.String("addr", "", "listen address, 127.0.0.1:PORT")
	if err := flags.Parse(args); err != nil || *dir == "" || *addr == "" || flags.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: fleetctl chart-repo --dir=DIR --addr=127.0.0.1:PORT")
		return 2
	}
	if host, _, err := net.SplitHostPort(*addr); err != nil || host != "127.0.0.1" {
		fmt.Fprintf(os.Stderr, "chart-repo: --addr=%s: want 127.0.0.1:PORT (the fleet binds loopback only)\n", *addr)
		return 2
	}
	root, err := os.OpenRoot(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "chart-repo:", err)
		return 1
	}
	defer root.Close()
	return serveUntilSignal("chart-repo", *addr, chartRepoHandler(root.FS(), os.Stdout), fmt.Sprintf("serving %s", *dir))
}

// serveUntilSignal serves h on addr (loopback, checked by the caller) until
// SIGTERM or SIGINT, then shuts down within 5 s: 0 then, 1 if serving failed.
func serveUntilSignal(name, addr string, h http.Handler, what string) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		return 1
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	fmt.Printf("%s: %s on http://%s\n", name, what, addr)
	select {
	case s := <-sig:
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		fmt.Printf("%s: %v, stopped\n", name, s)
		return 0
	case err := <-done:
		fmt.Fprintln(os.Stderr, name+":", err)
		return 1
	}
}

// chartRepoHandler serves the regular files of fsys (index.yaml, *.tgz) to GET
// and HEAD: no directory listings, nothing outside fsys (with an os.Root's FS
// not even through a symlink), one log line per request to logw.
func chartRepoHandler(fsys fs.FS, logw io.Writer) http.Handler {
	return logRequests(logw, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		serveChartRepo(w, r, fsys)
	}))
}

// logRequests writes one line per request handled by next to logw: time,
// client, method, target, status, bytes written and duration.
func logRequests(logw io.Writer, next http.Handler) http.Handler {
	var logMu sync.Mutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		logMu.Lock()
		fmt.Fprintf(logw, "%s %s %s %q %d %dB %s\n", t0.UTC().Format(time.RFC3339Nano), r.RemoteAddr, r.Method,
			r.URL.RequestURI(), sw.status, sw.bytes, time.Since(t0).Round(time.Microsecond))
		logMu.Unlock()
	})
}

func serveChartRepo(w http.ResponseWriter, r *http.Request, fsys fs.FS) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The raw path, not a cleaned one: "/a/../index.yaml" is refused rather than
	// resolved, and fs.ValidPath refuses "..", "." and empty elements.
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" || !fs.ValidPath(name) || strings.HasPrefix(path.Base(name), ".") {
		http.NotFound(w, r)
		return
	}
	f, err := fsys.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		http.Error(w, "not seekable", http.StatusInternalServerError)
		return
	}
	switch {
	case strings.HasSuffix(name, ".tgz"):
		w.Header().Set("Content-Type", "application/gzip")
	case strings.HasSuffix(name, ".yaml"):
		w.Header().Set("Content-Type", "application/yaml")
	case strings.HasSuffix(name, ".prov"):
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, st.ModTime(), rs)
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}
