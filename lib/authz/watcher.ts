import type { Watcher } from "casbin";
import type { InformerEvent } from "@/lib/k8s/informer";
import type { Store } from "@/lib/store/store";
import type { RoleBindingResource, RoleResource, UserResource } from "@/lib/store/types";

export interface PolicyChanges {
  binding(type: InformerEvent<RoleBindingResource>["type"], b: RoleBindingResource): void;
  roles(all: RoleResource[]): Promise<void>;
  groups(user: string, groups: string[]): void;
}

/**
 * A Casbin watcher built on Kubernetes watches: the store's informers see every
 * change to bindings, roles and users made through any console process, and
 * this applies it to the local enforcer — bindings one by one (O(1)), roles as
 * a whole (rare), group memberships per user. Nothing is published: writing the
 * resource is the publication.
 */
export class HostClusterWatcher implements Watcher {
  private callback?: () => void;
  private offs: (() => void)[] = [];
  private roles: Promise<void> = Promise.resolve();

  constructor(
    private store: Store,
    private apply: PolicyChanges,
  ) {}

  start() {
    this.offs.push(
      this.store.bindings.onEvent((e) => {
        this.apply.binding(e.type, e.object);
        this.callback?.();
      }),
      this.store.roles.onEvent(() => {
        // Serialised: each update replaces the previous one's rows.
        this.roles = this.roles.then(() => this.apply.roles(this.store.roles.list())).catch(() => undefined);
        this.callback?.();
      }),
      this.store.users.onEvent((e: InformerEvent<UserResource>) => {
        this.apply.groups(e.object.metadata.name!, e.type === "DELETED" ? [] : (e.object.spec.groups ?? []));
        this.callback?.();
      }),
    );
  }

  /** Called after each applied change (Casbin's watcher contract). */
  setUpdateCallback(cb: () => void): void {
    this.callback = cb;
  }

  async update(): Promise<boolean> {
    return true;
  }

  close() {
    for (const off of this.offs.splice(0)) off();
  }
}
