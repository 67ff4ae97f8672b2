#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Box's webhook v2 trigger names (the API's enum, grouped as developer.box.com lists them), and
// which kind of item each can be set on.
namespace WebhookTriggers {
struct Group
{
    QString name; // "File", "Folder", ...
    QStringList triggers;
};

QList<Group> groups();
QStringList all();
bool isKnown(const QString &trigger);
// COLLABORATION.*, FILE.UPLOADED and FOLDER.* work on folders only (Box's triggers table).
bool appliesTo(const QString &trigger, const QString &targetType);
} // namespace WebhookTriggers
