#include "sandbox/skillcardcheck.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

struct Problem
{
    QString *field;
    QString *message;
    bool fail(const QString &f, const QString &m) const
    {
        *field = f;
        *message = m;
        return false;
    }
};

// o[key] is there and of that type (`what` names it: "a string").
bool requireType(const QJsonObject &o, const QString &key, QJsonValue::Type type,
                 const QString &what, const QString &path, const Problem &p)
{
    if (!o.contains(key))
        return p.fail(path + u'.' + key, u"'%1' is required"_s.arg(key));
    if (o.value(key).type() != type)
        return p.fail(path + u'.' + key, u"'%1' must be %2"_s.arg(key, what));
    return true;
}

bool requireString(const QJsonObject &o, const QString &key, const QString &path, const Problem &p)
{
    return requireType(o, key, QJsonValue::String, u"a string"_s, path, p);
}

bool requireValue(const QJsonObject &o, const QString &key, const QString &value,
                  const QString &path, const Problem &p)
{
    if (!requireString(o, key, path, p))
        return false;
    if (o.value(key).toString() != value)
        return p.fail(path + u'.' + key, u"'%1' must be \"%2\""_s.arg(key, value));
    return true;
}

bool requireObject(const QJsonObject &o, const QString &key, const QString &path, const Problem &p)
{
    return requireType(o, key, QJsonValue::Object, u"an object"_s, path, p);
}

bool requireNumber(const QJsonObject &o, const QString &key, const QString &path, const Problem &p)
{
    return requireType(o, key, QJsonValue::Double, u"a number"_s, path, p);
}

// appears: [{start[, end]}] (end required when withEnd).
bool checkAppears(const QJsonObject &entry, const QString &path, bool withEnd, const Problem &p)
{
    if (!entry.contains(u"appears"_s))
        return true;
    if (!requireType(entry, u"appears"_s, QJsonValue::Array, u"an array"_s, path, p))
        return false;
    const QJsonArray appears = entry.value(u"appears"_s).toArray();
    for (qsizetype i = 0; i < appears.size(); ++i) {
        const QString at = path + u".appears[%1]"_s.arg(i);
        if (!appears.at(i).isObject())
            return p.fail(at, u"each 'appears' item must be an object"_s);
        const QJsonObject a = appears.at(i).toObject();
        if (!requireNumber(a, u"start"_s, at, p) || (withEnd && !requireNumber(a, u"end"_s, at, p)))
            return false;
    }
    return true;
}

bool checkEntries(const QJsonObject &card, const QString &type, const QString &path,
                  const Problem &p)
{
    if (!requireType(card, u"entries"_s, QJsonValue::Array, u"an array"_s, path, p))
        return false;
    const QJsonArray entries = card.value(u"entries"_s).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString at = path + u".entries[%1]"_s.arg(i);
        if (!entries.at(i).isObject())
            return p.fail(at, u"each entry must be an object"_s);
        const QJsonObject e = entries.at(i).toObject();
        if (!requireString(e, u"text"_s, at, p))
            return false;
        if (type == u"timeline"_s && e.contains(u"image_url"_s) &&
            !e.value(u"image_url"_s).isString())
            return p.fail(at + u".image_url"_s, u"'image_url' must be a string"_s);
        if (type != u"keyword"_s && !checkAppears(e, at, type == u"timeline"_s, p))
            return false;
    }
    return true;
}

} // namespace

bool isSkillState(const QString &state)
{
    static const QStringList states = {u"invoked"_s, u"processing"_s, u"success"_s,
                                       u"transient_failure"_s, u"permanent_failure"_s};
    return states.contains(state);
}

bool checkSkillCard(const QJsonValue &value, const QString &path, QString *field, QString *message)
{
    const Problem p{field, message};
    if (!value.isObject())
        return p.fail(path, u"a card must be an object"_s);
    const QJsonObject card = value.toObject();
    if (!requireValue(card, u"type"_s, u"skill_card"_s, path, p))
        return false;
    if (!requireString(card, u"skill_card_type"_s, path, p))
        return false;
    const QString type = card.value(u"skill_card_type"_s).toString();
    static const QStringList types = {u"keyword"_s, u"timeline"_s, u"transcript"_s, u"status"_s};
    if (!types.contains(type))
        return p.fail(path + u".skill_card_type"_s,
                      u"'skill_card_type' must be keyword, timeline, transcript or status"_s);
    if (!requireObject(card, u"skill"_s, path, p))
        return false;
    const QJsonObject skill = card.value(u"skill"_s).toObject();
    if (!requireValue(skill, u"type"_s, u"service"_s, path + u".skill"_s, p) ||
        !requireString(skill, u"id"_s, path + u".skill"_s, p))
        return false;
    if (!requireObject(card, u"invocation"_s, path, p))
        return false;
    const QJsonObject invocation = card.value(u"invocation"_s).toObject();
    if (!requireValue(invocation, u"type"_s, u"skill_invocation"_s, path + u".invocation"_s, p) ||
        !requireString(invocation, u"id"_s, path + u".invocation"_s, p))
        return false;
    if (card.contains(u"skill_card_title"_s)) {
        if (!card.value(u"skill_card_title"_s).isObject())
            return p.fail(path + u".skill_card_title"_s, u"'skill_card_title' must be an object"_s);
        const QJsonObject title = card.value(u"skill_card_title"_s).toObject();
        if (!requireString(title, u"message"_s, path + u".skill_card_title"_s, p))
            return false;
        if (title.contains(u"code"_s) && !title.value(u"code"_s).isString())
            return p.fail(path + u".skill_card_title.code"_s, u"'code' must be a string"_s);
    }
    if (card.contains(u"created_at"_s) && !card.value(u"created_at"_s).isString())
        return p.fail(path + u".created_at"_s, u"'created_at' must be a date-time string"_s);
    if (card.contains(u"duration"_s) && !card.value(u"duration"_s).isDouble())
        return p.fail(path + u".duration"_s, u"'duration' must be a number"_s);
    if (type == u"status"_s) {
        if (!requireObject(card, u"status"_s, path, p))
            return false;
        const QJsonObject status = card.value(u"status"_s).toObject();
        if (!requireString(status, u"code"_s, path + u".status"_s, p))
            return false;
        if (!isSkillState(status.value(u"code"_s).toString()))
            return p.fail(path + u".status.code"_s,
                          u"'code' must be invoked, processing, success, transient_failure or "
                          "permanent_failure"_s);
        if (status.contains(u"message"_s) && !status.value(u"message"_s).isString())
            return p.fail(path + u".status.message"_s, u"'message' must be a string"_s);
        return true;
    }
    return checkEntries(card, type, path, p);
}

bool checkSkillCards(const QJsonValue &cards, const QString &path, QString *field, QString *message)
{
    if (cards.isUndefined())
        return Problem{field, message}.fail(path, u"'cards' is required"_s);
    if (!cards.isArray())
        return Problem{field, message}.fail(path, u"'cards' must be an array"_s);
    const QJsonArray list = cards.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!checkSkillCard(list.at(i), path + u"[%1]"_s.arg(i), field, message))
            return false;
    }
    return true;
}

} // namespace boxsandbox
