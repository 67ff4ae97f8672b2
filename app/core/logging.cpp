#include "core/logging.h"

Q_LOGGING_CATEGORY(lcProfiles, "box.profiles", QtInfoMsg)
Q_LOGGING_CATEGORY(lcKeychain, "box.keychain", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImport, "box.import", QtInfoMsg)
