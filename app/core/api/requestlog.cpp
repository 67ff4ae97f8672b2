#include "core/api/requestlog.h"

#include "core/api/redaction.h"

#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace {
QString shellQuote(const QString &s)
{
    QString out = s;
    out.replace(u"'"_s, u"'\\''"_s);
    return u"'"_s + out + u"'"_s;
}

// A form key that is safe inside double quotes in a shell: [A-Za-z0-9_.%-]+ (percent-encoded
// bytes stay encoded, so nothing the shell reads specially).
bool isPlainFormKey(const QByteArray &key)
{
    if (key.isEmpty())
        return false;
    for (const char c : key) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '%' || c == '-';
        if (!plain)
            return false;
    }
    return true;
}
} // namespace

RequestLog::RequestLog(QObject *parent) : QAbstractTableModel(parent) {}

int RequestLog::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLog::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLog::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestLogEntry &e = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case TimeColumn:
            return e.startedAt.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
        case AppColumn:
            return e.app;
        case MethodColumn:
            return QString::fromLatin1(e.method);
        case UrlColumn:
            return e.url.toString(QUrl::FullyEncoded);
        case StatusColumn:
            return e.status > 0 ? QString::number(e.status) : e.error;
        case DurationColumn:
            return tr("%1 ms").arg(e.durationMs);
        case RequestIdColumn:
            return e.requestId;
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !e.error.isEmpty())
        return e.error;
    if (role == Qt::TextAlignmentRole &&
        (index.column() == StatusColumn || index.column() == DurationColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RequestLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case AppColumn:
        return tr("App");
    case MethodColumn:
        return tr("Method");
    case UrlColumn:
        return tr("URL");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case RequestIdColumn:
        return tr("Request ID");
    default:
        return {};
    }
}

QByteArray RequestLog::scrub(const QByteArray &text) const
{
    return Redaction::scrub(Redaction::scrub(text, m_longLivedSecrets), m_shortLivedSecrets);
}

