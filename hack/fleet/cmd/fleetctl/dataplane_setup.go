package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

//go:embed assets/dataplane.yaml
var dataplaneManifest string

// The Gateway API CRDs, copied by `make fleet-build` from the pinned
// sigs.k8s.io/gateway-api module's config/crd/standard.
func (l *layout) gatewayCRDs() string { return l.bin("gateway-api-crds.yaml") }

func (c *cluster) isMember() bool        { return c.Index > 0 }
func (c *cluster) gatewayPort() int      { return c.port(7) }
func (c *cluster) dataplanePort() int    { return c.port(8) }
func (c *cluster) gatewayURL() string    { return fmt.Sprintf("http://127.0.0.1:%d", c.gatewayPort()) }
func (c *cluster) dataplaneURL() string  { return fmt.Sprintf("http://127.0.0.1:%d", c.dataplanePort()) }
func (c *cluster) traefikConfig() string { return c.dir("traefik", "traefik.yml") }
func (c *cluster) traefikToken() string  { return c.dir("traefik", "token") }

// dataplane is what a member adds: the responder/forwarder process and Traefik.
func (c *cluster) dataplane() []*component {
	if !c.isMember() {
		return nil
	}
	return []*component{c.dataplaneComponent(), c.traefikComponent(), c.tektonComponent()}
}

func (c *cluster) dataplaneComponent() *component {
	args := []string{"dataplane",
		"--kubeconfig=" + c.kubeconfig(),
		"--netns=" + c.netnsName(),
		"--tekton-netns=" + c.tektonNetnsName(),
		"--api-port=" + strconv.Itoa(c.apiserverPort()),
		"--gateway-port=" + strconv.Itoa(c.gatewayPort()),
		"--status-port=" + strconv.Itoa(c.dataplanePort()),
		// Per cluster: two members may run pods of the same namespace and name.
		"--step-logs-dir=" + c.l.path("logs", "steps", c.Name),
		"--default-logs-file=" + c.l.containerLogsFile(),
		"--default-previous-logs-file=" + c.l.previousContainerLogsFile(),
	}
	return c.comp("dataplane", c.l.bin("fleetctl"), args, c.gatewayPort(), c.dataplanePort())
}

// traefikComponent runs Traefik inside the namespace (fleetctl netns-exec turns into it).
func (c *cluster) traefikComponent() *component {
	args := []string{"netns-exec", c.netnsName(), c.l.bin("traefik"), "--configFile=" + c.traefikConfig()}
	return c.comp("traefik", c.l.bin("fleetctl"), args)
}

// renderTraefik writes Traefik's static configuration. Its apiserver address is
// the host's, reached through the dataplane's forward inside the namespace.
func (c *cluster) renderTraefik() error {
	k8s := fmt.Sprintf(`    endpoint: %s
    token: %s
    certAuthFilePath: %s
    throttleDuration: 100ms
`, c.server(), c.traefikToken(), c.pki("ca.crt"))
	cfg := fmt.Sprintf(`# Written by fleetctl for %[1]s; inside network namespace %[2]s.
global:
  checkNewVersion: false
  sendAnonymousUsage: false
log:
  level: INFO
entryPoints:
  web:
    address: "127.0.0.1:%[3]d"
  traefik:
    address: "127.0.0.1:%[4]d"
ping:
  entryPoint: traefik
providers:
  # Weight changes reach the data plane quickly (the default waits 2 s).
  providersThrottleDuration: 200ms
  kubernetesGateway:
%[5]s    statusAddress:
      ip: 127.0.0.1
  kubernetesIngress:
%[5]s    ingressEndpoint:
      ip: 127.0.0.1
`, c.Name, c.netnsName(), traefikWebPort, traefikPingPort, k8s)
	return writeFileAtomic(c.traefikConfig(), []byte(cfg), 0o600)
}

