#include "sandbox/sandboxlogging.h"

Q_LOGGING_CATEGORY(lcSandbox, "box.sandbox", QtInfoMsg)
