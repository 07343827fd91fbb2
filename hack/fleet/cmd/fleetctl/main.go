// Command fleetctl starts, stops and inspects the local fleet of Kubernetes
// clusters (see hack/fleet/README.md). Everything it starts is recorded by
// pid under .fleet/run and stopped from there.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	cmd, args := os.Args[1], os.Args[2:]
	switch cmd {
	case "loggen":
		os.Exit(runLoggen(args))
	case "chart-repo":
		os.Exit(runChartRepo(args))
	case "oci-registry":
		os.Exit(runOCIRegistry(args))
	case "dataplane":
		os.Exit(runDataplane(args))
	case "netns-exec":
		os.Exit(runNetnsExec(args))
	}
	l, err := newLayout()
	if err != nil {
		fail(err)
	}
	switch cmd {
	case "up":
		err = withLock(l, func() error { return up(l) })
	case "down":
		err = withLock(l, func() error { return down(l) })
	case "status":
		err = status(l)
	case "stop", "start":
		fs := flag.NewFlagSet(cmd, flag.ExitOnError)
		part := fs.String("component", "control-plane", "control-plane, prometheus or postgres")
		_ = fs.Parse(args)
		if *part != "control-plane" && *part != "prometheus" && *part != "postgres" {
			fail(fmt.Errorf("--component must be control-plane, prometheus or postgres, not %q", *part))
		}
		if *part == "postgres" {
			if fs.NArg() != 0 {
				fail(errPostgresIsFleetWide)
			}
			err = withLock(l, func() error {
				if cmd == "stop" {
					return stopPostgres(l)
				}
				return startPostgres(l)
			})
			break
		}
		if fs.NArg() != 1 {
			fail(fmt.Errorf("usage: fleetctl %s [--component=control-plane|prometheus] CLUSTER, or fleetctl %s --component=postgres", cmd, cmd))
		}
		name := fs.Arg(0)
		err = withLock(l, func() error {
			c, err := l.find(name)
			if err != nil {
				return err
			}
			switch {
			case cmd == "stop" && *part == "prometheus":
				return stopPrometheus(c)
			case *part == "prometheus":
				return startPrometheus(c)
			case cmd == "stop":
				return stopControlPlane(c)
			}
			return startControlPlane(c)
		})
	case "seed":
		err = seed(l)
	case "shrink":
		if len(args) != 1 {
			fail(errors.New("usage: fleetctl shrink N"))
		}
		n, convErr := strconv.Atoi(args[0])
		if convErr != nil || n < 1 {
			fail(fmt.Errorf("shrink: want a cluster count of at least 1, not %q", args[0]))
		}
		err = withLock(l, func() error { return shrink(l, n) })
	default:
		usage()
		os.Exit(2)
	}
	if err != nil {
		fail(err)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage: fleetctl <command>
  up              start the fleet (idempotent) and wait until it is ready
  down            stop everything the fleet started
  status          show every component
  stop CLUSTER    stop one cluster's control plane (apiserver, controller manager, scheduler)
  start CLUSTER   start it again and wait until it is ready
                  (--component=prometheus: the cluster's Prometheus instead)
  stop|start --component=postgres
                  the fleet's PostgreSQL only (one per fleet, no CLUSTER)
  seed            apply the demo content to every cluster
  shrink N        stop the clusters beyond the first N (after a scale test with FLEET_CLUSTERS)`)
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "fleet: %v\n", err)
	os.Exit(1)
}

// withLock serialises fleet changes: test runners may call `make fleet` concurrently.
func withLock(l *layout, f func() error) error {
	if err := os.MkdirAll(l.root, 0o755); err != nil {
		return err
	}
	fh, err := os.OpenFile(l.path("lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return err
	}
	defer fh.Close()
	if err := syscall.Flock(int(fh.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		fmt.Fprintln(os.Stderr, "fleet: waiting for another fleetctl to finish…")
		if err := syscall.Flock(int(fh.Fd()), syscall.LOCK_EX); err != nil {
			return err
		}
	}
	defer syscall.Flock(int(fh.Fd()), syscall.LOCK_UN)
	return f()
}

func (l *layout) find(name string) (*cluster, error) {
	n, err := l.clusterCount()
	if err != nil {
		return nil, err
	}
	for _, c := range l.clusters(n) {
		if c.Name == name {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no fleet cluster named %q (have %d: host, member-1 …)", name, n)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(path, append(b, '\n'), 0o644)
}

func since(t time.Time) string { return time.Since(t).Round(100 * time.Millisecond).String() }