// apply server-side applies a file, or a manifest when file is "", retrying
// while CRDs applied just before are not served yet.
func (c *cluster) apply(ctx context.Context, file, manifest string) error {
	src := file
	if src == "" {
		src = "-"
	}
	var out []byte
	var err error
	for attempt := 0; attempt < 20; attempt++ {
		cmd := c.l.kubectl(ctx, "--context="+c.Name, "apply", "--server-side", "--force-conflicts", "--field-manager=fleet", "-f", src)
		if file == "" {
			cmd.Stdin = strings.NewReader(manifest)
		}
		if out, err = cmd.CombinedOutput(); err == nil {
			return nil
		}
		if !strings.Contains(string(out), "no matches for kind") && !strings.Contains(string(out), "ensure CRDs are installed") {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	return fmt.Errorf("%s: kubectl apply: %v\n%s", c.Name, err, out)
}

// serviceAccountToken waits for the token controller to fill a token Secret.
func (c *cluster) serviceAccountToken(ctx context.Context, ns, secret string) ([]byte, error) {
	cl, err := c.client()
	if err != nil {
		return nil, err
	}
	for {
		s, err := cl.CoreV1().Secrets(ns).Get(ctx, secret, metav1.GetOptions{})
		if err == nil && len(s.Data["token"]) > 0 {
			return s.Data["token"], nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%s: %s/%s was not issued: %v", c.Name, ns, secret, err)
		case <-time.After(300 * time.Millisecond):
		}
	}
}

// installDataplane applies the CRDs and the data plane's objects and writes
// Traefik's token once the token controller has filled it.
func (c *cluster) installDataplane(ctx context.Context) error {
	if _, err := os.Stat(c.l.gatewayCRDs()); err != nil {
		return fmt.Errorf("%s missing (build it with `make fleet-build`)", c.l.gatewayCRDs())
	}
	if err := c.apply(ctx, c.l.gatewayCRDs(), ""); err != nil {
		return err
	}
	if err := c.apply(ctx, "", dataplaneManifest); err != nil {
		return err
	}
	token, err := c.serviceAccountToken(ctx, "pilothouse-gateway", "traefik-token")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(c.traefikToken(), token, 0o600); err != nil {
		return err
	}
	return c.renderTraefik()
}

func (r *run) startDataplane(ctx context.Context, c *cluster) error {
	if !c.isMember() {
		return nil
	}
	if err := c.ensureNetns(); err != nil {
		return err
	}
	if err := c.installDataplane(ctx); err != nil {
		return err
	}
	dp, tr := c.dataplaneComponent(), c.traefikComponent()
	if err := r.ensure(dp); err != nil {
		return err
	}
	if err := waitHealthy(ctx, dp, httpOK(plainClient, c.dataplaneURL()+"/healthz")); err != nil {
		return err
	}
	if err := r.ensure(tr); err != nil {
		return err
	}
	if err := waitHealthy(ctx, tr, c.gatewayProgrammed); err != nil {
		return err
	}
	return r.startTekton(ctx, c)
}

// gatewayProgrammed is Traefik's own word: the shared Gateway is Programmed.
func (c *cluster) gatewayProgrammed(ctx context.Context) error {
	cl, err := c.httpClient()
	if err != nil {
		return err
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.server()+"/apis/gateway.networking.k8s.io/v1/namespaces/pilothouse-gateway/gateways/public", nil)
	resp, err := cl.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var gw struct {
		Status struct {
			Conditions []metav1.Condition `json:"conditions"`
		} `json:"status"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&gw); err != nil {
		return err
	}
	for _, cond := range gw.Status.Conditions {
		if cond.Type == "Programmed" {
			if cond.Status == metav1.ConditionTrue {
				return nil
			}
			return fmt.Errorf("gateway public: Programmed=%s %s: %s", cond.Status, cond.Reason, cond.Message)
		}
	}
	return fmt.Errorf("gateway public: no Programmed condition yet")
}

// dataplaneState is what the dataplane process reports on /status.
type dataplaneState struct {
	Responders []struct{} `json:"responders"`
	Refused    []string   `json:"refused"`
	Traefik    string     `json:"traefik"`
	Tekton     string     `json:"tekton"`
}

func (c *cluster) dataplaneState(ctx context.Context) (*dataplaneState, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.dataplaneURL()+"/status", nil)
	resp, err := plainClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var st dataplaneState
	if err := json.NewDecoder(resp.Body).Decode(&st); err != nil {
		return nil, err
	}
	return &st, nil
}

// dataplaneStatus is one line for `fleet-status`.
func (c *cluster) dataplaneStatus(ctx context.Context) string {
	st, err := c.dataplaneState(ctx)
	if err != nil {
		return okOr(err)
	}
	gw := okOr(c.gatewayProgrammed(ctx))
	if gw == "ok" {
		gw = "Programmed"
	}
	refused := ""
	if len(st.Refused) > 0 {
		refused = fmt.Sprintf(" (%d could not listen: %s)", len(st.Refused), strings.Join(st.Refused, "; "))
	}
	return fmt.Sprintf("%s  traefik %s  gateway %s  %d responder(s)%s  tekton %s", c.gatewayURL(), st.Traefik, gw, len(st.Responders), refused, st.Tekton)
}
