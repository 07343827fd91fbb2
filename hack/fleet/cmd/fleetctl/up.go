package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

const upTimeout = 6 * time.Minute

// run tracks what one `up` started, to roll it back if the whole does not come up.
type run struct {
	l       *layout
	started []*component
	mu      sync.Mutex
}

func (r *run) ensure(c *component) error {
	if _, ok := c.running(); ok {
		return nil
	}
	if err := c.start(); err != nil {
		return err
	}
	r.mu.Lock()
	r.started = append(r.started, c)
	r.mu.Unlock()
	return nil
}

func (r *run) rollback() {
	if len(r.started) == 0 {
		return
	}
	fmt.Fprintf(os.Stderr, "fleet: rolling back %d component(s) started by this run\n", len(r.started))
	for i := len(r.started) - 1; i >= 0; i-- {
		_ = r.started[i].stop(10 * time.Second)
	}
}

func checkPrerequisites(l *layout) error {
	var missing []string
	for _, b := range []string{"fleet", "fleetctl", "kwok", "kube-state-metrics", "traefik", "gateway-api-crds.yaml", "tekton-controller", "tekton-crds.yaml", "kwok-logs-crd.yaml", "helm"} {
		if _, err := os.Stat(l.bin(b)); err != nil {
			missing = append(missing, fmt.Sprintf("%s (build it with `make fleet-build`)", l.bin(b)))
		}
	}
	if _, err := os.Stat(prometheusBin); err != nil {
		missing = append(missing, prometheusBin+" (Debian's prometheus package: `sudo apt-get install -y prometheus`, or `make deps`)")
	}
	if _, err := postgresBinDir(l.postgresData()); err != nil {
		missing = append(missing, filepath.Join(postgresLib, "*", "bin", "postgres")+" (Debian's postgresql package: `sudo apt-get install -y postgresql`, or `make deps`)")
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing:\n  %s", strings.Join(missing, "\n  "))
	}
	return nil
}

// cleanStale drops pid files whose process is gone (a killed run, a reboot)
// so nothing later trusts them.
func cleanStale(l *layout) {
	files, _ := filepath.Glob(l.path("run", "*.pid"))
	for _, f := range files {
		rec, err := readPidFile(f)
		if err == nil {
			if st, ok := procStartTime(rec.pid); ok && st == rec.start {
				continue
			}
		}
		fmt.Fprintf(os.Stderr, "fleet: removing stale %s (process gone)\n", filepath.Base(f))
		_ = os.Remove(f)
	}
}

func up(l *layout) error {
	t0 := time.Now()
	if err := checkPrerequisites(l); err != nil {
		return err
	}
	n, err := l.clusterCount()
	if err != nil {
		return err
	}
	cs := l.clusters(n)
	cleanStale(l)
	for _, c := range cs {
		if err := c.render(); err != nil {
			return err
		}
	}
	if err := l.writeFleetFiles(cs); err != nil {
		return err
	}
	if err := l.recordClusterCount(n); err != nil {
		return err
	}
	if err := l.recordBasePort(); err != nil {
		return err
	}
	if err := preflightPorts(l, cs); err != nil {
		return err
	}
	r := &run{l: l}
	ctx, cancel := context.WithTimeout(context.Background(), upTimeout)
	defer cancel()
	if err := r.bringUp(ctx, cs); err != nil {
		r.rollback()
		return err
	}
	fmt.Printf("fleet: %d cluster(s) ready in %s (kubeconfig: %s)\n", n, since(t0), l.path("kubeconfig"))
	for _, c := range cs {
		gw := ""
		if c.isMember() {
			gw = "  gateway " + c.gatewayURL()
		}
		fmt.Printf("  %-10s %s  prometheus %s%s\n", c.Name, c.server(), c.prometheusURL(), gw)
	}
	fmt.Printf("  %-10s %s  (%s)\n", "postgres", l.postgresURL(), l.postgresURLFile())
	fmt.Printf("  %-10s %s  %s  (%s)\n", "charts", l.chartRepoURL(), l.ociChartsURL(), l.chartRepoFile())
	return nil
}

