package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestPostgresPortAndURL(t *testing.T) {
	l := testLayout(t)
	if l.postgresPort() != defaultBasePort+2 {
		t.Fatalf("postgres port = %d", l.postgresPort())
	}
	l.basePort = 25000
	if got := l.postgresURL(); got != "postgres://pilothouse@127.0.0.1:25002/pilothouse" {
		t.Fatalf("url = %s", got)
	}
	// The data lives in the fleet, or (a fleet the postgres user cannot enter, like this test's 0700 temp dir) beside it.
	dir := l.postgresDir()
	if l.postgresURLFile() != filepath.Join(l.root, "postgres-url") || l.postgresData() != filepath.Join(dir, "data") ||
		(dir != filepath.Join(l.root, "postgres") && dir != postgresFallbackDir(l.root)) {
		t.Fatalf("paths: %s %s", l.postgresURLFile(), l.postgresData())
	}
}

func TestPostgresArgs(t *testing.T) {
	args := postgresArgs("/f/postgres/data", "/f/postgres", 20002)
	for _, want := range []string{"listen_addresses=127.0.0.1", "unix_socket_directories=/f/postgres", "fsync=off", "synchronous_commit=off", "full_page_writes=off"} {
		i := slices.Index(args, want)
		if i < 1 || args[i-1] != "-c" {
			t.Errorf("postgres args lack -c %s: %v", want, args)
		}
	}
	if i := slices.Index(args, "-p"); i < 0 || args[i+1] != "20002" {
		t.Errorf("port: %v", args)
	}
	if i := slices.Index(args, "-D"); i < 0 || args[i+1] != "/f/postgres/data" {
		t.Errorf("data: %v", args)
	}
	init := strings.Join(initdbArgs("/d"), " ")
	for _, want := range []string{"-D /d", "-U pilothouse", "--auth=trust", "--encoding=UTF8"} {
		if !strings.Contains(init, want) {
			t.Errorf("initdb args lack %s: %s", want, init)
		}
	}
	l := testLayout(t)
	pg := l.postgresComponent()
	if pg.StopSignal != syscall.SIGINT || pg.Log != l.path("logs", "postgres.log") || !slices.Equal(pg.Ports, []int{l.postgresPort()}) {
		t.Errorf("component: %+v", pg)
	}
}

func TestPostgresSocketDirFitsSunPath(t *testing.T) {
	if got := postgresSocketDir("/work/pilothouse/.fleet/postgres", 20002); got != "/work/pilothouse/.fleet/postgres" {
		t.Fatalf("short dir: %q", got)
	}
	if got := postgresSocketDir("/"+strings.Repeat("x", 100), 20002); got != "" {
		t.Fatalf("too long for sun_path, got %q", got)
	}
}

