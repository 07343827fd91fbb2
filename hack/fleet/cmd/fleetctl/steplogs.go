package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/cache"
)

// Step logs: the output of a Tekton TaskRun pod's steps, written as the steps
// run (kwok plays them, see the tekton-* stages in assets/kwok-stages.yaml), so
// `kubectl logs POD -c step-NAME -f` streams a step's own lines. Each TaskRun
// pod gets a kwok Logs object (kwok runs with --enable-crds=Logs on members)
// naming one file per step container, plus a default entry for its other
// containers: the shared file of `fleetctl loggen`, as ClusterLogs gives every
// other pod.
//
// What a step prints: the annotation sim.pilothouse.dev/step-NAME-log when the
// pod has it (one line per line), else its script (from the place-scripts init
// container) traced as `sh -x` would: "+ command" for each command and the text
// of echo, printf and `cat <<EOF` commands whose output is not redirected to a
// file. A step that exits non-zero ends with an error line on stderr.
//
// When: a step runs when it is the first step container still running, in spec
// order, of a Running pod whose tekton.dev/ready annotation is READY (kwok
// starts every step container at once, as a kubelet does; Tekton's entrypoint
// makes each wait for the previous one, and tekton-step-finish ends them in that
// order). Its first line is written at once, the others over the step's
// duration; what is left when kwok ends the step is written then.
//
// A file that already holds lines is never written again (this process may
// restart); a pod's directory goes 10 minutes after the pod. kwok's `-f`
// never ends by itself: its runtime stub reports every container running.

const (
	taskRunLabel        = "tekton.dev/taskRun"
	tektonReadyKey      = "tekton.dev/ready"
	simAnnotationPrefix = "sim.pilothouse.dev/"
	stepContainerPrefix = "step-"
	placeScriptsName    = "place-scripts"
	defaultStepDuration = 2 * time.Second
	stepLogsGrace       = 10 * time.Minute
	stepLogsTick        = 100 * time.Millisecond
	stepLogsSweep       = 30 * time.Second
	maxStepLines        = 5000
	podUIDFile          = ".uid"
)

var kwokLogsGVR = schema.GroupVersionResource{Group: "kwok.x-k8s.io", Version: "v1alpha1", Resource: "logs"}

// logLine is one line a step prints.
type logLine struct {
	stream string // "stdout" or "stderr"
	text   string
}

func stdout(s string) logLine { return logLine{"stdout", s} }
func stderr(s string) logLine { return logLine{"stderr", s} }

type stepState int

const (
	stepPending stepState = iota
	stepRunning
	stepDone
)

// stepRun is one step container's log file and how far it is written.
type stepRun struct {
	path     string
	state    stepState
	lines    []logLine
	next     int
	start    time.Time
	interval time.Duration
}

// podSteps is what the writer knows of one TaskRun pod.
type podSteps struct {
	uid        types.UID
	dir        string
	steps      map[string]*stepRun // by container name
	sources    map[string]stepSource
	applied    bool // its Logs object exists
	applyError bool // an apply failed and was logged
}

type stepLogs struct {
	dir, defaultFile, previousFile string
	dyn                            dynamic.Interface
	mu                             sync.Mutex
	pods                           map[string]*podSteps // "namespace/name"
}

// startStepLogs watches the cluster's TaskRun pods and writes their step logs
// under dir until ctx ends.
func startStepLogs(ctx context.Context, cfg *rest.Config, client kubernetes.Interface, dir, defaultFile, previousFile string) error {
	if !filepath.IsAbs(dir) || defaultFile == "" {
		return fmt.Errorf("--step-logs-dir must be absolute and --default-logs-file set (have %q, %q)", dir, defaultFile)
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	s := &stepLogs{dir: filepath.Clean(dir), defaultFile: defaultFile, previousFile: previousFile, dyn: dyn, pods: map[string]*podSteps{}}
	factory := informers.NewSharedInformerFactoryWithOptions(client, 0, informers.WithTweakListOptions(func(o *metav1.ListOptions) {
		o.LabelSelector = taskRunLabel
	}))
	inf := factory.Core().V1().Pods().Informer()
	_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(o any) { s.observe(ctx, o.(*corev1.Pod), time.Now()) },
		UpdateFunc: func(_, o any) { s.observe(ctx, o.(*corev1.Pod), time.Now()) },
		DeleteFunc: func(o any) {
			if t, ok := o.(cache.DeletedFinalStateUnknown); ok {
				o = t.Obj
			}
			if p, ok := o.(*corev1.Pod); ok {
				s.forget(p, time.Now())
			}
		},
	})
	factory.Start(ctx.Done())
	go func() {
		if !cache.WaitForCacheSync(ctx.Done(), inf.HasSynced) {
			return
		}
		log.Printf("dataplane: step logs of TaskRun pods in %s", dir)
		tick := time.NewTicker(stepLogsTick)
		defer tick.Stop()
		var lastSweep time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-tick.C:
				s.writeDue(now)
				if now.Sub(lastSweep) >= stepLogsSweep {
					lastSweep = now
					s.sweep(ctx, inf.GetStore(), now)
				}
			}
		}
	}()
	return nil
}

