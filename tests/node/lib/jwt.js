'use strict';
// Builds a JWT bearer assertion the way Box's SDKs do (RS256, kid header, 30 s expiry), for
// raw calls to /oauth2/token.
const crypto = require('node:crypto');

const b64url = (data) => Buffer.from(data).toString('base64url');

function jwtAssertion(configJson, { sub, subType, jti = crypto.randomUUID(), expiresIn = 30 }) {
  const c = JSON.parse(configJson);
  const s = c.boxAppSettings;
  const header = { alg: 'RS256', typ: 'JWT', kid: s.appAuth.publicKeyID };
  const claims = {
    iss: s.clientID,
    sub: sub || c.enterpriseID,
    box_sub_type: subType || 'enterprise',
    aud: 'https://api.box.com/oauth2/token',
    jti,
    exp: Math.floor(Date.now() / 1000) + expiresIn,
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const key = crypto.createPrivateKey({
    key: s.appAuth.privateKey,
    passphrase: s.appAuth.passphrase,
  });
  return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

module.exports = { jwtAssertion };
