#pragma once

#include "sandbox/world.h"

#include <QJsonObject>
#include <QString>

namespace boxsandbox {

// The state file's records as JSON objects, one per line ({"user":{...}}, {"folder":{...}},
// ...), and back. Short keys: 100,000 users make a file of about 40 MB.
QJsonObject appJson(const AppRecord &r);
AppRecord appFromJson(const QJsonObject &o, const QString &enterpriseId);
QJsonObject userLine(const UserRecord &u);
UserRecord userFromJson(const QJsonObject &o);
QJsonObject folderLine(const FolderRecord &f);
FolderRecord folderFromJson(const QJsonObject &f);
QJsonObject collabLine(const CollaborationRecord &c);
CollaborationRecord collabFromJson(const QJsonObject &c);
QJsonObject fileLine(const FileRecord &f);
FileRecord fileFromJson(const QJsonObject &f);
QJsonObject tokenLine(const QString &value, const TokenRecord &t);
TokenRecord tokenFromJson(const QJsonObject &t);
QJsonObject refreshLine(const QString &value, const RefreshRecord &r);
RefreshRecord refreshFromJson(const QJsonObject &t);
QJsonObject jtiLine(const QString &value, qint64 expiresAt);
QJsonObject aliasLine(const EmailAliasRecord &a);
EmailAliasRecord aliasFromJson(const QJsonObject &a);
QJsonObject webhookLine(const WebhookRecord &w);
WebhookRecord webhookFromJson(const QJsonObject &w);
QJsonObject skillLine(const SkillRecord &s); // issue 18
SkillRecord skillFromJson(const QJsonObject &s);
// An app's settings as the control surface and the state file write them.
QJsonObject appSettingsJson(const SandboxAppSettings &s);

} // namespace boxsandbox
