#pragma once

#include <QLoggingCategory>

// Bulk import of app users. Logs counts, lines and user IDs; never tokens or whole bodies.
Q_DECLARE_LOGGING_CATEGORY(lcBulkImport)
