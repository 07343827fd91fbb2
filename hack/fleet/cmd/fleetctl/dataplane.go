package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

// `fleetctl dataplane`: one per member cluster. It gives every pod labelled
// fleet.pilothouse.dev/serve=http an HTTP responder on its pod IP and container
// ports inside the cluster's network namespace, lets the Traefik inside reach
// its apiserver (in-namespace 127.0.0.1:<api port> → host 127.0.0.1:<api port>),
// and lets the host reach that Traefik (host 127.0.0.1:<gateway port> →
// in-namespace 127.0.0.1:80). Nothing here dials a pod IP outside the namespace.

const (
	serveLabel       = "fleet.pilothouse.dev/serve"
	defaultServePort = 8080
	traefikWebPort   = 80
	traefikPingPort  = 8082
	// Tekton's controller in its own namespace: its own probe server, and
	// knative's pprof server (knative's second probe server takes :8080).
	tektonProbesPort    = 8081
	tektonProfilingPort = 8008
	maxEchoHeaderSize   = 16 << 10
)

type dataplane struct {
	ns         *netns
	tekton     *netns
	client     kubernetes.Interface
	mu         sync.Mutex
	responders map[string]*responder // "ip:port"
	refused    map[string]string     // "ip:port" → why a pod's responder could not listen
	synced     bool
}

type responder struct {
	key    string // namespace/name of the pod
	ln     net.Listener
	srv    *http.Server
	pod    atomicPod
	served int64
}

type atomicPod struct {
	mu  sync.RWMutex
	pod *corev1.Pod
}

func (a *atomicPod) get() *corev1.Pod  { a.mu.RLock(); defer a.mu.RUnlock(); return a.pod }
func (a *atomicPod) set(p *corev1.Pod) { a.mu.Lock(); a.pod = p; a.mu.Unlock() }

func runDataplane(args []string) int {
	fs := flag.NewFlagSet("dataplane", flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", "", "the cluster's kubeconfig (host side)")
	nsName := fs.String("netns", "", "the cluster's network namespace")
	tektonNs := fs.String("tekton-netns", "", "the network namespace of the cluster's Tekton controller")
	apiPort := fs.Int("api-port", 0, "apiserver port to make reachable inside the namespace")
	gatewayPort := fs.Int("gateway-port", 0, "host loopback port that reaches the namespace's Traefik")
	statusPort := fs.Int("status-port", 0, "host loopback port for /healthz and /status")
	stepLogsDir := fs.String("step-logs-dir", "", "where TaskRun pods' step logs are written (see steplogs.go); empty: none")
	defaultLogs := fs.String("default-logs-file", "", "with --step-logs-dir: the shared container log, for a TaskRun pod's other containers")
	defaultPrevLogs := fs.String("default-previous-logs-file", "", "with --step-logs-dir: the shared previous container log")
	_ = fs.Parse(args)
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	if *kubeconfig == "" || *nsName == "" || *tektonNs == "" || *apiPort == 0 || *gatewayPort == 0 || *statusPort == 0 {
		log.Print("dataplane: --kubeconfig, --netns, --tekton-netns, --api-port, --gateway-port and --status-port are required")
		return 2
	}
	ns, err := openNetns(*nsName)
	if err != nil {
		log.Print(err)
		return 1
	}
	tk, err := openNetns(*tektonNs)
	if err != nil {
		log.Print(err)
		return 1
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Print(err)
		return 1
	}
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		log.Print(err)
		return 1
	}
	d := &dataplane{ns: ns, tekton: tk, client: client, responders: map[string]*responder{}, refused: map[string]string{}}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	apiAddr := fmt.Sprintf("127.0.0.1:%d", *apiPort)
	for _, n := range []*netns{ns, tk} {
		apiLn, err := n.listen(apiAddr)
		if err != nil {
			log.Printf("dataplane: apiserver forward into %s: %v", n.name, err)
			return 1
		}
		go forward(ctx, apiLn, func() (net.Conn, error) { return net.DialTimeout("tcp", apiAddr, 3*time.Second) })
	}
	gwLn, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *gatewayPort))
	if err != nil {
		log.Printf("dataplane: gateway forward: %v", err)
		return 1
	}
	traefikAddr := fmt.Sprintf("127.0.0.1:%d", traefikWebPort)
	go forward(ctx, gwLn, func() (net.Conn, error) { return ns.dial(traefikAddr) })

	statusSrv := &http.Server{Addr: fmt.Sprintf("127.0.0.1:%d", *statusPort), Handler: d.statusHandler(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := statusSrv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Printf("dataplane: status: %v", err)
			stop()
		}
	}()

	factory := informers.NewSharedInformerFactoryWithOptions(client, 0, informers.WithTweakListOptions(func(o *metav1.ListOptions) {
		o.LabelSelector = serveLabel + "=http"
	}))
	inf := factory.Core().V1().Pods().Informer()
	_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(o any) { d.reconcile(o.(*corev1.Pod)) },
		UpdateFunc: func(_, o any) { d.reconcile(o.(*corev1.Pod)) },
		DeleteFunc: func(o any) {
			if t, ok := o.(cache.DeletedFinalStateUnknown); ok {
				o = t.Obj
			}
			if p, ok := o.(*corev1.Pod); ok {
				d.drop(p.Namespace+"/"+p.Name, nil)
			}
		},
	})
	factory.Start(ctx.Done())
	if *stepLogsDir != "" {
		if err := startStepLogs(ctx, cfg, client, *stepLogsDir, *defaultLogs, *defaultPrevLogs); err != nil {
			log.Printf("dataplane: step logs: %v", err)
			return 1
		}
	}
	if cache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
		d.mu.Lock()
		d.synced = true
		d.mu.Unlock()
		log.Printf("dataplane: %s ready: gateway 127.0.0.1:%d, apiserver reachable inside at %s", *nsName, *gatewayPort, apiAddr)
	}
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = statusSrv.Shutdown(sctx)
	d.drop("", nil)
	return 0
}

