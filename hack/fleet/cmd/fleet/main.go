// Command fleet is the multi-call binary of the local fleet: one build of the
// Kubernetes control plane, etcd and kubectl, run as one process per component
// (several apiservers in one process collide on process-wide state).
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

var components = map[string]func() int{
	"kube-apiserver":          runAPIServer,
	"kube-controller-manager": runControllerManager,
	"kube-scheduler":          runScheduler,
	"kubectl":                 runKubectl,
	"etcd":                    runEtcd,
}

func main() {
	name := filepath.Base(os.Args[0])
	if _, ok := components[name]; !ok {
		if len(os.Args) < 2 {
			usage()
			os.Exit(2)
		}
		name = os.Args[1]
		// Components parse os.Args themselves; make them see their own name first.
		os.Args = os.Args[1:]
	}
	run, ok := components[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "fleet: unknown component %q\n", name)
		usage()
		os.Exit(2)
	}
	os.Exit(run())
}

func usage() {
	names := make([]string, 0, len(components))
	for n := range components {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(os.Stderr, "usage: fleet <%s> [flags]\n", strings.Join(names, "|"))
}
