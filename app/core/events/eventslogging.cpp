#include "core/events/eventslogging.h"

Q_LOGGING_CATEGORY(lcEvents, "box.events", QtInfoMsg)
