#include "core/skills/skillcard.h"

#include "core/format/wholenumber.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace {

const QStringList &typeKeys()
{
    static const QStringList keys{u"keyword"_s, u"timeline"_s, u"transcript"_s, u"status"_s};
    return keys;
}

// The top-level and entry keys SkillCard models (everything else goes to `extra`).
const QStringList &cardKeys()
{
    static const QStringList keys{u"type"_s,    u"skill_card_type"_s, u"skill_card_title"_s,
                                  u"skill"_s,   u"invocation"_s,      u"duration"_s,
                                  u"entries"_s, u"status"_s,          u"created_at"_s};
    return keys;
}

const QStringList &entryKeys()
{
    static const QStringList keys{u"text"_s, u"image_url"_s, u"appears"_s};
    return keys;
}

QJsonObject extraOf(const QJsonObject &json, const QStringList &known)
{
    QJsonObject extra;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!known.contains(it.key()))
            extra.insert(it.key(), it.value());
    }
    return extra;
}

using WholeNumber::isWhole;

QString numberText(double d)
{
    return QString::number(d, 'g', 12);
}

// What a JSON value is, for messages: "an object ({})", "a string", ...
QString kindOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object:
        return SkillCard::tr("an object ({...})");
    case QJsonValue::Array:
        return SkillCard::tr("a list");
    case QJsonValue::String:
        return SkillCard::tr("a string");
    case QJsonValue::Double:
        return SkillCard::tr("a number");
    case QJsonValue::Bool:
        return SkillCard::tr("true/false");
    case QJsonValue::Null:
        return SkillCard::tr("null");
    case QJsonValue::Undefined:
        break;
    }
    return SkillCard::tr("missing");
}

bool readAppearance(const QJsonValue &value, const QString &path, SkillCardAppearance *out,
                    QString *error)
{
    if (!value.isObject()) {
        *error = SkillCard::tr("%1 must be an object {\"start\": ...}, not %2.")
                     .arg(path, kindOf(value));
        return false;
    }
    const QJsonObject o = value.toObject();
    const QJsonValue start = o.value(u"start"_s);
    if (!start.isDouble()) {
        *error = start.isUndefined()
                     ? SkillCard::tr("%1.start is missing.").arg(path)
                     : SkillCard::tr("%1.start must be a number of seconds, not %2.")
                           .arg(path, kindOf(start));
        return false;
    }
    out->start = start.toDouble();
    const QJsonValue end = o.value(u"end"_s);
    if (end.isDouble()) {
        out->end = end.toDouble();
    } else if (!end.isUndefined() && !end.isNull()) {
        *error =
            SkillCard::tr("%1.end must be a number of seconds, not %2.").arg(path, kindOf(end));
        return false;
    }
    return true;
}

bool readEntry(const QJsonValue &value, const QString &path, SkillCardEntry *out, QString *error)
{
    if (!value.isObject()) {
        *error = SkillCard::tr("%1 must be an object, not %2.").arg(path, kindOf(value));
        return false;
    }
    const QJsonObject o = value.toObject();
    const QJsonValue text = o.value(u"text"_s);
    if (!text.isString() && !text.isUndefined() && !text.isNull()) {
        *error = SkillCard::tr("%1.text must be a string, not %2.").arg(path, kindOf(text));
        return false;
    }
    out->text = text.toString();
    const QJsonValue image = o.value(u"image_url"_s);
    if (!image.isString() && !image.isUndefined() && !image.isNull()) {
        *error = SkillCard::tr("%1.image_url must be a string, not %2.").arg(path, kindOf(image));
        return false;
    }
    out->imageUrl = image.toString();
    const QJsonValue appears = o.value(u"appears"_s);
    if (appears.isArray()) {
        const QJsonArray list = appears.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            SkillCardAppearance a;
            if (!readAppearance(list.at(i), u"%1.appears[%2]"_s.arg(path).arg(i), &a, error))
                return false;
            out->appears.append(a);
        }
    } else if (!appears.isUndefined() && !appears.isNull()) {
        *error =
            SkillCard::tr("%1.appears must be a list [...], not %2.").arg(path, kindOf(appears));
        return false;
    }
    out->extra = extraOf(o, entryKeys());
    return true;
}

QString idOf(const QJsonObject &card, const QString &key)
{
    const QJsonValue v = card.value(key).toObject().value(u"id"_s);
    if (v.isDouble())
        return numberText(v.toDouble());
    return v.toString();
}

} // namespace

QString skillCardTypeKey(SkillCardType type)
{
    return typeKeys().at(int(type));
}

std::optional<SkillCardType> skillCardTypeFromKey(const QString &key)
{
    const qsizetype at = typeKeys().indexOf(key);
    if (at < 0)
        return std::nullopt;
    return SkillCardType(at);
}

const QStringList &SkillCard::statusCodes()
{
    static const QStringList codes{u"invoked"_s, u"processing"_s, u"success"_s,
                                   u"transient_failure"_s, u"permanent_failure"_s};
    return codes;
}

