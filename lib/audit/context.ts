import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// Who is on the other end of the request an audit line is written for: its
// address, user agent and an id, set once where the request enters the
// console (server.ts) and read by every audit line written while serving it,
// whichever bundle writes it (one store per process).

export interface RequestContext {
  requestId: string;
  ip?: string;
  userAgent?: string;
}

const KEY = Symbol.for("pilothouse.request-context");
type Global = typeof globalThis & { [KEY]?: AsyncLocalStorage<RequestContext> };

function store(): AsyncLocalStorage<RequestContext> {
  const g = globalThis as Global;
  g[KEY] ??= new AsyncLocalStorage<RequestContext>();
  return g[KEY];
}

export function newRequestContext(ip: string | undefined, userAgent: string | string[] | undefined): RequestContext {
  const ua = Array.isArray(userAgent) ? userAgent[0] : userAgent;
  return { requestId: randomUUID(), ip, userAgent: ua?.slice(0, 256) };
}

export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return store().run(ctx, fn);
}

export function requestContext(): RequestContext | undefined {
  return store().getStore();
}
