#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Box's four Skill card types (skill_card_type).
enum class SkillCardType
{
    Keyword,
    Timeline,
    Transcript,
    Status,
};

// "keyword", "timeline", "transcript", "status".
QString skillCardTypeKey(SkillCardType type);
// nullopt for anything else.
std::optional<SkillCardType> skillCardTypeFromKey(const QString &key);

// When an entry appears, in seconds. Transcript entries have a start only.
struct SkillCardAppearance
{
    double start = 0;
    std::optional<double> end;

    bool operator==(const SkillCardAppearance &other) const
    {
        return start == other.start && end == other.end;
    }
};

// One entry of a keyword, timeline or transcript card.
struct SkillCardEntry
{
    QString text;
    QString imageUrl; // timeline only (image_url); empty = none
    QList<SkillCardAppearance> appears;
    QJsonObject extra; // keys not modelled here (e.g. the kit's "type":"image"), kept as read

    bool operator==(const SkillCardEntry &other) const
    {
        return text == other.text && imageUrl == other.imageUrl && appears == other.appears &&
               extra == other.extra;
    }
};

// One Box Skill card (a member of the boxSkillsCards metadata's "cards" list).
struct SkillCard
{
    Q_DECLARE_TR_FUNCTIONS(SkillCard)
public:
    // Box's status codes (StatusSkillCard.status.code, and the skill_invocations status).
    static const QStringList &
    statusCodes(); // invoked, processing, success, transient_failure, permanent_failure

    SkillCardType type = SkillCardType::Keyword;
    QString titleCode;              // skill_card_title.code (optional)
    QString titleMessage;           // skill_card_title.message (required when there is a title)
    QString skillId;                // skill.id (skill.type is always "service")
    QString invocationId;           // invocation.id (invocation.type is always "skill_invocation")
    std::optional<double> duration; // timeline / transcript, seconds
    QList<SkillCardEntry> entries;  // keyword / timeline / transcript
    QString statusCode;             // status cards
    QString statusMessage;          // status cards (optional)
    QString createdAt;              // as written (ISO 8601), empty = none
    QJsonObject extra; // top-level keys not modelled here, kept as read and written back

    // Box card JSON: {"type":"skill_card","skill_card_type":...,"skill_card_title":{...},
    // "skill":{"type":"service","id"},"invocation":{"type":"skill_invocation","id"},
    // "entries":[...] | "status":{...}[, "duration"][, "created_at"]}.
    QJsonObject toJson() const;
    // Reads a card. nullopt (with *error, plain language naming the field) when it is not a
    // card this app can read: no/unknown skill_card_type, entries that are not a list, ...
    // Cards read here may still have problems() (fromJson is lenient, problems() is strict).
    static std::optional<SkillCard> fromJson(const QJsonObject &json, QString *error);
    // What Box would refuse, one plain line each, naming the field ("entries[2].appears[0]:
    // start 5 is after end 3"). Empty for a valid card.
    QStringList problems() const;

    // The Box Skills kit's title code convention: "skills_" + the lower-case title with
    // spaces as underscores ("Topics" -> "skills_topics").
    static QString kitTitleCode(const QString &title);

    bool operator==(const SkillCard &other) const;
    bool operator!=(const SkillCard &other) const { return !(*this == other); }
};

namespace SkillCards {

// The cards of a global/boxSkillsCards metadata instance ({"cards":[...], "$id":...}).
// Unreadable cards are skipped with a line in *problems ("cards[1]: ...").
QList<SkillCard> fromMetadata(const QJsonObject &metadata, QStringList *problems);
// {"cards":[...]} as POST /files/{id}/metadata/global/boxSkillsCards takes it.
QJsonObject toMetadata(const QList<SkillCard> &cards);
// The JSON array of cards (the "cards" value, the skill_invocations metadata.cards).
QJsonArray toJsonArray(const QList<SkillCard> &cards);

} // namespace SkillCards
