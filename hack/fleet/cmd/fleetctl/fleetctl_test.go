package main

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/yaml"
)

func testLayout(t *testing.T) *layout {
	t.Helper()
	dir := t.TempDir()
	return &layout{root: dir, repo: dir, basePort: defaultBasePort}
}

func TestPortsDoNotCollide(t *testing.T) {
	l := testLayout(t)
	seen := map[int]string{}
	for _, fw := range []struct {
		port int
		id   string
	}{{l.etcdPort(), "etcd"}, {l.etcdPeerPort(), "etcd-peer"}, {l.postgresPort(), "postgres"}, {l.chartRepoPort(), "chart-repo"}, {l.ociRegistryPort(), "oci-registry"}} {
		if prev, ok := seen[fw.port]; ok {
			t.Fatalf("port %d used by %s and %s", fw.port, prev, fw.id)
		}
		if fw.port < l.basePort || fw.port >= l.basePort+100 {
			t.Fatalf("fleet-wide port %d of %s is outside base+0…99", fw.port, fw.id)
		}
		seen[fw.port] = fw.id
	}
	for _, c := range l.clusters(50) {
		for _, comp := range c.all() {
			for _, p := range comp.Ports {
				if prev, ok := seen[p]; ok {
					t.Fatalf("port %d used by %s and %s", p, prev, comp.ID)
				}
				if p >= 32768 {
					t.Fatalf("port %d of %s is in the ephemeral range", p, comp.ID)
				}
				seen[p] = comp.ID
			}
		}
	}
}

func TestClusterNames(t *testing.T) {
	l := testLayout(t)
	var names []string
	for _, c := range l.clusters(4) {
		names = append(names, c.Name)
	}
	if got := strings.Join(names, ","); got != "host,member-1,member-2,member-3" {
		t.Fatalf("names = %s", got)
	}
}

func TestClusterCount(t *testing.T) {
	l := testLayout(t)
	t.Setenv("FLEET_CLUSTERS", "")
	if n, _ := l.clusterCount(); n != 3 {
		t.Fatalf("default = %d, want 3", n)
	}
	t.Setenv("FLEET_CLUSTERS", "10")
	if n, _ := l.clusterCount(); n != 10 {
		t.Fatalf("FLEET_CLUSTERS=10 gave %d", n)
	}
	if err := l.recordClusterCount(10); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FLEET_CLUSTERS", "")
	if n, _ := l.clusterCount(); n != 10 {
		t.Fatalf("recorded 10, got %d", n)
	}
	for _, bad := range []string{"0", "x", "51", "-2"} {
		t.Setenv("FLEET_CLUSTERS", bad)
		if _, err := l.clusterCount(); err == nil {
			t.Fatalf("FLEET_CLUSTERS=%s accepted", bad)
		}
	}
}

