#include "core/skills/skillpayload.h"

#include "core/format/spanwording.h"
#include "core/format/wholenumber.h"
#include "core/skills/skillslogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {

// Reads fields by JSON path, collecting problems. Never quotes a value.
class FieldReader
{
public:
    explicit FieldReader(QStringList *problems) : m_problems(problems) {}

    bool failed() const { return m_failed; }

    void problem(const QString &text, bool fatal)
    {
        m_problems->append(text);
        m_failed = m_failed || fatal;
    }

    // The object at `key` of `parent` (path `path`); empty when absent or not an object.
    QJsonObject object(const QJsonObject &parent, const QString &key, const QString &path,
                       bool required)
    {
        const QJsonValue v = parent.value(key);
        if (v.isObject())
            return v.toObject();
        if (v.isUndefined() || v.isNull()) {
            if (required)
                problem(SkillPayload::tr("%1 is missing.").arg(path), true);
        } else {
            problem(SkillPayload::tr("%1 must be an object.").arg(path), required);
        }
        return {};
    }

    // A string (an integer number is accepted and written as text, as Box sends some IDs).
    QString text(const QJsonObject &parent, const QString &key, const QString &path, bool required)
    {
        const QJsonValue v = parent.value(key);
        if (v.isString()) {
            if (required && v.toString().isEmpty())
                problem(SkillPayload::tr("%1 is empty.").arg(path), true);
            return v.toString();
        }
        if (v.isDouble() && WholeNumber::isWhole(v.toDouble()))
            return QString::number(qint64(v.toDouble()));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                problem(SkillPayload::tr("%1 is missing.").arg(path), true);
        } else {
            problem(SkillPayload::tr("%1 must be a string.").arg(path), required);
        }
        return {};
    }

    // A whole number (a string of digits is accepted); -1 when absent or ill-typed.
    qint64 number(const QJsonObject &parent, const QString &key, const QString &path)
    {
        const QJsonValue v = parent.value(key);
        if (v.isDouble() && WholeNumber::isWhole(v.toDouble()))
            return qint64(v.toDouble());
        if (v.isString()) {
            bool ok = false;
            const qint64 n = v.toString().toLongLong(&ok);
            if (ok)
                return n;
        }
        if (v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() == std::trunc(v.toDouble()))
            problem(SkillPayload::tr("%1 is out of range (%2): it is too large to read.")
                        .arg(path, QString::number(v.toDouble())),
                    false);
        else if (!v.isUndefined() && !v.isNull())
            problem(SkillPayload::tr("%1 must be a whole number.").arg(path), false);
        return -1;
    }

private:
    QStringList *m_problems;
    bool m_failed = false;
};

QList<SkillTokenRestriction> readRestrictions(const QJsonArray &array, const QString &path,
                                              FieldReader *reader)
{
    QList<SkillTokenRestriction> list;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = u"%1[%2]"_s.arg(path).arg(i);
        if (!array.at(i).isObject()) {
            reader->problem(SkillPayload::tr("%1 must be an object.").arg(at), false);
            continue;
        }
        const QJsonObject o = array.at(i).toObject();
        SkillTokenRestriction r;
        r.scope = reader->text(o, u"scope"_s, at + u".scope"_s, false);
        r.objectType = reader->text(o, u"object_type"_s, at + u".object_type"_s, false);
        r.objectId = reader->text(o, u"object_id"_s, at + u".object_id"_s, false);
        list.append(r);
    }
    return list;
}

