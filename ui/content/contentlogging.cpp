#include "ui/content/contentlogging.h"

Q_LOGGING_CATEGORY(lcContent, "box.ui.content", QtInfoMsg)
