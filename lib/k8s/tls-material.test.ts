import { generateKeyPairSync } from "node:crypto";
import forge from "node-forge";
import { describe, expect, it } from "vitest";
import { serverURLProblem, tlsMaterialProblem } from "./tls-material";

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    pem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    priv: forge.pki.privateKeyFromPem(privateKey.export({ type: "pkcs1", format: "pem" }).toString()) as forge.pki.rsa.PrivateKey,
    pub: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
  };
}

const DAY = 86_400_000;
const ca = keyPair();
const client = keyPair();
const other = keyPair();

function cert(subjectKey: forge.pki.PublicKey, from: number, to: number, cn = "client"): string {
  const c = forge.pki.createCertificate();
  c.publicKey = subjectKey;
  c.serialNumber = "01";
  c.validity.notBefore = new Date(from);
  c.validity.notAfter = new Date(to);
  c.setSubject([{ name: "commonName", value: cn }]);
  c.setIssuer([{ name: "commonName", value: "test-ca" }]);
  c.sign(ca.priv, forge.md.sha256.create());
  return forge.pki.certificateToPem(c);
}

const now = Date.now();
const CA = cert(ca.pub, now - DAY, now + 365 * DAY, "test-ca");
const CERT = cert(client.pub, now - DAY, now + 30 * DAY);
const base = { server: "https://10.0.0.1:6443", caData: CA };

describe("tlsMaterialProblem", () => {
  it("accepts a CA with a matching, valid client certificate and key", () => {
    expect(tlsMaterialProblem({ ...base, certData: CERT, keyData: client.pem })).toBeUndefined();
  });

  it("accepts token credentials with or without a CA", () => {
    expect(tlsMaterialProblem({ ...base, token: "t" })).toBeUndefined();
    expect(tlsMaterialProblem({ server: base.server, token: "t" })).toBeUndefined();
  });

  it("accepts a CA bundle of several certificates", () => {
    expect(tlsMaterialProblem({ ...base, caData: `${CA}\n${CERT}`, token: "t" })).toBeUndefined();
  });

  it("refuses CA data that is not a certificate", () => {
    const garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    expect(tlsMaterialProblem({ ...base, caData: garbage, token: "t" })).toEqual({ field: "ca", message: expect.stringMatching(/not a PEM certificate/) });
    expect(tlsMaterialProblem({ ...base, caData: client.pem, token: "t" })?.field).toBe("ca");
    expect(tlsMaterialProblem({ ...base, caData: "no pem here", token: "t" })?.field).toBe("ca");
  });

  it("refuses an expired client certificate, naming the day", () => {
    const expired = cert(client.pub, now - 30 * DAY, now - 2 * DAY);
    const p = tlsMaterialProblem({ ...base, certData: expired, keyData: client.pem });
    expect(p).toEqual({ field: "credentials", message: `The client certificate expired on ${new Date(now - 2 * DAY).toISOString().slice(0, 10)}.` });
  });

  it("refuses a client certificate that is not valid yet", () => {
    const future = cert(client.pub, now + 2 * DAY, now + 30 * DAY);
    expect(tlsMaterialProblem({ ...base, certData: future, keyData: client.pem })?.message).toMatch(/not valid before/);
  });

  it("refuses a key that does not belong to the certificate", () => {
    expect(tlsMaterialProblem({ ...base, certData: CERT, keyData: other.pem })).toEqual({
      field: "credentials",
      message: "The client key does not belong to the client certificate.",
    });
  });

  it("refuses unreadable certificates and keys", () => {
    const badKey = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n";
    const badCert = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    expect(tlsMaterialProblem({ ...base, certData: CERT, keyData: badKey })?.message).toMatch(/client key is not a PEM private key/);
    expect(tlsMaterialProblem({ ...base, certData: badCert, keyData: client.pem })?.message).toMatch(/client certificate is not a PEM certificate/);
  });

  it("refuses half a client certificate", () => {
    expect(tlsMaterialProblem({ ...base, certData: CERT })?.field).toBe("credentials");
    expect(tlsMaterialProblem({ ...base, keyData: client.pem })?.field).toBe("credentials");
  });

  it("never quotes key material in a message", () => {
    const p = tlsMaterialProblem({ ...base, certData: CERT, keyData: other.pem });
    expect(p?.message).not.toMatch(/BEGIN|MII/);
  });
});

describe("serverURLProblem", () => {
  it.each(["https://10.0.0.1:6443", "https://k8s.example.com", "https://rancher.example.com/k8s/clusters/c-1"])("accepts %s", (s) => {
    expect(serverURLProblem(s)).toBeUndefined();
  });

  it.each([
    ["a password", "https://admin:s3cret@10.0.0.1:6443", /user name or password/],
    ["a user name", "https://admin@10.0.0.1:6443", /user name or password/],
    ["a query", "https://10.0.0.1:6443/?token=x", /query/],
    ["a bare question mark", "https://10.0.0.1:6443/?", /query/],
    ["a fragment", "https://10.0.0.1:6443/#x", /fragment/],
    ["no URL at all", "not a url", /not a URL/],
  ])("refuses %s", (_what, s, msg) => {
    expect(serverURLProblem(s)).toEqual({ field: "server", message: expect.stringMatching(msg) });
  });

  it("is checked first by tlsMaterialProblem", () => {
    expect(tlsMaterialProblem({ server: "https://u:p@x", token: "t" })?.field).toBe("server");
  });
});