// preflightPorts reports every port conflict before anything starts.
func preflightPorts(l *layout, cs []*cluster) error {
	comps := []*component{l.etcdComponent(), l.loggenComponent(), l.chartRepoComponent(), l.ociRegistryComponent(), l.postgresComponent()}
	for _, c := range cs {
		comps = append(comps, c.all()...)
	}
	var errs []string
	for _, c := range comps {
		if _, ok := c.running(); ok {
			continue
		}
		for _, p := range c.Ports {
			if err := portFree(p); err != nil {
				errs = append(errs, fmt.Sprintf("%s: %v", c.ID, err))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("cannot start the fleet:\n  %s", strings.Join(errs, "\n  "))
	}
	return nil
}

func (r *run) bringUp(ctx context.Context, cs []*cluster) error {
	l := r.l
	etcd := l.etcdComponent()
	if err := r.ensure(etcd); err != nil {
		return err
	}
	if err := waitHealthy(ctx, etcd, httpOK(plainClient, fmt.Sprintf("http://127.0.0.1:%d/health", l.etcdPort()))); err != nil {
		return err
	}
	if err := r.ensure(l.loggenComponent()); err != nil {
		return err
	}
	// The chart repository and the OCI registry need no cluster either.
	if err := r.startChartRepo(ctx); err != nil {
		return err
	}
	// PostgreSQL needs nothing of the clusters: it comes up beside them.
	pg := make(chan error, 1)
	go func() { pg <- r.startPostgres(ctx) }()
	err := forEach(cs, func(c *cluster) error { return r.startControlPlane(ctx, c) })
	if err == nil {
		err = forEach(cs, func(c *cluster) error { return r.startAddons(ctx, c) })
	}
	// Waited for even after a failure, so the rollback sees what it started.
	return errors.Join(err, <-pg)
}

func (r *run) startControlPlane(ctx context.Context, c *cluster) error {
	api := c.apiserver()
	if err := r.ensure(api); err != nil {
		return err
	}
	cl, err := c.httpClient()
	if err != nil {
		return err
	}
	if err := waitHealthy(ctx, api, httpOK(cl, c.server()+"/readyz")); err != nil {
		return err
	}
	if err := c.ensureNodes(ctx); err != nil {
		return fmt.Errorf("%s: nodes: %w", c.Name, err)
	}
	for _, comp := range []*component{c.controllerManager(), c.scheduler()} {
		if err := r.ensure(comp); err != nil {
			return err
		}
	}
	port := map[string]int{"kube-controller-manager": c.controllerManagerPort(), "kube-scheduler": c.schedulerPort()}
	for _, comp := range []*component{c.controllerManager(), c.scheduler()} {
		name := strings.TrimPrefix(comp.ID, c.Name+"/")
		if err := waitHealthy(ctx, comp, httpOK(insecureClient, fmt.Sprintf("https://127.0.0.1:%d/healthz", port[name]))); err != nil {
			return err
		}
	}
	return nil
}

func (r *run) startAddons(ctx context.Context, c *cluster) error {
	if c.isMember() {
		// Before kwok (--enable-crds=Logs): its Logs reflector would otherwise
		// retry its failed list with a backoff of up to 30 s.
		if err := c.apply(ctx, c.l.kwokLogsCRD(), ""); err != nil {
			return err
		}
	}
	for _, comp := range c.addons() {
		if err := r.ensure(comp); err != nil {
			return err
		}
	}
	kw, ksm, prom := c.kwok(), c.kubeStateMetrics(), c.prometheus()
	if err := waitHealthy(ctx, kw, httpOK(plainClient, fmt.Sprintf("http://127.0.0.1:%d/healthz", c.kwokPort()))); err != nil {
		return err
	}
	if err := waitHealthy(ctx, kw, c.nodesReady); err != nil {
		return err
	}
	if err := waitHealthy(ctx, ksm, httpOK(plainClient, fmt.Sprintf("http://127.0.0.1:%d/healthz", c.ksmPort()))); err != nil {
		return err
	}
	if err := waitHealthy(ctx, prom, c.prometheusTargetsUp); err != nil {
		return err
	}
	return r.startDataplane(ctx, c)
}

func stopControlPlane(c *cluster) error {
	cp := c.controlPlane()
	for i := len(cp) - 1; i >= 0; i-- {
		if err := cp[i].stop(15 * time.Second); err != nil {
			return err
		}
	}
	if err := portFree(c.apiserverPort()); err != nil {
		return err
	}
	fmt.Printf("fleet: %s control plane stopped (%s refuses connections)\n", c.Name, c.server())
	return nil
}

func stopPrometheus(c *cluster) error {
	if err := c.prometheus().stop(15 * time.Second); err != nil {
		return err
	}
	if err := portFree(c.prometheusPort()); err != nil {
		return err
	}
	fmt.Printf("fleet: %s prometheus stopped (%s refuses connections)\n", c.Name, c.prometheusURL())
	return nil
}

func startPrometheus(c *cluster) error {
	t0 := time.Now()
	if err := checkPrerequisites(c.l); err != nil {
		return err
	}
	if err := c.render(); err != nil {
		return err
	}
	r := &run{l: c.l}
	ctx, cancel := context.WithTimeout(context.Background(), upTimeout)
	defer cancel()
	prom := c.prometheus()
	err := r.ensure(prom)
	if err == nil {
		err = waitHealthy(ctx, prom, c.prometheusTargetsUp)
	}
	if err != nil {
		r.rollback()
		return err
	}
	fmt.Printf("fleet: %s prometheus ready in %s\n", c.Name, since(t0))
	return nil
}

func startControlPlane(c *cluster) error {
	t0 := time.Now()
	if err := checkPrerequisites(c.l); err != nil {
		return err
	}
	cleanStale(c.l)
	if err := c.render(); err != nil {
		return err
	}
	r := &run{l: c.l}
	ctx, cancel := context.WithTimeout(context.Background(), upTimeout)
	defer cancel()
	if _, ok := c.l.etcdComponent().running(); !ok {
		return errors.New("etcd is not running: start the whole fleet with `make fleet`")
	}
	err := r.startControlPlane(ctx, c)
	if err == nil {
		err = waitHealthy(ctx, c.kwok(), c.nodesReady)
	}
	if err != nil {
		r.rollback()
		return err
	}
	fmt.Printf("fleet: %s control plane ready in %s\n", c.Name, since(t0))
	return nil
}

// shrink stops every component of the clusters beyond the first n and makes n
// the recorded size again; their data stays, so growing back is quick.
func shrink(l *layout, n int) error {
	cur, err := l.clusterCount()
	if err != nil {
		return err
	}
	if n >= cur {
		fmt.Printf("fleet: %d cluster(s), nothing to shrink\n", cur)
		return nil
	}
	all := l.clusters(cur)
	for _, c := range all[n:] {
		comps := c.all()
		for i := len(comps) - 1; i >= 0; i-- {
			if err := comps[i].stop(15 * time.Second); err != nil {
				return err
			}
		}
		if err := c.removeNetns(); err != nil {
			return err
		}
	}
	if err := l.writeFleetFiles(all[:n]); err != nil {
		return err
	}
	if err := l.recordClusterCount(n); err != nil {
		return err
	}
	fmt.Printf("fleet: shrunk from %d to %d cluster(s)\n", cur, n)
	return nil
}

func down(l *layout) error {
	n, _ := l.clusterCount()
	var clusterComps []*component
	for _, c := range l.clusters(n) {
		clusterComps = append(clusterComps, c.all()...)
	}
	shared := []*component{l.loggenComponent(), l.chartRepoComponent(), l.ociRegistryComponent(), l.etcdComponent(), l.postgresComponent()}
	// Anything else recorded (e.g. clusters beyond the recorded count) goes too.
	known := map[string]bool{}
	for _, c := range append(clusterComps, shared...) {
		known[c.pidFile()] = true
	}
	files, _ := filepath.Glob(l.path("run", "*.pid"))
	for _, f := range files {
		if !known[f] {
			id := strings.TrimSuffix(filepath.Base(f), ".pid")
			clusterComps = append(clusterComps, &component{ID: id, l: l})
		}
	}
	var mu sync.Mutex
	stopped := 0
	stop := func(c *component) error {
		if _, ok := c.running(); ok {
			mu.Lock()
			stopped++
			mu.Unlock()
		}
		return c.stop(15 * time.Second)
	}
	// Clusters first, etcd last: an apiserver whose etcd is gone cannot shut down cleanly.
	if err := forEach(clusterComps, stop); err != nil {
		return err
	}
	if err := forEach(shared, stop); err != nil {
		return err
	}
	for _, c := range l.clusters(max(n, 1)) {
		if err := c.removeNetns(); err != nil {
			return err
		}
	}
	_ = os.Remove(l.path("clusters.json"))
	_ = os.Remove(l.path("base-port"))
	fmt.Printf("fleet: stopped %d process(es); data kept in %s\n", stopped, l.root)
	return nil
}

// forEach runs f concurrently and returns the first error.
func forEach[T any](items []T, f func(T) error) error {
	errs := make([]error, len(items))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f(it)
		}()
	}
	wg.Wait()
	return errors.Join(slices.DeleteFunc(errs, func(e error) bool { return e == nil })...)
}

