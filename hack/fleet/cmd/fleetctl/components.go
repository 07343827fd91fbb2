package main

import (
	_ "embed"
	"fmt"
	"os"
	"strconv"
	"strings"

	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

var (
	//go:embed assets/kwok-stages.yaml
	kwokStages string
	//go:embed assets/kwok-metrics.yaml
	kwokMetrics string
	//go:embed assets/prometheus.yml
	prometheusConfig string
	//go:embed assets/rules.yml
	prometheusRules string
)

const prometheusBin = "/usr/bin/prometheus"

func (l *layout) etcdComponent() *component {
	return &component{
		ID:  "etcd",
		Bin: l.bin("fleet"),
		Args: []string{"etcd",
			"--data-dir=" + l.path("etcd"),
			fmt.Sprintf("--listen-client-url=http://127.0.0.1:%d", l.etcdPort()),
			fmt.Sprintf("--listen-peer-url=http://127.0.0.1:%d", l.etcdPeerPort()),
			"--watch-progress-notify-interval=5s",
		},
		Ports: []int{l.etcdPort(), l.etcdPeerPort()},
		Log:   l.path("logs", "etcd.log"),
		l:     l,
	}
}

// The shared container log every kwok container serves (ClusterLogs), and the
// one `--previous` reads; loggen writes both.
func (l *layout) containerLogsFile() string {
	return l.path("logs", "containers", "current.log")
}

func (l *layout) previousContainerLogsFile() string {
	return l.path("logs", "containers", "previous.log")
}

// The CRD of kwok's namespaced Logs, copied by `make fleet-build` from the
// pinned sigs.k8s.io/kwok module's kustomize/crd/bases.
func (l *layout) kwokLogsCRD() string { return l.bin("kwok-logs-crd.yaml") }

func (l *layout) loggenComponent() *component {
	return &component{
		ID:   "loggen",
		Bin:  l.bin("fleetctl"),
		Args: []string{"loggen", "--file=" + l.containerLogsFile()},
		Log:  l.path("logs", "loggen.log"),
		l:    l,
	}
}

// controlPlane is what `fleet-stop CLUSTER=x` takes down: the cluster's own
// apiserver, controller manager and scheduler. Its nodes (kwok), exporters and
// Prometheus stay up, as they would outside a failed control plane.
func (c *cluster) controlPlane() []*component {
	return []*component{c.apiserver(), c.controllerManager(), c.scheduler()}
}

func (c *cluster) addons() []*component {
	return []*component{c.kwok(), c.kubeStateMetrics(), c.prometheus()}
}

func (c *cluster) all() []*component {
	return append(append(c.controlPlane(), c.addons()...), c.dataplane()...)
}

func (c *cluster) comp(name, bin string, args []string, ports ...int) *component {
	return &component{
		ID:    c.Name + "/" + name,
		Bin:   bin,
		Args:  args,
		Ports: ports,
		Log:   c.l.path("logs", c.Name, name+".log"),
		l:     c.l,
	}
}

func (c *cluster) apiserver() *component {
	p := c.pki
	args := []string{"kube-apiserver",
		fmt.Sprintf("--etcd-servers=http://127.0.0.1:%d", c.l.etcdPort()),
		"--etcd-prefix=/fleet/" + c.Name,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		// The kubernetes Service cannot point at a loopback address; nothing here needs it.
		"--endpoint-reconciler-type=none",
		"--secure-port=" + strconv.Itoa(c.apiserverPort()),
		"--tls-cert-file=" + p("apiserver.crt"),
		"--tls-private-key-file=" + p("apiserver.key"),
		"--client-ca-file=" + p("ca.crt"),
		"--service-account-key-file=" + p("sa.pub"),
		"--service-account-signing-key-file=" + p("sa.key"),
		"--service-account-issuer=https://" + c.Name + ".fleet.pilothouse.local",
		"--service-cluster-ip-range=10.96.0.0/16",
		"--authorization-mode=Node,RBAC",
		// Default plugins (PodSecurity among them) plus PodNodeSelector: project node selectors are
		// enforced by the apiserver. Not DenyServiceExternalIPs: the console refuses external IPs to
		// everyone but cluster admins itself (on any cluster), and cluster admins may still set them.
		"--enable-admission-plugins=PodNodeSelector",
		"--allow-privileged=true",
		"--kubelet-client-certificate=" + p("kubelet-client.crt"),
		"--kubelet-client-key=" + p("kubelet-client.key"),
		"--kubelet-preferred-address-types=InternalIP,Hostname",
		"--event-ttl=2h",
		"--shutdown-delay-duration=0s",
	}
	return c.comp("kube-apiserver", c.l.bin("fleet"), args, c.apiserverPort())
}

func (c *cluster) controllerManager() *component {
	kc := c.dir("controller-manager.kubeconfig")
	args := []string{"kube-controller-manager",
		"--kubeconfig=" + kc,
		"--authentication-kubeconfig=" + kc,
		"--authorization-kubeconfig=" + kc,
		"--bind-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(c.controllerManagerPort()),
		"--leader-elect=false",
		"--use-service-account-credentials=true",
		"--service-account-private-key-file=" + c.pki("sa.key"),
		"--root-ca-file=" + c.pki("ca.crt"),
		"--cluster-signing-cert-file=" + c.pki("ca.crt"),
		"--cluster-signing-key-file=" + c.pki("ca.key"),
		"--cluster-name=" + c.Name,
		"--kube-api-qps=200",
		"--kube-api-burst=400",
	}
	return c.comp("kube-controller-manager", c.l.bin("fleet"), args, c.controllerManagerPort())
}

func (c *cluster) scheduler() *component {
	kc := c.dir("scheduler.kubeconfig")
	args := []string{"kube-scheduler",
		"--config=" + c.dir("scheduler.yaml"),
		"--authentication-kubeconfig=" + kc,
		"--authorization-kubeconfig=" + kc,
		"--bind-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(c.schedulerPort()),
	}
	return c.comp("kube-scheduler", c.l.bin("fleet"), args, c.schedulerPort())
}

func (c *cluster) kwok() *component {
	args := []string{
		"--kubeconfig=" + c.kubeconfig(),
		"--config=" + c.dir("kwok.yaml"),
		"--manage-all-nodes=true",
		fmt.Sprintf("--server-address=127.0.0.1:%d", c.kwokPort()),
		"--node-ip=127.0.0.1",
		"--node-port=" + strconv.Itoa(c.kwokPort()),
		"--tls-cert-file=" + c.pki("apiserver.crt"),
		"--tls-private-key-file=" + c.pki("apiserver.key"),
		"--node-lease-duration-seconds=40",
		// A /16 per cluster: scale tests run ten thousand pods.
		fmt.Sprintf("--cidr=10.%d.0.1/16", 64+c.Index),
	}
	if c.isMember() {
		// Namespaced Logs objects from the apiserver (the dataplane writes one per
		// TaskRun pod, see steplogs.go); their CRD is applied before kwok starts.
		args = append(args, "--enable-crds=Logs")
	}
	return c.comp("kwok", c.l.bin("kwok"), args, c.kwokPort())
}

func (c *cluster) kubeStateMetrics() *component {
	args := []string{
		"--kubeconfig=" + c.kubeconfig(),
		"--host=127.0.0.1",
		"--port=" + strconv.Itoa(c.ksmPort()),
		"--telemetry-host=127.0.0.1",
		"--telemetry-port=" + strconv.Itoa(c.ksmTelemetryPort()),
	}
	return c.comp("kube-state-metrics", c.l.bin("kube-state-metrics"), args, c.ksmPort(), c.ksmTelemetryPort())
}

func (c *cluster) prometheus() *component {
	args := []string{
		"--config.file=" + c.dir("prometheus", "prometheus.yml"),
		"--storage.tsdb.path=" + c.dir("prometheus", "data"),
		fmt.Sprintf("--web.listen-address=127.0.0.1:%d", c.prometheusPort()),
		"--storage.tsdb.retention.time=7d",
		"--storage.tsdb.retention.size=512MB",
		"--web.enable-lifecycle",
		"--log.level=warn",
	}
	return c.comp("prometheus", prometheusBin, args, c.prometheusPort())
}

// render writes every config file of the cluster; cheap and idempotent, so it
// runs on each `up` and picks up changes to the templates.
func (c *cluster) render() error {
	if err := c.ensurePKI(); err != nil {
		return fmt.Errorf("%s: pki: %w", c.Name, err)
	}
	kcs := map[string]string{
		"kubeconfig":                    "admin",
		"controller-manager.kubeconfig": "controller-manager",
		"scheduler.kubeconfig":          "scheduler",
	}
	for file, cert := range kcs {
		cfg, err := c.kubeconfigFor(cert)
		if err != nil {
			return err
		}
		if err := writeKubeconfig(cfg, c.dir(file)); err != nil {
			return err
		}
	}
	sched := fmt.Sprintf(`apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: %s
  qps: 200
  burst: 400
leaderElection:
  leaderElect: false
`, c.dir("scheduler.kubeconfig"))
	if err := writeFileAtomic(c.dir("scheduler.yaml"), []byte(sched), 0o644); err != nil {
		return err
	}
	kwokCfg := strings.NewReplacer(
		"{{LOGS_FILE}}", c.l.containerLogsFile(),
		"{{PREVIOUS_LOGS_FILE}}", c.l.previousContainerLogsFile(),
		"{{EXEC_DIR}}", c.l.path("exec"),
	).Replace(kwokMetrics)
	if err := os.MkdirAll(c.l.path("exec"), 0o755); err != nil {
		return err
	}
	if err := writeFileAtomic(c.dir("kwok.yaml"), []byte(kwokStages+"\n---\n"+kwokCfg), 0o644); err != nil {
		return err
	}
	prom := strings.NewReplacer(
		"{{CLUSTER}}", c.Name,
		"{{KWOK_PORT}}", strconv.Itoa(c.kwokPort()),
		"{{KSM_PORT}}", strconv.Itoa(c.ksmPort()),
		"{{APISERVER_PORT}}", strconv.Itoa(c.apiserverPort()),
		"{{PKI}}", c.dir("pki"),
	).Replace(prometheusConfig)
	if err := os.MkdirAll(c.dir("prometheus", "data"), 0o755); err != nil {
		return err
	}
	if err := writeFileAtomic(c.dir("prometheus", "prometheus.yml"), []byte(prom), 0o644); err != nil {
		return err
	}
	return writeFileAtomic(c.dir("prometheus", "rules.yml"), []byte(prometheusRules), 0o644)
}

// kubeconfigFor builds a self-contained kubeconfig (embedded certificates), so
// it can be pasted into the console's add-cluster form as is.
func (c *cluster) kubeconfigFor(cert string) (*clientcmdapi.Config, error) {
	ca, err := os.ReadFile(c.pki("ca.crt"))
	if err != nil {
		return nil, err
	}
	crt, err := os.ReadFile(c.pki(cert + ".crt"))
	if err != nil {
		return nil, err
	}
	key, err := os.ReadFile(c.pki(cert + ".key"))
	if err != nil {
		return nil, err
	}
	cfg := clientcmdapi.NewConfig()
	user := c.Name + "-" + cert
	cfg.Clusters[c.Name] = &clientcmdapi.Cluster{Server: c.server(), CertificateAuthorityData: ca}
	cfg.AuthInfos[user] = &clientcmdapi.AuthInfo{ClientCertificateData: crt, ClientKeyData: key}
	cfg.Contexts[c.Name] = &clientcmdapi.Context{Cluster: c.Name, AuthInfo: user}
	cfg.CurrentContext = c.Name
	return cfg, nil
}

// writeFleetFiles writes the merged kubeconfig and fleet.json for the given clusters.
func (l *layout) writeFleetFiles(cs []*cluster) error {
	merged := clientcmdapi.NewConfig()
	type entry struct {
		Name       string `json:"name"`
		Server     string `json:"server"`
		Kubeconfig string `json:"kubeconfig"`
		Prometheus string `json:"prometheus"`
		Gateway    string `json:"gateway,omitempty"`
	}
	var entries []entry
	for _, c := range cs {
		cfg, err := c.kubeconfigFor("admin")
		if err != nil {
			return err
		}
		for k, v := range cfg.Clusters {
			merged.Clusters[k] = v
		}
		for k, v := range cfg.AuthInfos {
			merged.AuthInfos[k] = v
		}
		for k, v := range cfg.Contexts {
			merged.Contexts[k] = v
		}
		e := entry{Name: c.Name, Server: c.server(), Kubeconfig: c.kubeconfig(), Prometheus: c.prometheusURL()}
		if c.isMember() {
			e.Gateway = c.gatewayURL()
		}
		entries = append(entries, e)
	}
	merged.CurrentContext = cs[0].Name
	if err := writeKubeconfig(merged, l.path("kubeconfig")); err != nil {
		return err
	}
	return writeJSON(l.path("fleet.json"), entries)
}

func writeKubeconfig(cfg *clientcmdapi.Config, path string) error {
	b, err := clientcmd.Write(*cfg)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, b, 0o600)
}