// expires_in: a whole number of seconds (or digits in a string). A negative value or one
// beyond SkillToken::MaxExpiresIn is kept (reading Invalid) and reported as a problem.
void readExpiresIn(const QJsonObject &o, const QString &path, SkillToken *token,
                   FieldReader *reader)
{
    const QJsonValue v = o.value(u"expires_in"_s);
    if (v.isUndefined() || v.isNull())
        return;
    token->expiresInText = v.isDouble() ? QString::number(v.toDouble()) : v.toString();
    if (v.isString() || v.isDouble()) {
        token->expiresIn = reader->number(o, u"expires_in"_s, path);
        if (token->expiresIn == -1 && token->expiresInText != u"-1"_s)
            return; // not a whole number: reported by number()
    } else {
        reader->problem(SkillPayload::tr("%1 must be a whole number.").arg(path), false);
        return;
    }
    if (token->expiresIn < 0)
        reader->problem(SkillPayload::tr("%1 is negative (%2): a token lifetime cannot be "
                                         "negative, so when this token expires is unknown.")
                            .arg(path, token->expiresInText),
                        false);
    else if (token->expiresIn > SkillToken::MaxExpiresIn)
        reader->problem(
            SkillPayload::tr("%1 is out of range (%2): it is neither a lifetime in seconds nor "
                             "a Unix time before the year 10000, so when this token expires is "
                             "unknown.")
                .arg(path, token->expiresInText),
            false);
}

SkillToken parseToken(const QJsonObject &tokens, const QString &key, FieldReader *reader)
{
    const QString path = u"token."_s + key;
    const QJsonObject o = reader->object(tokens, key, path, true);
    SkillToken token;
    if (o.isEmpty() && !tokens.value(key).isObject())
        return token;
    token.accessToken = reader->text(o, u"access_token"_s, path + u".access_token"_s, true);
    readExpiresIn(o, path + u".expires_in"_s, &token, reader);
    token.tokenType = reader->text(o, u"token_type"_s, path + u".token_type"_s, false);
    const QString restrictedPath = path + u".restricted_to"_s;
    const QJsonValue restricted = o.value(u"restricted_to"_s);
    if (restricted.isString()) {
        token.restrictedToRaw = restricted.toString();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(token.restrictedToRaw.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) {
            reader->problem(SkillPayload::tr("%1 is not valid JSON (%2 at offset %3).")
                                .arg(restrictedPath, error.errorString())
                                .arg(error.offset),
                            false);
        } else if (!doc.isArray()) {
            reader->problem(SkillPayload::tr("%1 must hold a JSON list.").arg(restrictedPath),
                            false);
        } else {
            token.restrictedTo = readRestrictions(doc.array(), restrictedPath, reader);
        }
    } else if (restricted.isArray()) {
        // Box documents a string holding JSON; a plain list is read the same way.
        token.restrictedToRaw =
            QString::fromUtf8(QJsonDocument(restricted.toArray()).toJson(QJsonDocument::Compact));
        token.restrictedTo = readRestrictions(restricted.toArray(), restrictedPath, reader);
    } else if (!restricted.isUndefined() && !restricted.isNull()) {
        reader->problem(SkillPayload::tr("%1 must be a string.").arg(restrictedPath), false);
    }
    return token;
}

QString utcText(const QDateTime &at)
{
    return at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC"_s;
}

} // namespace

SkillToken::ExpiryReading SkillToken::expiryReading() const
{
    if (expiresInText.isEmpty())
        return ExpiryReading::Unknown;
    if (expiresIn < 0 || expiresIn > MaxExpiresIn)
        return ExpiryReading::Invalid;
    return expiresIn > UnixTimeThreshold ? ExpiryReading::UnixTime : ExpiryReading::Seconds;
}

QDateTime SkillToken::expiresAt(const QDateTime &issuedAt) const
{
    switch (expiryReading()) {
    case ExpiryReading::Unknown:
    case ExpiryReading::Invalid:
        return {};
    case ExpiryReading::UnixTime:
        return QDateTime::fromSecsSinceEpoch(expiresIn, Qt::UTC);
    case ExpiryReading::Seconds:
        return issuedAt.isValid() ? issuedAt.toUTC().addSecs(expiresIn) : QDateTime();
    }
    return {};
}

