#include "apilogging.h"

Q_LOGGING_CATEGORY(lcApi, "box.api")
Q_LOGGING_CATEGORY(lcAuth, "box.auth")
