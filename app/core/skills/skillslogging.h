#pragma once

#include <QLoggingCategory>

// Box Skills: event payloads, cards, Skill token clients and the token trials. Never logs a
// Skill token, an API key or a payload's body.
Q_DECLARE_LOGGING_CATEGORY(lcSkills)
