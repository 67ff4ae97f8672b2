#include "core/appusers/userpagereader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QVarLengthArray>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace {

// One JSON value as the reader saw it. Strings are views into the body (no escapes, valid
// UTF-8); integers are whole numbers without fraction or exponent; a nested array or object
// was checked and skipped.
struct Scalar
{
    enum class Kind
    {
        String,
        Integer,
        Null,
        True,
        False,
        Nested,
    };
    Kind kind = Kind::Null;
    QByteArrayView text;
    bool ascii = true;
    qint64 integer = 0;

    QString string() const
    {
        if (kind != Kind::String)
            return {};
        if (ascii)
            return QString::fromLatin1(text);
        QString s = QString::fromUtf8(text);
        s.squeeze(); // as AppUserRow::fromJson keeps its strings
        return s;
    }
    QJsonValue json() const
    {
        switch (kind) {
        case Kind::String:
            return string();
        case Kind::Integer:
            return integer;
        case Kind::True:
            return true;
        case Kind::False:
            return false;
        case Kind::Null:
        case Kind::Nested:
            break;
        }
        return QJsonValue(QJsonValue::Null);
    }
};

// Well-formed UTF-8 without surrogates, code points above U+10FFFF or noncharacters.
bool isPlainUtf8(QByteArrayView text)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *end = p + text.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int more = 0;
        char32_t cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - p <= more)
            return false;
        for (int i = 1; i <= more; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        const char32_t minimum = more == 1 ? 0x80 : more == 2 ? 0x800 : 0x10000;
        if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
            (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
            return false;
        p += more + 1;
    }
    return true;
}

// Eight bytes of a string that need no look: none is '"', '\\', a control character or
// non-ASCII (SWAR: a byte test on all eight at once).
bool isPlainBlock(quint64 v)
{
    constexpr quint64 Ones = 0x0101010101010101ULL;
    constexpr quint64 Highs = 0x8080808080808080ULL;
    const auto hasZero = [](quint64 x) { return (x - Ones) & ~x & Highs; };
    const quint64 special = hasZero(v ^ (Ones * '"')) | hasZero(v ^ (Ones * '\\')) |
                            ((v - Ones * 0x20) & ~v & Highs) | (v & Highs);
    return special == 0;
}

class Reader
{
public:
    explicit Reader(const QByteArray &body)
        : m_p(body.constData()), m_end(body.constData() + body.size())
    {}

    std::optional<UserPage> page()
    {
        UserPage page;
        if (!take('{'))
            return std::nullopt;
        bool sawEntries = false;
        if (!take('}')) {
            do {
                Scalar key;
                if (!string(&key) || !take(':'))
                    return std::nullopt;
                const QString name = key.string();
                if (name == u"entries"_s) {
                    if (sawEntries || !entries(&page.rows))
                        return std::nullopt;
                    sawEntries = true;
                    continue;
                }
                Scalar value;
                if (page.members.size() >= UserPage::MaxKeys || page.members.contains(name) ||
                    !scalar(&value, 1) || value.kind == Scalar::Kind::Nested)
                    return std::nullopt;
                page.members.insert(name, value.json());
            } while (take(','));
            if (!take('}'))
                return std::nullopt;
        }
        skipSpace();
        if (m_p != m_end)
            return std::nullopt; // something after the object
        return page;
    }

private:
    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    bool take(char c)
    {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool literal(const char *word)
    {
        for (; *word; ++word, ++m_p) {
            if (m_p >= m_end || *m_p != *word)
                return false;
        }
        return true;
    }

    // A string without escapes or control characters; valid UTF-8.
    bool string(Scalar *out)
    {
        if (!take('"'))
            return false;
        const char *begin = m_p;
        bool ascii = true;
        while (m_end - m_p >= 8) {
            quint64 block;
            std::memcpy(&block, m_p, sizeof block);
            if (!isPlainBlock(block))
                break;
            m_p += 8;
        }
        while (m_p < m_end && *m_p != '"') {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '\\' || c < 0x20)
                return false;
            ascii = ascii && c < 0x80;
            ++m_p;
        }
        if (m_p >= m_end)
            return false;
        out->kind = Scalar::Kind::String;
        out->text = QByteArrayView(begin, m_p - begin);
        out->ascii = ascii;
        ++m_p; // the closing quote
        return ascii || isPlainUtf8(out->text);
    }

