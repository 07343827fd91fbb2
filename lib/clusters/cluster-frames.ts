import type { ClusterView } from "@/lib/validations/cluster";

/**
 * The frames of one /api/clusters/events connection: the whole list first
 * (and again when a cluster appears or the order changes), then only the
 * clusters whose view changed and the names that went. At 1,000 clusters a
 * health change is one cluster's few hundred bytes, not the whole list.
 */
export class ClusterFrames {
  private sent = new Map<string, string>();
  private order: string[] = [];
  private started = false;

  /** The frame to send for the list as it is now, or undefined when nothing changed since the last. */
  next(views: ClusterView[]): string | undefined {
    const json = views.map((v) => JSON.stringify(v));
    const names = views.map((v) => v.name);
    const now = new Set(names);
    const kept = this.order.filter((n) => now.has(n));
    const full = !this.started || kept.length !== names.length || kept.some((n, i) => n !== names[i]);
    let frame: string | undefined;
    if (full) {
      frame = `{"items":[${json.join(",")}]}`;
    } else {
      const changed = json.filter((j, i) => this.sent.get(names[i]) !== j);
      const removed = this.order.filter((n) => !now.has(n));
      if (changed.length > 0 || removed.length > 0) frame = `{"changed":[${changed.join(",")}],"removed":${JSON.stringify(removed)}}`;
    }
    this.started = true;
    this.order = names;
    this.sent = new Map(names.map((n, i) => [n, json[i]]));
    return frame;
  }
}
