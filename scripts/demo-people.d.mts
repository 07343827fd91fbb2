export const DEMO_PASSWORD: string;
export const DEMO_USERS: { username: string; displayName: string; groups?: string[] }[];
export function seedDemoPeople(call: (method: string, path: string, body: unknown) => Promise<unknown>): Promise<void>;
export const CHECKOUT_LANE: {
  name: string;
  tenant: string;
  displayName: string;
  description: string;
  stages: { name: string; cluster: string; namespace: string; workload: string; requireApproval?: boolean }[];
};