QString SkillToken::expiryExplanation(const QDateTime &issuedAt, const QDateTime &now,
                                      IssuedFrom from) const
{
    const QDateTime at = expiresAt(issuedAt);
    QString when;
    if (at.isValid()) {
        const qint64 left = now.secsTo(at);
        when = left > 0 ? tr("expires %1, in %2.").arg(utcText(at), SpanWording::text(left))
                        : tr("expired %1, %2 ago.").arg(utcText(at), SpanWording::text(left));
    }
    switch (expiryReading()) {
    case ExpiryReading::Unknown:
        return tr("The payload has no expires_in: when this token expires is unknown.");
    case ExpiryReading::Invalid: {
        bool number = false;
        const double d = expiresInText.toDouble(&number);
        if (number && d < 0)
            return tr("expires_in %1 is negative: a lifetime cannot be negative, so when this "
                      "token expires is unknown.")
                .arg(expiresInText);
        if (number && std::isfinite(d) && d == std::trunc(d))
            return tr("expires_in %1 is out of range: it is neither a lifetime in seconds nor a "
                      "Unix time before the year 10000, so when this token expires is unknown.")
                .arg(expiresInText);
        return tr("expires_in %1 is not a whole number of seconds, so when this token expires "
                  "is unknown.")
            .arg(expiresInText);
    }
    case ExpiryReading::UnixTime:
        return tr("expires_in %1 is too large for a lifetime in seconds, so it reads as a Unix "
                  "time: %2")
            .arg(expiresIn)
            .arg(when);
    case ExpiryReading::Seconds:
        if (!at.isValid())
            return tr("expires_in %1 reads as a lifetime in seconds, but the payload has no "
                      "readable created_at to count from.")
                .arg(expiresIn);
        if (from == IssuedFrom::Receipt)
            return tr("expires_in %1 reads as a lifetime in seconds; the payload has no readable "
                      "created_at, so it counts from when the payload was received (%2, %3 "
                      "later): %4")
                .arg(expiresIn)
                .arg(utcText(issuedAt), SpanWording::text(expiresIn), when);
        return tr("expires_in %1 reads as a lifetime in seconds (%2 after the event at %3): %4")
            .arg(expiresIn)
            .arg(SpanWording::text(expiresIn), utcText(issuedAt), when);
    }
    return {};
}

QStringList SkillToken::scopes() const
{
    QStringList list;
    for (const SkillTokenRestriction &r : restrictedTo)
        list.append(r.scope);
    return list;
}

QStringList SkillToken::fileIds() const
{
    QStringList list;
    for (const SkillTokenRestriction &r : restrictedTo) {
        if (r.objectType == u"file"_s && !r.objectId.isEmpty() && !list.contains(r.objectId))
            list.append(r.objectId);
    }
    return list;
}

