#pragma once

#include <QJsonValue>
#include <QString>

namespace boxsandbox {

// Checks Box Skill cards against the spec's four card schemas (KeywordSkillCard,
// TimelineSkillCard, TranscriptSkillCard, StatusSkillCard): common fields type "skill_card",
// skill_card_type, skill {type "service", id}, invocation {type "skill_invocation", id},
// optional skill_card_title {message, code?} and created_at; keyword entries [{text}],
// timeline entries [{text, image_url?, appears [{start, end}]}], transcript entries
// [{text, appears [{start}]}], status {code (a state), message?}.
// `path` names the array in the problem ("cards", "metadata.cards").
// False + *field (e.g. "cards[0].entries[1].text") + *message at the first problem.
bool checkSkillCards(const QJsonValue &cards, const QString &path, QString *field,
                     QString *message);
// One card at `path` (e.g. "value" of a JSON patch).
bool checkSkillCard(const QJsonValue &card, const QString &path, QString *field, QString *message);

// The invocation states (the spec's enum): invoked, processing, success, transient_failure,
// permanent_failure.
bool isSkillState(const QString &state);

} // namespace boxsandbox