// observe brings a pod's step logs up to date with its status.
func (s *stepLogs) observe(ctx context.Context, p *corev1.Pod, now time.Time) {
	if _, ok := p.Labels[taskRunLabel]; !ok {
		return
	}
	key := p.Namespace + "/" + p.Name
	s.mu.Lock()
	ps, err := s.prepare(p)
	if err != nil {
		s.mu.Unlock()
		log.Printf("dataplane: step logs of %s: %v", key, err)
		return
	}
	s.advance(ps, p, now)
	needApply := !ps.applied && p.DeletionTimestamp == nil
	s.mu.Unlock()
	if needApply {
		s.apply(ctx, p)
	}
}

// prepare returns the pod's entry, creating its directory, its (empty) step
// files and its UID marker the first time; a directory left by an earlier pod
// of the same name is replaced. Files that already hold lines (written before
// a restart of this process) are never written again.
func (s *stepLogs) prepare(p *corev1.Pod) (*podSteps, error) {
	key := p.Namespace + "/" + p.Name
	if ps := s.pods[key]; ps != nil && ps.uid == p.UID {
		return ps, nil
	}
	containers := stepContainers(p)
	dir, files, err := stepLogPaths(s.dir, p.Namespace, p.Name, containers)
	if err != nil {
		return nil, err
	}
	if old, err := os.ReadFile(filepath.Join(dir, podUIDFile)); err == nil && string(old) != string(p.UID) {
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, podUIDFile), []byte(p.UID), 0o644); err != nil {
		return nil, err
	}
	ps := &podSteps{uid: p.UID, dir: dir, steps: map[string]*stepRun{}, sources: stepSources(p)}
	for i, c := range containers {
		f, err := os.OpenFile(files[i], os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, err
		}
		st, err := f.Stat()
		f.Close()
		if err != nil {
			return nil, err
		}
		sr := &stepRun{path: files[i]}
		if st.Size() > 0 {
			sr.state = stepDone
		}
		ps.steps[c] = sr
	}
	s.pods[key] = ps
	return ps, nil
}

// advance starts the step that now runs and finishes the ones that ended.
func (s *stepLogs) advance(ps *podSteps, p *corev1.Pod, now time.Time) {
	if p.DeletionTimestamp != nil {
		return
	}
	status := map[string]corev1.ContainerStatus{}
	for _, cs := range p.Status.ContainerStatuses {
		status[cs.Name] = cs
	}
	ready := p.Status.Phase == corev1.PodRunning && p.Annotations[tektonReadyKey] == "READY"
	active := false
	for _, name := range stepContainers(p) {
		sr, cs := ps.steps[name], status[name]
		switch {
		case sr == nil:
		case cs.State.Terminated != nil:
			if sr.state != stepDone {
				code, skipped := stepExit(cs.State.Terminated)
				if sr.state == stepPending {
					// Ended before it was seen running (skipped, or missed): all of it now.
					if skipped {
						sr.lines = []logLine{stderr(now.UTC().Format("2006/01/02 15:04:05") + " Skipping step because a previous step failed")}
						code = 0
					} else {
						sr.lines = stepLines(p.Annotations, name, ps.sources[name])
					}
				}
				s.write(sr, len(sr.lines), now)
				if code != 0 {
					s.writeLines(sr.path, now, []logLine{stderr(fmt.Sprintf("error: step %q exited with code %d", strings.TrimPrefix(name, stepContainerPrefix), code))})
				}
				sr.state, sr.lines = stepDone, nil
			}
		case cs.State.Running != nil && ready && !active:
			active = true
			if sr.state == stepPending {
				sr.lines = stepLines(p.Annotations, name, ps.sources[name])
				sr.state, sr.start = stepRunning, now
				if n := len(sr.lines); n > 0 {
					sr.interval = stepDuration(p.Annotations, name, now) / time.Duration(n)
				}
				s.writeDueStep(sr, now)
			}
		}
	}
}

// writeDue writes the lines of running steps whose time has come.
func (s *stepLogs) writeDue(now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ps := range s.pods {
		for _, sr := range ps.steps {
			if sr.state == stepRunning {
				s.writeDueStep(sr, now)
			}
		}
	}
}

