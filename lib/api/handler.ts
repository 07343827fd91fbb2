import "server-only";
import type { NextRequest } from "next/server";
import { z } from "@/lib/validations/zod";
import type { Principal } from "@/lib/auth/principal";
import { K8sError } from "@/lib/k8s/api";
import { describe } from "@/lib/k8s/clusters";
import { ConnectTimeoutError } from "@/lib/k8s/connection";
import { auditLine } from "@/lib/audit/log";
import { type Outline, valueOutline } from "@/lib/audit/outline";
import { type Runtime, getRuntime } from "@/lib/runtime";
import { RegistrationError } from "@/lib/store/cluster-registry";
import { ApiError } from "./errors";

// One wrapper for every console API route: caller (session or token) →
// CSRF for cookie writes → authorization → zod-validated input → one error mapper.

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);
const MAX_JSON_BYTES = 1024 * 1024;

export interface ApiContext<B, Q, P> {
  req: NextRequest;
  rt: Runtime;
  principal: Principal;
  sessionToken?: string;
  body: B;
  query: Q;
  params: P;
}

/** What a schema parses to; undefined without one. */
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

interface Options<BS, QS, N extends string> {
  /** A console action the caller must be allowed at platform scope, e.g. { area: "console/clusters", verb: "create" }. */
  action?: { area: string; verb: string };
  /** The route's dynamic segments (its folder names), e.g. ["tenant", "name"]: the names `params` has. */
  params?: readonly N[];
  /**
   * Authorization that depends on the input (a tenant's or a project's place);
   * runs after validation, before the handler. Return false or a message to refuse.
   */
  authorize?: (ctx: ApiContext<Parsed<BS>, Parsed<QS>, Record<N, string>>) => boolean | string;
  /** The body's schema (lib/validations): the handler gets what it parses to. */
  body?: BS;
  /** The query's schema, likewise. */
  query?: QS;
  /** A question sent by POST (it changes nothing): audited only when refused, like a read. */
  readOnly?: boolean;
}

/** A handler answers JSON (typed by its return type), a Response of its own, or null for 204. */
type Handler<B, Q, P> = (ctx: ApiContext<B, Q, P>) => Promise<Response | object | null>;

export function fieldErrors(err: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    out[key] ??= issue.message;
  }
  return out;
}

interface Note {
  who?: Principal;
  reason?: string;
  fields?: Outline;
}

