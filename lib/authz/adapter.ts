import type { Adapter, BatchAdapter, Model } from "casbin";

/**
 * A read-only Casbin adapter over the console's state: built-in roles (files),
 * custom roles and role bindings (custom resources in the host cluster, as the
 * store's informers last saw them). The enforcer never writes policy: people
 * change it through the API, which writes the resources; every console process
 * sees that through its watch (see watcher.ts).
 */
export class HostClusterAdapter implements Adapter, BatchAdapter {
  constructor(private source: () => { policies: string[][]; groupings: string[][] }) {}

  async loadPolicy(model: Model): Promise<void> {
    const { policies, groupings } = this.source();
    for (const row of policies) model.addPolicy("p", "p", row);
    for (const row of groupings) model.addPolicy("g", "g", row);
  }

  async savePolicy(): Promise<boolean> {
    return false;
  }

  // Applying a watched change to the in-memory policy must not write anywhere.
  async addPolicy(): Promise<void> {}
  async removePolicy(): Promise<void> {}
  async removeFilteredPolicy(): Promise<void> {}
  async addPolicies(): Promise<void> {}
  async removePolicies(): Promise<void> {}
}
