#pragma once

#include <QString>

// The one explanation of Limited Access (App Token) apps that every view of such an app shows:
// the Service Account pane, the App Users pane, the Token view and the authenticator's refusals.
namespace LimitedAccess {
// The calls Box lets an App Token make, as AppTokenAuthenticator::isAllowed() checks them:
// "POST /folders, POST /files/content, GET /files/:id, GET /files/:id/content and DELETE
// /files/:id".
QString allowedCalls();
// What a Limited Access app is, in one sentence (plain text).
QString summary();
// summary(), what the token may call and what to use instead (rich text, one paragraph each).
QString explanationHtml();
} // namespace LimitedAccess