func TestPostgresBinDir(t *testing.T) {
	lib := t.TempDir()
	defer func(old string) { postgresLib = old }(postgresLib)
	postgresLib = lib
	data := filepath.Join(t.TempDir(), "data")
	if _, err := postgresBinDir(data); err == nil {
		t.Fatal("no server installed, but found one")
	}
	for _, v := range []string{"9.6", "13", "15"} {
		if err := os.MkdirAll(filepath.Join(lib, v, "bin"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(lib, v, "bin", "postgres"), nil, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := postgresBinDir(data); got != filepath.Join(lib, "15", "bin") {
		t.Fatalf("newest = %s", got)
	}
	if err := os.MkdirAll(data, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "PG_VERSION"), []byte("13\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, _ := postgresBinDir(data); got != filepath.Join(lib, "13", "bin") {
		t.Fatalf("data made by 13, got %s", got)
	}
}

func TestCheckTraversable(t *testing.T) {
	dir := t.TempDir()
	inner := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(inner, 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.Chmod(dir, 0o755)
	_ = os.Chmod(filepath.Dir(dir), 0o755)
	stranger := &syscall.Credential{Uid: 54321, Gid: 54321}
	if err := checkTraversable(inner, stranger); err != nil {
		t.Fatalf("all 0755: %v", err)
	}
	if err := os.Chmod(filepath.Join(dir, "a"), 0o700); err != nil {
		t.Fatal(err)
	}
	err := checkTraversable(inner, stranger)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "a")) {
		t.Fatalf("closed directory not named: %v", err)
	}
}

// TestPostgresLifecycle runs the real server (Debian's postgresql package) in
// a temporary fleet directory on a free port outside the fleet's range:
// initdb, start, database, a query, reuse, stop, start again on the same data.
func TestPostgresLifecycle(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	binDir, err := postgresBinDir(filepath.Join(t.TempDir(), "none"))
	if err != nil {
		t.Skipf("no PostgreSQL server: %v", err)
	}
	cred, err := postgresCredential()
	if err != nil {
		t.Skip(err)
	}
	root := t.TempDir()
	// t.TempDir's directories are 0700; the postgres user must pass through them.
	_ = os.Chmod(root, 0o755)
	_ = os.Chmod(filepath.Dir(root), 0o755)
	if cred != nil {
		if err := checkTraversable(root, cred); err != nil {
			t.Skip(err)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	l := &layout{root: root, repo: root, basePort: port - 2}
	t.Cleanup(func() { _ = l.postgresComponent().stop(30 * time.Second) })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()

	t0 := time.Now()
	r := &run{l: l}
	if err := r.startPostgres(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("first start (initdb, database) in %s on port %d as uid %d", since(t0), port, uid(cred))
	if b, _ := os.ReadFile(l.postgresURLFile()); string(b) != l.postgresURL()+"\n" {
		t.Fatalf("url file = %q", b)
	}
	if cred != nil {
		fi, _ := os.Stat(l.postgresData())
		if st := fi.Sys().(*syscall.Stat_t); st.Uid != cred.Uid {
			t.Fatalf("data owned by %d, want %d", st.Uid, cred.Uid)
		}
	}
	if out, err := psql(ctx, binDir, port, postgresDB, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42); SELECT 1"); err != nil || out != "1" {
		t.Fatalf("select 1 over TCP: %q %v", out, err)
	}
	sock, err := exec.Command(filepath.Join(binDir, "psql"), "-X", "-h", l.postgresDir(), "-p", strconv.Itoa(port), "-U", postgresUser, "-d", postgresDB, "-tAc", "SELECT current_database()").CombinedOutput()
	if err != nil || strings.TrimSpace(string(sock)) != postgresDB {
		t.Fatalf("over the unix socket in %s: %q %v", l.postgresDir(), sock, err)
	}

	again := &run{l: l}
	if err := again.startPostgres(ctx); err != nil || len(again.started) != 0 {
		t.Fatalf("second start: %v, started %d (want the running one reused)", err, len(again.started))
	}

	if err := stopPostgres(l); err != nil {
		t.Fatal(err)
	}
	if _, ok := l.postgresComponent().running(); ok {
		t.Fatal("still running after stop")
	}
	if !strings.Contains(tailFile(l.path("logs", "postgres.log"), 20), "fast shutdown request") {
		t.Errorf("no fast shutdown in the log:\n%s", tailFile(l.path("logs", "postgres.log"), 20))
	}

	t0 = time.Now()
	if err := (&run{l: l}).startPostgres(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("restart on the kept data in %s", since(t0))
	if out, err := psql(ctx, binDir, port, postgresDB, "SELECT v FROM kept"); err != nil || out != "42" {
		t.Fatalf("data after restart: %q %v", out, err)
	}
	if err := stopPostgres(l); err != nil {
		t.Fatal(err)
	}
}

func uid(c *syscall.Credential) uint32 {
	if c == nil {
		return uint32(os.Getuid())
	}
	return c.Uid
}

func TestPostgresFallbackDir(t *testing.T) {
	a, b := postgresFallbackDir("/tmp/tmp.a/.fleet"), postgresFallbackDir("/tmp/tmp.b/.fleet")
	if a == b {
		t.Fatalf("two fleets share %s", a)
	}
	if filepath.Dir(a) != os.TempDir() || !strings.HasPrefix(filepath.Base(a), "pilothouse-postgres-") {
		t.Fatalf("fallback %s is not a pilothouse directory of its own under %s", a, os.TempDir())
	}
	if a != postgresFallbackDir("/tmp/tmp.a/.fleet") {
		t.Fatal("the same fleet must find its data again")
	}
}
