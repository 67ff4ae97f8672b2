#pragma once

#include "core/api/boxerror.h"

#include <QString>

class BoxClient;

namespace EventErrors {
// A failed events request in plain words. Enterprise events refused for a missing scope
// (insufficient_scope, Box's 403 with an empty body) say which Developer Console setting to
// enable and that the admin must re-authorize; a 403 for the user says who may read them.
// Anything else: the client's guidance.
QString describe(const BoxError &error, const BoxClient *client, bool enterprise);
// Whether trying again later may help (network, timeouts, 429, 5xx).
bool isTransient(const BoxError &error);
} // namespace EventErrors
