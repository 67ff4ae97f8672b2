#pragma once

#include "core/api/boxerror.h"
#include "core/api/errorguidance.h"

#include <QString>

// ContentError's text for the file actions (upload, download, rename, delete, shared link):
// Box's limits and refusals for files in plain words first, then Box's own message and code.
namespace FileError {
QString text(const BoxError &error, const GuidanceContext &context);
} // namespace FileError
