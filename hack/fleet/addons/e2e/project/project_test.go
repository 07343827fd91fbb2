// Kubernetes' own [sig-api-machinery] and [sig-cli] specs run as a tenant's
// project developer through the console. The spec code is the same as in
// e2e.test; two things differ, because a developer may do neither:
//   - there is no suite setup (it lists every node and kube-system's pods);
//   - a spec's namespace is a project the console makes (POST /api/projects by a
//     platform admin, then the developer bound as project-developer in it),
//     instead of a namespace the spec creates itself.
//
// Flags beyond e2e.test's: --console-url, --tenant, --cluster, --developer; the
// admin's bearer token comes from CONFORMANCE_ADMIN_TOKEN (never a flag: flags
// show up in process lists).
package project

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/onsi/ginkgo/v2"
	"github.com/onsi/gomega"
	v1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	clientset "k8s.io/client-go/kubernetes"
	"k8s.io/component-base/logs"
	"k8s.io/klog/v2"
	conformancetestdata "k8s.io/kubernetes/test/conformance/testdata"
	"k8s.io/kubernetes/test/e2e/framework"
	"k8s.io/kubernetes/test/e2e/framework/config"
	"k8s.io/kubernetes/test/e2e/framework/testfiles"
	e2etestingmanifests "k8s.io/kubernetes/test/e2e/testing-manifests"
	testfixtures "k8s.io/kubernetes/test/fixtures"

	_ "k8s.io/kubernetes/test/e2e/apimachinery"
	_ "k8s.io/kubernetes/test/e2e/feature"
	_ "k8s.io/kubernetes/test/e2e/framework/debug/init"
	_ "k8s.io/kubernetes/test/e2e/kubectl"
	_ "k8s.io/kubernetes/test/utils/ktesting/format"
)

var (
	consoleURL = flag.String("console-url", "", "the console's base URL (http://127.0.0.1:PORT)")
	tenant     = flag.String("tenant", "", "tenant that owns the projects made for specs")
	cluster    = flag.String("cluster", "", "cluster the projects are made on")
	developer  = flag.String("developer", "", "user bound as project-developer in each project (the kubeconfig's user)")
)

func TestMain(m *testing.M) {
	config.CopyFlags(config.Flags, flag.CommandLine)
	framework.RegisterCommonFlags(flag.CommandLine)
	framework.RegisterClusterFlags(flag.CommandLine)
	flag.Parse()
	if *consoleURL == "" || *tenant == "" || *cluster == "" || *developer == "" || os.Getenv("CONFORMANCE_ADMIN_TOKEN") == "" {
		fmt.Fprintln(os.Stderr, "need --console-url, --tenant, --cluster, --developer and CONFORMANCE_ADMIN_TOKEN")
		os.Exit(2)
	}
	testfiles.AddFileSource(e2etestingmanifests.GetE2ETestingManifestsFS())
	testfiles.AddFileSource(testfixtures.GetTestFixturesFS())
	testfiles.AddFileSource(conformancetestdata.GetConformanceTestdataFS())
	framework.AfterReadingAllFlags(&framework.TestContext)
	framework.TestContext.CreateTestingNS = createProject
	os.Exit(m.Run())
}

func TestProjectConformance(t *testing.T) {
	logs.InitLogs()
	defer logs.FlushLogs()
	klog.EnableContextualLogging(true)
	gomega.RegisterFailHandler(framework.Fail)
	suiteConfig, reporterConfig := framework.CreateGinkgoConfig()
	ginkgo.RunSpecs(t, "Kubernetes conformance specs in a console project", suiteConfig, reporterConfig)
}

var httpClient = &http.Client{Timeout: 30 * time.Second}

func consoleCall(ctx context.Context, method, path string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, method, *consoleURL+path, bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+os.Getenv("CONFORMANCE_ADMIN_TOKEN"))
	req.Header.Set("Content-Type", "application/json")
	res, err := httpClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode/100 != 2 {
		msg, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, msg)
	}
	return nil
}

// createProject stands in for framework.CreateTestingNS: the namespace a spec
// asks for becomes a project of the tenant, and the developer's own client
// must see it before the spec goes on (the binding reaches every console
// process through the host cluster's watch).
func createProject(ctx context.Context, baseName string, c clientset.Interface, _ map[string]string) (*v1.Namespace, error) {
	name := fmt.Sprintf("%s-%s", baseName, framework.RandomSuffix())
	if err := consoleCall(ctx, http.MethodPost, "/api/projects", map[string]any{
		"tenant": *tenant, "clusters": []string{*cluster}, "name": name,
	}); err != nil {
		return nil, err
	}
	if err := consoleCall(ctx, http.MethodPost, "/api/rolebindings", map[string]any{
		"subject": map[string]string{"kind": "User", "name": *developer},
		"role":    "project-developer",
		"scope":   map[string]string{"type": "project", "cluster": *cluster, "namespace": name},
	}); err != nil {
		return nil, err
	}
	var got *v1.Namespace
	err := wait.PollUntilContextTimeout(ctx, 200*time.Millisecond, 30*time.Second, true, func(ctx context.Context) (bool, error) {
		ns, err := c.CoreV1().Namespaces().Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return false, nil
		}
		got = ns
		return true, nil
	})
	if err != nil {
		return nil, fmt.Errorf("project %s: the developer cannot read its namespace: %w", name, err)
	}
	if framework.TestContext.VerifyServiceAccount {
		if err := framework.WaitForDefaultServiceAccountInNamespace(ctx, c, name); err != nil {
			return got, err
		}
	}
	return got, nil
}
