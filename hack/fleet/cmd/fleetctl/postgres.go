package main

// The fleet's PostgreSQL: one server per fleet (not per cluster) for the
// console's own data (the audit trail), from Debian's postgresql package.
// Stop / start it alone (outage tests):
//
//	fleetctl stop --component=postgres    (make fleet-stop COMPONENT=postgres)
//	fleetctl start --component=postgres   (make fleet-start COMPONENT=postgres)

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// postgresLib holds Debian's servers, one /usr/lib/postgresql/<major>/bin each.
var postgresLib = "/usr/lib/postgresql"

const (
	postgresUser = "pilothouse"
	postgresDB   = "pilothouse"
)

// postgresDir is .fleet/postgres, unless the postgres user cannot reach the
// fleet (a checkout under /root, or in a 0700 temporary directory as CI
// clones may be): then a directory of its own under /var/tmp, named after the
// fleet so two checkouts never share one.
func (l *layout) postgresDir() string {
	if cred, err := postgresCredential(); err == nil && cred != nil && checkTraversable(l.root, cred) != nil {
		return postgresFallbackDir(l.root)
	}
	return l.path("postgres")
}

func postgresFallbackDir(root string) string {
	return filepath.Join(os.TempDir(), "pilothouse-postgres-"+fmt.Sprintf("%x", sha256.Sum256([]byte(root)))[:12])
}

func (l *layout) postgresData() string    { return filepath.Join(l.postgresDir(), "data") }
func (l *layout) postgresURLFile() string { return l.path("postgres-url") }
func (l *layout) postgresURL() string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s", postgresUser, l.postgresPort(), postgresDB)
}

// postgresBinDir picks the newest installed server, or the one whose major
// version made the data directory: a newer server refuses an older one's data.
func postgresBinDir(data string) (string, error) {
	if b, err := os.ReadFile(filepath.Join(data, "PG_VERSION")); err == nil {
		dir := filepath.Join(postgresLib, strings.TrimSpace(string(b)), "bin")
		if _, err := os.Stat(filepath.Join(dir, "postgres")); err == nil {
			return dir, nil
		}
	}
	found, _ := filepath.Glob(filepath.Join(postgresLib, "*", "bin", "postgres"))
	var vs []float64
	dirs := map[float64]string{}
	for _, f := range found {
		v, err := strconv.ParseFloat(filepath.Base(filepath.Dir(filepath.Dir(f))), 64)
		if err != nil {
			continue
		}
		vs = append(vs, v)
		dirs[v] = filepath.Dir(f)
	}
	if len(vs) == 0 {
		return "", fmt.Errorf("no PostgreSQL server in %s/*/bin", postgresLib)
	}
	sort.Float64s(vs)
	return dirs[vs[len(vs)-1]], nil
}

func initdbArgs(data string) []string {
	// trust: the server listens on 127.0.0.1 and a socket inside .fleet only.
	return []string{"-D", data, "-U", postgresUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"}
}

// postgresSocketDir is where the server puts its unix socket: .fleet/postgres,
// never /var/run. "" (TCP only) when the socket path would not fit sun_path.
func postgresSocketDir(dir string, port int) string {
	if len(dir)+len(fmt.Sprintf("/.s.PGSQL.%d", port)) > 107 {
		return ""
	}
	return dir
}

func postgresArgs(data, socketDir string, port int) []string {
	return []string{"-D", data,
		"-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1",
		"-c", "unix_socket_directories=" + socketDir,
		// A test database: speed over durability (a crash may lose or corrupt
		// it; `rm -rf .fleet/postgres` and `make fleet` start it afresh).
		"-c", "fsync=off",
		"-c", "synchronous_commit=off",
		"-c", "full_page_writes=off",
	}
}

func (l *layout) postgresComponent() *component {
	bin := filepath.Join(postgresLib, "*", "bin", "postgres") // none installed: checkPrerequisites says so
	if dir, err := postgresBinDir(l.postgresData()); err == nil {
		bin = filepath.Join(dir, "postgres")
	}
	return &component{
		ID:    "postgres",
		Bin:   bin,
		Args:  postgresArgs(l.postgresData(), postgresSocketDir(l.postgresDir(), l.postgresPort()), l.postgresPort()),
		Ports: []int{l.postgresPort()},
		Log:   l.path("logs", "postgres.log"),
		// Fast shutdown: SIGTERM (smart) would wait for every client to disconnect.
		StopSignal: syscall.SIGINT,
		// Its own directory: the postgres user may not be able to enter the fleet's root.
		Dir: l.postgresDir(),
		l:   l,
	}
}

// postgresCredential is whom initdb and postgres run as: the postgres system
// user when we are root (they refuse root), else nil (ourselves).
func postgresCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("PostgreSQL refuses to run as root and there is no postgres user to run it as (Debian's postgresql package makes one): %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("postgres user: uid %q gid %q", u.Uid, u.Gid)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{}}, nil
}

// checkTraversable fails when cred cannot reach dir: the fleet's directories
// are root's, and a repository under /root is closed to the postgres user.
func checkTraversable(dir string, cred *syscall.Credential) error {
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return err
		}
		st := fi.Sys().(*syscall.Stat_t)
		bit := os.FileMode(0o001)
		switch {
		case st.Uid == cred.Uid:
			bit = 0o100
		case st.Gid == cred.Gid:
			bit = 0o010
		}
		if fi.Mode().Perm()&bit == 0 {
			return fmt.Errorf("PostgreSQL runs as uid %d, which cannot enter %s (mode %04o): make it traversable (chmod o+x) or move the fleet with FLEET_DIR", cred.Uid, d, fi.Mode().Perm())
		}
		if d == "/" {
			return nil
		}
	}
}