func (s *stepLogs) writeDueStep(sr *stepRun, now time.Time) {
	due := len(sr.lines)
	if sr.interval > 0 {
		due = min(due, int(now.Sub(sr.start)/sr.interval)+1)
	}
	s.write(sr, due, now)
}

// write appends lines [next, upto) of a step.
func (s *stepLogs) write(sr *stepRun, upto int, now time.Time) {
	if upto <= sr.next {
		return
	}
	s.writeLines(sr.path, now, sr.lines[sr.next:upto])
	sr.next = upto
}

func (s *stepLogs) writeLines(file string, now time.Time, lines []logLine) {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(cri(now.UTC(), l.stream, l.text))
	}
	f, err := os.OpenFile(file, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err == nil {
		_, err = f.WriteString(b.String())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		log.Printf("dataplane: step log %s: %v", file, err)
	}
}

// forget stops writing a deleted pod's steps; its directory goes after the grace period.
func (s *stepLogs) forget(p *corev1.Pod, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := p.Namespace + "/" + p.Name
	ps := s.pods[key]
	if ps == nil || ps.uid != p.UID {
		return
	}
	delete(s.pods, key)
	_ = os.Chtimes(filepath.Join(ps.dir, podUIDFile), now, now)
}

// apply creates or updates the pod's kwok Logs object (server-side apply, so
// it is idempotent); the garbage collector deletes it with the pod.
func (s *stepLogs) apply(ctx context.Context, p *corev1.Pod) {
	key := p.Namespace + "/" + p.Name
	obj, err := logsObject(p, s.dir, s.defaultFile, s.previousFile)
	if err == nil {
		actx, cancel := context.WithTimeout(ctx, 10*time.Second)
		_, err = s.dyn.Resource(kwokLogsGVR).Namespace(p.Namespace).Apply(actx, p.Name, obj, metav1.ApplyOptions{FieldManager: "fleet-dataplane", Force: true})
		cancel()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.pods[key]
	if ps == nil || ps.uid != p.UID {
		return
	}
	if err != nil {
		if !ps.applyError {
			log.Printf("dataplane: kwok Logs %s (retried every %s): %v", key, stepLogsSweep, err)
		}
		ps.applyError = true
		return
	}
	ps.applied = true
}

// sweep retries Logs objects that could not be applied and removes the
// directories of pods gone for longer than the grace period.
func (s *stepLogs) sweep(ctx context.Context, store cache.Store, now time.Time) {
	var retry []*corev1.Pod
	s.mu.Lock()
	for key, ps := range s.pods {
		if o, ok, _ := store.GetByKey(key); ok && !ps.applied {
			if p := o.(*corev1.Pod); p.UID == ps.uid && p.DeletionTimestamp == nil {
				retry = append(retry, p)
			}
		}
	}
	s.mu.Unlock()
	for _, p := range retry {
		s.apply(ctx, p)
	}
	nss, _ := os.ReadDir(s.dir)
	for _, ns := range nss {
		if !ns.IsDir() {
			continue
		}
		nsDir := filepath.Join(s.dir, ns.Name())
		pods, _ := os.ReadDir(nsDir)
		for _, pd := range pods {
			dir := filepath.Join(nsDir, pd.Name())
			uid, err := os.ReadFile(filepath.Join(dir, podUIDFile))
			if !pd.IsDir() || err != nil {
				continue // not ours
			}
			key := ns.Name() + "/" + pd.Name()
			if o, ok, _ := store.GetByKey(key); ok && string(o.(*corev1.Pod).UID) == string(uid) {
				continue
			}
			if now.Sub(newestMtime(dir)) < stepLogsGrace {
				continue
			}
			s.mu.Lock()
			if ps := s.pods[key]; ps != nil && string(ps.uid) == string(uid) {
				delete(s.pods, key)
			}
			err = os.RemoveAll(dir)
			s.mu.Unlock()
			if err != nil {
				log.Printf("dataplane: step logs: %v", err)
			}
		}
		_ = os.Remove(nsDir) // only when empty
	}
}

func newestMtime(dir string) time.Time {
	var t time.Time
	if st, err := os.Stat(dir); err == nil {
		t = st.ModTime()
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.ModTime().After(t) {
			t = info.ModTime()
		}
	}
	return t
}

// stepContainers are the pod's step containers, in spec (= step) order.
func stepContainers(p *corev1.Pod) []string {
	var out []string
	for _, c := range p.Spec.Containers {
		if strings.HasPrefix(c.Name, stepContainerPrefix) {
			out = append(out, c.Name)
		}
	}
	return out
}

// stepLogPaths is where a pod's step logs live: dir/NAMESPACE/POD/CONTAINER.log.
// The names come from the apiserver, which validates them; checked again here
// so that nothing can point outside dir.
func stepLogPaths(dir, namespace, pod string, containers []string) (string, []string, error) {
	if errs := validation.IsDNS1123Subdomain(namespace); len(errs) > 0 {
		return "", nil, fmt.Errorf("namespace %q: %s", namespace, strings.Join(errs, "; "))
	}
	if errs := validation.IsDNS1123Subdomain(pod); len(errs) > 0 {
		return "", nil, fmt.Errorf("pod name %q: %s", pod, strings.Join(errs, "; "))
	}
	dir = filepath.Clean(dir)
	podDir := filepath.Join(dir, namespace, pod)
	if rel, err := filepath.Rel(dir, podDir); err != nil || rel != filepath.Join(namespace, pod) {
		return "", nil, fmt.Errorf("step log directory %q escapes %q", podDir, dir)
	}
	files := make([]string, len(containers))
	for i, c := range containers {
		if errs := validation.IsDNS1123Label(c); len(errs) > 0 {
			return "", nil, fmt.Errorf("container name %q: %s", c, strings.Join(errs, "; "))
		}
		files[i] = filepath.Join(podDir, c+".log")
		if filepath.Dir(files[i]) != podDir {
			return "", nil, fmt.Errorf("step log %q escapes %q", files[i], podDir)
		}
	}
	return podDir, files, nil
}

// logsObject is the kwok Logs object of a TaskRun pod: one entry per step
// container, and a default entry (no containers) for the rest.
func logsObject(p *corev1.Pod, dir, defaultFile, previousFile string) (*unstructured.Unstructured, error) {
	containers := stepContainers(p)
	_, files, err := stepLogPaths(dir, p.Namespace, p.Name, containers)
	if err != nil {
		return nil, err
	}
	var entries []any
	for i, c := range containers {
		// A step never restarts: `--previous` reads nothing (without a file kwok
		// would try to read its working directory).
		entries = append(entries, map[string]any{"containers": []any{c}, "logsFile": files[i], "previousLogsFile": os.DevNull, "follow": true})
	}
	def := map[string]any{"logsFile": defaultFile, "follow": true}
	if previousFile != "" {
		def["previousLogsFile"] = previousFile
	}
	entries = append(entries, def)
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": kwokLogsGVR.GroupVersion().String(),
		"kind":       "Logs",
		"metadata": map[string]any{
			"name":      p.Name,
			"namespace": p.Namespace,
			"labels":    map[string]any{"app.kubernetes.io/managed-by": "fleet-dataplane"},
			"ownerReferences": []any{map[string]any{
				"apiVersion": "v1",
				"kind":       "Pod",
				"name":       p.Name,
				"uid":        string(p.UID),
			}},
		},
		"spec": map[string]any{"logs": entries},
	}}, nil
}

