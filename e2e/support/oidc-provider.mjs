#!/usr/bin/env node
// A real OpenID provider for the SSO end-to-end test (the oidc-provider
// package, development login pages): any login name signs in, with an email
// and a groups claim derived from it.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3199);
const consoleURL = process.env.CONSOLE_URL ?? "http://127.0.0.1:3100";
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "pilothouse",
      client_secret: "pilothouse-e2e-secret",
      redirect_uris: [`${consoleURL}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username", "groups"] },
  pkce: { required: () => false },
  // Put the scope claims (email, groups) in the ID token, which is what next-auth reads.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: `${id}@example.test`,
          email_verified: true,
          name: id.charAt(0).toUpperCase() + id.slice(1),
          preferred_username: id,
          groups: ["sso-users", `team-${id}`],
        };
      },
    };
  },
});
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => console.log(`oidc provider on ${issuer}`));