bool SkillCard::operator==(const SkillCard &other) const
{
    return type == other.type && titleCode == other.titleCode &&
           titleMessage == other.titleMessage && skillId == other.skillId &&
           invocationId == other.invocationId && duration == other.duration &&
           entries == other.entries && statusCode == other.statusCode &&
           statusMessage == other.statusMessage && createdAt == other.createdAt &&
           extra == other.extra;
}

QJsonObject SkillCard::toJson() const
{
    QJsonObject card = extra;
    card.insert(u"type"_s, u"skill_card"_s);
    card.insert(u"skill_card_type"_s, skillCardTypeKey(type));
    if (!titleCode.isEmpty() || !titleMessage.isEmpty()) {
        QJsonObject title;
        if (!titleCode.isEmpty())
            title.insert(u"code"_s, titleCode);
        title.insert(u"message"_s, titleMessage);
        card.insert(u"skill_card_title"_s, title);
    }
    card.insert(u"skill"_s, QJsonObject{{u"type"_s, u"service"_s}, {u"id"_s, skillId}});
    card.insert(u"invocation"_s,
                QJsonObject{{u"type"_s, u"skill_invocation"_s}, {u"id"_s, invocationId}});
    if (duration)
        card.insert(u"duration"_s, *duration);
    if (!createdAt.isEmpty())
        card.insert(u"created_at"_s, createdAt);
    if (type == SkillCardType::Status) {
        QJsonObject status{{u"code"_s, statusCode}};
        if (!statusMessage.isEmpty())
            status.insert(u"message"_s, statusMessage);
        card.insert(u"status"_s, status);
        return card;
    }
    const bool timed = type == SkillCardType::Timeline || type == SkillCardType::Transcript;
    QJsonArray list;
    for (const SkillCardEntry &e : entries) {
        QJsonObject entry = e.extra;
        entry.insert(u"text"_s, e.text);
        if (!e.imageUrl.isEmpty())
            entry.insert(u"image_url"_s, e.imageUrl);
        if (timed || !e.appears.isEmpty()) {
            QJsonArray appears;
            for (const SkillCardAppearance &a : e.appears) {
                QJsonObject at{{u"start"_s, a.start}};
                if (a.end)
                    at.insert(u"end"_s, *a.end);
                appears.append(at);
            }
            entry.insert(u"appears"_s, appears);
        }
        list.append(entry);
    }
    card.insert(u"entries"_s, list);
    return card;
}

std::optional<SkillCard> SkillCard::fromJson(const QJsonObject &json, QString *error)
{
    QString own;
    QString *out = error ? error : &own;
    const QJsonValue typeValue = json.value(u"type"_s);
    if (!typeValue.isUndefined() && typeValue.toString() != u"skill_card"_s) {
        *out = tr("type must be \"skill_card\".");
        return std::nullopt;
    }
    const QJsonValue kind = json.value(u"skill_card_type"_s);
    const std::optional<SkillCardType> type = skillCardTypeFromKey(kind.toString());
    if (!type) {
        *out = kind.isUndefined()
                   ? tr("skill_card_type is missing.")
                   : tr("skill_card_type must be one of %1.").arg(typeKeys().join(u", "_s));
        return std::nullopt;
    }
    SkillCard card;
    card.type = *type;
    const QJsonValue title = json.value(u"skill_card_title"_s);
    if (title.isObject()) {
        card.titleCode = title.toObject().value(u"code"_s).toString();
        card.titleMessage = title.toObject().value(u"message"_s).toString();
    } else if (!title.isUndefined() && !title.isNull()) {
        *out =
            tr("skill_card_title must be an object {\"message\": ...}, not %1.").arg(kindOf(title));
        return std::nullopt;
    }
    for (const QString &key : {u"skill"_s, u"invocation"_s}) {
        const QJsonValue v = json.value(key);
        if (!v.isObject() && !v.isUndefined() && !v.isNull()) {
            *out = tr("%1 must be an object {\"id\": ...}, not %2.").arg(key, kindOf(v));
            return std::nullopt;
        }
    }
    card.skillId = idOf(json, u"skill"_s);
    card.invocationId = idOf(json, u"invocation"_s);
    const QJsonValue duration = json.value(u"duration"_s);
    if (duration.isDouble()) {
        card.duration = duration.toDouble();
    } else if (!duration.isUndefined() && !duration.isNull()) {
        *out = tr("duration must be a number of seconds, not %1.").arg(kindOf(duration));
        return std::nullopt;
    }
    card.createdAt = json.value(u"created_at"_s).toString();

    if (card.type == SkillCardType::Status) {
        const QJsonValue status = json.value(u"status"_s);
        if (status.isObject()) {
            card.statusCode = status.toObject().value(u"code"_s).toString();
            card.statusMessage = status.toObject().value(u"message"_s).toString();
        } else if (!status.isUndefined() && !status.isNull()) {
            *out = tr("status must be an object {\"code\": ...}, not %1.").arg(kindOf(status));
            return std::nullopt;
        }
    } else {
        const QJsonValue entries = json.value(u"entries"_s);
        if (entries.isArray()) {
            const QJsonArray list = entries.toArray();
            for (qsizetype i = 0; i < list.size(); ++i) {
                SkillCardEntry entry;
                if (!readEntry(list.at(i), u"entries[%1]"_s.arg(i), &entry, out))
                    return std::nullopt;
                card.entries.append(entry);
            }
        } else if (entries.isUndefined() || entries.isNull()) {
            *out = tr("entries is missing: a %1 card needs a list of entries.")
                       .arg(skillCardTypeKey(card.type));
            return std::nullopt;
        } else {
            *out = tr("entries must be a list [...], not %1.").arg(kindOf(entries));
            return std::nullopt;
        }
    }
    QStringList known = cardKeys();
    if (card.type != SkillCardType::Status)
        known.removeAll(u"status"_s);
    else
        known.removeAll(u"entries"_s);
    card.extra = extraOf(json, known);
    return card;
}

