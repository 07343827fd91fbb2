package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	dynamicfake "k8s.io/client-go/dynamic/fake"
	k8stesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/cache"
)

// tektonPlaceScripts writes the place-scripts init container's script the way
// Tekton's placeScriptInContainer does (pkg/pod/script.go, v1.15): the script
// base64-encoded in a quoted heredoc, decoded by the entrypoint binary.
func tektonPlaceScripts(files map[string]string, order []string) string {
	var b strings.Builder
	for _, f := range order {
		fmt.Fprintf(&b, `scriptfile="%s"
touch ${scriptfile} && chmod +x ${scriptfile}
cat > ${scriptfile} << '_EOF_'
%s
_EOF_
/tekton/bin/entrypoint decode-script "${scriptfile}"
`, f, base64.StdEncoding.EncodeToString([]byte(files[f])))
	}
	return b.String()
}

func TestPlacedScripts(t *testing.T) {
	// Verbatim from Tekton's pkg/pod/script_test.go (TestConvertScripts).
	tekton := `scriptfile="/tekton/scripts/script-0-9l9zj"
touch ${scriptfile} && chmod +x ${scriptfile}
cat > ${scriptfile} << '_EOF_'
IyEvYmluL3NoCnNjcmlwdC0x
_EOF_
/tekton/bin/entrypoint decode-script "${scriptfile}"
scriptfile="/tekton/scripts/script-2-mz4c7"
touch ${scriptfile} && chmod +x ${scriptfile}
cat > ${scriptfile} << '_EOF_'
CiMhL2Jpbi9zaApzY3JpcHQtMw==
_EOF_
/tekton/bin/entrypoint decode-script "${scriptfile}"
scriptfile="/tekton/scripts/script-3-mssqb"
touch ${scriptfile} && chmod +x ${scriptfile}
cat > ${scriptfile} << '_EOF_'
IyEvYmluL3NoCnNldCAtZQpuby1zaGViYW5n
_EOF_
/tekton/bin/entrypoint decode-script "${scriptfile}"
`
	debug := `tmpfile="/tekton/debug/scripts/debug-continue"
touch ${tmpfile} && chmod +x ${tmpfile}
cat > ${tmpfile} << 'debug-continue-heredoc-randomly-generated-abcde'
#!/bin/sh
echo not a step
debug-continue-heredoc-randomly-generated-abcde
`
	for _, tc := range []struct {
		name string
		in   string
		want map[string]string
	}{
		{"tekton", tekton, map[string]string{
			"/tekton/scripts/script-0-9l9zj": "#!/bin/sh\nscript-1",
			"/tekton/scripts/script-2-mz4c7": "\n#!/bin/sh\nscript-3",
			"/tekton/scripts/script-3-mssqb": "#!/bin/sh\nset -e\nno-shebang",
		}},
		{"round trip with sidecar and debug scripts", tektonPlaceScripts(map[string]string{
			"/tekton/scripts/script-0-aaaaa":         "#!/bin/sh\nset -e\necho \"$(params.x)\" 'it''s'\n",
			"/tekton/scripts/sidecar-script-0-bbbbb": "#!/bin/sh\nsleep 1000\n",
		}, []string{"/tekton/scripts/script-0-aaaaa", "/tekton/scripts/sidecar-script-0-bbbbb"}) + debug, map[string]string{
			"/tekton/scripts/script-0-aaaaa":         "#!/bin/sh\nset -e\necho \"$(params.x)\" 'it''s'\n",
			"/tekton/scripts/sidecar-script-0-bbbbb": "#!/bin/sh\nsleep 1000\n",
		}},
		{"undecodable script left out", "scriptfile=\"/tekton/scripts/script-0-x\"\ncat > ${scriptfile} << '_EOF_'\n%%%\n_EOF_\n/tekton/bin/entrypoint decode-script \"${scriptfile}\"\n", map[string]string{}},
		{"raw heredoc (no decode-script)", "scriptfile=\"/tekton/scripts/script-0-x\"\ncat > ${scriptfile} << 'script-heredoc-abcde'\n#!/bin/sh\necho hi\nscript-heredoc-abcde\n", map[string]string{
			"/tekton/scripts/script-0-x": "#!/bin/sh\necho hi",
		}},
		{"empty", "", map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := placedScripts(tc.in); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

// taskRunPod is a TaskRun pod as Tekton v1.15 builds it (entrypoint args from
// orderContainers, scripts from convertScripts).
func taskRunPod(steps []corev1.Container, scripts map[string]string, order []string) *corev1.Pod {
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "run-1-build-pod", Namespace: "ci", UID: "uid-1",
			Labels: map[string]string{taskRunLabel: "run-1-build"}},
		Spec: corev1.PodSpec{
			InitContainers: []corev1.Container{{Name: "prepare"}},
			Containers:     append(steps, corev1.Container{Name: "sidecar-db", Image: "postgres"}),
		},
	}
	if len(scripts) > 0 {
		p.Spec.InitContainers = append(p.Spec.InitContainers, corev1.Container{
			Name: "place-scripts", Command: []string{"sh"}, Args: []string{"-c", tektonPlaceScripts(scripts, order)},
		})
	}
	return p
}

func entrypointArgs(i int, entry string, args ...string) []string {
	a := []string{"-post_file", fmt.Sprintf("/tekton/run/%d/out", i), "-termination_path", "/tekton/termination",
		"-step_metadata_dir", fmt.Sprintf("/tekton/run/%d/status", i)}
	if i > 0 {
		a = append([]string{"-wait_file", fmt.Sprintf("/tekton/run/%d/out", i-1)}, a...)
	}
	if entry != "" {
		a = append(a, "-entrypoint", entry)
	}
	return append(append(a, "--"), args...)
}

func TestStepSources(t *testing.T) {
	scripts := map[string]string{
		"/tekton/scripts/script-0-abcde": "#!/bin/sh\nset -e\necho zero\n",
		"/tekton/scripts/script-2-fghij": "#!/bin/sh\nset -e\necho two\n",
	}
	ep := "/tekton/bin/entrypoint"
	p := taskRunPod([]corev1.Container{
		{Name: "step-zero", Command: []string{ep}, Args: entrypointArgs(0, "/tekton/scripts/script-0-abcde")},
		{Name: "step-one", Command: []string{ep}, Args: entrypointArgs(1, "go", "test", "./...")},
		// Not found by its -entrypoint file: by its index (script-2-…).
		{Name: "step-two", Command: []string{ep}, Args: entrypointArgs(2, "/elsewhere")},
		{Name: "step-plain", Command: []string{"make"}, Args: []string{"all"}},
	}, scripts, []string{"/tekton/scripts/script-0-abcde", "/tekton/scripts/script-2-fghij"})
	want := map[string]stepSource{
		"step-zero":  {script: scripts["/tekton/scripts/script-0-abcde"]},
		"step-one":   {argv: []string{"go", "test", "./..."}},
		"step-two":   {script: scripts["/tekton/scripts/script-2-fghij"]},
		"step-plain": {argv: []string{"make", "all"}},
	}
	if got := stepSources(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v\nwant %#v", got, want)
	}
	if got := stepContainers(p); !reflect.DeepEqual(got, []string{"step-zero", "step-one", "step-two", "step-plain"}) {
		t.Fatalf("step containers %v", got)
	}
}

func lines(ls []logLine) string {
	var b strings.Builder
	for _, l := range ls {
		if l.stream == "stderr" {
			b.WriteString("E ")
		} else {
			b.WriteString("O ")
		}
		b.WriteString(l.text)
		b.WriteString("\n")
	}
	return b.String()
}

func TestScriptLines(t *testing.T) {
	for _, tc := range []struct {
		name, script, want string
	}{
		{"seed clone step", "#!/bin/sh\nset -e\ngit clone --depth 1 --branch release-1.4 https://git.acme.example/payments/checkout .\ngit rev-parse --short HEAD | tee /tekton/results/commit\n",
			"E + git clone --depth 1 --branch release-1.4 https://git.acme.example/payments/checkout .\nE + git rev-parse --short HEAD | tee /tekton/results/commit\n"},
		{"echo and redirect to a result", "#!/bin/sh\nset -e\ncrane push /workspace/checkout ghcr.io/acme/checkout:4f1a9c2 --image-refs /tekton/results/digest\necho -n ghcr.io/acme/checkout:4f1a9c2 > /tekton/results/image\n",
			"E + crane push /workspace/checkout ghcr.io/acme/checkout:4f1a9c2 --image-refs /tekton/results/digest\nE + echo -n ghcr.io/acme/checkout:4f1a9c2 > /tekton/results/image\n"},
		{"quotes, comments, blank lines", "#!/bin/bash\n# build it\n\necho \"Building $IMAGE...\"   # trailing comment\necho 'single  spaced' \"a\\\"b\" c\\ d\necho\n",
			"E + echo \"Building $IMAGE...\"\nO Building $IMAGE...\nE + echo 'single  spaced' \"a\\\"b\" c\\ d\nO single  spaced a\"b c d\nE + echo\nO \n"},
		{"echo flags and stderr", "echo -e 'a\\tb\\nc'\necho -n no newline\necho oops >&2\necho also 1>&2\necho quiet 2>/dev/null\necho gone >> out.txt\necho shown > /dev/stdout\n",
			"E + echo -e 'a\\tb\\nc'\nO a\tb\nO c\nE + echo -n no newline\nO no newline\nE + echo oops >&2\nE oops\nE + echo also 1>&2\nE also\nE + echo quiet 2>/dev/null\nO quiet\nE + echo gone >> out.txt\nE + echo shown > /dev/stdout\nO shown\n"},
		{"printf", "printf '%s=%d\\n' a 1 b 2\nprintf 'no args\\n'\nprintf '%5.1f%%\\n' 42.25\nprintf 'x' > file\n",
			"E + printf '%s=%d\\n' a 1 b 2\nO a=1\nO b=2\nE + printf 'no args\\n'\nO no args\nE + printf '%5.1f%%\\n' 42.25\nO  42.2%\nE + printf 'x' > file\n"},
		{"pipes", "echo hidden | grep h\necho -n v1.2 | tee /tekton/results/version\nmake test 2>&1 | tee test.log\n",
			"E + echo hidden | grep h\nE + echo -n v1.2 | tee /tekton/results/version\nO v1.2\nE + make test 2>&1 | tee test.log\n"},
		{"lists and control flow", "cd src && echo in src; ls || true\nif [ -f go.mod ]; then\n  go vet ./...\nfi\nfor f in a b; do echo $f; done\n",
			"E + cd src\nE + echo in src\nO in src\nE + ls\nE + true\nE + [ -f go.mod ]\nE + go vet ./...\nE + echo $f\nO $f\n"},
		{"continuations", "go test \\\n  -count=1 \\\n  ./...\necho \"two\nlines\"\nmake build &&\n  echo built\n",
			"E + go test -count=1 ./...\nE + echo \"two\nlines\"\nO two\nO lines\nE + make build\nE + echo built\nO built\n"},
		{"substitutions", "echo \"sha: $(git rev-parse HEAD | cut -c1-7)\" `date`\nVERSION=${TAG:-dev}\n",
			"E + echo \"sha: $(git rev-parse HEAD | cut -c1-7)\" `date`\nO sha: $(git rev-parse HEAD | cut -c1-7) `date`\nE + VERSION=${TAG:-dev}\n"},
		{"heredocs", "cat <<EOF\nhello\n  world\nEOF\ncat > config.yaml <<-'END'\n\tkey: value\n\tEND\necho after\n",
			"E + cat <<EOF\nO hello\nO   world\nE + cat > config.yaml <<-'END'\nE + echo after\nO after\n"},
		{"not a shell", "#!/usr/bin/env python3\nprint('hi')\n", ""},
		{"env shell", "#!/usr/bin/env bash\necho hi\n", "E + echo hi\nO hi\n"},
		{"leading blank line before shebang", "\n#!/bin/sh\necho hi", "E + echo hi\nO hi\n"},
		{"unterminated quote", "echo \"never closed\necho x\n", "E + echo \"never closed\necho x\nO never closed\nO echo x\n"},
		{"unterminated substitution", "echo $(date\n", "E + echo $(date\nO $(date\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := lines(scriptLines(tc.script)); got != tc.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestStepLines(t *testing.T) {
	src := stepSource{script: "#!/bin/sh\nset -e\necho from script\n"}
	for _, tc := range []struct {
		name string
		ann  map[string]string
		src  stepSource
		want string
	}{
		{"script", nil, src, "E + echo from script\nO from script\n"},
		{"annotation wins", map[string]string{"sim.pilothouse.dev/step-unit-log": "=== RUN TestA\r\n--- FAIL: TestA (0.01s)\nFAIL\n"}, src,
			"O === RUN TestA\nO --- FAIL: TestA (0.01s)\nO FAIL\n"},
		{"other step's annotation ignored", map[string]string{"sim.pilothouse.dev/step-vet-log": "x"}, src, "E + echo from script\nO from script\n"},
		{"empty annotation: silent", map[string]string{"sim.pilothouse.dev/step-unit-log": ""}, src, ""},
		{"command", nil, stepSource{argv: []string{"go", "test", "./...", "-run", "Test A"}}, "E + go test ./... -run 'Test A'\n"},
		{"echo command", nil, stepSource{argv: []string{"echo", "hello world"}}, "E + echo 'hello world'\nO hello world\n"},
		{"sh -c command", nil, stepSource{argv: []string{"/bin/sh", "-c", "echo a; echo b"}}, "E + echo a\nO a\nE + echo b\nO b\n"},
		{"nothing", nil, stepSource{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := lines(stepLines(tc.ann, "step-unit", tc.src)); got != tc.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
	many := strings.Repeat("echo x\n", maxStepLines)
	if got := scriptLines(many); len(got) != maxStepLines+1 || !strings.Contains(got[maxStepLines].text, "more lines not shown") {
		t.Fatalf("cap: %d lines, last %q", len(got), got[len(got)-1].text)
	}
}

func TestStepDuration(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		name string
		ann  map[string]string
		want time.Duration
	}{
		{"default", nil, 2 * time.Second},
		{"every step", map[string]string{"sim.pilothouse.dev/step-duration": "1s"}, time.Second},
		{"this step first", map[string]string{"sim.pilothouse.dev/step-duration": "1s", "sim.pilothouse.dev/step-unit-duration": "1m30s"}, 90 * time.Second},
		{"another step's ignored", map[string]string{"sim.pilothouse.dev/step-vet-duration": "9s"}, 2 * time.Second},
		// kwok's jq `a // b` takes a when it is set, even when it does not parse.
		{"unparsable: default, not the general one", map[string]string{"sim.pilothouse.dev/step-duration": "1s", "sim.pilothouse.dev/step-unit-duration": "soon"}, 2 * time.Second},
		{"empty: no delay", map[string]string{"sim.pilothouse.dev/step-unit-duration": ""}, 0},
		{"a time", map[string]string{"sim.pilothouse.dev/step-unit-duration": "2026-01-02T03:04:15Z"}, 10 * time.Second},
		{"a past time", map[string]string{"sim.pilothouse.dev/step-unit-duration": "2020-01-01T00:00:00Z"}, 0},
		{"milliseconds", map[string]string{"sim.pilothouse.dev/step-unit-duration": "250ms"}, 250 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stepDuration(tc.ann, "step-unit", now); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestStepExit(t *testing.T) {
	for _, tc := range []struct {
		name    string
		t       corev1.ContainerStateTerminated
		code    int
		skipped bool
	}{
		{"ok", corev1.ContainerStateTerminated{ExitCode: 0, Message: `[{"key":"StartedAt","value":"2026-01-02T03:04:05.000Z","type":3}]`}, 0, false},
		{"failed", corev1.ContainerStateTerminated{ExitCode: 3, Message: `[{"key":"StartedAt","value":"x","type":3}]`}, 3, false},
		{"onError continue", corev1.ContainerStateTerminated{ExitCode: 0, Message: `[{"key":"StartedAt","value":"x","type":3},{"key":"ExitCode","value":"7","type":3}]`}, 7, false},
		{"skipped", corev1.ContainerStateTerminated{ExitCode: 1, Message: `[{"key":"StartedAt","value":"x","type":3},{"key":"Reason","value":"Skipped","type":3}]`}, 1, true},
		{"no message", corev1.ContainerStateTerminated{ExitCode: 137}, 137, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, skipped := stepExit(&tc.t)
			if code != tc.code || skipped != tc.skipped {
				t.Fatalf("got %d %v, want %d %v", code, skipped, tc.code, tc.skipped)
			}
		})
	}
}

func TestStepLogPathsRefuseEscapes(t *testing.T) {
	dir := t.TempDir()
	podDir, files, err := stepLogPaths(dir, "ci", "run-1.build-pod", []string{"step-a", "step-unnamed-1"})
	if err != nil || podDir != filepath.Join(dir, "ci", "run-1.build-pod") ||
		!reflect.DeepEqual(files, []string{filepath.Join(podDir, "step-a.log"), filepath.Join(podDir, "step-unnamed-1.log")}) {
		t.Fatalf("got %s %v %v", podDir, files, err)
	}
	for _, bad := range [][3]string{
		{"..", "p", "step-a"}, {"ci", "..", "step-a"}, {"ci/x", "p", "step-a"}, {"ci", "a/../../b", "step-a"},
		{"ci", "p", "../step-a"}, {"ci", "p", "step.a"}, {"", "p", "step-a"}, {"ci", "p", ""}, {"CI", "p", "step-a"},
	} {
		if _, _, err := stepLogPaths(dir, bad[0], bad[1], []string{bad[2]}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestLogsObject(t *testing.T) {
	p := taskRunPod([]corev1.Container{{Name: "step-a"}, {Name: "step-b"}}, nil, nil)
	obj, err := logsObject(p, "/f/logs/steps/member-1", "/f/logs/containers/current.log", "/f/logs/containers/previous.log")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"apiVersion": "kwok.x-k8s.io/v1alpha1",
		"kind":       "Logs",
		"metadata": map[string]any{
			"name": "run-1-build-pod", "namespace": "ci",
			"labels":          map[string]any{"app.kubernetes.io/managed-by": "fleet-dataplane"},
			"ownerReferences": []any{map[string]any{"apiVersion": "v1", "kind": "Pod", "name": "run-1-build-pod", "uid": "uid-1"}},
		},
		"spec": map[string]any{"logs": []any{
			map[string]any{"containers": []any{"step-a"}, "logsFile": "/f/logs/steps/member-1/ci/run-1-build-pod/step-a.log", "previousLogsFile": "/dev/null", "follow": true},
			map[string]any{"containers": []any{"step-b"}, "logsFile": "/f/logs/steps/member-1/ci/run-1-build-pod/step-b.log", "previousLogsFile": "/dev/null", "follow": true},
			map[string]any{"logsFile": "/f/logs/containers/current.log", "previousLogsFile": "/f/logs/containers/previous.log", "follow": true},
		}},
	}
	if !reflect.DeepEqual(obj.Object, want) {
		t.Fatalf("got %#v", obj.Object)
	}
}

// readCRI returns a log file's lines as "stream message", checking the format.
func readCRI(t *testing.T, file string) []string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		if l == "" {
			continue
		}
		f := strings.SplitN(l, " ", 4)
		if len(f) != 4 || f[2] != "F" {
			t.Fatalf("not a CRI line: %q", l)
		}
		if _, err := time.Parse(time.RFC3339Nano, f[0]); err != nil {
			t.Fatalf("timestamp of %q: %v", l, err)
		}
		out = append(out, f[1]+" "+f[3])
	}
	return out
}

func running(names ...string) []corev1.ContainerStatus {
	var out []corev1.ContainerStatus
	for _, n := range names {
		out = append(out, corev1.ContainerStatus{Name: n, State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}})
	}
	return out
}

func terminated(name string, code int32, msg string) corev1.ContainerStatus {
	return corev1.ContainerStatus{Name: name, State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: code, Message: msg}}}
}

// TestStepLogsLifecycle plays a pod through kwok's stages: steps run one after
// the other, lines spread over the step's duration, a failing step, a skipped one.
func TestStepLogsLifecycle(t *testing.T) {
	dir := t.TempDir()
	ep := "/tekton/bin/entrypoint"
	scripts := map[string]string{
		"/tekton/scripts/script-0-aaaaa": "#!/bin/sh\nset -e\necho one\necho two\necho three\n",
		"/tekton/scripts/script-1-bbbbb": "#!/bin/sh\nset -e\ngo test ./...\n",
	}
	p := taskRunPod([]corev1.Container{
		{Name: "step-build", Command: []string{ep}, Args: entrypointArgs(0, "/tekton/scripts/script-0-aaaaa")},
		{Name: "step-test", Command: []string{ep}, Args: entrypointArgs(1, "/tekton/scripts/script-1-bbbbb")},
		{Name: "step-push", Command: []string{ep}, Args: entrypointArgs(2, "crane", "push")},
	}, scripts, []string{"/tekton/scripts/script-0-aaaaa", "/tekton/scripts/script-1-bbbbb"})
	p.Annotations = map[string]string{"sim.pilothouse.dev/step-build-duration": "6s", "sim.pilothouse.dev/step-test-exit-code": "1"}
	s := &stepLogs{dir: dir, defaultFile: "/d/current.log", pods: map[string]*podSteps{}}
	t0 := time.Now()
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	step := func(n string) string { return filepath.Join(dir, "ci", "run-1-build-pod", n+".log") }
	update := func(now time.Time) {
		t.Helper()
		s.mu.Lock()
		defer s.mu.Unlock()
		ps, err := s.prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		s.advance(ps, p, now)
	}

	// Pending: empty files, ready for `kubectl logs -f`.
	p.Status.Phase = corev1.PodPending
	update(at(0))
	for _, n := range []string{"step-build", "step-test", "step-push"} {
		if st, err := os.Stat(step(n)); err != nil || st.Size() != 0 {
			t.Fatalf("%s: %v", n, err)
		}
	}
	if _, err := os.Stat(step("sidecar-db")); err == nil {
		t.Fatal("a sidecar got a step log")
	}
	// Every container running, but Tekton has not said READY: nothing runs yet.
	p.Status.Phase = corev1.PodRunning
	p.Status.ContainerStatuses = running("step-build", "step-test", "step-push", "sidecar-db")
	update(at(time.Second))
	if got := readCRI(t, step("step-build")); len(got) != 0 {
		t.Fatalf("wrote before READY: %v", got)
	}
	// READY: step-build runs 6 s, six lines: one at once, then one a second.
	p.Annotations[tektonReadyKey] = "READY"
	update(at(2 * time.Second))
	if got := readCRI(t, step("step-build")); !reflect.DeepEqual(got, []string{"stderr + echo one"}) {
		t.Fatalf("first line: %v", got)
	}
	if got := readCRI(t, step("step-test")); len(got) != 0 {
		t.Fatalf("step-test started with step-build: %v", got)
	}
	s.writeDue(at(4*time.Second + 500*time.Millisecond))
	if got := readCRI(t, step("step-build")); len(got) != 3 {
		t.Fatalf("after 2.5 s: %v", got)
	}
	update(at(5 * time.Second)) // another update of the pod: nothing new for step-build
	if got := readCRI(t, step("step-build")); len(got) != 3 {
		t.Fatalf("after an update: %v", got)
	}
	s.writeDue(at(5 * time.Second))
	if got := readCRI(t, step("step-build")); len(got) != 4 {
		t.Fatalf("after 3 s: %v", got)
	}
	// kwok ends step-build (early): the rest at once; step-test starts.
	p.Status.ContainerStatuses[0] = terminated("step-build", 0, `[{"key":"StartedAt","value":"x","type":3}]`)
	update(at(5500 * time.Millisecond))
	wantBuild := []string{"stderr + echo one", "stdout one", "stderr + echo two", "stdout two", "stderr + echo three", "stdout three"}
	if got := readCRI(t, step("step-build")); !reflect.DeepEqual(got, wantBuild) {
		t.Fatalf("step-build: %v", got)
	}
	if got := readCRI(t, step("step-test")); !reflect.DeepEqual(got, []string{"stderr + go test ./..."}) {
		t.Fatalf("step-test: %v", got)
	}
	// step-test fails: its error line; step-push is skipped.
	p.Status.ContainerStatuses[1] = terminated("step-test", 1, `[{"key":"StartedAt","value":"x","type":3}]`)
	p.Status.ContainerStatuses[2] = terminated("step-push", 1, `[{"key":"StartedAt","value":"x","type":3},{"key":"Reason","value":"Skipped","type":3}]`)
	update(at(8 * time.Second))
	update(at(9 * time.Second))
	s.writeDue(at(20 * time.Second))
	if got := readCRI(t, step("step-test")); !reflect.DeepEqual(got, []string{"stderr + go test ./...", `stderr error: step "test" exited with code 1`}) {
		t.Fatalf("step-test: %v", got)
	}
	if got := readCRI(t, step("step-push")); len(got) != 1 || !strings.HasSuffix(got[0], " Skipping step because a previous step failed") {
		t.Fatalf("step-push: %v", got)
	}
	if got := readCRI(t, step("step-build")); !reflect.DeepEqual(got, wantBuild) {
		t.Fatalf("step-build written again: %v", got)
	}

	// A restarted dataplane does not write them again.
	before, _ := os.ReadFile(step("step-test"))
	s = &stepLogs{dir: dir, defaultFile: "/d/current.log", pods: map[string]*podSteps{}}
	update(at(30 * time.Second))
	if after, _ := os.ReadFile(step("step-test")); string(after) != string(before) {
		t.Fatalf("rewritten after a restart:\n%s", after)
	}

	// A new pod of the same name starts afresh; one seen only once finished
	// (the dataplane was down) gets its whole log at once.
	p.UID = "uid-2"
	p.Annotations = map[string]string{tektonReadyKey: "READY"}
	p.Status.ContainerStatuses = []corev1.ContainerStatus{
		terminated("step-build", 0, ""), terminated("step-test", 0, ""), terminated("step-push", 0, ""),
	}
	update(at(40 * time.Second))
	if got := readCRI(t, step("step-build")); !reflect.DeepEqual(got, wantBuild) {
		t.Fatalf("step-build of the new pod: %v", got)
	}
	if got := readCRI(t, step("step-push")); !reflect.DeepEqual(got, []string{"stderr + crane push"}) {
		t.Fatalf("step-push of the new pod: %v", got)
	}
	if uid, _ := os.ReadFile(filepath.Join(dir, "ci", "run-1-build-pod", podUIDFile)); string(uid) != "uid-2" {
		t.Fatalf("uid marker %q", uid)
	}
}

func TestStepLogsSweep(t *testing.T) {
	dir := t.TempDir()
	s := &stepLogs{dir: dir, pods: map[string]*podSteps{}}
	store := cache.NewStore(cache.MetaNamespaceKeyFunc)
	mk := func(ns, name string, uid types.UID) *corev1.Pod {
		p := taskRunPod([]corev1.Container{{Name: "step-a"}}, nil, nil)
		p.Namespace, p.Name, p.UID = ns, name, uid
		s.mu.Lock()
		ps, err := s.prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		ps.applied = true
		s.mu.Unlock()
		return p
	}
	live := mk("ci", "live-pod", "u1")
	_ = store.Add(live)
	gone := mk("ci", "gone-pod", "u2")
	mk("other", "old-pod", "u3")
	_ = os.MkdirAll(filepath.Join(dir, "ci", "not-ours"), 0o755)
	old := time.Now().Add(-time.Hour)
	for _, f := range []string{"other/old-pod", "other/old-pod/.uid", "other/old-pod/step-a.log", "ci/not-ours"} {
		_ = os.Chtimes(filepath.Join(dir, f), old, old)
	}
	s.forget(gone, time.Now()) // deleted just now: kept for the grace period
	now := time.Now()
	s.sweep(t.Context(), store, now)
	exists := func(p string) bool { _, err := os.Stat(filepath.Join(dir, p)); return err == nil }
	if !exists("ci/live-pod/step-a.log") || !exists("ci/gone-pod/step-a.log") || exists("other/old-pod") || exists("other") || !exists("ci/not-ours") {
		t.Fatalf("after the first sweep: live %v gone %v old %v", exists("ci/live-pod"), exists("ci/gone-pod"), exists("other/old-pod"))
	}
	s.sweep(t.Context(), store, now.Add(stepLogsGrace+time.Minute))
	if !exists("ci/live-pod/step-a.log") || exists("ci/gone-pod") {
		t.Fatalf("after the grace period: live %v gone %v", exists("ci/live-pod"), exists("ci/gone-pod"))
	}
}

func TestObserveAppliesLogsObject(t *testing.T) {
	dir := t.TempDir()
	dyn := dynamicfake.NewSimpleDynamicClientWithCustomListKinds(runtime.NewScheme(), map[schema.GroupVersionResource]string{kwokLogsGVR: "LogsList"})
	// The fake's tracker cannot create by server-side apply: record the patches.
	var patches []k8stesting.PatchAction
	dyn.PrependReactor("patch", "logs", func(a k8stesting.Action) (bool, runtime.Object, error) {
		pa := a.(k8stesting.PatchAction)
		patches = append(patches, pa)
		u := &unstructured.Unstructured{}
		return true, u, json.Unmarshal(pa.GetPatch(), &u.Object)
	})
	s := &stepLogs{dir: dir, defaultFile: "/d/current.log", previousFile: "/d/previous.log", dyn: dyn, pods: map[string]*podSteps{}}
	p := taskRunPod([]corev1.Container{{Name: "step-a"}}, nil, nil)
	s.observe(t.Context(), p, time.Now())
	s.observe(t.Context(), p, time.Now()) // applied once: not again
	if len(patches) != 1 || !s.pods["ci/run-1-build-pod"].applied {
		t.Fatalf("%d applies", len(patches))
	}
	pa := patches[0]
	if pa.GetPatchType() != types.ApplyPatchType || pa.GetNamespace() != "ci" || pa.GetName() != "run-1-build-pod" || pa.GetResource() != kwokLogsGVR {
		t.Fatalf("patch %s %s/%s %v", pa.GetPatchType(), pa.GetNamespace(), pa.GetName(), pa.GetResource())
	}
	want, _ := logsObject(p, dir, "/d/current.log", "/d/previous.log")
	var got map[string]any
	if err := json.Unmarshal(pa.GetPatch(), &got); err != nil || !reflect.DeepEqual(got, want.Object) {
		t.Fatalf("patch %s (%v)", pa.GetPatch(), err)
	}
}
