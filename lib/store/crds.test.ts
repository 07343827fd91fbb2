import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SCHEMA_ANNOTATION, SCHEMA_GENERATION, crds } from "./crds";

// The schemas as they were at each generation. A change to a schema without a
// new generation would let an older console, restarting, overwrite the newer
// definition and the API server would drop the new fields.
const FINGERPRINTS: Record<number, string> = {
  2: "c1a79a6c05dbf7ad411ad4eb7c42afde6a4dcac48f15229d48ef3261cb5521f3",
  3: "18a49c9bfabb033c89c273e07dd4525b2f7bf2ec23397e894908218242252096",
  4: "48e2fed627818821f1ea2b34e3b0e866d57fee6d7a8fe494e6e85029add04a00",
  5: "45eaccb2e42194bcb0e9e50ee5db33dc19ff419b42a983250b714584629f0c95",
};

function fingerprint(): string {
  const bare = crds.map((c) => ({ ...c, metadata: { ...c.metadata, annotations: {} } }));
  return createHash("sha256").update(JSON.stringify(bare)).digest("hex");
}

describe("CRD schema generation", () => {
  it("is bumped whenever a schema changes", () => {
    expect(FINGERPRINTS[SCHEMA_GENERATION], `schemas changed: bump SCHEMA_GENERATION in crds.ts and record ${fingerprint()} for it here`).toBe(fingerprint());
  });

  it("is on every definition", () => {
    for (const c of crds) expect(c.metadata.annotations[SCHEMA_ANNOTATION]).toBe(String(SCHEMA_GENERATION));
  });
});