export function withApi<const N extends string = never, BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  opts: Options<BS, QS, N>,
  fn: Handler<Parsed<BS>, Parsed<QS>, Record<N, string>>,
): (req: NextRequest, ctx: { params: Promise<Record<N, string>> }) => Promise<Response> {
  type B = Parsed<BS>;
  type Q = Parsed<QS>;
  type P = Record<N, string>;
  async function run(req: NextRequest, ctx: { params: Promise<P> }, note: Note): Promise<Response> {
    try {
      const rt = await getRuntime();
      const auth = await rt.authn.authenticate({
        authorization: req.headers.get("authorization") ?? undefined,
        cookie: req.headers.get("cookie") ?? undefined,
      });
      if (!auth.ok) throw new ApiError("unauthorized", auth.anonymous ? "Sign in first." : `Not signed in: ${auth.reason}.`);
      const { principal, sessionToken } = auth;
      note.who = principal;
      if (principal.tool) throw new ApiError("forbidden", "This token was made for a tool's calls to one cluster's API, not for the console's API.");
      if (principal.via === "session" && !SAFE.has(req.method) && !(sessionToken && rt.authn.csrfValid(sessionToken, req.headers.get("x-csrf-token") ?? undefined))) {
        note.reason = "csrf";
        throw new ApiError("forbidden", "CSRF token missing or invalid: reload the page and try again.");
      }
      if (opts.action && !rt.authz.can(principal, opts.action.area, opts.action.verb)) {
        throw new ApiError("forbidden", `You may not ${opts.action.verb} ${opts.action.area.replace("console/", "")}.`);
      }
      let body = undefined as B;
      if (opts.body) {
        const len = Number(req.headers.get("content-length") ?? 0);
        if (len > MAX_JSON_BYTES) throw new ApiError("payload_too_large", "The request body is larger than 1 MiB.");
        const text = await req.text();
        if (text.length > MAX_JSON_BYTES) throw new ApiError("payload_too_large", "The request body is larger than 1 MiB.");
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : {};
        } catch {
          throw new ApiError("bad_request", "The request body is not valid JSON.");
        }
        const parsed = opts.body.safeParse(json);
        if (!parsed.success) throw new ApiError("validation_failed", "Some fields are not valid.", fieldErrors(parsed.error));
        body = parsed.data as B;
        // What the call changes, in outline: the validated body's field names (never values).
        note.fields = valueOutline(body, 2);
      }
      let query = undefined as Q;
      if (opts.query) {
        const parsed = opts.query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
        if (!parsed.success) throw new ApiError("validation_failed", "Some query parameters are not valid.", fieldErrors(parsed.error));
        query = parsed.data as Q;
      }
      const params = (await ctx.params) ?? ({} as P);
      const c: ApiContext<B, Q, P> = { req, rt, principal, sessionToken, body, query, params };
      if (opts.authorize) {
        const verdict = opts.authorize(c);
        if (verdict !== true) throw new ApiError("forbidden", typeof verdict === "string" ? verdict : "You may not do this here.");
      }
      const out = await fn(c);
      if (out instanceof Response) return out;
      if (out === null) return new Response(null, { status: 204 });
      return Response.json(out, { headers: { "cache-control": "no-store" } });
    } catch (e) {
      return errorResponse(e);
    }
  }

  return async (req, ctx) => {
    const note: Note = {};
    const res = await run(req, ctx, note);
    // Audit: every change and every refusal, one JSON line each.
    const who = note.who;
    if (who && ((!SAFE.has(req.method) && !opts.readOnly) || res.status === 403)) {
      auditLine({
        user: who.username,
        groups: who.groups.length ? who.groups : undefined,
        via: who.via,
        tokenId: who.tokenId,
        api: req.nextUrl.pathname,
        method: req.method,
        decision: res.status === 403 ? "deny" : "allow",
        reason: note.reason,
        code: res.status,
        fields: note.fields?.fields,
        fieldsMore: note.fields?.more,
      });
    }
    return res;
  };
}

export function errorResponse(e: unknown): Response {
  let err: ApiError;
  if (e instanceof ApiError) err = e;
  else if (e instanceof RegistrationError) {
    err = new ApiError(e.status === 409 ? "conflict" : "validation_failed", e.message, { [e.field]: e.message });
  } else if (e instanceof K8sError) {
    const code = e.code;
    err =
      code === 404
        ? new ApiError("not_found", e.message)
        : code === 409
          ? new ApiError("conflict", e.message)
          : code === 403
            ? new ApiError("forbidden", e.message)
            : code === 422
              ? new ApiError("validation_failed", e.message)
              : new ApiError("unavailable", `The host cluster answered: ${e.message}`);
  } else if (isNetworkError(e)) {
    // A cluster (most often the host, where the console's state lives) did not answer: not a bug, and not the user's.
    err = new ApiError("unavailable", `A cluster this request needs is unreachable: ${describe(e)}. Try again in a moment.`);
  } else {
    console.error(JSON.stringify({ level: "error", msg: "api handler failed", err: e instanceof Error ? e.stack : String(e) }));
    err = new ApiError("internal", "Something went wrong on the server; it has been logged.");
  }
  return Response.json(err.toJSON(), { status: err.status, headers: { "cache-control": "no-store" } });
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EPIPE", "EAI_AGAIN"]);

function isNetworkError(e: unknown): boolean {
  if (e instanceof ConnectTimeoutError) return true;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && NETWORK_CODES.has(code)) return true;
  // Timeouts of requests to a cluster (lib/k8s/connection.ts startRequest).
  return e instanceof Error && /^cluster \S+ did not answer within \d+ ms$/.test(e.message);
}