void RequestLog::append(RequestLogEntry e)
{
    const auto scrub = [this](const QByteArray &text) { return this->scrub(text); };
    e.url = QUrl::fromEncoded(scrub(Redaction::redactUrl(e.url).toEncoded()));
    e.requestHeaders = Redaction::redactHeaders(e.requestHeaders);
    e.responseHeaders = Redaction::redactHeaders(e.responseHeaders);
    for (auto *headers : {&e.requestHeaders, &e.responseHeaders}) {
        for (auto &h : *headers)
            h.second = scrub(h.second);
    }
    // A body too large to keep is dropped before redaction, so nothing unredacted is stored.
    const auto keep = [&scrub](const QByteArray &body, const QByteArray &contentType) {
        if (body.size() <= MaxBodyBytes)
            return scrub(Redaction::redactBody(body, contentType));
        return tr("(%1 KB body not kept: the request log keeps bodies up to %2 KB)")
            .arg(body.size() / 1024)
            .arg(MaxBodyBytes / 1024)
            .toUtf8();
    };
    e.requestBody = keep(e.requestBody, e.requestContentType);
    e.responseBody = keep(e.responseBody, e.responseContentType);
    e.error = QString::fromUtf8(scrub(Redaction::redactPatterns(e.error.toUtf8())));
    for (QString &arg : e.curlForm)
        arg = QString::fromUtf8(scrub(Redaction::redactPatterns(arg.toUtf8())));

    if (m_entries.size() >= m_capacity) {
        const int drop = int(m_entries.size()) - m_capacity + 1;
        beginRemoveRows({}, 0, drop - 1);
        m_entries.remove(0, drop);
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(std::move(e));
    endInsertRows();
}

void RequestLog::setCapacity(int capacity)
{
    m_capacity = std::max(1, capacity);
    if (m_entries.size() > m_capacity) {
        const int drop = int(m_entries.size()) - m_capacity;
        beginRemoveRows({}, 0, drop - 1);
        m_entries.remove(0, drop);
        endRemoveRows();
    }
}

void RequestLog::clear()
{
    if (m_entries.isEmpty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

void RequestLog::addKnownSecret(const QString &value, SecretLifetime lifetime)
{
    const QByteArray v = value.toUtf8();
    if (v.size() < 4 || m_longLivedSecrets.contains(v))
        return;
    if (lifetime == SecretLifetime::LongLived) {
        m_shortLivedSecrets.removeOne(v); // now known to live long
        m_longLivedSecrets.append(v);
        return;
    }
    if (m_shortLivedSecrets.contains(v))
        return;
    if (m_shortLivedSecrets.size() >= MaxShortLivedSecrets)
        m_shortLivedSecrets.removeFirst();
    m_shortLivedSecrets.append(v);
}

QString RequestLog::curlCommand(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return {};
    return curlCommand(m_entries.at(row));
}

QString RequestLog::curlCommand(const RequestLogEntry &e)
{
    QStringList parts{u"curl"_s};
    if (e.method != "GET")
        parts << u"-X"_s << QString::fromLatin1(e.method);
    parts << shellQuote(e.url.toString(QUrl::FullyEncoded));
    for (const auto &h : e.requestHeaders) {
        const QByteArray name = h.first.toLower();
        if (name == "content-length" || name == "user-agent" || name == "host")
            continue;
        if (name == "content-type" && e.streamedBody && !e.curlForm.isEmpty())
            continue; // curl -F writes its own, with its own boundary
        if (name == "authorization") {
            // Double quotes so the shell expands the placeholder.
            parts << u"-H"_s << u"\"Authorization: Bearer $BOX_TOKEN\""_s;
            continue;
        }
        parts << u"-H"_s
              << shellQuote(QString::fromLatin1(h.first) + u": "_s + QString::fromUtf8(h.second));
    }
    if (e.streamedBody) {
        // The body was a file streamed from disk; the log holds only a description of it.
        if (e.curlForm.isEmpty())
            return parts.join(u' ') +
                   tr(" # the body (file content) was streamed and is not repeated here");
        for (qsizetype i = 0; i + 1 < e.curlForm.size(); i += 2)
            parts << e.curlForm.at(i) << shellQuote(e.curlForm.at(i + 1));
        return parts.join(u' ');
    }
    if (e.requestBody.isEmpty())
        return parts.join(u' ');
    if (!e.requestContentType.toLower().contains("x-www-form-urlencoded")) {
        parts << u"--data-raw"_s << shellQuote(QString::fromUtf8(e.requestBody));
        return parts.join(u' ');
    }
    // A form (token grant, downscope, revoke): the plain fields as they were sent, each secret
    // (blanked by the log) as its environment variable, which curl URL-encodes. curl joins
    // the -d parts with '&' in order.
    QList<QByteArray> plain;
    const auto flushPlain = [&parts, &plain] {
        if (plain.isEmpty())
            return;
        parts << u"--data-raw"_s << shellQuote(QString::fromUtf8(plain.join('&')));
        plain.clear();
    };
    for (const QByteArray &field : e.requestBody.split('&')) {
        const qsizetype eq = field.indexOf('=');
        const QByteArray rawKey = eq < 0 ? QByteArray() : field.left(eq);
        const QString key = QUrl::fromPercentEncoding(QByteArray(rawKey).replace('+', ' '));
        const bool secret = Redaction::isSecretKey(key) || field.contains(Redaction::kPlaceholder);
        // The variable form puts the key inside double quotes, where the shell still expands
        // $, ` and \: only a key of plain characters goes there. Any other field (no key, an
        // odd key) stays single-quoted as sent, the redaction marker with it.
        if (!secret || !isPlainFormKey(rawKey)) {
            plain.append(field);
            continue;
        }
        flushPlain();
        parts << u"--data-urlencode"_s
              << u"\"%1=$%2\""_s.arg(QString::fromLatin1(rawKey), curlVariable(key));
    }
    flushPlain();
    return parts.join(u' ');
}

QString RequestLog::curlVariable(const QString &formKey)
{
    static const QHash<QString, QString> known = {
        {u"client_secret"_s, u"BOX_CLIENT_SECRET"_s},
        {u"refresh_token"_s, u"BOX_REFRESH_TOKEN"_s},
        {u"assertion"_s, u"BOX_JWT_ASSERTION"_s},
        {u"subject_token"_s, u"BOX_SUBJECT_TOKEN"_s},
        {u"actor_token"_s, u"BOX_ACTOR_TOKEN"_s},
        {u"access_token"_s, u"BOX_TOKEN"_s},
        {u"token"_s, u"BOX_TOKEN"_s},
        {u"code"_s, u"BOX_AUTH_CODE"_s},
        {u"code_verifier"_s, u"BOX_CODE_VERIFIER"_s},
        {u"password"_s, u"BOX_PASSWORD"_s},
    };
    const QString lower = formKey.toLower();
    const auto it = known.constFind(lower);
    if (it != known.cend())
        return *it;
    // Anything else: BOX_ and the key, upper case, every other character an underscore.
    QString name = u"BOX_"_s;
    for (const QChar c : lower)
        name += (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') ? c.toUpper() : u'_';
    return name;
}
