#include "core/format/requestdetailformatter.h"

#include "core/api/requestlog.h"

#include <QJsonDocument>
#include <QLocale>
#include <QStringList>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
QString headersText(const RawHeaders &headers)
{
    QStringList lines;
    for (const auto &h : headers)
        lines << QString(QString::fromLatin1(h.first) + u": "_s + QString::fromUtf8(h.second));
    return lines.join(u'\n');
}

QString section(const QString &title, const QString &body)
{
    return u"── "_s + title + u" ──\n"_s + body + u"\n"_s;
}

bool looksBinary(const QByteArray &body)
{
    const QByteArray head = body.left(1024);
    return head.contains('\0') || QString::fromUtf8(head).contains(QChar::ReplacementCharacter);
}
} // namespace

QString RequestDetailFormatter::formatBody(const QByteArray &body, const QByteArray &contentType)
{
    if (body.isEmpty())
        return tr("(empty)");
    const QByteArray type = contentType.toLower();
    if (type.contains("json") || body.startsWith('{') || body.startsWith('[')) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError)
            return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    }
    if (type.contains("x-www-form-urlencoded")) {
        QStringList lines;
        for (const QByteArray &pair : body.split('&')) {
            const qsizetype eq = pair.indexOf('=');
            const QByteArray key = eq < 0 ? pair : pair.left(eq);
            const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
            const auto decode = [](QByteArray v) {
                return QUrl::fromPercentEncoding(v.replace('+', ' '));
            };
            lines << QString(decode(key) + u" = "_s + decode(value));
        }
        return lines.join(u'\n');
    }
    if (looksBinary(body))
        return tr("(%1 bytes of binary data)").arg(QLocale().toString(qint64(body.size())));
    QString text = QString::fromUtf8(body);
    if (text.size() > MaxBodyChars) {
        const qsizetype total = text.size();
        text.truncate(MaxBodyChars);
        text += u"\n"_s + tr("… (%1 of %2 characters shown)")
                              .arg(QLocale().toString(qint64(MaxBodyChars)),
                                   QLocale().toString(qint64(total)));
    }
    return text;
}

QString RequestDetailFormatter::format(const RequestLogEntry &e)
{
    const QString status =
        e.status > 0 ? QString::number(e.status) : tr("no response (%1)").arg(e.error);
    QString summary =
        QString::fromLatin1(e.method) + u' ' + e.url.toString(QUrl::FullyEncoded) + u'\n' +
        tr("Status: %1 · %2 ms · attempt %3").arg(status).arg(e.durationMs).arg(e.attempt);
    if (!e.requestId.isEmpty())
        summary += u'\n' + tr("Request ID: %1").arg(e.requestId);
    summary += u'\n' + tr("Started: %1").arg(e.startedAt.toLocalTime().toString(Qt::ISODateWithMs));

    QString out = summary + u"\n\n"_s;
    out += section(tr("Request headers"),
                   e.requestHeaders.isEmpty() ? tr("(none)") : headersText(e.requestHeaders));
    out += u'\n' + section(tr("Request body"), formatBody(e.requestBody, e.requestContentType));
    out += u'\n' + section(tr("Response headers"), e.responseHeaders.isEmpty()
                                                       ? tr("(none)")
                                                       : headersText(e.responseHeaders));
    out += u'\n' + section(tr("Response body"), formatBody(e.responseBody, e.responseContentType));
    return out;
}
