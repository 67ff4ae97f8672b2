// The sandbox's router over a seeded world, without sockets: up to four requests (separated by
// a NUL byte) go to SandboxServer::route() one after the other on one fresh copy of the world.
// Each request: "METHOD TARGET\n", header lines "name: value\n", an empty line, the body.
// Properties: every answer has a real HTTP status; a JSON answer is valid JSON; the world's
// indexes stay consistent (user ids and logins point at the right users).

#include "fuzzsupport.h"
#include "sandboxworld.h"

#include "sandbox/sandboxserver.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;
using namespace boxsandbox;

namespace {
HttpRequest requestFrom(const QByteArray &text)
{
    HttpRequest req;
    const qsizetype lineEnd = text.indexOf('\n');
    const QByteArray requestLine = text.left(lineEnd < 0 ? text.size() : lineEnd);
    const qsizetype space = requestLine.indexOf(' ');
    req.method = requestLine.left(space < 0 ? requestLine.size() : space);
    req.target = space < 0 ? QByteArray("/") : requestLine.mid(space + 1);
    qsizetype pos = lineEnd < 0 ? text.size() : lineEnd + 1;
    while (pos < text.size()) {
        qsizetype end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.mid(pos, end - pos);
        pos = end + 1;
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            req.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    req.body = pos < text.size() ? text.mid(pos) : QByteArray();
    // As HttpServer does.
    const QUrl url = QUrl::fromEncoded("http://127.0.0.1"_ba + req.target);
    req.path = url.path(QUrl::FullyDecoded);
    QString query = url.query(QUrl::FullyEncoded);
    query.replace(QLatin1Char('+'), QLatin1String("%20"));
    req.query = QUrlQuery(query);
    req.peer = QHostAddress(QHostAddress::LocalHost);
    return req;
}

void checkWorld(const World &w)
{
    const QString problem = w.indexProblem();
    FUZZ_CHECK(problem.isEmpty(), problem);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    const World &base = fuzz::seededWorld();
    SandboxServer server(SandboxOptions{});
    server.world() = base;

    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> requests = input.split('\0');
    for (qsizetype i = 0; i < requests.size() && i < 4; ++i) {
        const HttpRequest req = requestFrom(requests.at(i));
        const HttpResponse res = server.route(req);
        FUZZ_CHECK(res.status >= 100 && res.status <= 599, QString::number(res.status));
        if (res.header("Content-Type").contains("json") && !res.body.isEmpty()) {
            QJsonParseError error{};
            QJsonDocument::fromJson(res.body, &error);
            FUZZ_CHECK(
                error.error == QJsonParseError::NoError,
                u"%1 %2 answered invalid JSON: %3"_s.arg(QString::fromLatin1(req.method), req.path,
                                                         QString::fromUtf8(res.body.left(500))));
        }
        checkWorld(server.world());
    }
    return 0;
}
