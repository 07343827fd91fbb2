import { describe, expect, it } from "vitest";
import { digestOfImageID, parseImageRef, shortDigest } from "@/lib/k8s/kinds/image";
import { producedBy } from "./model";

const D = `sha256:${"ab".repeat(32)}`;

describe("image references", () => {
  it("split into repository, tag and digest, a registry's port not taken for a tag", () => {
    expect(parseImageRef("ghcr.io/acme/checkout:4f1a9c2")).toEqual({ ref: "ghcr.io/acme/checkout:4f1a9c2", repository: "ghcr.io/acme/checkout", tag: "4f1a9c2", digest: undefined });
    expect(parseImageRef("registry.local:5000/team/app")).toMatchObject({ repository: "registry.local:5000/team/app", tag: undefined });
    expect(parseImageRef(`registry.local:5000/app:1.2@${D}`)).toMatchObject({ repository: "registry.local:5000/app", tag: "1.2", digest: D });
    expect(parseImageRef(`app@${D}`)).toMatchObject({ repository: "app", tag: undefined, digest: D });
  });

  it("read a digest from a pod's image ID, whatever the runtime's prefix", () => {
    expect(digestOfImageID(`docker-pullable://ghcr.io/acme/app@${D}`)).toBe(D);
    expect(digestOfImageID(D)).toBe(D);
    expect(digestOfImageID("")).toBeUndefined();
    expect(digestOfImageID("sha256:short")).toBeUndefined();
    expect(shortDigest(D)).toBe("sha256:abababababab");
  });
});

describe("the runs that built an image", () => {
  const run = (name: string, results: Record<string, unknown>): { name: string; status?: { results: { name: string; value: unknown }[] } } => ({ name, status: { results: Object.entries(results).map(([n, value]) => ({ name: n, value })) } });
  const runs = [
    run("by-ref", { image: "ghcr.io/acme/app:1.2\n" }),
    run("by-digest", { digest: D }),
    run("other", { image: "ghcr.io/acme/app:1.3" }),
    run("not-text", { image: ["ghcr.io/acme/app:1.2"] }),
    { name: "no-status", status: undefined },
  ];

  it("are those whose results name its reference (trimmed, with or without digest) or its digest", () => {
    expect(producedBy(parseImageRef("ghcr.io/acme/app:1.2"), runs).map((r) => r.name)).toEqual(["by-ref"]);
    expect(producedBy({ ...parseImageRef(`ghcr.io/acme/app:1.2@${D}`) }, runs).map((r) => r.name)).toEqual(["by-ref", "by-digest"]);
    expect(producedBy(parseImageRef("ghcr.io/acme/app:9"), runs)).toEqual([]);
  });
});
