package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Each member cluster's data plane lives in a network namespace of its own:
// pod IPs are private addresses, and clusters may share pod ranges, so traffic
// to them never leaves that namespace. A socket keeps the namespace it was made
// in, so one process can listen inside and dial the host's loopback (or the
// other way round) by switching one locked OS thread for the socket call only.

const netnsDir = "/run/netns"

// netnsName is machine-wide: two fleets on one machine (FLEET_BASE_PORT) get their own.
func (c *cluster) netnsName() string { return fmt.Sprintf("pilothouse-%d-%s", c.l.basePort, c.Name) }

// tektonNetnsName holds Tekton's controller apart from the pods: knative binds
// :8080 on every interface of its namespace with no flag to move it, which is
// the port most pods serve on, so in the pods' namespace one of the two loses
// (the echo responders could not listen: routes answered 404/503).
func (c *cluster) tektonNetnsName() string { return c.netnsName() + "-tekton" }

// podCIDR is the range kwok gives this cluster's pods (see kwok --cidr).
func (c *cluster) podCIDR() string { return fmt.Sprintf("10.%d.0.0/16", 64+c.Index) }

// ensureNetns creates the pods' namespace with loopback up and the whole pod
// range local to it (so responders can bind any pod IP), and Tekton's with
// loopback only. Idempotent.
func (c *cluster) ensureNetns() error {
	for _, n := range []struct {
		name string
		pods bool
	}{{c.netnsName(), true}, {c.tektonNetnsName(), false}} {
		if _, err := os.Stat(filepath.Join(netnsDir, n.name)); err != nil {
			if out, err := exec.Command("ip", "netns", "add", n.name).CombinedOutput(); err != nil {
				return fmt.Errorf("ip netns add %s: %v: %s (the data plane needs root and iproute2)", n.name, err, strings.TrimSpace(string(out)))
			}
		}
		cmds := [][]string{{"-n", n.name, "link", "set", "lo", "up"}}
		if n.pods {
			cmds = append(cmds, []string{"-n", n.name, "route", "replace", "local", c.podCIDR(), "dev", "lo", "table", "local"})
		}
		for _, args := range cmds {
			if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
				return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
			}
		}
	}
	return nil
}

func (c *cluster) removeNetns() error {
	var errs []error
	for _, name := range []string{c.netnsName(), c.tektonNetnsName()} {
		if _, err := os.Stat(filepath.Join(netnsDir, name)); err != nil {
			continue
		}
		if out, err := exec.Command("ip", "netns", "del", name).CombinedOutput(); err != nil {
			errs = append(errs, fmt.Errorf("ip netns del %s: %v: %s", name, err, strings.TrimSpace(string(out))))
		}
	}
	return errors.Join(errs...)
}

// netns switches a locked thread into a named namespace for one call.
type netns struct {
	name string
	fd   int
	host int
}

func openNetns(name string) (*netns, error) {
	fd, err := unix.Open(filepath.Join(netnsDir, name), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("network namespace %s: %w", name, err)
	}
	// Taken before any thread switched: every thread is still in the host's namespace.
	host, err := unix.Open("/proc/thread-self/ns/net", unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		unix.Close(fd)
		return nil, err
	}
	return &netns{name: name, fd: fd, host: host}, nil
}

// do runs f on a thread inside the namespace. Sockets f creates stay there.
func (n *netns) do(f func() error) error {
	runtime.LockOSThread()
	if err := unix.Setns(n.fd, unix.CLONE_NEWNET); err != nil {
		runtime.UnlockOSThread()
		return fmt.Errorf("setns %s: %w", n.name, err)
	}
	ferr := f()
	if err := unix.Setns(n.host, unix.CLONE_NEWNET); err != nil {
		// Leave the thread locked: the runtime drops it when this goroutine ends
		// instead of reusing a thread in the wrong namespace.
		return errors.Join(ferr, fmt.Errorf("setns back to the host: %w", err))
	}
	runtime.UnlockOSThread()
	return ferr
}

func (n *netns) listen(addr string) (net.Listener, error) {
	var ln net.Listener
	err := n.do(func() (err error) {
		ln, err = net.Listen("tcp", addr)
		return err
	})
	return ln, err
}

func (n *netns) dial(addr string) (net.Conn, error) {
	var conn net.Conn
	err := n.do(func() (err error) {
		conn, err = net.DialTimeout("tcp", addr, 3*time.Second)
		return err
	})
	return conn, err
}

// runNetnsExec is `fleetctl netns-exec NAME BIN ARGS…`: the process becomes BIN
// inside the namespace (same pid, so the fleet's pid file tracks it).
func runNetnsExec(args []string) int {
	if len(args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: fleetctl netns-exec NAME BIN [ARGS…]")
		return 2
	}
	runtime.LockOSThread()
	fd, err := unix.Open(filepath.Join(netnsDir, args[0]), unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err == nil {
		err = unix.Setns(fd, unix.CLONE_NEWNET)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "netns-exec: %s: %v\n", args[0], err)
		return 1
	}
	// execve keeps the calling thread's namespaces.
	err = syscall.Exec(args[1], args[1:], os.Environ())
	fmt.Fprintf(os.Stderr, "netns-exec: exec %s: %v\n", args[1], err)
	return 1
}
