#include "core/webhooks/webhooklogging.h"

Q_LOGGING_CATEGORY(lcWebhooks, "box.webhooks", QtInfoMsg)
