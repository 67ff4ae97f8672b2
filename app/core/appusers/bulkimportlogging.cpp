#include "core/appusers/bulkimportlogging.h"

Q_LOGGING_CATEGORY(lcBulkImport, "box.appusers.bulk", QtInfoMsg)
