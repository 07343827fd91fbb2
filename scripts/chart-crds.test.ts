import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { SCHEMA_ANNOTATION, SCHEMA_GENERATION, crds } from "@/lib/store/crds";
import { CHART_CRDS_DIR, crdFiles } from "./chart-crds.mjs";

// The Helm chart ships the console's CRDs; Helm installs them, the console
// then only reads them. They must be exactly lib/store/crds.ts.

const expected = crdFiles(crds);
const onDisk = () => readdirSync(CHART_CRDS_DIR).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml") || f.endsWith(".json"));
const regenerate = "regenerate them: node scripts/chart-crds.mjs";

describe("chart CRDs (deploy/helm/pilothouse/crds)", () => {
  it("are one file per CRD of lib/store/crds.ts, no more, no fewer", () => {
    expect(onDisk().sort(), regenerate).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.keys(expected))("%s is what lib/store/crds.ts produces", (file) => {
    const text = readFileSync(path.join(CHART_CRDS_DIR, file), "utf8");
    expect(text, regenerate).toBe(expected[file]);
  });

  it("parse back to the console's objects, schema generation included", () => {
    for (const c of crds) {
      const docs = parseAllDocuments(readFileSync(path.join(CHART_CRDS_DIR, `${c.metadata.name}.yaml`), "utf8"));
      expect(docs).toHaveLength(1);
      const parsed = docs[0].toJS();
      expect(parsed).toEqual(JSON.parse(JSON.stringify(c)));
      expect(parsed.metadata.annotations[SCHEMA_ANNOTATION]).toBe(String(SCHEMA_GENERATION));
    }
  });
});
