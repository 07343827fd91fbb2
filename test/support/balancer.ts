import net from "node:net";

// A round-robin TCP balancer in front of console replicas, as a Service or an
// ingress would be: each new connection goes to the next backend; a backend
// that refuses the connection (a killed replica) is skipped for the next one.
// It records which backend took each connection, so a test can kill the one
// serving a stream.

export interface Balancer {
  url: string;
  port: number;
  /** The backend index that took the most recent connection. */
  lastBackend(): number;
  close(): Promise<void>;
}

export async function roundRobin(backendPorts: number[]): Promise<Balancer> {
  let next = 0;
  let last = -1;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on("close", () => open.delete(client));
    client.pause();
    const tryFrom = (i: number, left: number) => {
      const upstream = net.connect({ host: "127.0.0.1", port: backendPorts[i] });
      upstream.once("connect", () => {
        last = i;
        open.add(upstream);
        upstream.on("close", () => open.delete(upstream));
        client.pipe(upstream).pipe(client);
        client.resume();
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        client.on("close", () => upstream.destroy());
      });
      upstream.once("error", () => {
        if (left > 1) tryFrom((i + 1) % backendPorts.length, left - 1);
        else client.destroy();
      });
    };
    const i = next;
    next = (next + 1) % backendPorts.length;
    tryFrom(i, backendPorts.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    lastBackend: () => last,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
