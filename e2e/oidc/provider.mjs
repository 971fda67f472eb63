// A real OpenID Connect provider for Cairn's tests: the certified npm package `oidc-provider`
// with its built-in development sign-in pages (any password is accepted for a known login).
//
//   node e2e/oidc/provider.mjs <port> <redirect-uri>[,<redirect-uri>…]
//
// Port 0 picks a free port. Once listening it prints one line of JSON to stdout,
// {"issuer":"http://127.0.0.1:<port>","port":<port>}, and keeps running until killed.
//
// Environment (all optional):
//   OIDC_REDIRECT_URIS      instead of the second argument
//   OIDC_ACCOUNTS_FILE      a JSON file {"<login>": "<e-mail>" | {"email": "<e-mail>",
//                           "email_verified": true|false}, …}, read at every sign-in (so a test
//                           can change a person's address at the provider between sign-ins); its
//                           logins are added to the built-in ones below. A plain address is sent
//                           with email_verified true; in the object form a missing
//                           "email_verified" leaves the claim out of the ID token, as Microsoft
//                           Entra ID does
//   OIDC_ID_TOKEN_TTL       the ID token's lifetime in seconds (default 3600)
//   OIDC_ID_TOKEN_AUDIENCE  issue every ID token for this other registered client instead of
//                           the one that asked, so tokens meant for a different client reach
//                           the relying party (the wrong-audience test)
//
// Registered clients (client_secret_basic, authorization code only):
//   cairn / cairn-test-secret, other-client / other-test-secret
// The subject (`sub`) of an account is its login.

import http from 'node:http';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.OIDC_PORT ?? 0);
const redirectArg = process.argv[3] ?? process.env.OIDC_REDIRECT_URIS;
if (!Number.isInteger(port) || port < 0 || !redirectArg) {
  console.error('usage: node e2e/oidc/provider.mjs <port> <redirect-uri>[,<redirect-uri>…]');
  process.exit(2);
}
const redirectUris = redirectArg.split(',').map((u) => u.trim()).filter(Boolean);

// Logins matching the demo organisation's staff, a member, and someone Cairn does not know.
const BUILT_IN = {
  admin: 'admin@demo.cairn.test',
  lead: 'lead@demo.cairn.test',
  staff: 'staff@demo.cairn.test',
  finance: 'finance@demo.cairn.test',
  member: 'member@demo.cairn.test',
  stranger: 'stranger@elsewhere.example',
};

function accounts() {
  const file = process.env.OIDC_ACCOUNTS_FILE;
  const extra = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return { ...BUILT_IN, ...extra };
}

/** The e-mail claims of a login's entry: a plain address is verified; an object says. */
function emailClaims(entry) {
  if (typeof entry === 'string') return { email: entry, email_verified: true };
  const claims = { email: entry.email };
  if (typeof entry.email_verified === 'boolean') claims.email_verified = entry.email_verified;
  return claims;
}

const ttl = Number(process.env.OIDC_ID_TOKEN_TTL ?? 3600);

const configuration = {
  clients: [
    { client_id: 'cairn', client_secret: 'cairn-test-secret' },
    { client_id: 'other-client', client_secret: 'other-test-secret' },
  ].map((c) => ({
    ...c,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  async findAccount(ctx, id) {
    const entry = accounts()[id];
    if (!entry) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, ...emailClaims(accounts()[id] ?? entry) };
      },
    };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  // Scope claims in the ID token itself (as Entra ID does), not only from the userinfo endpoint.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  ttl: {
    IdToken: ttl,
    AccessToken: 600,
    AuthorizationCode: 60,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['cairn-test-provider-cookie-key'] },
};

const server = http.createServer();
server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  const issuer = `http://127.0.0.1:${actual}`;
  const provider = new Provider(issuer, configuration);
  const audience = process.env.OIDC_ID_TOKEN_AUDIENCE;
  if (audience) {
    const issue = provider.IdToken.prototype.issue;
    provider.IdToken.prototype.issue = async function issueFor(options) {
      if (options?.use === 'idtoken') {
        this.client = await provider.Client.find(audience);
      }
      return issue.call(this, options);
    };
  }
  server.on('request', provider.callback());
  process.stdout.write(`${JSON.stringify({ issuer, port: actual })}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
