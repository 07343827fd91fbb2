import type { ImageRef } from "@/lib/validations/promotion";

// Which builds made an image: pure, on PipelineRuns' results.

export interface ResultsRun {
  status?: { results?: { name: string; value?: unknown }[] };
}

/** A run's string results, trimmed (a step's `echo` may leave a newline). */
export function resultTexts(r: ResultsRun): { name: string; value: string }[] {
  return (r.status?.results ?? []).filter((x): x is { name: string; value: string } => typeof x.value === "string").map((x) => ({ name: x.name, value: x.value.trim() }));
}

/** Runs whose results name the image: its reference (with or without its digest) or its digest. */
export function producedBy<R extends ResultsRun>(image: ImageRef, runs: R[]): R[] {
  const names = new Set([image.ref, image.tag ? `${image.repository}:${image.tag}` : image.repository]);
  return runs.filter((r) => resultTexts(r).some((x) => names.has(x.value) || (!!image.digest && x.value === image.digest)));
}
