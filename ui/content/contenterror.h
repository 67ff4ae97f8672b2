#pragma once

#include "core/api/boxerror.h"
#include "core/api/errorguidance.h"

#include <QString>

class MessageBanner;

// One inline message for a failed content request (create folder, collaborate, update user):
// a plain-language headline for the Box error codes these actions meet, Box's own message
// and code so the developer can match them with the API reference, and the next step.
namespace ContentError {
// `context`: the client's method and client ID (guidanceContextOf), for the generic advice.
QString text(const BoxError &error, const GuidanceContext &context);
// The first context_info.errors[].message Box sent (e.g. "Invalid value 'x'. ..."), if any.
QString contextMessage(const BoxError &error);
// Shows `text` (first line as the title) as an error in the banner, and the banner itself.
void showIn(MessageBanner *banner, const QString &text);
// The banner's title and details as one text (what showIn() was given).
QString bannerText(const MessageBanner *banner);
} // namespace ContentError
