import { X509Certificate, createPrivateKey } from "node:crypto";
import type { ClusterCredentials } from "./connection";

// Checks what a registration brings before anything connects: a server URL
// without embedded secrets, and certificates and keys that parse, belong
// together and are within their validity. Pure (node:crypto only).

export interface MaterialProblem {
  field: "server" | "ca" | "credentials";
  message: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

function certificates(pem: string): X509Certificate[] | undefined {
  const blocks = [...pem.matchAll(PEM_BLOCK)].filter((m) => m[1] === "CERTIFICATE").map((m) => m[0]);
  if (!blocks.length) return undefined;
  try {
    return blocks.map((b) => new X509Certificate(b));
  } catch {
    return undefined;
  }
}

function day(d: string) {
  return new Date(d).toISOString().slice(0, 10);
}

export function serverURLProblem(server: string): MaterialProblem | undefined {
  let u: URL;
  try {
    u = new URL(server);
  } catch {
    return { field: "server", message: `The server address ${JSON.stringify(server)} is not a URL.` };
  }
  // The address is shown to everyone who may use the cluster: it must carry no secret.
  if (u.username || u.password) return { field: "server", message: "The server address may not contain a user name or password." };
  if (u.search || u.hash || server.includes("?") || server.includes("#")) {
    return { field: "server", message: "The server address may not have a query (?…) or fragment (#…)." };
  }
  return undefined;
}

export function tlsMaterialProblem(c: ClusterCredentials, now = Date.now()): MaterialProblem | undefined {
  const server = serverURLProblem(c.server);
  if (server) return server;
  if (c.caData !== undefined && !certificates(c.caData)) {
    return { field: "ca", message: "The certificate authority data is not a PEM certificate that can be read." };
  }
  if (c.certData === undefined && c.keyData === undefined) return undefined;
  if (c.certData === undefined || c.keyData === undefined) {
    return { field: "credentials", message: "A client certificate needs its key, and a key its certificate." };
  }
  const cert = certificates(c.certData)?.[0];
  if (!cert) return { field: "credentials", message: "The client certificate is not a PEM certificate that can be read." };
  let key;
  try {
    key = createPrivateKey(c.keyData);
  } catch {
    return { field: "credentials", message: "The client key is not a PEM private key that can be read." };
  }
  if (!cert.checkPrivateKey(key)) return { field: "credentials", message: "The client key does not belong to the client certificate." };
  if (Date.parse(cert.validTo) <= now) {
    return { field: "credentials", message: `The client certificate expired on ${day(cert.validTo)}.` };
  }
  if (Date.parse(cert.validFrom) > now) {
    return { field: "credentials", message: `The client certificate is not valid before ${day(cert.validFrom)}.` };
  }
  return undefined;
}