// waitHealthy polls check until it passes, failing early (with the log tail)
// when the component's process exits.
func waitHealthy(ctx context.Context, c *component, check func(context.Context) error) error {
	var last error
	for {
		if _, ok := c.running(); !ok {
			return fmt.Errorf("%s exited; last lines of %s:\n%s", c.ID, c.Log, tailFile(c.Log, 15))
		}
		cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		last = check(cctx)
		cancel()
		if last == nil {
			return nil
		}
		if os.Getenv("FLEET_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "fleet: %s: %v\n", c.ID, last)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s not ready in time: %v; last lines of %s:\n%s", c.ID, last, c.Log, tailFile(c.Log, 10))
		case <-time.After(300 * time.Millisecond):
		}
	}
}

var (
	plainClient    = &http.Client{Timeout: 3 * time.Second}
	insecureClient = &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, //nolint:gosec // local health probe of a loopback component
	}}
)

func httpOK(cl *http.Client, url string) func(context.Context) error {
	return func(ctx context.Context) error {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := cl.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("%s: %d %s", url, resp.StatusCode, strings.TrimSpace(string(body)))
		}
		return nil
	}
}

func (c *cluster) httpClient() (*http.Client, error) {
	ca, err := os.ReadFile(c.pki("ca.crt"))
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(ca)
	cert, err := tls.LoadX509KeyPair(c.pki("admin.crt"), c.pki("admin.key"))
	if err != nil {
		return nil, err
	}
	return &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: pool, Certificates: []tls.Certificate{cert}},
	}}, nil
}

