import "server-only";
import { isIP } from "node:net";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { auditLine } from "@/lib/audit/log";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import type { Runtime } from "@/lib/server/context";
import { CREDENTIALS_LABEL } from "@/lib/store/store";
import type { ChartRepositoryResource, SecretResource } from "@/lib/store/types";
import { visibleTenants } from "@/lib/tenancy/service";
import type { CreateRepositoryBody, RepositoriesAnswer, RepositoryView } from "@/lib/validations/apps";
import { catalogOf } from "./catalog";

// Chart repositories: platform-wide (platform admins) or a tenant's (its admins),
// kept as ChartRepository objects in the host; credentials in a Secret beside them.

const REPO_LABEL = "pilothouse.dev/chart-repository";

function mayEdit(rt: Runtime, p: Principal, tenant: string | undefined, verb: "create" | "delete" | "update") {
  return tenant ? rt.authz.can(p, "console/charts", verb, { tenant }) : rt.authz.can(p, "console/charts", verb);
}

function view(rt: Runtime, p: Principal, r: ChartRepositoryResource): RepositoryView {
  const idx = catalogOf(rt).peek(r.metadata.name!);
  return {
    name: r.metadata.name!,
    displayName: r.spec.displayName || r.metadata.name!,
    description: r.spec.description ?? "",
    url: r.spec.url,
    type: r.spec.type === "oci" ? "oci" : "http",
    plainHTTP: !!r.spec.plainHTTP,
    tenant: r.spec.tenant,
    hasCredentials: !!r.spec.credentialsSecret,
    charts: idx?.charts.size ?? 0,
    fetchedAt: idx?.fetchedAt,
    error: idx?.error,
    canEdit: mayEdit(rt, p, r.spec.tenant, "delete"),
  };
}

export async function listRepositories(rt: Runtime, p: Principal): Promise<RepositoriesAnswer> {
  const cat = catalogOf(rt);
  const repos = cat.visibleRepos(p);
  // The first look at a repository reads its index (briefly waited for): the list shows its charts or its error.
  await Promise.all(repos.map((r) => cat.index(r)));
  return {
    items: repos.map((r) => view(rt, p, r)),
    canCreatePlatform: mayEdit(rt, p, undefined, "create"),
    canCreateIn: visibleTenants(rt, p)
      .map((t) => t.metadata.name!)
      .filter((t) => mayEdit(rt, p, t, "create"))
      .sort(),
  };
}

/** Addresses a repository may never be: link-local (cloud metadata services) and unspecified ones. */
export function forbiddenRepoHost(url: string): string | undefined {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) === 4 && (/^169\.254\./.test(host) || host === "0.0.0.0")) return `${host} is a link-local or unspecified address.`;
  if (isIP(host) === 6 && (/^fe[89ab]/i.test(host) || host === "::")) return `${host} is a link-local or unspecified address.`;
  return undefined;
}

export async function createRepository(rt: Runtime, p: Principal, b: CreateRepositoryBody): Promise<RepositoryView> {
  const tenant = b.tenant || undefined;
  if (tenant && !rt.store.tenant(tenant)) throw new ApiError("validation_failed", `No tenant "${tenant}".`, { tenant: `No tenant "${tenant}".` });
  if (!mayEdit(rt, p, tenant, "create")) {
    throw new ApiError("forbidden", tenant ? `Only admins of tenant ${tenant} may add its chart repositories.` : "Only platform admins may add platform-wide chart repositories.");
  }
  const bad = forbiddenRepoHost(b.url);
  if (bad) throw new ApiError("validation_failed", `This address may not be used: ${bad}`, { url: `This address may not be used: ${bad}` });
  if (catalogOf(rt).repo(b.name)) throw new ApiError("conflict", `A repository named "${b.name}" exists.`, { name: `A repository named "${b.name}" exists.` });
  let secretName: string | undefined;
  if (b.username) {
    secretName = `chart-repo-${b.name}`;
    const secret: SecretResource = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: secretName, namespace: rt.store.namespace, labels: { [CREDENTIALS_LABEL]: "chart-repository", [REPO_LABEL]: b.name } },
      type: "Opaque",
      stringData: { username: b.username, password: b.password ?? "" },
    };
    await k8sJSON(rt.store.host, rt.store.secretPath(), { method: "POST", body: secret }).catch(async (e: unknown) => {
      // Left by an earlier attempt that failed half way: replace it.
      if (!(e instanceof K8sError && e.code === 409)) throw e;
      await k8sJSON(rt.store.host, rt.store.secretPath(secretName), { method: "PUT", body: secret });
    });
  }
  let created: ChartRepositoryResource;
  try {
    created = await rt.store.create<ChartRepositoryResource>(
      "chartrepositories",
      "ChartRepository",
      b.name,
      {
        ...(tenant ? { tenant } : {}),
        displayName: b.displayName || undefined,
        description: b.description || undefined,
        type: b.url.startsWith("oci://") ? "oci" : "http",
        url: b.url,
        ...(b.plainHTTP ? { plainHTTP: true } : {}),
        ...(secretName ? { credentialsSecret: secretName } : {}),
        createdBy: p.username,
      },
      tenant ? { "pilothouse.dev/tenant": tenant } : {},
    );
  } catch (e) {
    if (secretName) await k8sJSON(rt.store.host, rt.store.secretPath(secretName), { method: "DELETE" }).catch(() => undefined);
    if (e instanceof K8sError && e.code === 409) throw new ApiError("conflict", `A repository named "${b.name}" exists.`, { name: `A repository named "${b.name}" exists.` });
    throw e;
  }
  auditLine({ event: "chartrepository.create", user: p.username, via: p.via, name: b.name, tenant });
  // Wait for the Secret to reach this process's informer before the first index read needs it.
  if (secretName) for (let i = 0; i < 20 && !rt.store.credentials(secretName); i++) await new Promise((r) => setTimeout(r, 100));
  await catalogOf(rt).refresh(created);
  return view(rt, p, created);
}

export async function deleteRepository(rt: Runtime, p: Principal, name: string): Promise<void> {
  const r = catalogOf(rt).requireRepo(p, name);
  if (!mayEdit(rt, p, r.spec.tenant, "delete")) {
    throw new ApiError("forbidden", r.spec.tenant ? `Only admins of tenant ${r.spec.tenant} may remove its chart repositories.` : "Only platform admins may remove platform-wide chart repositories.");
  }
  await rt.store.remove("chartrepositories", name);
  if (r.spec.credentialsSecret) {
    await k8sJSON(rt.store.host, rt.store.secretPath(r.spec.credentialsSecret), { method: "DELETE" }).catch((e: unknown) => {
      if (!(e instanceof K8sError && e.code === 404)) throw e;
    });
  }
  auditLine({ event: "chartrepository.delete", user: p.username, via: p.via, name, tenant: r.spec.tenant });
}

export async function refreshRepository(rt: Runtime, p: Principal, name: string): Promise<RepositoryView> {
  const r = catalogOf(rt).requireRepo(p, name);
  await catalogOf(rt).refresh(r);
  return view(rt, p, r);
}
