#include "contentlogging.h"

Q_LOGGING_CATEGORY(lcContent, "box.ui.content", QtInfoMsg)
