#include "core/appusers/appuserslogging.h"

Q_LOGGING_CATEGORY(lcAppUsers, "box.appusers", QtInfoMsg)
