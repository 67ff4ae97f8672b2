'use strict';
// Box Node SDK clients pointed at a running sandbox (base-URL API of box-node-sdk 10.x).
const {
  BoxClient,
  BoxJwtAuth,
  JwtConfig,
  BoxCcgAuth,
  CcgConfig,
  BoxOAuth,
  OAuthConfig,
} = require('box-node-sdk');

function baseUrls(base) {
  return { baseUrl: base, uploadUrl: `${base}/api`, oauth2Url: `${base}/api/oauth2` };
}

function clientFor(base, auth) {
  return new BoxClient({ auth }).withCustomBaseUrls(baseUrls(base));
}

function jwtAuth(configJson) {
  return new BoxJwtAuth({ config: JwtConfig.fromConfigJsonString(configJson) });
}

function ccgAuth(configJson, subject = {}) {
  const c = JSON.parse(configJson);
  return new BoxCcgAuth({
    config: new CcgConfig({
      clientId: c.boxAppSettings.clientID,
      clientSecret: c.boxAppSettings.clientSecret,
      enterpriseId: subject.userId ? undefined : c.enterpriseID,
      userId: subject.userId,
    }),
  });
}

function oauthAuth(clientId, clientSecret) {
  return new BoxOAuth({ config: new OAuthConfig({ clientId, clientSecret }) });
}

module.exports = { baseUrls, clientFor, jwtAuth, ccgAuth, oauthAuth };
