import "server-only";
import { X509Certificate, generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";
import { K8sError, k8sJSON } from "@/lib/k8s/api";
import type { Store } from "@/lib/store/store";
import type { SecretResource } from "@/lib/store/types";

// kubectl only sends credentials over TLS, so the console always offers
// https — on the same port as http (see server.ts). Without a certificate from
// the operator, it makes its own CA and serving certificate once and keeps them
// in the host cluster, so every replica serves the same ones and kubeconfigs
// can pin the CA.

export interface ServingCert {
  ca: string;
  cert: string;
  key: string;
  /** True when the console made it (kubeconfigs then embed the CA). */
  selfSigned: boolean;
}

const SECRET = "pilothouse-serving-tls";

function wantedNames(extra: string[]): { dns: string[]; ips: string[] } {
  const dns = new Set(["localhost"]);
  const ips = new Set(["127.0.0.1", "::1"]);
  for (const n of extra) (/^[\d.]+$/.test(n) || n.includes(":") ? ips : dns).add(n);
  return { dns: [...dns], ips: [...ips] };
}

function covers(certPem: string, names: { dns: string[]; ips: string[] }): boolean {
  try {
    const c = new X509Certificate(certPem);
    if (Date.parse(c.validTo) - Date.now() < 30 * 24 * 3600_000) return false;
    const san = c.subjectAltName ?? "";
    return names.dns.every((d) => san.includes(`DNS:${d}`)) && names.ips.every((i) => c.checkIP(i) !== undefined);
  } catch {
    return false;
  }
}

function rsaKey() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    priv: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()) as forge.pki.rsa.PrivateKey,
    pub: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
    pem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
  };
}

function newCert(
  subjectCN: string,
  pub: forge.pki.PublicKey,
  signer: forge.pki.rsa.PrivateKey,
  issuer: forge.pki.CertificateField[] | null,
  ext: object[],
  years: number,
) {
  const c = forge.pki.createCertificate();
  c.publicKey = pub;
  c.serialNumber = "01" + randomBytes(15).toString("hex");
  c.validity.notBefore = new Date(Date.now() - 3600_000);
  c.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600_000);
  const subject = [{ name: "commonName", value: subjectCN }, { name: "organizationName", value: "Pilothouse" }];
  c.setSubject(subject);
  c.setIssuer(issuer ?? subject);
  c.setExtensions(ext);
  c.sign(signer, forge.md.sha256.create());
  return c;
}

export function generateServingCert(
  names: { dns: string[]; ips: string[] },
  caIn?: { cert: string; key: string },
): ServingCert & { caKey: string } {
  let caCert: forge.pki.Certificate;
  let caKey: forge.pki.rsa.PrivateKey;
  let caKeyPem: string;
  if (caIn) {
    caCert = forge.pki.certificateFromPem(caIn.cert);
    caKey = forge.pki.privateKeyFromPem(caIn.key) as forge.pki.rsa.PrivateKey;
    caKeyPem = caIn.key;
  } else {
    const k = rsaKey();
    caCert = newCert(
      "Pilothouse console CA",
      k.pub,
      k.priv,
      null,
      [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
      10,
    );
    caKey = k.priv;
    caKeyPem = k.pem;
  }
  const leafKey = rsaKey();
  const leaf = newCert(
    "pilothouse",
    leafKey.pub,
    caKey,
    caCert.subject.attributes,
    [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [...names.dns.map((value) => ({ type: 2, value })), ...names.ips.map((ip) => ({ type: 7, ip }))],
      },
    ],
    2,
  );
  return {
    ca: forge.pki.certificateToPem(caCert),
    caKey: caKeyPem,
    cert: forge.pki.certificateToPem(leaf),
    key: leafKey.pem,
    selfSigned: true,
  };
}

const b64 = (s: string) => Buffer.from(s).toString("base64");
const unb64 = (s?: string) => (s ? Buffer.from(s, "base64").toString("utf8") : "");

export async function ensureServingCert(store: Store, extraNames: string[]): Promise<ServingCert> {
  const names = wantedNames(extraNames);
  let existing: SecretResource | undefined;
  try {
    existing = await k8sJSON<SecretResource>(store.host, store.secretPath(SECRET));
  } catch (e) {
    if (!(e instanceof K8sError && e.code === 404)) throw e;
  }
  const cur = existing && {
    ca: unb64(existing.data?.["ca.crt"]),
    caKey: unb64(existing.data?.["ca.key"]),
    cert: unb64(existing.data?.["tls.crt"]),
    key: unb64(existing.data?.["tls.key"]),
  };
  if (cur?.cert && cur.key && cur.ca && covers(cur.cert, names)) {
    return { ca: cur.ca, cert: cur.cert, key: cur.key, selfSigned: true };
  }
  // Keep the CA (kubeconfigs pin it); re-issue only the serving certificate.
  const gen = generateServingCert(names, cur?.ca && cur.caKey ? { cert: cur.ca, key: cur.caKey } : undefined);
  const body = {
    apiVersion: "v1",
    kind: "Secret",
    type: "Opaque",
    metadata: {
      name: SECRET,
      namespace: store.namespace,
      labels: { "app.kubernetes.io/part-of": "pilothouse" },
      ...(existing ? { resourceVersion: existing.metadata.resourceVersion } : {}),
    },
    data: { "ca.crt": b64(gen.ca), "ca.key": b64(gen.caKey), "tls.crt": b64(gen.cert), "tls.key": b64(gen.key) },
  };
  try {
    await k8sJSON(store.host, existing ? store.secretPath(SECRET) : store.secretPath(), {
      method: existing ? "PUT" : "POST",
      body,
    });
  } catch (e) {
    // Another replica wrote it at the same time: use theirs.
    if (e instanceof K8sError && e.code === 409) return ensureServingCert(store, extraNames);
    throw e;
  }
  return { ca: gen.ca, cert: gen.cert, key: gen.key, selfSigned: true };
}
