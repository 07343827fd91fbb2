import type { AuditTrail } from "@/lib/audit/trail";
import type { Authenticator } from "@/lib/auth/authenticate";
import type { LoginLimiter } from "@/lib/auth/login-limit";
import type { Authorizer } from "@/lib/authz/enforcer";
import type { Config } from "@/lib/config";
import type { ClusterManager } from "@/lib/k8s/clusters";
import type { Connection } from "@/lib/k8s/connection";
import type { ProxyHooks } from "@/lib/proxy/hooks";
import type { Store } from "@/lib/store/store";
import type { ServingCert } from "@/lib/tls/serving-cert";

/**
 * Everything a console process holds while it runs — connections, watch-fed
 * caches, the enforcer. None of it is state of its own: it is rebuilt from the
 * host cluster at start. Declared here, below the features that use it;
 * lib/runtime.ts builds it and wires the features in (dependencies point down).
 */
export interface Runtime {
  config: Config;
  host: Connection;
  store: Store;
  clusters: ClusterManager;
  authz: Authorizer;
  authn: Authenticator;
  sessionSecret: string;
  loginLimiter: LoginLimiter;
  tls: ServingCert;
  /** UID of the host's kube-system namespace: the host under whatever name it is registered. */
  hostUID?: string;
  /** What features add to the proxy's path. */
  proxy: ProxyHooks;
  /** The audit trail in PostgreSQL (off without PILOTHOUSE_DATABASE_URL). */
  audit: AuditTrail;
}
