#include "logging.h"

Q_LOGGING_CATEGORY(lcProfiles, "box.profiles")
Q_LOGGING_CATEGORY(lcKeychain, "box.keychain")
Q_LOGGING_CATEGORY(lcImport, "box.import")
