'use strict';
// Awaits a call that must fail with a Box API error and returns only its status and body, so
// assertion output never carries request details (tokens, secrets).
async function apiError(promise) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  if (!error) throw new Error('expected the call to fail with a Box API error, but it succeeded');
  const info = error.responseInfo;
  if (!info) throw new Error(`expected a Box API error, got ${error.name}`);
  return { status: info.statusCode, body: info.body, headers: info.headers };
}

module.exports = { apiError };
