package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"
)

func status(l *layout) error {
	n, err := l.clusterCount()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "COMPONENT\tPID\tSTATE\tPORTS\tLOG")
	row := func(c *component) {
		rec, ok := c.running()
		state, pid := "stopped", "-"
		if ok {
			state, pid = "running", fmt.Sprint(rec.pid)
		} else if rec.pid != 0 {
			state = "dead (stale pid file)"
		}
		ports := make([]string, len(c.Ports))
		for i, p := range c.Ports {
			ports[i] = fmt.Sprint(p)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", c.ID, pid, state, strings.Join(ports, ","), c.Log)
	}
	row(l.etcdComponent())
	row(l.loggenComponent())
	row(l.chartRepoComponent())
	row(l.ociRegistryComponent())
	row(l.postgresComponent())
	cs := l.clusters(n)
	for _, c := range cs {
		for _, comp := range c.all() {
			row(comp)
		}
	}
	w.Flush()
	fmt.Println()
	w = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "CLUSTER\tAPISERVER\tREADYZ\tNODES\tPROMETHEUS\tDATA PLANE")
	for _, c := range cs {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		readyz, nodes, prom := "-", "-", "-"
		if cl, err := c.httpClient(); err == nil {
			readyz = okOr(httpOK(cl, c.server()+"/readyz")(ctx))
		}
		if readyz == "ok" {
			nodes = okOr(c.nodesReady(ctx))
		}
		prom = okOr(c.prometheusTargetsUp(ctx))
		dp := "-"
		if c.isMember() {
			dp = c.dataplaneStatus(ctx)
		}
		cancel()
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Name, c.server(), readyz, nodes, prom, dp)
	}
	return w.Flush()
}

func okOr(err error) string {
	if err == nil {
		return "ok"
	}
	s := err.Error()
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}
