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
} // namespace AppUserErrors
