export const CHART_CRDS_DIR: string;
export function crdFiles(crds: readonly { metadata: { name: string } }[]): Record<string, string>;
