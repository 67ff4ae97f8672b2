#include "ui/events/eventslogging.h"

Q_LOGGING_CATEGORY(lcEventsUi, "box.ui.events", QtInfoMsg)