// ensurePostgresDirs makes .fleet/postgres (the socket's directory) and hands
// it to cred, which must be able to reach it.
func (l *layout) ensurePostgresDirs(cred *syscall.Credential) error {
	if err := os.MkdirAll(l.postgresDir(), 0o755); err != nil {
		return err
	}
	if cred == nil {
		return nil
	}
	if err := checkTraversable(filepath.Dir(l.postgresDir()), cred); err != nil {
		return err
	}
	return os.Chown(l.postgresDir(), int(cred.Uid), int(cred.Gid))
}

// initPostgres runs initdb into a scratch directory renamed into place when
// done, so an interrupted initdb never leaves a half-made data directory.
func (l *layout) initPostgres(ctx context.Context, binDir string, cred *syscall.Credential, log string) error {
	if _, err := os.Stat(l.postgresData()); err == nil {
		return nil
	}
	tmp := l.postgresData() + ".initdb"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	if err := os.Mkdir(tmp, 0o700); err != nil {
		return err
	}
	if cred != nil {
		if err := os.Chown(tmp, int(cred.Uid), int(cred.Gid)); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(log), 0o755); err != nil {
		return err
	}
	lf, err := os.OpenFile(log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer lf.Close()
	args := initdbArgs(tmp)
	fmt.Fprintf(lf, "\n==== initdb %s: %s\n", time.Now().Format(time.RFC3339), strings.Join(args, " "))
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, "initdb"), args...)
	cmd.Dir = l.postgresDir()
	cmd.Stdout, cmd.Stderr = lf, lf
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("postgres: initdb: %w; last lines of %s:\n%s", err, log, tailFile(log, 10))
	}
	return os.Rename(tmp, l.postgresData())
}

// pgClient runs one of the server's client tools against it over TCP, with
// none of the caller's PG* settings (PGSSLMODE=require would fail here).
func pgClient(ctx context.Context, binDir, tool string, port int, args ...string) *exec.Cmd {
	all := append([]string{"-h", "127.0.0.1", "-p", strconv.Itoa(port), "-U", postgresUser}, args...)
	cmd := exec.CommandContext(ctx, filepath.Join(binDir, tool), all...)
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "PG") {
			cmd.Env = append(cmd.Env, e)
		}
	}
	cmd.Env = append(cmd.Env, "PGCONNECT_TIMEOUT=3")
	return cmd
}

func postgresReady(binDir string, port int) func(context.Context) error {
	return func(ctx context.Context) error {
		out, err := pgClient(ctx, binDir, "pg_isready", port, "-d", "postgres", "-t", "2").CombinedOutput()
		if err != nil {
			return fmt.Errorf("pg_isready: %v: %s", err, strings.TrimSpace(string(out)))
		}
		return nil
	}
}

func psql(ctx context.Context, binDir string, port int, db, sql string) (string, error) {
	out, err := pgClient(ctx, binDir, "psql", port, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-tAc", sql).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("psql %q: %v: %s", sql, err, strings.TrimSpace(string(out)))
	}
	return strings.TrimSpace(string(out)), nil
}

// startPostgres brings the fleet's PostgreSQL up (initdb on first start, a
// running one reused), makes the database and writes the URL file.
func (r *run) startPostgres(ctx context.Context) error {
	l := r.l
	binDir, err := postgresBinDir(l.postgresData())
	if err != nil {
		return err
	}
	cred, err := postgresCredential()
	if err != nil {
		return err
	}
	pg := l.postgresComponent()
	pg.Cred = cred
	if _, ok := pg.running(); !ok {
		if err := l.ensurePostgresDirs(cred); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
		if err := l.initPostgres(ctx, binDir, cred, pg.Log); err != nil {
			return err
		}
		if err := r.ensure(pg); err != nil {
			return err
		}
	}
	if err := waitHealthy(ctx, pg, postgresReady(binDir, l.postgresPort())); err != nil {
		return err
	}
	has, err := psql(ctx, binDir, l.postgresPort(), "postgres", "SELECT 1 FROM pg_database WHERE datname = '"+postgresDB+"'")
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if has != "1" {
		if _, err := psql(ctx, binDir, l.postgresPort(), "postgres", "CREATE DATABASE "+postgresDB); err != nil {
			return fmt.Errorf("postgres: %w", err)
		}
	}
	return writeFileAtomic(l.postgresURLFile(), []byte(l.postgresURL()+"\n"), 0o644)
}

func stopPostgres(l *layout) error {
	if err := l.postgresComponent().stop(30 * time.Second); err != nil {
		return err
	}
	if err := portFree(l.postgresPort()); err != nil {
		return err
	}
	fmt.Printf("fleet: postgres stopped (%s refuses connections)\n", l.postgresURL())
	return nil
}

func startPostgres(l *layout) error {
	t0 := time.Now()
	if err := checkPrerequisites(l); err != nil {
		return err
	}
	cleanStale(l)
	r := &run{l: l}
	ctx, cancel := context.WithTimeout(context.Background(), upTimeout)
	defer cancel()
	if err := r.startPostgres(ctx); err != nil {
		r.rollback()
		return err
	}
	fmt.Printf("fleet: postgres ready in %s (%s)\n", since(t0), l.postgresURL())
	return nil
}

var errPostgresIsFleetWide = errors.New("--component=postgres is one per fleet: give no cluster (fleetctl stop --component=postgres)")
