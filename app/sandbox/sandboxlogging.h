#pragma once

#include <QLoggingCategory>

// Everything the sandbox logs goes here. Nothing logged may contain a secret (client secrets,
// private keys, tokens, passwords).
Q_DECLARE_LOGGING_CATEGORY(lcSandbox)