// stepExit is the exit code a step's script had (with onError: continue the
// container exits 0 and the termination message holds it) and whether the
// step was skipped because an earlier one failed.
func stepExit(t *corev1.ContainerStateTerminated) (code int, skipped bool) {
	code = int(t.ExitCode)
	var msg []struct {
		Key   string `json:"key"`
		Value string `json:"value"`
	}
	if json.Unmarshal([]byte(t.Message), &msg) != nil {
		return code, false
	}
	for _, m := range msg {
		switch {
		case m.Key == "Reason" && m.Value == "Skipped":
			skipped = true
		case m.Key == "ExitCode" && code == 0:
			if n, err := strconv.Atoi(m.Value); err == nil {
				code = n
			}
		}
	}
	return code, skipped
}

// stepDuration is how long kwok's tekton-step-finish stage lets a step run:
// the same lookup as its durationFrom (sim.pilothouse.dev/step-NAME-duration,
// else sim.pilothouse.dev/step-duration; a Go duration or an RFC 3339 time;
// an empty value is no delay, anything else unparsable the default).
func stepDuration(ann map[string]string, container string, now time.Time) time.Duration {
	v, ok := ann[simAnnotationPrefix+container+"-duration"]
	if !ok {
		v, ok = ann[simAnnotationPrefix+"step-duration"]
	}
	switch {
	case !ok:
		return defaultStepDuration
	case v == "":
		return 0
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return max(t.Sub(now), 0)
	}
	if d, err := time.ParseDuration(v); err == nil {
		return max(d, 0)
	}
	return defaultStepDuration
}

// stepSource is what a step runs: the script Tekton placed for it, or its command.
type stepSource struct {
	script string
	argv   []string
}

