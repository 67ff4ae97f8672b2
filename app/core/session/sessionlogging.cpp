#include "core/session/sessionlogging.h"

Q_LOGGING_CATEGORY(lcSession, "box.session", QtInfoMsg)
