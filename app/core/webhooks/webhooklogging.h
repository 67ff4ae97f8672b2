#pragma once

#include <QLoggingCategory>

// Webhooks: the local receiver, the verifier, the webhooks API client. Never logs a signature
// key, a signature or a delivery's body.
Q_DECLARE_LOGGING_CATEGORY(lcWebhooks)