std::optional<SkillPayload> SkillPayload::parse(const QByteArray &json, QStringList *problems,
                                                const QDateTime &receivedAt)
{
    QStringList own;
    QStringList *out = problems ? problems : &own;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        out->append(tr("The payload is not valid JSON: %1 at offset %2.")
                        .arg(error.errorString())
                        .arg(error.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        out->append(tr("The payload must be a JSON object."));
        return std::nullopt;
    }

    FieldReader reader(out);
    SkillPayload p;
    p.receivedAt = receivedAt.isValid() ? receivedAt.toUTC() : QDateTime::currentDateTimeUtc();
    p.raw = doc.object();
    const QJsonObject &root = p.raw;
    p.id = reader.text(root, u"id"_s, u"id"_s, true);
    p.type = reader.text(root, u"type"_s, u"type"_s, false);
    if (!p.type.isEmpty() && p.type != u"skill_invocation"_s)
        reader.problem(tr("type is \"%1\"; a Skills event has \"skill_invocation\".").arg(p.type),
                       false);
    p.trigger = reader.text(root, u"trigger"_s, u"trigger"_s, false);
    p.createdAtText = reader.text(root, u"created_at"_s, u"created_at"_s, false);
    if (!p.createdAtText.isEmpty()) {
        p.createdAt = QDateTime::fromString(p.createdAtText, Qt::ISODateWithMs);
        // Without an offset ("2018-10-29T18:29:09") Qt reads local time; Box means UTC.
        if (p.createdAt.isValid() && p.createdAt.timeSpec() == Qt::LocalTime)
            p.createdAt.setTimeSpec(Qt::UTC);
        if (p.createdAt.isValid())
            p.createdAt = p.createdAt.toUTC();
        if (!p.createdAt.isValid())
            reader.problem(tr("created_at is not an ISO 8601 date and time."), false);
    }

    const QJsonObject skill = reader.object(root, u"skill"_s, u"skill"_s, true);
    p.skillId = reader.text(skill, u"id"_s, u"skill.id"_s, root.value(u"skill"_s).isObject());
    p.skillName = reader.text(skill, u"name"_s, u"skill.name"_s, false);
    p.skillApiKey = reader.text(skill, u"api_key"_s, u"skill.api_key"_s, false);

    const QJsonObject enterprise = reader.object(root, u"enterprise"_s, u"enterprise"_s, false);
    p.enterpriseId = reader.text(enterprise, u"id"_s, u"enterprise.id"_s, false);
    p.enterpriseName = reader.text(enterprise, u"name"_s, u"enterprise.name"_s, false);

    p.source = reader.object(root, u"source"_s, u"source"_s, true);
    const bool hasSource = root.value(u"source"_s).isObject();
    p.sourceId = reader.text(p.source, u"id"_s, u"source.id"_s, hasSource);
    p.sourceName = reader.text(p.source, u"name"_s, u"source.name"_s, false);
    p.sourceType = reader.text(p.source, u"type"_s, u"source.type"_s, false);
    p.sourceSize = reader.number(p.source, u"size"_s, u"source.size"_s);
    const QJsonObject version =
        reader.object(p.source, u"file_version"_s, u"source.file_version"_s, false);
    p.fileVersionId = reader.text(version, u"id"_s, u"source.file_version.id"_s, false);
    const QJsonObject parent = reader.object(p.source, u"parent"_s, u"source.parent"_s, false);
    p.parentId = reader.text(parent, u"id"_s, u"source.parent.id"_s, false);

    p.event = reader.object(root, u"event"_s, u"event"_s, false);
    p.eventType = reader.text(p.event, u"event_type"_s, u"event.event_type"_s, false);
    p.eventId = reader.text(p.event, u"event_id"_s, u"event.event_id"_s, false);
    p.eventCreatedAtText = reader.text(p.event, u"created_at"_s, u"event.created_at"_s, false);
    const QJsonObject createdBy =
        reader.object(p.event, u"created_by"_s, u"event.created_by"_s, false);
    p.eventCreatedByName = reader.text(createdBy, u"name"_s, u"event.created_by.name"_s, false);
    p.eventCreatedByLogin = reader.text(createdBy, u"login"_s, u"event.created_by.login"_s, false);

    const QJsonObject status = reader.object(root, u"status"_s, u"status"_s, false);
    p.statusState = reader.text(status, u"state"_s, u"status.state"_s, false);
    p.statusMessage = reader.text(status, u"message"_s, u"status.message"_s, false);
    p.statusErrorCode = reader.text(status, u"error_code"_s, u"status.error_code"_s, false);

    p.parameters = reader.object(root, u"parameters"_s, u"parameters"_s, false);

    const QJsonObject tokens = reader.object(root, u"token"_s, u"token"_s, true);
    if (root.value(u"token"_s).isObject()) {
        p.readToken = parseToken(tokens, u"read"_s, &reader);
        p.writeToken = parseToken(tokens, u"write"_s, &reader);
    }

    qCDebug(lcSkills) << "Skills payload parsed:" << out->size() << "problem(s)"
                      << (reader.failed() ? "(refused)" : "");
    if (reader.failed())
        return std::nullopt;
    return p;
}
