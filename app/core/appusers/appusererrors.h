#pragma once

#include "core/api/boxerror.h"

#include <QHash>
#include <QString>

// Box's answers about app users, in words for the UI.
namespace AppUserErrors {
// Box's field errors: context_info.errors[] {name, message}, keyed by the field's name
// ("name", "space_amount"...). Empty when Box named no field.
QHash<QString, QString> fieldErrors(const BoxError &error);
// One line: Box's message, its context_info message or field errors, else the client's
// plain-language guidance, with the HTTP status.
QString describe(const BoxError &error);
// Box refused to delete a user because they still own files or folders (DELETE /users/{id}
// without force=true): a 400 whose code or message is about the user's content. (Box does not
// document the exact code; its reference says this delete "fails if the user still owns any
// content".)
bool refusedForOwnedContent(const BoxError &error);
} // namespace AppUserErrors
