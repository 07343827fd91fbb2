import { X509Certificate, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import forge from "node-forge";

// Client certificates for registration tests, signed by a fleet cluster's own
// CA (an EC key, which node-forge cannot sign with: forge lays out the
// certificate, node:crypto signs it) or by a throwaway CA.

const ECDSA_SHA256 = "1.2.840.10045.4.3.2";
const { asn1 } = forge;

export interface ClientCert {
  cert: string;
  key: string;
}

function rsaKey() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    pem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    pub: forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString()),
  };
}

function toPEM(der: string) {
  const b64 = Buffer.from(der, "binary").toString("base64");
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{1,64}/g, "$&\n")}-----END CERTIFICATE-----\n`;
}

/**
 * A client certificate for `cn` in group `org`, valid from `notBefore` to
 * `notAfter`, signed by the CA whose certificate and private key (any type
 * node:crypto can sign with) are given.
 */
export function clientCertSignedBy(ca: { cert: string; key: string }, opts: { cn: string; org: string; notBefore: Date; notAfter: Date }): ClientCert {
  const key = rsaKey();
  const c = forge.pki.createCertificate();
  c.publicKey = key.pub;
  c.serialNumber = `01${randomBytes(8).toString("hex")}`;
  c.validity.notBefore = opts.notBefore;
  c.validity.notAfter = opts.notAfter;
  c.setSubject([
    { name: "organizationName", value: opts.org },
    { name: "commonName", value: opts.cn },
  ]);
  c.setIssuer([{ name: "commonName", value: "placeholder" }]);
  c.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
    { name: "extKeyUsage", clientAuth: true },
  ]);
  c.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  // getTBSCertificate is in node-forge but not in its type definitions.
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(c);
  // The issuer is the CA's subject, byte for byte.
  const caTBS = asn1.fromDer(Buffer.from(new X509Certificate(ca.cert).raw).toString("binary")).value[0] as forge.asn1.Asn1;
  const caFields = caTBS.value as forge.asn1.Asn1[];
  const caSubject = caFields[caFields[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 5 : 4];
  const fields = tbs.value as forge.asn1.Asn1[];
  const algorithm = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(ECDSA_SHA256).getBytes()),
  ]);
  const ecCA = new X509Certificate(ca.cert).publicKey.asymmetricKeyType === "ec";
  if (ecCA) fields[2] = algorithm;
  fields[3] = caSubject;
  const tbsDer = asn1.toDer(tbs).getBytes();
  const signature = sign("sha256", Buffer.from(tbsDer, "binary"), ca.key).toString("binary");
  const cert = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    ecCA ? algorithm : (fields[2] as forge.asn1.Asn1),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(0) + signature),
  ]);
  return { cert: toPEM(asn1.toDer(cert).getBytes()), key: key.pem };
}

/** A self-signed RSA CA nobody trusts, for "signed by the wrong CA". */
export function throwawayCA(): { cert: string; key: string } {
  const key = rsaKey();
  const privateKey = forge.pki.privateKeyFromPem(key.pem) as forge.pki.rsa.PrivateKey;
  const c = forge.pki.createCertificate();
  c.publicKey = key.pub;
  c.serialNumber = `01${randomBytes(8).toString("hex")}`;
  c.validity.notBefore = new Date(Date.now() - 86_400_000);
  c.validity.notAfter = new Date(Date.now() + 86_400_000);
  c.setSubject([{ name: "commonName", value: "not-the-cluster-ca" }]);
  c.setIssuer([{ name: "commonName", value: "not-the-cluster-ca" }]);
  c.setExtensions([{ name: "basicConstraints", cA: true }]);
  c.sign(privateKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(c), key: key.pem };
}
