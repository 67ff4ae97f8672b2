#include "core/boxcli/boxclilogging.h"

Q_LOGGING_CATEGORY(lcBoxCli, "box.boxcli", QtInfoMsg)
