'use strict';
// Drives the sandbox's authorize pages the way a browser would (plain HTTP, no JavaScript):
// sign-in form, then the consent page's "Grant access to Box" button. Returns the parsed
// redirect (code or error, and state) without following it.
const { http } = require('./sandbox.js');

function decodeHtml(s) {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function form(html, formId) {
  const m = new RegExp(
    `<form[^>]*id="${formId}"[^>]*action="([^"]*)"[^>]*>([\\s\\S]*?)</form>`,
  ).exec(html);
  if (!m) throw new Error(`page has no form #${formId}`);
  const hidden = {};
  for (const h of m[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    hidden[decodeHtml(h[1])] = decodeHtml(h[2]);
  }
  const buttons = [
    ...m[2].matchAll(/<button[^>]*name="([^"]+)"[^>]*value="([^"]*)"[^>]*>([^<]*)</g),
  ].map((b) => ({ name: b[1], value: b[2], label: decodeHtml(b[3]) }));
  return { action: decodeHtml(m[1]), hidden, buttons };
}

async function post(origin, action, fields) {
  return http(new URL(action, origin).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

// authorizeUrl: the sandbox's /api/oauth2/authorize URL with the client's query.
// choice: the consent button label, "Grant access to Box" or "Deny".
async function authorize(authorizeUrl, user, choice = 'Grant access to Box') {
  const origin = new URL(authorizeUrl).origin;
  const signIn = await http(authorizeUrl);
  if (signIn.status !== 200) throw new Error(`authorize page: HTTP ${signIn.status}`);
  const login = form(signIn.text, 'login_form');
  const consent = await post(origin, login.action, {
    ...login.hidden,
    login: user.login,
    password: user.password,
    login_submit: '1',
  });
  if (consent.status !== 200) throw new Error(`sign-in: HTTP ${consent.status}`);
  const grant = form(consent.text, 'consent_form');
  const button = grant.buttons.find((b) => b.label === choice);
  if (!button) throw new Error(`consent page has no "${choice}" button`);
  const done = await post(origin, grant.action, { ...grant.hidden, [button.name]: button.value });
  if (done.status !== 302) throw new Error(`consent: HTTP ${done.status}, expected a redirect`);
  const location = new URL(done.headers.get('location'));
  return {
    location,
    code: location.searchParams.get('code'),
    error: location.searchParams.get('error'),
    state: location.searchParams.get('state'),
  };
}

module.exports = { authorize };
