package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

// The fleet's OCI registry: go-containerregistry's in-memory OCI distribution
// registry, served by `fleetctl oci-registry` on 127.0.0.1. It holds nothing
// across restarts, so every `up` pushes the packaged charts into it again
// (pushing a chart that is already there just overwrites its tag).

func (l *layout) ociRegistryHost() string { return fmt.Sprintf("127.0.0.1:%d", l.ociRegistryPort()) }

// ociChartsURL is the OCI chart repository the charts are pushed to: a chart
// x is oci://127.0.0.1:<port>/charts/x.
func (l *layout) ociChartsURL() string { return "oci://" + l.ociRegistryHost() + "/charts" }

func (l *layout) ociRegistryComponent() *component {
	return &component{
		ID:    "oci-registry",
		Bin:   l.bin("fleetctl"),
		Args:  []string{"oci-registry", "--addr=" + l.ociRegistryHost()},
		Ports: []int{l.ociRegistryPort()},
		Log:   l.path("logs", "oci-registry.log"),
		l:     l,
	}
}

// startOCIRegistry starts the registry and pushes every package in the chart
// repository's directory into it; packageCharts has run before.
func (r *run) startOCIRegistry(ctx context.Context) error {
	l := r.l
	comp := l.ociRegistryComponent()
	if err := r.ensure(comp); err != nil {
		return err
	}
	if err := waitHealthy(ctx, comp, httpOK(plainClient, "http://"+l.ociRegistryHost()+"/v2/")); err != nil {
		return err
	}
	return l.pushCharts(ctx)
}

// pushCharts pushes the packages in .fleet/charts to the OCI registry with the
// fleet's helm, in the same isolated Helm homes packaging uses.
func (l *layout) pushCharts(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	pkgs, err := filepath.Glob(filepath.Join(l.chartsDir(), "*.tgz"))
	if err != nil {
		return err
	}
	for _, p := range pkgs {
		if err := l.helm(ctx, "oci-registry", "push", p, l.ociChartsURL(), "--plain-http"); err != nil {
			return err
		}
	}
	return nil
}

// runOCIRegistry serves an in-memory OCI registry until SIGTERM.
func runOCIRegistry(args []string) int {
	flags := flag.NewFlagSet("oci-registry", flag.ContinueOnError)
	addr := flags.String("addr", "", "listen address, 127.0.0.1:PORT")
	if err := flags.Parse(args); err != nil || *addr == "" || flags.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: fleetctl oci-registry --addr=127.0.0.1:PORT")
		return 2
	}
	if host, _, err := net.SplitHostPort(*addr); err != nil || host != "127.0.0.1" {
		fmt.Fprintf(os.Stderr, "oci-registry: --addr=%s: want 127.0.0.1:PORT (the fleet binds loopback only)\n", *addr)
		return 2
	}
	return serveUntilSignal("oci-registry", *addr, ociRegistryHandler(os.Stdout), "serving an in-memory OCI registry")
}

// ociRegistryHandler is a fresh, empty in-memory registry that logs one line
// per request to logw (the registry's own request log is dropped: the line
// has the status, and helm prints the registry's error).
func ociRegistryHandler(logw io.Writer) http.Handler {
	return logRequests(logw, registry.New(registry.Logger(log.New(io.Discard, "", 0))))
}