// stepSources maps each step container to its script or command. Tekton
// (pkg/pod/script.go, entrypoint.go) writes step i's script to
// /tekton/scripts/script-<i>-<random> in the place-scripts init container and
// runs the entrypoint with `-entrypoint <that file> -- <args>`.
func stepSources(p *corev1.Pod) map[string]stepSource {
	var placed map[string]string
	for _, c := range p.Spec.InitContainers {
		if c.Name == placeScriptsName && len(c.Command) == 1 && c.Command[0] == "sh" && len(c.Args) == 2 && c.Args[0] == "-c" {
			placed = placedScripts(c.Args[1])
		}
	}
	out := map[string]stepSource{}
	i := 0
	for _, c := range p.Spec.Containers {
		if !strings.HasPrefix(c.Name, stepContainerPrefix) {
			continue
		}
		argv := entrypointCommand(c)
		if len(argv) > 0 {
			if script, ok := placed[argv[0]]; ok {
				out[c.Name] = stepSource{script: script}
				i++
				continue
			}
		}
		found := false
		for file, script := range placed {
			if strings.HasPrefix(path.Base(file), fmt.Sprintf("script-%d-", i)) {
				out[c.Name], found = stepSource{script: script}, true
			}
		}
		if !found {
			out[c.Name] = stepSource{argv: argv}
		}
		i++
	}
	return out
}

// entrypointCommand is the command a step container runs: what follows
// Tekton's entrypoint's -entrypoint flag, and the arguments after "--".
func entrypointCommand(c corev1.Container) []string {
	for i, a := range c.Args {
		if a != "--" {
			continue
		}
		var argv []string
		for j := 0; j+1 < i; j++ {
			if c.Args[j] == "-entrypoint" || c.Args[j] == "--entrypoint" {
				argv = []string{c.Args[j+1]}
			}
		}
		return append(argv, c.Args[i+1:]...)
	}
	return append(append([]string{}, c.Command...), c.Args...)
}

var (
	shAssign      = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*)="([^"]*)"$`)
	shCatToFile   = regexp.MustCompile(`^cat > \$\{([A-Za-z_][A-Za-z0-9_]*)\} << '([^']+)'$`)
	shDecodeFile  = regexp.MustCompile(`^/tekton/bin/entrypoint decode-script "\$\{([A-Za-z_][A-Za-z0-9_]*)\}"$`)
	shellInterp   = regexp.MustCompile(`^#!\s*(?:/usr)?(?:/bin/|/usr/bin/env\s+)(?:busybox\s+)?(sh|bash|ash|dash|ksh|zsh)\b`)
	keywordPrefix = map[string]bool{"if": true, "then": true, "else": true, "elif": true, "while": true, "until": true, "do": true, "!": true, "{": true}
	keywordSkip   = map[string]bool{"fi": true, "done": true, "esac": true, "}": true, "for": true, "case": true, "select": true, "function": true, "set": true}
)

// placedScripts reads the place-scripts init container's shell script: file →
// the step's script. Each script is written with a quoted heredoc holding its
// base64 and decoded by `/tekton/bin/entrypoint decode-script` (Tekton's
// placeScriptInContainer); one without that line is taken as it stands.
func placedScripts(sh string) map[string]string {
	vars := map[string]string{}
	out := map[string]string{}
	lines := strings.Split(sh, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if m := shAssign.FindStringSubmatch(l); m != nil {
			vars[m[1]] = m[2]
			continue
		}
		if m := shCatToFile.FindStringSubmatch(l); m != nil {
			var body []string
			for i++; i < len(lines) && lines[i] != m[2]; i++ {
				body = append(body, lines[i])
			}
			if f := vars[m[1]]; f != "" && m[1] == "scriptfile" {
				out[f] = strings.Join(body, "\n")
			}
			continue
		}
		if m := shDecodeFile.FindStringSubmatch(l); m != nil {
			f := vars[m[1]]
			if enc, ok := out[f]; ok {
				if b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(enc)); err == nil {
					out[f] = string(b)
				} else {
					delete(out, f)
				}
			}
		}
	}
	return out
}

// stepLines is what a step prints.
func stepLines(ann map[string]string, container string, src stepSource) []logLine {
	if v, ok := ann[simAnnotationPrefix+container+"-log"]; ok {
		v = strings.TrimSuffix(strings.ReplaceAll(v, "\r\n", "\n"), "\n")
		if v == "" {
			return nil
		}
		var out []logLine
		for _, l := range strings.Split(v, "\n") {
			out = append(out, stdout(l))
		}
		return capLines(out)
	}
	if src.script != "" {
		return scriptLines(src.script)
	}
	if len(src.argv) == 0 {
		return nil
	}
	if sh := path.Base(src.argv[0]); (sh == "sh" || sh == "bash") && len(src.argv) >= 3 && src.argv[1] == "-c" {
		return scriptLines(src.argv[2])
	}
	return scriptLines(shellJoin(src.argv))
}

