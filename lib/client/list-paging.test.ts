import { describe, expect, it } from "vitest";
import { FIRST_PAGE_LIMIT, MAX_PAGE_LIMIT, appendPage, firstPagePath, listProgress, nextPageLimit, nextPagePath, withoutManagedFields } from "./list-paging";
import type { KubeList } from "@/lib/k8s/types";

const pod = (name: string) => ({ metadata: { name, namespace: "ns" } });

describe("list paging", () => {
  it("asks for a first page and then growing pages", () => {
    expect(firstPagePath("/api/v1/namespaces/ns/pods")).toBe(`/api/v1/namespaces/ns/pods?limit=${FIRST_PAGE_LIMIT}`);
    expect(firstPagePath("/api/v1/pods?labelSelector=app%3Dweb")).toBe(`/api/v1/pods?labelSelector=app%3Dweb&limit=${FIRST_PAGE_LIMIT}`);
    expect(nextPageLimit(FIRST_PAGE_LIMIT)).toBe(500);
    expect(nextPageLimit(600)).toBe(600);
    expect(nextPageLimit(1600)).toBe(1600);
    expect(nextPageLimit(9000)).toBe(MAX_PAGE_LIMIT);
    expect(nextPagePath("/api/v1/pods", "tok=en/+", FIRST_PAGE_LIMIT)).toBe("/api/v1/pods?limit=500&continue=tok%3Den%2F%2B");
  });

  it("reaches ten thousand objects in a handful of requests", () => {
    let loaded = FIRST_PAGE_LIMIT;
    let requests = 1;
    while (loaded < 10_000) {
      loaded += nextPageLimit(loaded);
      requests++;
    }
    expect(requests).toBeLessThanOrEqual(9);
  });

  it("tells how much is loaded and how much there is", () => {
    const first: KubeList = { metadata: { resourceVersion: "10", continue: "c1", remainingItemCount: 9_998 }, items: [pod("a"), pod("b")] };
    expect(listProgress(first)).toEqual({ loaded: 2, total: 10_000, complete: false });
    // Filtered lists (label or field selectors, hidden namespaces) do not say how many remain.
    expect(listProgress({ metadata: { continue: "c1" }, items: [pod("a")] })).toEqual({ loaded: 1, total: undefined, complete: false });
    expect(listProgress({ metadata: { resourceVersion: "10" }, items: [pod("a")] })).toEqual({ loaded: 1, total: 1, complete: true });
  });

  it("appends pages and keeps the snapshot's resourceVersion", () => {
    const first: KubeList = { kind: "PodList", metadata: { resourceVersion: "10", continue: "c1", remainingItemCount: 2 }, items: [pod("a")] };
    const second = appendPage(first, { metadata: { resourceVersion: "10", continue: "c2", remainingItemCount: 1 }, items: [pod("b")] });
    expect(second).toEqual({ kind: "PodList", metadata: { resourceVersion: "10", continue: "c2", remainingItemCount: 1 }, items: [pod("a"), pod("b")] });
    const last = appendPage(second, { metadata: { resourceVersion: "10" }, items: [pod("c")] });
    expect(last.metadata).toEqual({ resourceVersion: "10" });
    expect(last.items.map((p) => p.metadata.name)).toEqual(["a", "b", "c"]);
    expect(listProgress(last)).toEqual({ loaded: 3, total: 3, complete: true });
    // The input lists are not changed.
    expect(first.items).toHaveLength(1);
  });

  it("leaves managed fields out of what a page embeds", () => {
    const list: KubeList = {
      metadata: { resourceVersion: "10" },
      items: [{ metadata: { name: "a", managedFields: [{ manager: "kwok" }] } }, { metadata: { name: "b" } }],
    };
    const slim = withoutManagedFields(list);
    expect(slim.items).toEqual([{ metadata: { name: "a" } }, { metadata: { name: "b" } }]);
    expect(slim.items[1]).toBe(list.items[1]);
    expect(list.items[0].metadata.managedFields).toHaveLength(1);
    const none: KubeList = { metadata: {}, items: [{ metadata: { name: "b" } }] };
    expect(withoutManagedFields(none)).toBe(none);
  });
});
