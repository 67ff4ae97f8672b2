#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// The JSON the test Skill service writes, in Box's shapes (KeywordSkillCard, StatusSkillCard,
// the body of PUT /2.0/skill_invocations/{skill_id}).
namespace SkillCardJson {

// The keyword card's entries: the file name, "sha1:<first 8 hex digits>", then up to five
// distinct words (three letters or more, lower-cased, in order of appearance) of the content
// when it is UTF-8 text.
QStringList keywords(const QString &fileName, const QByteArray &sha1Hex, const QByteArray &content);

QJsonObject keywordCard(const QString &skillId, const QString &invocationId,
                        const QStringList &keywords);
// A status card; code is one of Box's invocation states ("processing", "transient_failure"...).
QJsonObject statusCard(const QString &skillId, const QString &invocationId, const QString &code,
                       const QString &message);

// { status, metadata: {cards}, file: {type, id}, usage: {unit: "files", value: 1} (success only) }
QJsonObject invocationBody(const QString &state, const QJsonObject &card, const QString &fileId);

} // namespace SkillCardJson
