#include "oauthlogging.h"

Q_LOGGING_CATEGORY(lcOAuth, "box.oauth", QtInfoMsg)
