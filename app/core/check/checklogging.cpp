#include "core/check/checklogging.h"

Q_LOGGING_CATEGORY(lcCheck, "box.check", QtInfoMsg)