    // -?(0|[1-9][0-9]*) with at most 18 digits (always a qint64), not followed by a fraction
    // or an exponent.
    bool integer(Scalar *out)
    {
        bool negative = false;
        if (m_p < m_end && *m_p == '-') {
            negative = true;
            ++m_p;
        }
        const char *begin = m_p;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
            ++m_p;
        const qsizetype count = m_p - begin;
        if (count > 18)
            return false;
        qint64 value = 0;
        for (const char *d = begin; d < m_p; ++d)
            value = value * 10 + (*d - '0');
        if (count == 0 || (count > 1 && *begin == '0'))
            return false;
        if (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E'))
            return false;
        if (negative && value == 0)
            return false; // -0 is a double in QJsonDocument
        out->kind = Scalar::Kind::Integer;
        out->integer = negative ? -value : value;
        return true;
    }

    // Any value: scalars into *out, arrays and objects checked and skipped (Kind::Nested).
    bool scalar(Scalar *out, int depth)
    {
        skipSpace();
        if (m_p >= m_end)
            return false;
        switch (*m_p) {
        case '"':
            return string(out);
        case 't':
            out->kind = Scalar::Kind::True;
            return literal("true");
        case 'f':
            out->kind = Scalar::Kind::False;
            return literal("false");
        case 'n':
            out->kind = Scalar::Kind::Null;
            return literal("null");
        case '[':
        case '{':
            out->kind = Scalar::Kind::Nested;
            return skipNested(depth + 1);
        default:
            return integer(out);
        }
    }

    bool skipNested(int depth)
    {
        if (depth > UserPage::MaxDepth)
            return false;
        Scalar ignored;
        if (take('[')) {
            if (take(']'))
                return true;
            do {
                if (!scalar(&ignored, depth))
                    return false;
            } while (take(','));
            return take(']');
        }
        if (!take('{'))
            return false;
        if (take('}'))
            return true;
        QVarLengthArray<QByteArrayView, 16> keys;
        do {
            Scalar key;
            if (keys.size() >= UserPage::MaxKeys || !string(&key) || keys.contains(key.text) ||
                !take(':') || !scalar(&ignored, depth))
                return false;
            keys.append(key.text);
        } while (take(','));
        return take('}');
    }

    bool entries(QList<AppUserRow> *rows)
    {
        if (!take('['))
            return false;
        if (take(']'))
            return true;
        do {
            AppUserRow row;
            if (!entry(&row))
                return false;
            rows->append(std::move(row));
        } while (take(','));
        return take(']');
    }

    // One user, as AppUserRow::fromJson reads it.
    bool entry(AppUserRow *row)
    {
        enum Field : unsigned
        {
            Id = 1,
            Name = 2,
            Login = 4,
            ExternalId = 8,
            Status = 16,
            SpaceUsed = 32,
            SpaceAmount = 64,
            CreatedAt = 128,
            PlatformAccessOnly = 256,
        };
        Scalar id, name, login, externalId, status, spaceUsed, spaceAmount, createdAt,
            platformAccessOnly;
        unsigned seen = 0;
        QVarLengthArray<QByteArrayView, 8> otherKeys;
        if (!take('{'))
            return false;
        if (!take('}')) {
            do {
                Scalar key;
                if (!string(&key) || !take(':'))
                    return false;
                const QByteArrayView k = key.text;
                Scalar *target = nullptr;
                unsigned field = 0;
                switch (k.size()) {
                case 2:
                    if (k == "id")
                        target = &id, field = Id;
                    break;
                case 4:
                    if (k == "name")
                        target = &name, field = Name;
                    break;
                case 5:
                    if (k == "login")
                        target = &login, field = Login;
                    break;
                case 6:
                    if (k == "status")
                        target = &status, field = Status;
                    break;
                case 10:
                    if (k == "space_used")
                        target = &spaceUsed, field = SpaceUsed;
                    else if (k == "created_at")
                        target = &createdAt, field = CreatedAt;
                    break;
                case 12:
                    if (k == "space_amount")
                        target = &spaceAmount, field = SpaceAmount;
                    break;
                case 20:
                    if (k == "external_app_user_id")
                        target = &externalId, field = ExternalId;
                    break;
                case 23:
                    if (k == "is_platform_access_only")
                        target = &platformAccessOnly, field = PlatformAccessOnly;
                    break;
                default:
                    break;
                }
                if (target) {
                    if (seen & field)
                        return false; // a duplicate key: QJsonDocument decides
                    seen |= field;
                    if (!scalar(target, 1))
                        return false;
                    continue;
                }
                Scalar ignored;
                if (otherKeys.size() >= UserPage::MaxKeys || otherKeys.contains(k) ||
                    !scalar(&ignored, 1))
                    return false;
                otherKeys.append(k);
            } while (take(','));
            if (!take('}'))
                return false;
        }
        const auto number = [](const Scalar &s, qint64 otherwise) {
            return s.kind == Scalar::Kind::Integer ? s.integer : otherwise;
        };
        row->id = id.kind == Scalar::Kind::String ? id.string() : QString::number(number(id, 0));
        bool ok = false;
        row->numericId = row->id.toLongLong(&ok);
        if (!ok)
            row->numericId = 0;
        row->name = name.string();
        row->login = login.string();
        row->externalAppUserId = externalId.string();
        row->status = AppUserRow::statusFromName(status.string());
        row->spaceUsed = number(spaceUsed, -1);
        row->spaceAmount = qMax<qint64>(-1, number(spaceAmount, -1)); // as AppUserRow::fromJson
        row->createdMsecs = AppUserRow::parseTime(createdAt.string());
        const int accessOnly = platformAccessOnly.kind == Scalar::Kind::True    ? 1
                               : platformAccessOnly.kind == Scalar::Kind::False ? 0
                                                                                : -1;
        row->type = AppUserRow::typeOf(accessOnly, row->login);
        return true;
    }

    const char *m_p;
    const char *m_end;
};

} // namespace

std::optional<UserPage> UserPage::read(const QByteArray &body)
{
    return Reader(body).page();
}

std::optional<UserPage> UserPage::readAny(const QByteArray &body)
{
    if (std::optional<UserPage> fast = read(body))
        return fast;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return std::nullopt;
    UserPage page;
    page.members = doc.object();
    page.rows = AppUserRow::fromJsonArray(page.members.take(u"entries"_s).toArray());
    return page;
}
