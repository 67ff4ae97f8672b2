#include "ui/serviceaccount/serviceaccountlogging.h"

Q_LOGGING_CATEGORY(lcServiceAccount, "box.ui.serviceaccount", QtInfoMsg)
