package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"sigs.k8s.io/yaml"
)

func TestOCIRegistryComponent(t *testing.T) {
	l := testLayout(t)
	c := l.ociRegistryComponent()
	if c.ID != "oci-registry" || !slices.Equal(c.Ports, []int{defaultBasePort + 4}) {
		t.Fatalf("component %s ports %v", c.ID, c.Ports)
	}
	if want := []string{"oci-registry", "--addr=127.0.0.1:20004"}; !slices.Equal(c.Args, want) {
		t.Fatalf("args = %q, want %q", c.Args, want)
	}
	if c.Bin != l.bin("fleetctl") || c.Log != l.path("logs", "oci-registry.log") {
		t.Fatalf("bin %s log %s", c.Bin, c.Log)
	}
	if got := l.ociChartsURL(); got != "oci://127.0.0.1:20004/charts" {
		t.Fatalf("oci url = %s", got)
	}
	l.basePort = 25000
	if got := l.ociChartsURL(); got != "oci://127.0.0.1:25004/charts" {
		t.Fatalf("oci url with base 25000 = %s", got)
	}
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "localhost:0", "10.0.0.1:5000", "127.0.0.1"} {
		if code := runOCIRegistry([]string{"--addr=" + addr}); code != 2 {
			t.Fatalf("--addr=%s was accepted (exit %d)", addr, code)
		}
	}
	if code := runOCIRegistry(nil); code != 2 {
		t.Fatalf("no --addr: exit %d", code)
	}
}

// lockedBuffer is the handler's log: written by the server's goroutines, read
// by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// With the fleet's helm (`make fleet-build`): the echo chart, packaged and
// pushed by pushCharts as `up` does (twice: pushing again is fine), is in the
// registry's catalog with its version as a tag, and helm pulls it back.
// Skipped without the helm binary.
func TestOCIRegistryHelmPush(t *testing.T) {
	repo, err := filepath.Abs("../../../..")
	if err != nil {
		t.Fatal(err)
	}
	helm := filepath.Join(repo, ".fleet", "bin", "helm")
	if _, err := exec.LookPath(helm); err != nil {
		t.Skipf("no %s (make fleet-build)", helm)
	}
	var log lockedBuffer
	srv := httptest.NewServer(ociRegistryHandler(&log))
	defer srv.Close()
	port := srv.Listener.Addr().(*net.TCPAddr).Port

	root := t.TempDir()
	// basePort+4 is the httptest server's port: ociChartsURL then points at it.
	l := &layout{root: root, repo: repo, basePort: port - 4}
	if err := os.MkdirAll(l.path("bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(helm, l.bin("helm")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(l.chartsDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := l.helm(ctx, "test", "package", filepath.Join(l.chartSourcesDir(), "echo"), "--destination", l.chartsDir()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(l.chartSourcesDir(), "echo", "Chart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var chart struct {
		Name    string `json:"name"`
		Version string `json:"version"`
	}
	if err := yaml.Unmarshal(b, &chart); err != nil || chart.Name != "echo" || chart.Version == "" {
		t.Fatalf("echo's Chart.yaml: %+v %v", chart, err)
	}
	for range 2 {
		if err := l.pushCharts(ctx); err != nil {
			t.Fatal(err)
		}
	}

	getJSON := func(path string, v any) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
	}
	var catalog struct {
		Repositories []string `json:"repositories"`
	}
	getJSON("/v2/_catalog", &catalog)
	if !slices.Equal(catalog.Repositories, []string{"charts/echo"}) {
		t.Fatalf("catalog = %v, want [charts/echo]", catalog.Repositories)
	}
	var tags struct {
		Name string   `json:"name"`
		Tags []string `json:"tags"`
	}
	getJSON("/v2/charts/echo/tags/list", &tags)
	if tags.Name != "charts/echo" || !slices.Equal(tags.Tags, []string{chart.Version}) {
		t.Fatalf("tags = %+v, want charts/echo [%s]", tags, chart.Version)
	}

	// And helm reads it back from there.
	out := t.TempDir()
	if err := l.helm(ctx, "test", "pull", l.ociChartsURL()+"/echo", "--version", chart.Version, "--plain-http", "--destination", out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "echo-"+chart.Version+".tgz")); err != nil {
		t.Fatal(err)
	}

	logged := log.String()
	for _, want := range []string{`PUT "/v2/charts/echo/manifests/` + chart.Version + `" 201`, `GET "/v2/_catalog" 200`} {
		if !strings.Contains(logged, want) {
			t.Fatalf("log lacks %q:\n%s", want, logged)
		}
	}
}