// wanted is the set of addresses a pod should answer on: its IP with every TCP
// container port, or the default port when it declares none.
func wanted(p *corev1.Pod) []string {
	if p.DeletionTimestamp != nil || p.Status.PodIP == "" || p.Status.Phase != corev1.PodRunning || p.Labels[serveLabel] != "http" {
		return nil
	}
	var ports []int
	for _, c := range p.Spec.Containers {
		for _, cp := range c.Ports {
			if cp.Protocol == "" || cp.Protocol == corev1.ProtocolTCP {
				ports = append(ports, int(cp.ContainerPort))
			}
		}
	}
	if len(ports) == 0 {
		ports = []int{defaultServePort}
	}
	slices.Sort(ports)
	ports = slices.Compact(ports)
	out := make([]string, len(ports))
	for i, port := range ports {
		out[i] = net.JoinHostPort(p.Status.PodIP, strconv.Itoa(port))
	}
	return out
}

func (d *dataplane) reconcile(p *corev1.Pod) {
	key := p.Namespace + "/" + p.Name
	want := wanted(p)
	d.drop(key, want)
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, addr := range want {
		if r, ok := d.responders[addr]; ok {
			if r.key == key {
				r.pod.set(p)
				continue
			}
			// The IP was another pod's (deleted, its event not seen yet): the new pod takes it.
			d.closeLocked(addr)
		}
		r := &responder{key: key}
		r.pod.set(p)
		ln, err := d.ns.listen(addr)
		if err != nil {
			log.Printf("dataplane: %s: listen %s: %v", key, addr, err)
			d.refused[addr] = key + ": " + err.Error()
			continue
		}
		delete(d.refused, addr)
		r.ln = ln
		r.srv = &http.Server{Handler: r, ReadHeaderTimeout: 5 * time.Second, MaxHeaderBytes: maxEchoHeaderSize}
		d.responders[addr] = r
		go func() { _ = r.srv.Serve(ln) }()
		log.Printf("dataplane: %s answers on %s", key, addr)
	}
}

// drop closes the responders of a pod (every pod when key is "") except those at keep.
func (d *dataplane) drop(key string, keep []string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for addr, r := range d.responders {
		if (key == "" || r.key == key) && !slices.Contains(keep, addr) {
			d.closeLocked(addr)
		}
	}
	for addr, why := range d.refused {
		if (key == "" || strings.HasPrefix(why, key+": ")) && !slices.Contains(keep, addr) {
			delete(d.refused, addr)
		}
	}
}

