// node-oidc-provider configured as the benchmark's peer: client_credentials with JWT access
// tokens signed RS256, the same clients as the Tessera run, its default in-memory adapter.
//   node server.mjs PORT CLIENTS_TSV     (CLIENTS_TSV lines: client_id <TAB> client_secret)
// Prints "PEER_READY <url>" once it listens.
import { readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const [port, clientsFile] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const audience = 'https://api.example.com';

const clients = readFileSync(clientsFile, 'utf8').split('\n').filter(Boolean).map((line) => {
  const [id, secret] = line.split('\t');
  return {
    client_id: id,
    client_secret: secret,
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_post',
    scope: 'read write',
  };
});

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'bench-peer' };

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [jwk] },
  scopes: ['read', 'write'],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    // JWT access tokens need a resource server; every token is for the one audience.
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'read write',
        audience,
        accessTokenTTL: 3600,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
});
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => {
  console.log(`PEER_READY ${issuer}`);
});