func (c *cluster) client() (kubernetes.Interface, error) {
	cfg, err := clientcmd.BuildConfigFromFlags("", c.kubeconfig())
	if err != nil {
		return nil, err
	}
	cfg.Timeout = 5 * time.Second
	return kubernetes.NewForConfig(cfg)
}

// nodeSpec describes one fake node: different sizes, zones and roles so that
// scheduling, node selectors and per-node charts mean something.
type nodeSpec struct {
	suffix, zone, role, cpu, memory, pods, instanceType string
}

var nodeSpecs = []nodeSpec{
	{"worker-a", "a", "worker", "8", "32Gi", "250", "m5.2xlarge"},
	{"worker-b", "b", "worker", "16", "64Gi", "250", "m5.4xlarge"},
	{"infra-c", "c", "infra", "4", "16Gi", "110", "m5.xlarge"},
}

func (c *cluster) region() string {
	regions := []string{"eu-west", "us-east", "ap-south", "eu-central", "us-west"}
	return regions[c.Index%len(regions)]
}

func (c *cluster) nodeName(s nodeSpec) string { return c.Name + "-" + s.suffix }

func (c *cluster) ensureNodes(ctx context.Context) error {
	cl, err := c.client()
	if err != nil {
		return err
	}
	for _, s := range nodeSpecs {
		name := c.nodeName(s)
		zone := c.region() + "-" + s.zone
		res := corev1.ResourceList{
			corev1.ResourceCPU:              resource.MustParse(s.cpu),
			corev1.ResourceMemory:           resource.MustParse(s.memory),
			corev1.ResourcePods:             resource.MustParse(s.pods),
			corev1.ResourceEphemeralStorage: resource.MustParse("100Gi"),
		}
		node := &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{
				Name: name,
				Labels: map[string]string{
					"kubernetes.io/hostname":            name,
					"kubernetes.io/os":                  "linux",
					"kubernetes.io/arch":                "amd64",
					"node-role.kubernetes.io/" + s.role: "",
					"topology.kubernetes.io/region":     c.region(),
					"topology.kubernetes.io/zone":       zone,
					"node.kubernetes.io/instance-type":  s.instanceType,
					"fleet.pilothouse.dev/cluster":      c.Name,
					"type":                              "kwok",
				},
				Annotations: map[string]string{"kwok.x-k8s.io/node": "fake"},
			},
			Status: corev1.NodeStatus{Capacity: res, Allocatable: res},
		}
		_, err := cl.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			return err
		}
	}
	return nil
}

