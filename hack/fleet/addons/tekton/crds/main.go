// Command crds rewrites Tekton's CRDs (config/300-crds in the module zip) so
// that they need no conversion webhook: each CRD keeps exactly one version,
// served and stored, and loses spec.conversion (the default, None, applies).
//
// The version kept is v1 where the CRD has one (Task, TaskRun, Pipeline,
// PipelineRun; v1 is already their storage version); otherwise the version
// upstream stores, which is also the one the controller reads: StepAction and
// ResolutionRequest keep v1beta1 (their v1alpha1 goes), CustomRun keeps
// v1beta1 and VerificationPolicy v1alpha1 (their only versions).
//
// Usage, from hack/fleet/addons/tekton:
//
//	go run ./crds -in "$(go list -m -f '{{.Dir}}' github.com/tektoncd/pipeline)/config/300-crds" -out DIR
//
// It fails on anything it does not expect (a CRD with several storage
// versions, none, or a file that is not a single CRD), so a new Tekton release
// that changes the layout is noticed rather than half-applied.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

func main() {
	in := flag.String("in", "", "directory with Tekton's 300-crds/*.yaml")
	out := flag.String("out", "", "directory to write the rewritten CRDs to (created)")
	flag.Parse()
	if *in == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	files, err := filepath.Glob(filepath.Join(*in, "*.yaml"))
	if err != nil || len(files) == 0 {
		log.Fatalf("no CRDs in %s: %v", *in, err)
	}
	sort.Strings(files)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		res, kept, dropped, err := rewrite(data)
		if err != nil {
			log.Fatalf("%s: %v", f, err)
		}
		dst := filepath.Join(*out, filepath.Base(f))
		if err := os.WriteFile(dst, res, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: kept %s, dropped [%s]\n", filepath.Base(f), kept, strings.Join(dropped, " "))
	}
}

// rewrite returns the CRD with one version left, and which it kept and dropped.
func rewrite(data []byte) ([]byte, string, []string, error) {
	var crd map[string]any
	if err := yaml.Unmarshal(data, &crd); err != nil {
		return nil, "", nil, err
	}
	if crd["kind"] != "CustomResourceDefinition" || crd["apiVersion"] != "apiextensions.k8s.io/v1" {
		return nil, "", nil, fmt.Errorf("not an apiextensions.k8s.io/v1 CustomResourceDefinition")
	}
	spec, _ := crd["spec"].(map[string]any)
	versions, _ := spec["versions"].([]any)
	if len(versions) == 0 {
		return nil, "", nil, fmt.Errorf("no spec.versions")
	}
	keep := -1
	storage := -1
	for i, v := range versions {
		m, _ := v.(map[string]any)
		if m["name"] == "v1" {
			keep = i
		}
		if m["storage"] == true {
			if storage >= 0 {
				return nil, "", nil, fmt.Errorf("more than one storage version")
			}
			storage = i
		}
	}
	if storage < 0 {
		return nil, "", nil, fmt.Errorf("no storage version")
	}
	if keep < 0 {
		keep = storage
	}
	var dropped []string
	for i, v := range versions {
		if i != keep {
			dropped = append(dropped, fmt.Sprint(v.(map[string]any)["name"]))
		}
	}
	kept := versions[keep].(map[string]any)
	kept["served"] = true
	kept["storage"] = true
	delete(kept, "deprecated")
	delete(kept, "deprecationWarning")
	spec["versions"] = []any{kept}
	delete(spec, "conversion")
	res, err := yaml.Marshal(crd)
	if err != nil {
		return nil, "", nil, err
	}
	return res, fmt.Sprint(kept["name"]), dropped, nil
}
