#pragma once

#include <QLoggingCategory>

// One logging category per area. Nothing logged under any of them may contain a secret.
Q_DECLARE_LOGGING_CATEGORY(lcProfiles)
Q_DECLARE_LOGGING_CATEGORY(lcKeychain)
Q_DECLARE_LOGGING_CATEGORY(lcImport)
