import "server-only";

// Failpoints (like etcd's gofail): named places in multi-step writes where a
// test can make the process stop dead, to prove that a crash there leaves
// nothing half-made. PILOTHOUSE_FAILPOINTS=name,name arms them; an armed
// failpoint logs that it was reached and never returns (the test then kills
// the process with SIGKILL). Unarmed, a failpoint is one Set lookup.

const armed = new Set(
  (process.env.PILOTHOUSE_FAILPOINTS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);

export function failpoint(name: string): Promise<void> {
  if (!armed.has(name)) return Promise.resolve();
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "warn", msg: "failpoint reached", name }));
  return new Promise<void>(() => undefined);
}
