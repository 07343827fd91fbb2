package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"strconv"

	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

//go:embed assets/tekton.yaml
var tektonManifest string

// Tekton's CRDs, rewritten by `make fleet-build` (hack/fleet/addons/tekton/crds)
// from the pinned module's config/300-crds to one version each, no webhook.
func (l *layout) tektonCRDs() string { return l.bin("tekton-crds.yaml") }

func (c *cluster) tektonKubeconfig() string { return c.dir("tekton", "kubeconfig") }

// tektonComponent runs Tekton's controller in a network namespace of its own
// (see tektonNetnsName): knative starts a probe server on :8080 of every
// interface that no flag moves, which two members on the host's loopback, or
// the pods in the cluster's namespace, would fight over. The apiserver is
// reached through the dataplane's forward inside it, as Traefik does from the
// pods' namespace; its readiness through the dataplane's /status.
func (c *cluster) tektonComponent() *component {
	args := []string{"netns-exec", c.tektonNetnsName(), c.l.bin("tekton-controller"),
		"-kubeconfig=" + c.tektonKubeconfig(),
		"-disable-ha",
		// Any strings: TaskRun pods are played by kwok, nothing pulls an image.
		"-entrypoint-image=fleet.local/tekton/entrypoint",
		"-nop-image=fleet.local/tekton/nop",
		"-sidecarlogresults-image=fleet.local/tekton/sidecarlogresults",
		"-shell-image=fleet.local/tekton/shell",
		"-shell-image-win=fleet.local/tekton/shell-win",
		"-workingdirinit-image=fleet.local/tekton/workingdirinit",
		"-threads-per-controller=4",
	}
	comp := c.comp("tekton-controller", c.l.bin("fleetctl"), args)
	comp.Env = []string{
		"SYSTEM_NAMESPACE=tekton-pipelines",
		"METRICS_DOMAIN=tekton.dev/pipeline",
		"PROBES_PORT=" + strconv.Itoa(tektonProbesPort),
		"PROFILING_PORT=" + strconv.Itoa(tektonProfilingPort),
		"METRICS_PROMETHEUS_HOST=127.0.0.1",
		"POD_NAME=tekton-pipelines-controller-" + c.Name,
	}
	return comp
}

// installTekton applies the CRDs and the controller's objects, and writes its
// kubeconfig (the ServiceAccount's token) once the token controller issued it.
func (c *cluster) installTekton(ctx context.Context) error {
	if _, err := os.Stat(c.l.tektonCRDs()); err != nil {
		return fmt.Errorf("%s missing (build it with `make fleet-build`)", c.l.tektonCRDs())
	}
	if err := c.apply(ctx, c.l.tektonCRDs(), ""); err != nil {
		return err
	}
	if err := c.apply(ctx, "", tektonManifest); err != nil {
		return err
	}
	token, err := c.serviceAccountToken(ctx, "tekton-pipelines", "tekton-pipelines-controller-token")
	if err != nil {
		return err
	}
	ca, err := os.ReadFile(c.pki("ca.crt"))
	if err != nil {
		return err
	}
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[c.Name] = &clientcmdapi.Cluster{Server: c.server(), CertificateAuthorityData: ca}
	cfg.AuthInfos["tekton-pipelines-controller"] = &clientcmdapi.AuthInfo{Token: string(token)}
	cfg.Contexts[c.Name] = &clientcmdapi.Context{Cluster: c.Name, AuthInfo: "tekton-pipelines-controller"}
	cfg.CurrentContext = c.Name
	return writeKubeconfig(cfg, c.tektonKubeconfig())
}

func (r *run) startTekton(ctx context.Context, c *cluster) error {
	if err := c.installTekton(ctx); err != nil {
		return err
	}
	tk := c.tektonComponent()
	if err := r.ensure(tk); err != nil {
		return err
	}
	return waitHealthy(ctx, tk, c.tektonReady)
}

// tektonReady is the controller's own readiness endpoint, asked inside the
// namespace by the dataplane.
func (c *cluster) tektonReady(ctx context.Context) error {
	st, err := c.dataplaneState(ctx)
	if err != nil {
		return err
	}
	if st.Tekton != "ok" {
		return fmt.Errorf("tekton controller: %s", st.Tekton)
	}
	return nil
}
