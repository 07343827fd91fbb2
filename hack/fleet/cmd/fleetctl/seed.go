package main

import (
	"context"
	"embed"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"time"

	"sigs.k8s.io/yaml"
)

//go:embed assets/seed/*.yaml
var seedFiles embed.FS

var (
	immutableJob = regexp.MustCompile(`The Job "([^"]+)" is invalid`)
	yamlDocs     = regexp.MustCompile(`(?m)^---\s*$`)
)

// seed applies the demo content (server-side apply, so it is idempotent) and
// waits until its deployments are available.
func seed(l *layout) error {
	t0 := time.Now()
	n, err := l.clusterCount()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	err = forEach(l.clusters(n), func(c *cluster) error {
		file := "assets/seed/" + c.Name + ".yaml"
		if _, err := seedFiles.Open(file); err != nil {
			file = "assets/seed/other-member.yaml"
		}
		manifest, err := seedFiles.ReadFile(file)
		if err != nil {
			return err
		}
		apply := func() ([]byte, error) {
			cmd := l.kubectl(ctx, "--context="+c.Name, "apply", "--server-side", "--force-conflicts",
				"--field-manager=fleet-seed", "-f", "-")
			cmd.Stdin = strings.NewReader(string(manifest))
			return cmd.CombinedOutput()
		}
		out, err := apply()
		if err != nil {
			// A Job's template is immutable: when the seed changed one, replace the Job.
			jobs := immutableJob.FindAllStringSubmatch(string(out), -1)
			if len(jobs) == 0 || !strings.Contains(string(out), "field is immutable") {
				return fmt.Errorf("%s: apply %s: %v\n%s", c.Name, file, err, out)
			}
			for _, j := range jobs {
				del := l.kubectl(ctx, "--context="+c.Name, "delete", "jobs", "-A", "--field-selector=metadata.name="+j[1])
				_ = del.Run()
			}
			if out, err = apply(); err != nil {
				return fmt.Errorf("%s: apply %s: %v\n%s", c.Name, file, err, out)
			}
		}
		// Only the seed's own deployments: a test's leftovers elsewhere (say, one
		// held below its replicas by a quota while its namespace goes) are not ours to wait for.
		byNS := deploymentsByNamespace(manifest)
		for _, ns := range slices.Sorted(maps.Keys(byNS)) {
			args := append([]string{"--context=" + c.Name, "wait", "--namespace=" + ns, "--for=condition=Available", "--timeout=180s"}, byNS[ns]...)
			if out, err := l.kubectl(ctx, args...).CombinedOutput(); err != nil {
				return fmt.Errorf("%s: deployments not available: %v\n%s", c.Name, err, out)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, "fleet: demo content applied to %d cluster(s) in %s\n", n, since(t0))
	return nil
}

// deploymentsByNamespace lists a manifest's Deployments as deployment/NAME by namespace.
func deploymentsByNamespace(manifest []byte) map[string][]string {
	out := map[string][]string{}
	for _, doc := range yamlDocs.Split(string(manifest), -1) {
		var obj struct {
			Kind     string `json:"kind"`
			Metadata struct {
				Name      string `json:"name"`
				Namespace string `json:"namespace"`
			} `json:"metadata"`
		}
		if yaml.Unmarshal([]byte(doc), &obj) != nil || obj.Kind != "Deployment" {
			continue
		}
		ns := obj.Metadata.Namespace
		if ns == "" {
			ns = "default"
		}
		out[ns] = append(out[ns], "deployment/"+obj.Metadata.Name)
	}
	return out
}
