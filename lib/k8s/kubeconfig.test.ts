import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { KubeconfigError, credentialsFromKubeconfig, listContexts } from "./kubeconfig";

const CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const CERT_PEM = "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n";
const KEY_PEM = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

type Doc = Record<string, unknown>;

/** A valid one-context kubeconfig (token auth); `patch` edits the parsed document before it is written out. */
function kubeconfig(patch: (d: {
  cluster: Doc;
  user: Doc;
  context: Doc;
  doc: Doc;
}) => void = () => {}): string {
  const cluster: Doc = { server: "https://10.0.0.1:6443", "certificate-authority-data": b64(CA_PEM) };
  const user: Doc = { token: "abc.def" };
  const context: Doc = { cluster: "prod-cluster", user: "prod-admin", namespace: "default" };
  const doc: Doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "prod-cluster", cluster }],
    users: [{ name: "prod-admin", user }],
    contexts: [{ name: "prod", context }],
    "current-context": "prod",
  };
  patch({ cluster, user, context, doc });
  return stringify(doc);
}

/** The KubeconfigError thrown by `fn` (fails the test if it throws nothing or something else). */
function error(fn: () => unknown): KubeconfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KubeconfigError);
    return e as KubeconfigError;
  }
  throw new Error("expected a KubeconfigError, nothing was thrown");
}

function expectError(fn: () => unknown, field: "kubeconfig" | "context", message: string | RegExp) {
  const e = error(fn);
  expect(e.field).toBe(field);
  if (typeof message === "string") expect(e.message).toContain(message);
  else expect(e.message).toMatch(message);
}

const MULTI = `
apiVersion: v1
kind: Config
clusters:
- name: c1
  cluster:
    server: https://one.example:6443
- name: c2
  cluster:
    server: https://two.example
contexts:
- name: first
  context:
    cluster: c1
    user: u1
    namespace: team-a
- name: second
  context:
    cluster: c2
    user: u2
- name: dangling
  context:
    cluster: nowhere
    user: u1
- name: no-body
- context:
    cluster: c1
    user: u1
users:
- name: u1
  user:
    token: t1
- name: u2
  user:
    token: t2
current-context: second
`;

describe("listContexts", () => {
  it("lists named contexts with their cluster, user, namespace and server", () => {
    expect(listContexts(MULTI)).toEqual({
      contexts: [
        { name: "first", cluster: "c1", user: "u1", namespace: "team-a", server: "https://one.example:6443" },
        { name: "second", cluster: "c2", user: "u2", namespace: undefined, server: "https://two.example" },
        { name: "dangling", cluster: "nowhere", user: "u1", namespace: undefined, server: undefined },
      ],
      current: "second",
    });
  });

  it("reports no current context when there is none", () => {
    const text = kubeconfig(({ doc }) => delete doc["current-context"]);
    const { contexts, current } = listContexts(text);
    expect(current).toBeUndefined();
    expect(contexts.map((c) => c.name)).toEqual(["prod"]);
  });

  it("tolerates null entries", () => {
    const text = kubeconfig(({ doc }) => {
      (doc.contexts as unknown[]).push(null);
      (doc.clusters as unknown[]).unshift(null);
    });
    expect(listContexts(text).contexts).toEqual([
      { name: "prod", cluster: "prod-cluster", user: "prod-admin", namespace: "default", server: "https://10.0.0.1:6443" },
    ]);
  });

  it.each([
    ["empty text", "", "empty"],
    ["whitespace only", "  \n\t\n", "empty"],
    ["invalid YAML", "clusters: [\n  - name: a\n", "not valid YAML"],
    ["a YAML scalar", "just a string", "not a kubeconfig"],
    ["a YAML list", "- a\n- b\n", "not a kubeconfig"],
    ["YAML null", "null\n", "not a kubeconfig"],
    ["no clusters", "contexts:\n- name: a\n  context: {cluster: a, user: a}\n", "no clusters"],
    ["empty clusters", "clusters: []\ncontexts:\n- name: a\n  context: {cluster: a}\n", "no clusters"],
    ["clusters not a list", "clusters: {a: 1}\ncontexts:\n- name: a\n", "no clusters"],
    ["no contexts", "clusters:\n- name: a\n  cluster: {server: 'https://a'}\n", "no contexts"],
    ["empty contexts", "clusters:\n- name: a\n  cluster: {server: 'https://a'}\ncontexts: []\n", "no contexts"],
    ["another kind", "kind: Pod\nclusters: [{name: a}]\ncontexts: [{name: a}]\n", "Expected kind Config, found Pod"],
    ["no usable context", "clusters: [1]\ncontexts: [null, 2, {name: 3}]\n", "no usable contexts"],
  ])("refuses %s", (_what, text, message) => {
    expectError(() => listContexts(text), "kubeconfig", message);
  });

  it("refuses a kubeconfig larger than 256 KiB", () => {
    const text = kubeconfig() + `# ${"x".repeat(256 * 1024)}\n`;
    expectError(() => listContexts(text), "kubeconfig", "larger than 256 KiB");
  });

  it("refuses alias bombs", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "clusters: [*d]",
      "contexts: [*d]",
    ].join("\n");
    expectError(() => listContexts(bomb), "kubeconfig", "not valid YAML");
  });

  it("only quotes the first line of a YAML error", () => {
    const e = error(() => listContexts("a: [\n"));
    expect(e.message.startsWith("This is not valid YAML: ")).toBe(true);
    expect(e.message).not.toContain("\n");
  });
});

