#include "core/api/apilogging.h"

Q_LOGGING_CATEGORY(lcApi, "box.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "box.auth", QtInfoMsg)