func capLines(l []logLine) []logLine {
	if len(l) > maxStepLines {
		return append(l[:maxStepLines:maxStepLines], stderr(fmt.Sprintf("(%d more lines not shown)", len(l)-maxStepLines)))
	}
	return l
}

// scriptLines is what a shell script prints when traced as with `set -x`: a
// "+ command" line (on stderr, where a shell traces) for each simple command
// or pipeline, and the output of echo, printf and `cat <<EOF` unless it goes
// to a file. Nothing runs: no expansions, every branch of an if is taken, a
// loop body is traced once, `set` lines are left out. A script with a shebang
// other than a shell's prints nothing.
func scriptLines(script string) []logLine {
	lines := strings.Split(strings.ReplaceAll(script, "\r\n", "\n"), "\n")
	for len(lines) > 1 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	if strings.HasPrefix(lines[0], "#!") {
		if !shellInterp.MatchString(lines[0]) {
			return nil
		}
		lines = lines[1:]
	}
	var out []logLine
	for i := 0; i < len(lines); i++ {
		line := lines[i]
	join: // a command continues on the next line after \, inside quotes, or after | && ||
		for i+1 < len(lines) {
			toks, state := lex(line)
			switch {
			case state == lexBackslash:
				line = strings.TrimRight(strings.TrimSuffix(line, "\\"), " \t") + " " + strings.TrimLeft(lines[i+1], " \t")
			case state == lexOpen:
				line += "\n" + lines[i+1]
			case len(toks) > 0 && (toks[len(toks)-1].op == "|" || toks[len(toks)-1].op == "&&" || toks[len(toks)-1].op == "||"):
				line += " " + strings.TrimSpace(lines[i+1])
			default:
				break join
			}
			i++
		}
		toks, _ := lex(line)
		for _, cmd := range splitCommands(line, toks) {
			var body []string
			if cmd.heredoc != "" {
				for i++; i < len(lines); i++ {
					l := lines[i]
					if cmd.heredocTabs {
						l = strings.TrimLeft(l, "\t")
					}
					if l == cmd.heredoc {
						break
					}
					body = append(body, l)
				}
			}
			if cmd.raw == "" {
				continue
			}
			out = append(out, stderr("+ "+cmd.raw))
			var text []string
			switch cmd.words[0] {
			case "echo":
				text = echoText(cmd.words[1:])
			case "printf":
				text = printfText(cmd.words[1:])
			case "cat":
				if len(cmd.words) == 1 {
					text = body
				}
			}
			if cmd.output == "" || (cmd.output == "stdout" && cmd.piped && !cmd.tee) {
				continue
			}
			for _, t := range text {
				out = append(out, logLine{cmd.output, t})
			}
		}
		if len(out) > maxStepLines {
			break
		}
	}
	return capLines(out)
}

type lexState int

const (
	lexComplete  lexState = iota
	lexBackslash          // ends with a backslash: continues on the next line
	lexOpen               // a quote or substitution is still open
)

// token is a shell word (unquoted value) or operator, with its source span.
type token struct {
	op         string // "" for a word
	fd         string // the digits before a redirection ("2" in 2>)
	word       string
	start, end int
}

var shellOps = []string{"<<-", ";;", "&&", "||", ">>", ">&", ">|", "<<", "<&", "&>", ";", "&", "|", "<", ">"}