describe("credentialsFromKubeconfig", () => {
  describe("accepts", () => {
    it("a token user, defaulting to the current context", () => {
      expect(credentialsFromKubeconfig(kubeconfig())).toEqual({
        context: "prod",
        credentials: {
          server: "https://10.0.0.1:6443",
          caData: CA_PEM,
          token: "abc.def",
          insecureSkipTLSVerify: false,
          tlsServerName: undefined,
        },
      });
    });

    it("a client-certificate user", () => {
      const text = kubeconfig(({ user }) => {
        delete user.token;
        user["client-certificate-data"] = b64(CERT_PEM);
        user["client-key-data"] = b64(KEY_PEM);
      });
      const { credentials } = credentialsFromKubeconfig(text);
      expect(credentials.certData).toBe(CERT_PEM);
      expect(credentials.keyData).toBe(KEY_PEM);
      expect(credentials.token).toBeUndefined();
    });

    it("a user with both a token and a client certificate", () => {
      const text = kubeconfig(({ user }) => {
        user["client-certificate-data"] = b64(CERT_PEM);
        user["client-key-data"] = b64(KEY_PEM);
      });
      const { credentials } = credentialsFromKubeconfig(text);
      expect(credentials).toMatchObject({ token: "abc.def", certData: CERT_PEM, keyData: KEY_PEM });
    });

    it("an explicit context over the current one", () => {
      const { context, credentials } = credentialsFromKubeconfig(MULTI, "first");
      expect(context).toBe("first");
      expect(credentials).toEqual({
        server: "https://one.example:6443",
        token: "t1",
        insecureSkipTLSVerify: false,
        tlsServerName: undefined,
      });
      expect(credentialsFromKubeconfig(MULTI).credentials.token).toBe("t2");
      expect(credentialsFromKubeconfig(MULTI).context).toBe("second");
    });

    it("an empty context argument as 'the current context'", () => {
      expect(credentialsFromKubeconfig(MULTI, "").context).toBe("second");
    });

    it("trims the token", () => {
      const text = kubeconfig(({ user }) => (user.token = "  tok-123 \n"));
      expect(credentialsFromKubeconfig(text).credentials.token).toBe("tok-123");
    });

    it("carries insecure-skip-tls-verify: true over (and nothing else counts as true)", () => {
      const on = kubeconfig(({ cluster }) => {
        delete cluster["certificate-authority-data"];
        cluster["insecure-skip-tls-verify"] = true;
      });
      expect(credentialsFromKubeconfig(on).credentials.insecureSkipTLSVerify).toBe(true);
      expect(credentialsFromKubeconfig(on).credentials.caData).toBeUndefined();
      const stringy = kubeconfig(({ cluster }) => (cluster["insecure-skip-tls-verify"] = "true"));
      expect(credentialsFromKubeconfig(stringy).credentials.insecureSkipTLSVerify).toBe(false);
      const off = kubeconfig(({ cluster }) => (cluster["insecure-skip-tls-verify"] = false));
      expect(credentialsFromKubeconfig(off).credentials.insecureSkipTLSVerify).toBe(false);
    });

    it("carries tls-server-name over", () => {
      const text = kubeconfig(({ cluster }) => (cluster["tls-server-name"] = "kubernetes.default.svc"));
      expect(credentialsFromKubeconfig(text).credentials.tlsServerName).toBe("kubernetes.default.svc");
    });

    it("strips trailing slashes from the server, keeps a path prefix", () => {
      const text = kubeconfig(({ cluster }) => (cluster.server = "https://rancher.example/k8s/clusters/c-abc//"));
      expect(credentialsFromKubeconfig(text).credentials.server).toBe("https://rancher.example/k8s/clusters/c-abc");
    });

    it("an http:// server", () => {
      const text = kubeconfig(({ cluster }) => (cluster.server = "http://127.0.0.1:8080"));
      expect(credentialsFromKubeconfig(text).credentials.server).toBe("http://127.0.0.1:8080");
    });

    it("base64 wrapped over several lines", () => {
      const wrapped = b64(CA_PEM).replace(/(.{16})/g, "$1\n");
      expect(wrapped).toContain("\n");
      const text = kubeconfig(({ cluster }) => (cluster["certificate-authority-data"] = wrapped));
      expect(credentialsFromKubeconfig(text).credentials.caData).toBe(CA_PEM);
    });

    it("null entries in the lists", () => {
      const text = kubeconfig(({ doc }) => {
        for (const list of ["clusters", "users", "contexts"]) (doc[list] as unknown[]).unshift(null);
      });
      expect(credentialsFromKubeconfig(text).credentials.token).toBe("abc.def");
    });

    it("a kubeconfig without kind", () => {
      const text = kubeconfig(({ doc }) => delete doc.kind);
      expect(credentialsFromKubeconfig(text).context).toBe("prod");
    });
  });

  describe("context selection", () => {
    it("no current-context and no explicit context", () => {
      const text = kubeconfig(({ doc }) => delete doc["current-context"]);
      expectError(() => credentialsFromKubeconfig(text), "context", "no current-context");
    });

    it("an unknown explicit context", () => {
      expectError(() => credentialsFromKubeconfig(MULTI, "nope"), "context", 'Context "nope" is not in the kubeconfig');
    });

    it("a current-context that does not exist", () => {
      const text = kubeconfig(({ doc }) => (doc["current-context"] = "ghost"));
      expectError(() => credentialsFromKubeconfig(text), "context", 'Context "ghost" is not in the kubeconfig');
    });

    it("a context entry without a body", () => {
      expectError(() => credentialsFromKubeconfig(MULTI, "no-body"), "context", 'Context "no-body" is not in the kubeconfig');
    });
  });

  describe("refuses", () => {
    it.each<[string, (d: { cluster: Doc; user: Doc; context: Doc; doc: Doc }) => void, string | RegExp]>([
      [
        "a context referring to an unknown cluster",
        ({ context }) => (context.cluster = "ghost-cluster"),
        'Context "prod" refers to cluster "ghost-cluster", which is not defined',
      ],
      [
        "a context referring to an unknown user",
        ({ context }) => (context.user = "ghost-user"),
        'Context "prod" refers to user "ghost-user", which is not defined',
      ],
      ["a context without a user", ({ context }) => delete context.user, 'Context "prod" has no user'],
      ["a kubeconfig without users", ({ doc }) => delete doc.users, 'refers to user "prod-admin", which is not defined'],
      ["a cluster without a server", ({ cluster }) => delete cluster.server, 'Cluster "prod-cluster" has no server URL'],
      ["an empty server", ({ cluster }) => (cluster.server = ""), "has no server URL"],
      ["a server that is not a string", ({ cluster }) => (cluster.server = 6443), "has no server URL"],
      [
        "an invalid server URL",
        ({ cluster }) => (cluster.server = "not a url"),
        'Cluster "prod-cluster" has an invalid server URL: not a url',
      ],
      ["an IP and port without a scheme", ({ cluster }) => (cluster.server = "10.0.0.1:6443"), "has an invalid server URL: 10.0.0.1:6443"],
      ["a host and port without a scheme", ({ cluster }) => (cluster.server = "localhost:6443"), "must be https:// (found localhost:)"],
      ["an ftp:// server", ({ cluster }) => (cluster.server = "ftp://10.0.0.1"), "must be https:// (found ftp:)"],
      ["a file:// server", ({ cluster }) => (cluster.server = "file:///etc/passwd"), "must be https:// (found file:)"],
      [
        "a CA file path",
        ({ cluster }) => {
          delete cluster["certificate-authority-data"];
          cluster["certificate-authority"] = "/home/me/.minikube/ca.crt";
        },
        "certificate-authority",
      ],
      [
        "a CA file path next to CA data",
        ({ cluster }) => (cluster["certificate-authority"] = "/home/me/ca.crt"),
        "cannot read your files",
      ],
      ["a proxy-url", ({ cluster }) => (cluster["proxy-url"] = "socks5://localhost:1080"), "proxy-url are not supported"],
      [
        "an exec plugin",
        ({ user }) => {
          delete user.token;
          user.exec = { apiVersion: "client.authentication.k8s.io/v1", command: "aws", args: ["eks", "get-token"] };
        },
        'User "prod-admin" gets credentials by running aws (exec plugin)',
      ],
      [
        "an exec plugin even with a token",
        ({ user }) => (user.exec = { command: "gke-gcloud-auth-plugin" }),
        "running gke-gcloud-auth-plugin (exec plugin)",
      ],
      ["an exec plugin without a command", ({ user }) => (user.exec = { args: [] }), "running a command (exec plugin)"],
      [
        "an auth-provider",
        ({ user }) => (user["auth-provider"] = { name: "oidc", config: { "id-token": "x" } }),
        'User "prod-admin" uses an auth-provider plugin',
      ],
      [
        "a client certificate file path",
        ({ user }) => {
          delete user.token;
          user["client-certificate"] = "/home/me/client.crt";
          user["client-key-data"] = b64(KEY_PEM);
        },
        'User "prod-admin" refers to files on your machine',
      ],
      [
        "a client key file path",
        ({ user }) => {
          user["client-certificate-data"] = b64(CERT_PEM);
          user["client-key"] = "/home/me/client.key";
        },
        "refers to files on your machine",
      ],
      [
        "a tokenFile",
        ({ user }) => {
          delete user.token;
          user.tokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token";
        },
        "refers to files on your machine",
      ],
      [
        "username and password",
        ({ user }) => {
          delete user.token;
          user.username = "admin";
          user.password = "hunter2";
        },
        "Basic authentication (username/password) is not supported",
      ],
      ["a password alone", ({ user }) => (user.password = "hunter2"), "Basic authentication"],
      ["a user without credentials", ({ user }) => delete user.token, 'User "prod-admin" has no credentials (token or client certificate)'],
      ["a blank token", ({ user }) => (user.token = "   "), "has no credentials"],
      ["a token that is not a string", ({ user }) => (user.token = 12345), "has no credentials"],
      [
        "a client certificate without a key",
        ({ user }) => {
          delete user.token;
          user["client-certificate-data"] = b64(CERT_PEM);
        },
        "client-key-data is empty",
      ],
      [
        "a client key without a certificate",
        ({ user }) => user["client-key-data"] = b64(KEY_PEM),
        "client-certificate-data is empty",
      ],
      [
        "CA data that is not base64",
        ({ cluster }) => (cluster["certificate-authority-data"] = "not*base64!"),
        "certificate-authority-data is not base64",
      ],
      [
        "CA data with too much padding",
        ({ cluster }) => (cluster["certificate-authority-data"] = "QUJD===="),
        "certificate-authority-data is not base64",
      ],
      [
        "base64 CA data without a PEM block",
        ({ cluster }) => (cluster["certificate-authority-data"] = b64("just some bytes")),
        "certificate-authority-data does not contain a PEM block",
      ],
      [
        "CA data holding a raw PEM instead of base64",
        ({ cluster }) => (cluster["certificate-authority-data"] = CA_PEM),
        "certificate-authority-data is not base64",
      ],
      ["empty CA data", ({ cluster }) => (cluster["certificate-authority-data"] = ""), "certificate-authority-data is empty"],
      ["null CA data", ({ cluster }) => (cluster["certificate-authority-data"] = null), "certificate-authority-data is empty"],
      ["CA data that is a number", ({ cluster }) => (cluster["certificate-authority-data"] = 123), "certificate-authority-data is not a base64 string"],
      [
        "client key data that is a list",
        ({ user }) => {
          user["client-certificate-data"] = b64(CERT_PEM);
          user["client-key-data"] = ["a"];
        },
        "client-key-data is not a base64 string",
      ],
      [
        "client certificate data that is not a PEM",
        ({ user }) => {
          user["client-certificate-data"] = b64("DER bytes here");
          user["client-key-data"] = b64(KEY_PEM);
        },
        "client-certificate-data does not contain a PEM block",
      ],
      [
        "client key data that is not base64",
        ({ user }) => {
          user["client-certificate-data"] = b64(CERT_PEM);
          user["client-key-data"] = "%%%";
        },
        "client-key-data is not base64",
      ],
    ])("%s", (_what, patch, message) => {
      expectError(() => credentialsFromKubeconfig(kubeconfig(patch)), "kubeconfig", message);
    });

    it("an exec-plugin user in a multi-context kubeconfig only when that context is chosen", () => {
      const text = kubeconfig(({ doc }) => {
        (doc.users as unknown[]).push({ name: "eks", user: { exec: { command: "aws" } } });
        (doc.contexts as unknown[]).push({ name: "eks", context: { cluster: "prod-cluster", user: "eks" } });
      });
      expect(credentialsFromKubeconfig(text).context).toBe("prod");
      expectError(() => credentialsFromKubeconfig(text, "eks"), "kubeconfig", "running aws (exec plugin)");
    });

    it("the same load errors as listContexts", () => {
      expectError(() => credentialsFromKubeconfig(""), "kubeconfig", "empty");
      expectError(() => credentialsFromKubeconfig("{{{"), "kubeconfig", "not valid YAML");
      expectError(() => credentialsFromKubeconfig("[1, 2]"), "kubeconfig", "not a kubeconfig");
      expectError(() => credentialsFromKubeconfig("contexts: [{name: a}]"), "kubeconfig", "no clusters");
      expectError(() => credentialsFromKubeconfig("clusters: [{name: a}]"), "kubeconfig", "no contexts");
    });

    it("never leaks the token into an error message", () => {
      const text = kubeconfig(({ user, cluster }) => {
        user.token = "super-secret-token";
        cluster.server = "ftp://x";
      });
      expect(error(() => credentialsFromKubeconfig(text)).message).not.toContain("super-secret-token");
    });
  });
});

describe("KubeconfigError", () => {
  it("is an Error carrying the field", () => {
    const e = new KubeconfigError("context", "choose one");
    expect(e).toBeInstanceOf(Error);
    expect(e.field).toBe("context");
    expect(e.message).toBe("choose one");
  });
});
