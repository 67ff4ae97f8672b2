#pragma once

#include <QLoggingCategory>

// Embedded OAuth login. Logs hosts and paths, never the code, the state or a query string.
Q_DECLARE_LOGGING_CATEGORY(lcOAuth)
