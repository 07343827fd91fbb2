package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"
)

// chartRepoFixture is a served directory with an index, a package, a
// subdirectory and a dotfile, next to a secret outside it that a symlink
// inside points at.
func chartRepoFixture(t *testing.T) (http.Handler, *bytes.Buffer) {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "charts")
	for _, d := range []string{dir, filepath.Join(dir, "sub")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		filepath.Join(dir, "index.yaml"):       "apiVersion: v1\nentries: {}\n",
		filepath.Join(dir, "echo-1.2.0.tgz"):   "\x1f\x8bnot really a chart",
		filepath.Join(dir, "sub", "x.yaml"):    "x: 1\n",
		filepath.Join(dir, ".hidden"):          "hidden",
		filepath.Join(base, "secret.txt"):      "secret",
		filepath.Join(base, "charts-evil.txt"): "prefix sibling",
	}
	for p, c := range files {
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(base, "secret.txt"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	var log bytes.Buffer
	return chartRepoHandler(root.FS(), &log), &log
}

func TestChartRepoHandler(t *testing.T) {
	h, log := chartRepoFixture(t)
	do := func(method, target string) *httptest.ResponseRecorder {
		t.Helper()
		req := httptest.NewRequest(method, "http://127.0.0.1/", nil)
		// Set the path by hand: NewRequest's parser is not what a raw client sends.
		req.URL.Path = target
		req.RequestURI = target
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}

	w := do(http.MethodGet, "/index.yaml")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "apiVersion: v1") {
		t.Fatalf("GET /index.yaml: %d %q", w.Code, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/yaml" {
		t.Fatalf("index.yaml Content-Type = %q", ct)
	}
	w = do(http.MethodGet, "/echo-1.2.0.tgz")
	if w.Code != http.StatusOK || w.Header().Get("Content-Type") != "application/gzip" {
		t.Fatalf("GET .tgz: %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	w = do(http.MethodHead, "/index.yaml")
	if w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Fatalf("HEAD /index.yaml: %d, %d body bytes", w.Code, w.Body.Len())
	}

	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions} {
		w := do(m, "/index.yaml")
		if w.Code != http.StatusMethodNotAllowed {
			t.Fatalf("%s /index.yaml: %d, want 405", m, w.Code)
		}
		if a := w.Header().Get("Allow"); a != "GET, HEAD" {
			t.Fatalf("%s: Allow = %q", m, a)
		}
	}

	for _, p := range []string{
		"/", "/sub", "/sub/", // directories: no listings
		"/missing.tgz", "/.hidden", "/index.yaml/",
		"/../secret.txt", "/sub/../../secret.txt", "/sub/../index.yaml", "/./index.yaml", "//index.yaml",
		"/../charts-evil.txt", "/link.yaml", // a symlink out of the directory
	} {
		w := do(http.MethodGet, p)
		if w.Code != http.StatusNotFound && w.Code != http.StatusBadRequest {
			t.Fatalf("GET %s: %d %q, want 404 or 400", p, w.Code, w.Body.String())
		}
		if strings.Contains(w.Body.String(), "secret") || strings.Contains(w.Body.String(), "index.yaml") {
			t.Fatalf("GET %s leaked %q", p, w.Body.String())
		}
	}
	if w := do(http.MethodGet, "/sub/x.yaml"); w.Code != http.StatusOK {
		t.Fatalf("GET /sub/x.yaml: %d", w.Code)
	}

	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) < 20 {
		t.Fatalf("want one log line per request, got %d:\n%s", len(lines), log.String())
	}
	if !strings.Contains(lines[0], `GET "/index.yaml" 200`) {
		t.Fatalf("log line: %q", lines[0])
	}
}

// Over a real connection, with the request line exactly as written: Go's server
// does not clean the path for a bare handler, so the handler must refuse it.
func TestChartRepoHandlerRawRequests(t *testing.T) {
	h, _ := chartRepoFixture(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	raw := func(target string) int {
		t.Helper()
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), "secret") {
			t.Fatalf("GET %s leaked %q", target, body)
		}
		return resp.StatusCode
	}
	if code := raw("/index.yaml"); code != http.StatusOK {
		t.Fatalf("GET /index.yaml: %d", code)
	}
	for _, p := range []string{"/", "/../secret.txt", "/%2e%2e/secret.txt", "/sub/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt", "/link.yaml"} {
		if code := raw(p); code != http.StatusNotFound && code != http.StatusBadRequest {
			t.Fatalf("GET %s: %d, want 404 or 400", p, code)
		}
	}
}

func TestChartRepoComponent(t *testing.T) {
	l := testLayout(t)
	c := l.chartRepoComponent()
	if c.ID != "chart-repo" || !slices.Equal(c.Ports, []int{defaultBasePort + 3}) {
		t.Fatalf("component %s ports %v", c.ID, c.Ports)
	}
	want := []string{"chart-repo", "--dir=" + l.path("charts"), "--addr=127.0.0.1:20003"}
	if !slices.Equal(c.Args, want) {
		t.Fatalf("args = %q, want %q", c.Args, want)
	}
	if l.chartRepoURL() != "http://127.0.0.1:20003" {
		t.Fatalf("url = %s", l.chartRepoURL())
	}
	if code := runChartRepo([]string{"--dir=" + t.TempDir(), "--addr=0.0.0.0:0"}); code != 2 {
		t.Fatalf("a non-loopback address was accepted (exit %d)", code)
	}
}

// With the fleet's helm (`make fleet-build`), the repository's charts package
// and index; skipped without it.
func TestPackageCharts(t *testing.T) {
	repo, err := filepath.Abs("../../../..")
	if err != nil {
		t.Fatal(err)
	}
	helm := filepath.Join(repo, ".fleet", "bin", "helm")
	if _, err := exec.LookPath(helm); err != nil {
		t.Skipf("no %s (make fleet-build)", helm)
	}
	root := t.TempDir()
	l := &layout{root: root, repo: repo, basePort: defaultBasePort}
	if err := os.MkdirAll(l.path("bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(helm, l.bin("helm")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(l.chartsDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(l.chartsDir(), "gone-0.1.0.tgz")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	charts, err := l.packageCharts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(charts, []string{"echo", "keyvalue", "nightly-report"}) {
		t.Fatalf("charts = %v", charts)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("stale package kept: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(l.chartsDir(), "index.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var idx struct {
		Entries map[string][]struct {
			Version string   `json:"version"`
			URLs    []string `json:"urls"`
		} `json:"entries"`
	}
	if err := yaml.Unmarshal(b, &idx); err != nil {
		t.Fatal(err)
	}
	for _, name := range charts {
		e := idx.Entries[name]
		if len(e) != 1 || len(e[0].URLs) != 1 {
			t.Fatalf("%s: %+v", name, e)
		}
		u := e[0].URLs[0]
		if want := fmt.Sprintf("http://127.0.0.1:20003/%s-%s.tgz", name, e[0].Version); u != want {
			t.Fatalf("%s url = %s, want %s", name, u, want)
		}
		if _, err := os.Stat(filepath.Join(l.chartsDir(), filepath.Base(u))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(l.path("charts.staging")); !os.IsNotExist(err) {
		t.Fatalf("staging directory left behind: %v", err)
	}
}