// lex splits one (possibly joined) line of shell into words and operators,
// keeping quotes, $(...), ${...} and `...` inside words.
func lex(s string) ([]token, lexState) {
	var toks []token
	var b strings.Builder
	inWord, quoted, start := false, false, 0
	begin := func(i int) {
		if !inWord {
			inWord, start = true, i
		}
	}
	flush := func(end int) {
		if inWord {
			toks = append(toks, token{word: b.String(), start: start, end: end})
			b.Reset()
			inWord, quoted = false, false
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			flush(i)
			i++
		case c == '#' && !inWord:
			flush(i)
			return toks, lexComplete
		case c == '\'':
			begin(i)
			quoted = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				b.WriteString(s[i+1:])
				flush(len(s))
				return toks, lexOpen
			}
			b.WriteString(s[i+1 : i+1+j])
			i += j + 2
		case c == '"':
			begin(i)
			quoted = true
			i++
			for {
				if i >= len(s) {
					flush(len(s))
					return toks, lexOpen
				}
				d := s[i]
				if d == '"' {
					i++
					break
				}
				switch {
				case d == '\\' && i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0:
					if s[i+1] != '\n' {
						b.WriteByte(s[i+1])
					}
					i += 2
				case d == '$' && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '{'), d == '`':
					j := substEnd(s, i)
					if j < 0 {
						b.WriteString(s[i:])
						flush(len(s))
						return toks, lexOpen
					}
					b.WriteString(s[i:j])
					i = j
				default:
					b.WriteByte(d)
					i++
				}
			}
		case c == '\\':
			if i+1 >= len(s) {
				flush(i)
				return toks, lexBackslash
			}
			begin(i)
			if s[i+1] != '\n' {
				b.WriteByte(s[i+1])
			}
			i += 2
		case c == '$' && i+1 < len(s) && (s[i+1] == '(' || s[i+1] == '{'), c == '`':
			begin(i)
			j := substEnd(s, i)
			if j < 0 {
				b.WriteString(s[i:])
				flush(len(s))
				return toks, lexOpen
			}
			b.WriteString(s[i:j])
			i = j
		case strings.IndexByte(";&|<>", c) >= 0:
			fd := ""
			if (c == '<' || c == '>') && inWord && !quoted && isDigits(b.String()) {
				fd, inWord = b.String(), false
				b.Reset()
			} else {
				flush(i)
			}
			op := ""
			for _, o := range shellOps {
				if strings.HasPrefix(s[i:], o) {
					op = o
					break
				}
			}
			from := i
			if fd != "" {
				from = start
			}
			toks = append(toks, token{op: op, fd: fd, start: from, end: i + len(op)})
			i += len(op)
		default:
			begin(i)
			b.WriteByte(c)
			i++
		}
	}
	flush(len(s))
	return toks, lexComplete
}

// substEnd is the index just past the $(...), ${...} or `...` starting at i, or -1.
func substEnd(s string, i int) int {
	if s[i] == '`' {
		j := strings.IndexByte(s[i+1:], '`')
		if j < 0 {
			return -1
		}
		return i + j + 2
	}
	open := s[i+1]
	closer := byte(')')
	if open == '{' {
		closer = '}'
	}
	depth := 0
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '\'':
			k := strings.IndexByte(s[j+1:], '\'')
			if k < 0 {
				return -1
			}
			j += k + 1
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return -1
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// shellCmd is one simple command or pipeline of a line.
type shellCmd struct {
	raw         string   // as written, without leading keywords; "" when not traced
	words       []string // the first command's words, redirections left out
	output      string   // where that command's stdout goes: "stdout", "stderr" or "" (a file)
	piped       bool
	tee         bool // piped only into tee: the text still reaches stdout
	heredoc     string
	heredocTabs bool
}

// splitCommands cuts a line's tokens at ; && || & and reads each command's
// words and redirections.
func splitCommands(line string, toks []token) []shellCmd {
	var out []shellCmd
	for len(toks) > 0 {
		n := 0
		for n < len(toks) && !(toks[n].op == ";" || toks[n].op == "&&" || toks[n].op == "||" || toks[n].op == "&" || toks[n].op == ";;") {
			n++
		}
		if cmd, ok := parseCommand(line, toks[:n]); ok {
			out = append(out, cmd)
		}
		if n == len(toks) {
			break
		}
		toks = toks[n+1:]
	}
	return out
}

func parseCommand(line string, toks []token) (shellCmd, bool) {
	// Leading keywords (if, then, do, !, {) are not traced; closing ones end nothing that prints.
	for len(toks) > 0 && toks[0].op == "" && keywordPrefix[toks[0].word] {
		toks = toks[1:]
	}
	if len(toks) == 0 || toks[0].op != "" && toks[0].fd == "" && toks[0].op != "<" && toks[0].op != ">" {
		return shellCmd{}, false
	}
	cmd := shellCmd{output: "stdout"}
	segment := 0 // pipeline element
	teeOnly := true
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.op == "|" {
			cmd.piped = true
			segment++
			if i+1 < len(toks) && toks[i+1].op == "" && toks[i+1].word != "tee" {
				teeOnly = false
			}
			continue
		}
		if t.op == "" {
			if segment == 0 {
				cmd.words = append(cmd.words, t.word)
			}
			continue
		}
		// A redirection and its target.
		target := ""
		if i+1 < len(toks) && toks[i+1].op == "" {
			target = toks[i+1].word
			i++
		}
		if segment > 0 {
			if t.op != "<" && t.op != "<<" && t.op != "<<-" && t.op != "<&" && (t.fd == "" || t.fd == "1") {
				teeOnly = false
			}
			continue
		}
		switch t.op {
		case "<<", "<<-":
			cmd.heredoc, cmd.heredocTabs = target, t.op == "<<-"
		case ">", ">>", ">|", "&>":
			if t.fd == "" || t.fd == "1" || t.op == "&>" {
				switch target {
				case "/dev/stdout":
				case "/dev/stderr":
					cmd.output = "stderr"
				default:
					cmd.output = ""
				}
			}
		case ">&":
			if (t.fd == "" || t.fd == "1") && target == "2" {
				cmd.output = "stderr"
			}
		}
	}
	if len(cmd.words) == 0 || keywordSkip[cmd.words[0]] {
		return shellCmd{heredoc: cmd.heredoc, heredocTabs: cmd.heredocTabs}, cmd.heredoc != ""
	}
	cmd.tee = cmd.piped && teeOnly
	cmd.raw = strings.TrimSpace(line[toks[0].start:toks[len(toks)-1].end])
	return cmd, true
}