func TestWriteFileAtomicKeepsIdenticalFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := writeFileAtomic(p, []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	st1, _ := os.Stat(p)
	time.Sleep(20 * time.Millisecond)
	if err := writeFileAtomic(p, []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	st2, _ := os.Stat(p)
	if !os.SameFile(st1, st2) || !st1.ModTime().Equal(st2.ModTime()) {
		t.Fatal("identical content rewrote the file (watchers would restart)")
	}
	if err := writeFileAtomic(p, []byte("b"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "b" {
		t.Fatalf("content = %q", b)
	}
}

func TestPidFileDetectsDeadAndRecycledPids(t *testing.T) {
	l := testLayout(t)
	c := &component{ID: "x/y", l: l}
	if _, ok := c.running(); ok {
		t.Fatal("no pid file yet, but running")
	}
	self := os.Getpid()
	st, ok := procStartTime(self)
	if !ok {
		t.Fatal("cannot read own start time")
	}
	if err := writeFileAtomic(c.pidFile(), fmt.Appendf(nil, "%d %d\n", self, st), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.running(); !ok {
		t.Fatal("own process not seen as running")
	}
	// Same pid, different start time: a recycled pid is not ours.
	if err := writeFileAtomic(c.pidFile(), fmt.Appendf(nil, "%d %d\n", self, st+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.running(); ok {
		t.Fatal("recycled pid taken for ours")
	}
	if err := os.WriteFile(c.pidFile(), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readPidFile(c.pidFile()); err == nil {
		t.Fatal("malformed pid file accepted")
	}
}

func TestPortFreeNamesTheOwner(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	err = portFree(port)
	if err == nil {
		t.Fatal("taken port reported free")
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("port %d is in use by pid %d", port, os.Getpid())) {
		t.Fatalf("error does not name the owner: %v", err)
	}
	ln.Close()
	if err := portFree(port); err != nil {
		t.Fatalf("freed port: %v", err)
	}
}

func TestPKIIsPerClusterAndStable(t *testing.T) {
	l := testLayout(t)
	cs := l.clusters(2)
	for _, c := range cs {
		if err := c.ensurePKI(); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := os.ReadFile(cs[0].pki("admin.crt"))
	if err := cs[0].ensurePKI(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(cs[0].pki("admin.crt"))
	if !bytes.Equal(before, after) {
		t.Fatal("valid certificates were regenerated")
	}
	ca0, _ := loadKeyPair(cs[0].pki("ca.crt"), cs[0].pki("ca.key"))
	ca1, _ := loadKeyPair(cs[1].pki("ca.crt"), cs[1].pki("ca.key"))
	srv0, _ := loadKeyPair(cs[0].pki("apiserver.crt"), cs[0].pki("apiserver.key"))
	if !verifies(srv0, ca0) {
		t.Fatal("serving cert not signed by its cluster CA")
	}
	if verifies(srv0, ca1) {
		t.Fatal("one cluster's CA trusts another cluster's server")
	}
	pool := x509.NewCertPool()
	pool.AddCert(ca0.cert)
	if _, err := srv0.cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: "127.0.0.1"}); err != nil {
		t.Fatalf("serving cert does not verify for 127.0.0.1: %v", err)
	}
	adm, _ := loadKeyPair(cs[0].pki("admin.crt"), cs[0].pki("admin.key"))
	if got := adm.cert.Subject.Organization; len(got) != 1 || got[0] != "system:masters" {
		t.Fatalf("admin groups = %v", got)
	}
	// Replacing the CA regenerates every leaf.
	_ = os.Remove(cs[0].pki("ca.key"))
	if err := cs[0].ensurePKI(); err != nil {
		t.Fatal(err)
	}
	ca0b, _ := loadKeyPair(cs[0].pki("ca.crt"), cs[0].pki("ca.key"))
	adm2, _ := loadKeyPair(cs[0].pki("admin.crt"), cs[0].pki("admin.key"))
	if !verifies(adm2, ca0b) {
		t.Fatal("leaf not re-issued under the new CA")
	}
	b, _ := os.ReadFile(cs[0].pki("sa.pub"))
	if blk, _ := pem.Decode(b); blk == nil || blk.Type != "PUBLIC KEY" {
		t.Fatal("sa.pub is not a PEM public key")
	}
}

func TestRenderedConfigsParse(t *testing.T) {
	l := testLayout(t)
	c := l.clusters(2)[1]
	if err := c.render(); err != nil {
		t.Fatal(err)
	}
	kw, err := os.ReadFile(c.dir("kwok.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, doc := range strings.Split(string(kw), "\n---\n") {
		var v struct {
			Kind string `json:"kind"`
		}
		if err := yaml.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatalf("kwok config document does not parse: %v\n%s", err, doc)
		}
		if v.Kind != "" {
			kinds[v.Kind]++
		}
	}
	for _, k := range []string{"Stage", "Metric", "ClusterResourceUsage", "ClusterLogs", "ClusterExec"} {
		if kinds[k] == 0 {
			t.Fatalf("kwok config has no %s (kinds: %v)", k, kinds)
		}
	}
	if strings.Contains(string(kw), "{{LOGS_FILE}}") {
		t.Fatal("unrendered placeholder in kwok config")
	}
	var prom struct {
		Global        map[string]any   `json:"global"`
		ScrapeConfigs []map[string]any `json:"scrape_configs"`
	}
	pb, _ := os.ReadFile(c.dir("prometheus", "prometheus.yml"))
	if err := yaml.Unmarshal(pb, &prom); err != nil {
		t.Fatalf("prometheus.yml: %v", err)
	}
	if len(prom.ScrapeConfigs) != 4 || strings.Contains(string(pb), "{{") {
		t.Fatalf("prometheus.yml not rendered: %s", pb)
	}
	if !strings.Contains(string(pb), fmt.Sprintf("127.0.0.1:%d/discovery/prometheus", c.kwokPort())) {
		t.Fatal("kubelet job does not use kwok's discovery endpoint")
	}
	if _, err := os.Stat(c.dir("kubeconfig")); err != nil {
		t.Fatal(err)
	}
}

func TestBasePortIsRemembered(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("FLEET_REPO", dir)
	t.Setenv("FLEET_DIR", dir)
	t.Setenv("FLEET_BASE_PORT", "25000")
	l, err := newLayout()
	if err != nil {
		t.Fatal(err)
	}
	if err := l.recordBasePort(); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FLEET_BASE_PORT", "")
	again, err := newLayout()
	if err != nil {
		t.Fatal(err)
	}
	if again.basePort != 25000 || again.etcdPort() != 25000 {
		t.Fatalf("base port after restart without FLEET_BASE_PORT: %d", again.basePort)
	}
}

func TestApiserverAdmissionPlugins(t *testing.T) {
	l := testLayout(t)
	for _, c := range l.clusters(2) {
		var plugins []string
		for _, a := range c.apiserver().Args {
			if v, ok := strings.CutPrefix(a, "--enable-admission-plugins="); ok {
				plugins = append(plugins, strings.Split(v, ",")...)
			}
			if strings.HasPrefix(a, "--disable-admission-plugins=") && strings.Contains(a, "PodSecurity") {
				t.Fatalf("%s: PodSecurity admission is disabled: %s", c.Name, a)
			}
		}
		for _, want := range []string{"PodNodeSelector"} {
			if !slices.Contains(plugins, want) {
				t.Fatalf("%s: admission plugin %s not enabled (enabled: %v)", c.Name, want, plugins)
			}
		}
	}
}

// The seed waits for its own Deployments only: each seed file's are all found,
// with their namespaces, and nothing else is.
func TestSeedDeploymentsByNamespace(t *testing.T) {
	got := deploymentsByNamespace([]byte("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n" +
		"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n---\n" +
		"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\n---\n" +
		"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: lone\n"))
	if len(got) != 2 || strings.Join(got["shop"], ",") != "deployment/web,deployment/api" || strings.Join(got["default"], ",") != "deployment/lone" {
		t.Fatalf("deploymentsByNamespace = %v", got)
	}
	entries, err := seedFiles.ReadDir("assets/seed")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		manifest, _ := seedFiles.ReadFile("assets/seed/" + e.Name())
		want := len(regexp.MustCompile(`(?m)^kind: Deployment$`).FindAll(manifest, -1))
		n := 0
		for _, names := range deploymentsByNamespace(manifest) {
			n += len(names)
		}
		if want == 0 || n != want {
			t.Errorf("%s: %d deployments found, %d in the file", e.Name(), n, want)
		}
	}
}