func (d *dataplane) closeLocked(addr string) {
	r := d.responders[addr]
	delete(d.responders, addr)
	_ = r.srv.Close()
	log.Printf("dataplane: %s stopped answering on %s", r.key, addr)
}

type echo struct {
	Pod       string            `json:"pod"`
	Namespace string            `json:"namespace"`
	Image     string            `json:"image"`
	Labels    map[string]string `json:"labels"`
	IP        string            `json:"ip"`
	Port      int               `json:"port"`
	Host      string            `json:"host"`
	Path      string            `json:"path"`
	Method    string            `json:"method"`
}

func (r *responder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	p := r.pod.get()
	local, _ := req.Context().Value(http.LocalAddrContextKey).(net.Addr)
	ip, port := "", 0
	if a, ok := local.(*net.TCPAddr); ok {
		ip, port = a.IP.String(), a.Port
	}
	image := ""
	if len(p.Spec.Containers) > 0 {
		image = p.Spec.Containers[0].Image
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(req.Body, 1<<20))
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Pilothouse-Pod", p.Namespace+"/"+p.Name)
	_ = json.NewEncoder(w).Encode(echo{p.Name, p.Namespace, image, p.Labels, ip, port, req.Host, req.URL.Path, req.Method})
}

type responderStatus struct {
	Pod  string `json:"pod"`
	Addr string `json:"addr"`
}

func (d *dataplane) statusHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		d.mu.Lock()
		synced := d.synced
		d.mu.Unlock()
		if !synced {
			http.Error(w, "pod watch not synced", http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ok")
	})
	mux.HandleFunc("/status", func(w http.ResponseWriter, req *http.Request) {
		d.mu.Lock()
		out := struct {
			Netns      string            `json:"netns"`
			Synced     bool              `json:"synced"`
			Responders []responderStatus `json:"responders"`
			// Pods whose responder could not listen (an address in use inside the namespace).
			Refused []string `json:"refused"`
			Traefik string   `json:"traefik"`
			Tekton  string   `json:"tekton"`
		}{Netns: d.ns.name, Synced: d.synced, Responders: []responderStatus{}, Refused: []string{}}
		for addr, r := range d.responders {
			out.Responders = append(out.Responders, responderStatus{r.key, addr})
		}
		for addr, why := range d.refused {
			out.Refused = append(out.Refused, addr+" "+why)
		}
		slices.Sort(out.Refused)
		d.mu.Unlock()
		slices.SortFunc(out.Responders, func(a, b responderStatus) int { return cmpStr(a.Pod+a.Addr, b.Pod+b.Addr) })
		out.Traefik = d.probe(req.Context(), d.ns, traefikPingPort, "/ping")
		out.Tekton = d.probe(req.Context(), d.tekton, tektonProbesPort, "/readiness")
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
	return mux
}

// probe asks a health endpoint of a process inside the namespace (Traefik's
// ping, Tekton's readiness): "ok" or what went wrong.
func (d *dataplane) probe(ctx context.Context, n *netns, port int, path string) string {
	tr := &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
		return n.dial(fmt.Sprintf("127.0.0.1:%d", port))
	}}
	defer tr.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://in-namespace"+path, nil)
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.Status
	}
	return "ok"
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// forward copies each accepted connection to a fresh one from dial, both ways.
func forward(ctx context.Context, ln net.Listener, dial func() (net.Conn, error)) {
	go func() { <-ctx.Done(); ln.Close() }()
	for {
		in, err := ln.Accept()
		if err != nil {
			if ctx.Err() == nil {
				log.Printf("dataplane: accept on %s: %v", ln.Addr(), err)
			}
			return
		}
		go func() {
			out, err := dial()
			if err != nil {
				log.Printf("dataplane: %s: %v", ln.Addr(), err)
				in.Close()
				return
			}
			pipe(in, out)
		}()
	}
}

func pipe(a, b net.Conn) {
	var wg sync.WaitGroup
	half := func(dst, src net.Conn) {
		defer wg.Done()
		_, _ = io.Copy(dst, src)
		if tc, ok := dst.(*net.TCPConn); ok {
			_ = tc.CloseWrite()
		} else {
			_ = dst.Close()
		}
	}
	wg.Add(2)
	go half(a, b)
	go half(b, a)
	wg.Wait()
	a.Close()
	b.Close()
}
