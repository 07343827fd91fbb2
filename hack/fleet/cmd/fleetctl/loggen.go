package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

// runLoggen writes plausible application log lines in the CRI log format
// (what kubelets read), one or two a second; kwok serves the file as every
// container's log, so `kubectl logs -f` streams real lines.
func runLoggen(args []string) int {
	fs := flag.NewFlagSet("loggen", flag.ContinueOnError)
	file := fs.String("file", "", "log file (CRI format)")
	if err := fs.Parse(args); err != nil || *file == "" {
		fmt.Fprintln(os.Stderr, "usage: fleetctl loggen --file=PATH")
		return 2
	}
	if err := os.MkdirAll(filepath.Dir(*file), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// Start fresh when the file has grown large; kwok re-opens it per request.
	if st, err := os.Stat(*file); err == nil && st.Size() > 8<<20 {
		_ = os.Truncate(*file, 0)
	}
	prev := filepath.Join(filepath.Dir(*file), "previous.log")
	now := time.Now().UTC()
	_ = os.WriteFile(prev, []byte(
		cri(now.Add(-90*time.Second), "stdout", "starting server on :8080")+
			cri(now.Add(-61*time.Second), "stderr", "panic: runtime error: invalid memory address or nil pointer dereference")+
			cri(now.Add(-61*time.Second), "stderr", "goroutine 1 [running]:")), 0o644)
	f, err := os.OpenFile(*file, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer f.Close()
	if st, _ := f.Stat(); st.Size() == 0 {
		for i := 20; i > 0; i-- {
			_, _ = f.WriteString(cri(now.Add(-time.Duration(i)*time.Second), "stdout", line()))
		}
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	t := time.NewTicker(700 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-sig:
			return 0
		case now := <-t.C:
			stream := "stdout"
			l := line()
			if rand.IntN(12) == 0 {
				stream, l = "stderr", "level=warn msg=\"upstream slow\" upstream=db-0 latency_ms="+fmt.Sprint(200+rand.IntN(800))
			}
			if _, err := f.WriteString(cri(now.UTC(), stream, l)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
	}
}

func cri(t time.Time, stream, msg string) string {
	return fmt.Sprintf("%s %s F %s\n", t.Format(time.RFC3339Nano), stream, msg)
}

var paths = []string{"/", "/api/v1/orders", "/api/v1/users/42", "/healthz", "/static/app.js", "/api/v1/cart", "/login"}
var methods = []string{"GET", "GET", "GET", "POST", "PUT", "DELETE"}
var codes = []int{200, 200, 200, 200, 201, 204, 304, 404, 500}

func line() string {
	return fmt.Sprintf("10.%d.%d.%d - - \"%s %s HTTP/1.1\" %d %d %.3f",
		rand.IntN(255), rand.IntN(255), rand.IntN(255),
		methods[rand.IntN(len(methods))], paths[rand.IntN(len(paths))],
		codes[rand.IntN(len(codes))], 200+rand.IntN(5000), rand.Float64()/4)
}
