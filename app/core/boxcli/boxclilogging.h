#pragma once

#include <QLoggingCategory>

// Reading Box CLI's environments (never a secret value).
Q_DECLARE_LOGGING_CATEGORY(lcBoxCli)
