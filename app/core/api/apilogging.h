#pragma once

#include <QLoggingCategory>

// Logging for the API client. Nothing logged here may contain a secret: URLs are logged
// without their query, tokens and bodies never.
Q_DECLARE_LOGGING_CATEGORY(lcApi)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
