#pragma once

#include "core/api/boxerror.h"
#include "core/api/errorguidance.h"

#include <QHash>
#include <QString>

// Box's answers about app users, in words for the UI.
namespace AppUserErrors {
// Box's field errors: context_info.errors[] {name, message}, keyed by the field's name
// ("name", "space_amount"...). Empty when Box named no field.
QHash<QString, QString> fieldErrors(const BoxError &error);
// One line: Box's message, its context_info message or field errors, else the client's
// plain-language guidance for the client's method (guidanceContextOf), with the HTTP status.
QString describe(const BoxError &error, const GuidanceContext &context);
// Box refused to delete a user because they still own files or folders (DELETE /users/{id}
// without force=true). Box does not document the exact code or message (its reference says
// this delete "fails if the user still owns any content"), so this matches only the sandbox's
// exact answer: 400 bad_request with context_info.message "User still owns content. ...".
bool refusedForOwnedContent(const BoxError &error);
} // namespace AppUserErrors
