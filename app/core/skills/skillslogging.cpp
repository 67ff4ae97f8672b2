#include "core/skills/skillslogging.h"

Q_LOGGING_CATEGORY(lcSkills, "box.skills", QtInfoMsg)
