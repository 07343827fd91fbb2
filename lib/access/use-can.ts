"use client";

import { useQuery } from "@tanstack/react-query";
import { CAN_I_MAX, type CanICheck, canI, canIKey, normalizeCheck } from "./queries";

// Checks asked by every useCan rendered in the same tick go out as one
// POST /api/can-i (a table of rows asks once, not once per row).

interface Waiter {
  checks: CanICheck[];
  resolve: (allowed: boolean[]) => void;
  reject: (err: unknown) => void;
}

let waiting: Waiter[] = [];
let scheduled = false;

function ask(checks: CanICheck[]): Promise<boolean[]> {
  return new Promise((resolve, reject) => {
    waiting.push({ checks, resolve, reject });
    if (!scheduled) {
      scheduled = true;
      setTimeout(() => void flush(), 0);
    }
  });
}

async function flush() {
  const batch = waiting;
  waiting = [];
  scheduled = false;
  const index = new Map<string, number>();
  const unique: CanICheck[] = [];
  for (const w of batch) {
    for (const c of w.checks) {
      const k = JSON.stringify(c);
      if (!index.has(k)) {
        index.set(k, unique.length);
        unique.push(c);
      }
    }
  }
  const chunks: CanICheck[][] = [];
  for (let i = 0; i < unique.length; i += CAN_I_MAX) chunks.push(unique.slice(i, i + CAN_I_MAX));
  let allowed: boolean[];
  try {
    const answers = await Promise.all(chunks.map((c) => canI(c)));
    allowed = answers.flatMap((a) => a.results.map((r) => r.allowed === true));
  } catch (err) {
    for (const w of batch) w.reject(err);
    return;
  }
  for (const w of batch) w.resolve(w.checks.map((c) => allowed[index.get(JSON.stringify(c))!] ?? false));
}

export interface CanResult {
  /** One boolean per check, in order; false until the answer is in. */
  allowed: boolean[];
  /** The answer is not in yet: neither show an action nor explain why it is off. */
  pending: boolean;
  error: Error | null;
}

/**
 * May the caller do these things? For RBAC-aware UI: hide or disable (with a
 * reason) what would be refused. The server decides again on every request;
 * this only spares the user a 403.
 */
/** The cache key of one useCan's answer (one boolean per check), e.g. to seed it. */
export function canQueryKey(checks: CanICheck[]) {
  return [...canIKey, JSON.stringify(checks.map(normalizeCheck))] as const;
}

export function useCan(checks: CanICheck[]): CanResult {
  const normalized = checks.map(normalizeCheck);
  const key = JSON.stringify(normalized);
  const q = useQuery({
    queryKey: canQueryKey(checks),
    queryFn: () => ask(JSON.parse(key) as CanICheck[]),
    enabled: normalized.length > 0,
    staleTime: 60_000,
  });
  return {
    allowed: normalized.map((_, i) => q.data?.[i] ?? false),
    pending: normalized.length > 0 && q.isPending,
    error: q.error,
  };
}