// echoText is what echo prints: its words joined, -n/-e/-E honoured.
func echoText(args []string) []string {
	escapes := false
	for len(args) > 0 && len(args[0]) > 1 && args[0][0] == '-' && strings.Trim(args[0][1:], "neE") == "" {
		for _, f := range args[0][1:] {
			switch f {
			case 'e':
				escapes = true
			case 'E':
				escapes = false
			}
		}
		args = args[1:]
	}
	text := strings.Join(args, " ")
	if escapes {
		var stop bool
		text, stop = unescape(text, true)
		if stop {
			return splitOutput(text, false)
		}
	}
	return splitOutput(text, true)
}

// splitOutput turns printed text into lines; a final newline ends the last line.
func splitOutput(text string, keepEmpty bool) []string {
	text = strings.TrimSuffix(text, "\n")
	if text == "" && !keepEmpty {
		return nil
	}
	return strings.Split(text, "\n")
}

// unescape interprets backslash escapes as echo -e and printf do; stop is \c.
func unescape(s string, echo bool) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '\\':
			b.WriteByte('\\')
		case 'c':
			return b.String(), true
		case '0':
			if !echo {
				b.WriteString(`\0`)
			}
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return b.String(), false
}

var printfVerb = regexp.MustCompile(`^%[-+ #0]*[0-9]*(?:\.[0-9]*)?[sbcdiuoxXeEfgG%]`)

// printfText is what printf FORMAT ARGS... prints: the format is reused while
// arguments are left, as the shell's printf does.
func printfText(args []string) []string {
	if len(args) == 0 {
		return nil
	}
	format, args := args[0], args[1:]
	var b strings.Builder
	for {
		used := 0
		for i := 0; i < len(format); {
			if format[i] == '\\' {
				j := i + 2
				if j > len(format) {
					j = len(format)
				}
				s, stop := unescape(format[i:j], false)
				if stop {
					return splitOutput(b.String(), false)
				}
				b.WriteString(s)
				i = j
				continue
			}
			m := printfVerb.FindString(format[i:])
			if m == "" {
				b.WriteByte(format[i])
				i++
				continue
			}
			i += len(m)
			verb := m[len(m)-1]
			if verb == '%' {
				b.WriteByte('%')
				continue
			}
			arg := ""
			if len(args) > 0 {
				arg, args = args[0], args[1:]
				used++
			}
			spec := m[:len(m)-1]
			switch verb {
			case 's':
				fmt.Fprintf(&b, spec+"s", arg)
			case 'b':
				s, _ := unescape(arg, false)
				fmt.Fprintf(&b, spec+"s", s)
			case 'c':
				if arg != "" {
					b.WriteByte(arg[0])
				}
			case 'd', 'i', 'u':
				n, _ := strconv.ParseInt(strings.TrimSpace(arg), 0, 64)
				fmt.Fprintf(&b, spec+"d", n)
			case 'o', 'x', 'X':
				n, _ := strconv.ParseInt(strings.TrimSpace(arg), 0, 64)
				fmt.Fprintf(&b, spec+string(verb), n)
			default:
				f, _ := strconv.ParseFloat(strings.TrimSpace(arg), 64)
				fmt.Fprintf(&b, spec+string(verb), f)
			}
		}
		if used == 0 || len(args) == 0 {
			break
		}
	}
	return splitOutput(b.String(), false)
}

// shellJoin writes argv as a shell command line.
func shellJoin(argv []string) string {
	q := make([]string, len(argv))
	for i, a := range argv {
		if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@%+,") == "" {
			q[i] = a
		} else {
			q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(q, " ")
}