func (c *cluster) nodesReady(ctx context.Context) error {
	cl, err := c.client()
	if err != nil {
		return err
	}
	nodes, err := cl.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	var notReady []string
	for _, n := range nodes.Items {
		ready := false
		for _, cond := range n.Status.Conditions {
			if cond.Type == corev1.NodeReady && cond.Status == corev1.ConditionTrue {
				ready = true
			}
		}
		if !ready {
			notReady = append(notReady, n.Name)
		}
	}
	if len(nodes.Items) < len(nodeSpecs) {
		return fmt.Errorf("%d of %d nodes registered", len(nodes.Items), len(nodeSpecs))
	}
	if len(notReady) > 0 {
		return fmt.Errorf("nodes not Ready: %s", strings.Join(notReady, ", "))
	}
	return nil
}

// prometheusTargetsUp waits for every scrape target, including one kubelet
// target per node (found via kwok's discovery), to be up.
func (c *cluster) prometheusTargetsUp(ctx context.Context) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.prometheusURL()+"/api/v1/targets?state=active", nil)
	resp, err := plainClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var body struct {
		Data struct {
			ActiveTargets []struct {
				Labels    map[string]string `json:"labels"`
				Health    string            `json:"health"`
				LastError string            `json:"lastError"`
			} `json:"activeTargets"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return err
	}
	jobs := map[string]int{}
	var down []string
	for _, t := range body.Data.ActiveTargets {
		jobs[t.Labels["job"]]++
		if t.Health != "up" {
			down = append(down, fmt.Sprintf("%s %s (%s)", t.Labels["job"], t.Labels["instance"], t.Health+" "+t.LastError))
		}
	}
	for _, j := range []string{"kwok", "kube-state-metrics", "apiserver"} {
		if jobs[j] == 0 {
			return fmt.Errorf("no %s target yet", j)
		}
	}
	if jobs["kubelet"] < len(nodeSpecs) {
		return fmt.Errorf("%d kubelet targets discovered, want %d", jobs["kubelet"], len(nodeSpecs))
	}
	if len(down) > 0 {
		return fmt.Errorf("targets not up: %s", strings.Join(down, "; "))
	}
	return nil
}

// kubectl runs the fleet's own kubectl.
func (l *layout) kubectl(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, l.bin("kubectl"), args...)
	cmd.Env = append(os.Environ(), "KUBECONFIG="+l.path("kubeconfig"))
	return cmd
}
