#include "core/oauth/oauthlogging.h"

Q_LOGGING_CATEGORY(lcOAuth, "box.oauth", QtInfoMsg)
