#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One entry of a Skill token's restricted_to list, e.g. {"scope":"item_read",
// "object_type":"file","object_id":"340708371275"} (object fields empty when absent).
struct SkillTokenRestriction
{
    QString scope;
    QString objectType;
    QString objectId; // Box sends a number; kept as text

    bool operator==(const SkillTokenRestriction &other) const
    {
        return scope == other.scope && objectType == other.objectType && objectId == other.objectId;
    }
};

// One of the two tokens of a Skills event (token.read or token.write).
struct SkillToken
{
    Q_DECLARE_TR_FUNCTIONS(SkillToken)
public:
    // How expires_in reads: Box's API reference says a lifetime in seconds (3600); Box's
    // developer docs example holds 1540924150, a Unix time (2018-10-30).
    enum class ExpiryReading
    {
        Unknown,  // no expires_in
        Seconds,  // seconds from the payload's created_at (or from when it was received)
        UnixTime, // seconds since 1970-01-01 UTC
        Invalid,  // negative, or beyond MaxExpiresIn: no expiry can be read from it
    };
    // expires_in above this reads as a Unix time (10^8 s is over three years; 10^8 as a Unix
    // time is 1973).
    static constexpr qint64 UnixTimeThreshold = 100000000;
    // The largest expires_in read at all: 9999-12-31 23:59:59 UTC as a Unix time.
    static constexpr qint64 MaxExpiresIn = 253402300799;

    QString accessToken;     // secret: never in problems, logs or the request inspector
    qint64 expiresIn = -1;   // as the payload holds it; -1 when absent or not a qint64
    QString expiresInText;   // expires_in as sent (e.g. "3600", "-5", "1e+300"); empty = absent
    QString tokenType;       // "bearer"
    QString restrictedToRaw; // restricted_to as sent (a JSON array inside a string)
    QList<SkillTokenRestriction> restrictedTo;

    ExpiryReading expiryReading() const;
    // What `issuedAt` (the start of a lifetime in seconds) is.
    enum class IssuedFrom
    {
        CreatedAt, // the payload's created_at
        Receipt,   // the payload had no readable created_at: when it was received
    };
    // When the token expires under expiryReading(): `issuedAt` is the payload's created_at or,
    // without one, when it was received (SkillPayload::issuedAt(); used only for the Seconds
    // reading). Invalid when unknown.
    QDateTime expiresAt(const QDateTime &issuedAt) const;
    // One plain line for the UI, e.g. "expires_in 3600 reads as seconds: expires 2026-12-05
    // 22:15 UTC (1 hour after the event)" or "expires_in 1540924150 is a Unix time: expired
    // 2018-10-30 18:29 UTC". Prefer SkillPayload::expiryExplanation, which passes `from`.
    QString expiryExplanation(const QDateTime &issuedAt, const QDateTime &now,
                              IssuedFrom from = IssuedFrom::CreatedAt) const;
    // Scopes in restrictedTo, in order (e.g. "item_read").
    QStringList scopes() const;
    // The object IDs of restrictions with objectType "file".
    QStringList fileIds() const;
};

// A Box Skills event payload, as Box POSTs it to the Skill's invocation URL.
struct SkillPayload
{
    Q_DECLARE_TR_FUNCTIONS(SkillPayload)
public:
    QJsonObject raw; // the whole payload

    QString id;      // the invocation ID
    QString type;    // "skill_invocation"
    QString trigger; // "FILE_CONTENT"
    QString createdAtText;
    QDateTime createdAt;  // UTC; invalid when missing or unreadable (no offset = UTC)
    QDateTime receivedAt; // UTC: when the payload was received (or parsed)

    QString skillId;
    QString skillName;
    QString skillApiKey; // the Skill's API key (not a token, still not logged)

    QString enterpriseId;
    QString enterpriseName;

    QJsonObject source; // the file, as sent
    QString sourceId;
    QString sourceName;
    QString sourceType;
    qint64 sourceSize = -1; // -1 when absent
    QString fileVersionId;
    QString parentId;

    QJsonObject event; // as sent
    QString eventType;
    QString eventId;
    QString eventCreatedAtText;
    QString eventCreatedByName;
    QString eventCreatedByLogin;

    QString statusState; // "invoked"
    QString statusMessage;
    QString statusErrorCode;

    QJsonObject parameters;

    SkillToken readToken;
    SkillToken writeToken;

    // Parses `json`. Returns nullopt when it is not a JSON object or a required field is
    // missing or of the wrong type; *problems (if given) gets one plain line per problem:
    // a syntax error with its offset, or the field's JSON path ("token.read.access_token
    // is missing", "source.id must be a string"), or "token.write.restricted_to is not valid
    // JSON". A payload with only lesser problems (e.g. unreadable created_at) is returned with
    // those problems listed. Never quotes a token value.
    // Required: id, skill.id, source.id, token.read.access_token, token.write.access_token.
    // `receivedAt`: when the payload arrived (invalid = now); a lifetime in seconds counts
    // from it when the payload has no readable created_at.
    static std::optional<SkillPayload> parse(const QByteArray &json, QStringList *problems,
                                             const QDateTime &receivedAt = {});

    // Where a token's lifetime in seconds starts: created_at, else receivedAt.
    QDateTime issuedAt() const { return createdAt.isValid() ? createdAt : receivedAt; }
    SkillToken::IssuedFrom issuedFrom() const
    {
        return createdAt.isValid() ? SkillToken::IssuedFrom::CreatedAt
                                   : SkillToken::IssuedFrom::Receipt;
    }
    // `token` (readToken or writeToken) counted from issuedAt().
    QDateTime expiresAt(const SkillToken &token) const { return token.expiresAt(issuedAt()); }
    QString expiryExplanation(const SkillToken &token, const QDateTime &now) const
    {
        return token.expiryExplanation(issuedAt(), now, issuedFrom());
    }
};
