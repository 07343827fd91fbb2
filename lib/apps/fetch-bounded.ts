import "server-only";

// One bounded GET for repositories and registries: a deadline, a size cap
// checked as the bytes arrive, and errors that say what could not be read where.

export const FETCH_TIMEOUT_MS = 10_000;

export class FetchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly challenge?: string,
  ) {
    super(message);
  }
}

export async function fetchBounded(url: string, headers: Record<string, string>, max: number, what: string): Promise<{ body: Buffer; headers: Headers }> {
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "follow" });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${FETCH_TIMEOUT_MS / 1000} s` : (cause?.code ?? cause?.message ?? String(e));
    throw new FetchError(`${what} could not be read from ${url}: ${why}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    const hint = res.status === 401 || res.status === 403 ? " (check the repository's credentials)" : "";
    throw new FetchError(`${what} could not be read from ${url}: HTTP ${res.status}${hint}`, res.status, res.headers.get("www-authenticate") ?? undefined);
  }
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > max) {
    await res.body?.cancel();
    throw new FetchError(`${what} at ${url} is larger than ${max >> 20} MiB`);
  }
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
    n += c.length;
    if (n > max) throw new FetchError(`${what} at ${url} is larger than ${max >> 20} MiB`);
    chunks.push(Buffer.from(c));
  }
  return { body: Buffer.concat(chunks), headers: res.headers };
}
