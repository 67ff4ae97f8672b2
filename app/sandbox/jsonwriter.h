#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>

namespace boxsandbox {

// Compact JSON written straight into a byte array, the same text QJsonDocument::Compact
// produces for these values. For big replies (1000 users a page) without building a
// QJsonObject/QJsonArray tree first.
void appendJsonString(QByteArray &out, QStringView s);
void appendJsonValue(QByteArray &out, const QJsonValue &value);

} // namespace boxsandbox
