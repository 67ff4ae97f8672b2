#include "core/events/boxevent.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace {
QString text(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger());
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isObject() || v.isArray()) {
        return QString::fromUtf8(v.isObject()
                                     ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                     : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    }
    return {};
}

// Every string in the JSON value, at any depth.
bool containsString(const QJsonValue &v, const QString &needle)
{
    if (v.isString())
        return v.toString() == needle;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (containsString(it.value(), needle))
                return true;
        }
    } else if (v.isArray()) {
        for (const QJsonValue &item : v.toArray()) {
            if (containsString(item, needle))
                return true;
        }
    }
    return false;
}
} // namespace

QString BoxEvent::who() const
{
    if (!whoName.isEmpty() && !whoLogin.isEmpty())
        return u"%1 (%2)"_s.arg(whoName, whoLogin);
    if (!whoName.isEmpty())
        return whoName;
    if (!whoLogin.isEmpty())
        return whoLogin;
    return whoId;
}

QString BoxEvent::item() const
{
    if (itemName.isEmpty() && itemId.isEmpty())
        return {};
    QString s = itemType;
    if (!itemName.isEmpty())
        s += (s.isEmpty() ? u"\""_s : u" \""_s) + itemName + u'"';
    if (!itemId.isEmpty())
        s += (s.isEmpty() ? QString() : u" "_s) + u'(' + itemId + u')';
    return s;
}

QString BoxEvent::details() const
{
    const QJsonValue d = json.value(u"additional_details"_s);
    if (!d.isObject())
        return text(d);
    QStringList parts;
    const QJsonObject o = d.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        parts << it.key() + u": "_s + text(it.value());
    return parts.join(u"; "_s);
}

BoxEvent BoxEvent::fromJson(const QJsonObject &json)
{
    BoxEvent e;
    e.json = json;
    e.id = text(json.value(u"event_id"_s));
    e.type = json.value(u"event_type"_s).toString();
    e.createdAtText = json.value(u"created_at"_s).toString();
    e.createdAt = QDateTime::fromString(e.createdAtText, Qt::ISODate);
    const QJsonObject by = json.value(u"created_by"_s).toObject();
    e.whoId = text(by.value(u"id"_s));
    e.whoName = by.value(u"name"_s).toString();
    e.whoLogin = by.value(u"login"_s).toString();
    const QJsonObject source = json.value(u"source"_s).toObject();
    if (source.contains(u"item_type"_s)) { // the enterprise streams' EventSource
        e.itemType = source.value(u"item_type"_s).toString();
        e.itemId = text(source.value(u"item_id"_s));
        e.itemName = source.value(u"item_name"_s).toString();
    } else if (!source.isEmpty()) { // a File, Folder, User, ... object
        e.itemType = source.value(u"type"_s).toString();
        e.itemId = text(source.value(u"id"_s));
        e.itemName = source.value(u"name"_s).toString();
        if (e.itemName.isEmpty())
            e.itemName = source.value(u"login"_s).toString();
        // A collaboration names the folder or file it is on.
        if (e.itemName.isEmpty())
            e.itemName = source.value(u"item"_s).toObject().value(u"name"_s).toString();
    }
    return e;
}

QList<BoxEvent> BoxEvent::fromEntries(const QJsonValue &entries)
{
    QList<BoxEvent> events;
    for (const QJsonValue &v : entries.toArray()) {
        if (v.isObject())
            events.append(fromJson(v.toObject()));
    }
    return events;
}

namespace BoxEvents {

QStringList appEventTypes()
{
    return {
        u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s,
        u"APPLICATION_CREATED"_s,
        u"APPLICATION_PUBLIC_KEY_ADDED"_s,
        u"APPLICATION_PUBLIC_KEY_DELETED"_s,
        u"USER_AUTHENTICATE_OAUTH2_ACCESS_TOKEN_CREATE"_s,
        u"OAUTH2_ACCESS_TOKEN_REVOKE"_s,
        u"OAUTH2_REFRESH_TOKEN_REVOKE"_s,
        u"REMOVE_LOGIN_ACTIVITY_DEVICE"_s,
    };
}

bool isAboutApp(const BoxEvent &event, const QString &clientId)
{
    const QJsonObject details = event.json.value(u"additional_details"_s).toObject();
    const QString named = details.value(u"client_id"_s).toString();
    if (!named.isEmpty())
        return !clientId.isEmpty() && named == clientId;
    if (!clientId.isEmpty() && containsString(QJsonValue(event.json), clientId))
        return true;
    return appEventTypes().contains(event.type);
}

QString nextStreamPosition(const QJsonObject &page, const QByteArray &body)
{
    const QJsonValue v = page.value(u"next_stream_position"_s);
    if (v.isString())
        return v.toString();
    if (!v.isDouble())
        return {};
    static const QRegularExpression raw(uR"re("next_stream_position"\s*:\s*(\d+))re"_s);
    const QRegularExpressionMatch m = raw.match(QString::fromUtf8(body));
    return m.hasMatch() ? m.captured(1) : QString::number(v.toInteger());
}

} // namespace BoxEvents