QStringList SkillCard::problems() const
{
    QStringList list;
    if (skillId.isEmpty())
        list.append(
            tr("skill.id is missing: Box needs the ID of the service that wrote the card."));
    if (invocationId.isEmpty())
        list.append(tr("invocation.id is missing: Box needs the ID of the Skill invocation."));
    if (!titleCode.isEmpty() && titleMessage.isEmpty())
        list.append(tr("skill_card_title.message is missing: Box needs the title to show."));
    if (duration && (*duration < 0 || !isWhole(*duration)))
        list.append(tr("duration must be a whole, non-negative number of seconds."));

    if (type == SkillCardType::Status) {
        if (statusCode.isEmpty())
            list.append(tr("status.code is missing."));
        else if (!statusCodes().contains(statusCode))
            list.append(tr("status.code \"%1\" is not one of %2.")
                            .arg(statusCode, statusCodes().join(u", "_s)));
        return list;
    }

    for (qsizetype i = 0; i < entries.size(); ++i) {
        const SkillCardEntry &e = entries.at(i);
        const QString path = u"entries[%1]"_s.arg(i);
        if (e.text.isEmpty() && type != SkillCardType::Timeline)
            list.append(tr("%1.text is empty.").arg(path));
        if (type == SkillCardType::Timeline && e.imageUrl.isEmpty())
            list.append(tr("%1.image_url is missing: Box needs an image for every timeline "
                           "entry.")
                            .arg(path));
        if (type == SkillCardType::Keyword)
            continue;
        if (e.appears.isEmpty()) {
            list.append(
                type == SkillCardType::Timeline
                    ? tr("%1.appears is empty: a timeline entry needs at least one "
                         "{start, end}.")
                          .arg(path)
                    : tr("%1.appears is empty: a transcript entry needs a start time.").arg(path));
        }
        for (qsizetype j = 0; j < e.appears.size(); ++j) {
            const SkillCardAppearance &a = e.appears.at(j);
            const QString at = u"%1.appears[%2]"_s.arg(path).arg(j);
            if (a.start < 0 || !isWhole(a.start))
                list.append(
                    tr("%1.start must be a whole, non-negative number of seconds.").arg(at));
            if (type != SkillCardType::Timeline)
                continue;
            if (!a.end) {
                list.append(tr("%1.end is missing: a timeline entry needs start and end.").arg(at));
            } else if (!isWhole(*a.end)) {
                list.append(tr("%1.end must be a whole number of seconds.").arg(at));
            } else if (a.start > *a.end) {
                list.append(tr("%1: start %2 is after end %3.")
                                .arg(at, numberText(a.start), numberText(*a.end)));
            }
        }
    }
    return list;
}

QString SkillCard::kitTitleCode(const QString &title)
{
    QString code = title.simplified().toLower();
    code.replace(u' ', u'_');
    return u"skills_"_s + code;
}

QList<SkillCard> SkillCards::fromMetadata(const QJsonObject &metadata, QStringList *problems)
{
    QList<SkillCard> cards;
    const QJsonValue list = metadata.value(u"cards"_s);
    if (!list.isArray()) {
        if (problems) {
            problems->append(
                list.isUndefined()
                    ? SkillCard::tr("cards is missing.")
                    : SkillCard::tr("cards must be a list [...], not %1.").arg(kindOf(list)));
        }
        return cards;
    }
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        QString error;
        std::optional<SkillCard> card;
        if (array.at(i).isObject())
            card = SkillCard::fromJson(array.at(i).toObject(), &error);
        else
            error = SkillCard::tr("a card must be an object, not %1.").arg(kindOf(array.at(i)));
        if (card)
            cards.append(*card);
        else if (problems)
            problems->append(u"cards[%1]: %2"_s.arg(i).arg(error));
    }
    return cards;
}

QJsonArray SkillCards::toJsonArray(const QList<SkillCard> &cards)
{
    QJsonArray array;
    for (const SkillCard &card : cards)
        array.append(card.toJson());
    return array;
}

QJsonObject SkillCards::toMetadata(const QList<SkillCard> &cards)
{
    return {{u"cards"_s, toJsonArray(cards)}};
}
