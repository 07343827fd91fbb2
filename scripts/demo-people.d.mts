export const DEMO_PASSWORD: string;
export const DEMO_USERS: { username: string; displayName: string; groups?: string[] }[];
export function seedDemoPeople(call: (method: string, path: string, body: unknown) => Promise<unknown>): Promise<void>;
