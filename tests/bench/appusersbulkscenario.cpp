#include "appusersbenchscenarios.h"
#include "core/appusers/appusercsv.h"
#include "core/appusers/bulkimporter.h"
#include "procmemory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

// A Box CLI bulk file for `box users:create --app-user --bulk-file-path`.
QByteArray generateCsv(int count, const QString &prefix)
{
    QByteArray csv = "name,app-user,external-id\n"_ba;
    for (int i = 1; i <= count; ++i)
        csv += "Bench User " + QByteArray::number(i) + ",yes," + prefix.toUtf8() + '-' +
               QByteArray::number(i) + '\n';
    return csv;
}

} // namespace

QString restartRateLimit(const QString &apiBase, int perMinute)
{
    QNetworkAccessManager nam;
    QNetworkRequest req(QUrl(apiBase + u"/_sandbox/rate-limit"_s));
    req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply =
        nam.put(req, QJsonDocument(QJsonObject{{u"per_minute"_s, perMinute}}).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QString error;
    if (reply->error() != QNetworkReply::NoError || status != 200)
        error = u"PUT /_sandbox/rate-limit: HTTP %1 %2"_s.arg(status).arg(reply->errorString());
    delete reply;
    return error;
}

QJsonObject runBulkScenario(BoxClient *client, int count, const QString &prefix, int concurrency)
{
    QString fileError;
    const QList<AppUserCsv::Row> rows = AppUserCsv::parse(generateCsv(count, prefix), &fileError);
    if (!fileError.isEmpty())
        return QJsonObject{{u"error"_s, u"CSV: %1"_s.arg(fileError)}};

    BulkImporter importer(client);
    importer.setRows(rows);
    if (concurrency > 0)
        importer.setConcurrency(concurrency);
    QEventLoop loop;
    QObject::connect(&importer, &BulkImporter::finished, &loop, &QEventLoop::quit);
    int reportedTenth = 0;
    QObject::connect(&importer, &BulkImporter::progress, &loop, [&](int done, int total) {
        // A sign of life on stderr every 10% (the rate-limited run takes minutes).
        const int tenth = total > 0 ? done * 10 / total : 10;
        if (tenth > reportedTenth) {
            reportedTenth = tenth;
            std::fprintf(stderr, "  %d/%d\n", done, total);
        }
    });
    QElapsedTimer timer;
    timer.start();
    importer.start();
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const ProcMemory memory = readProcMemory(QCoreApplication::applicationPid());

    int created = 0, skipped = 0, failed = 0, invalid = 0, pending = 0;
    QJsonArray failures;
    for (const BulkImportResult &r : importer.results()) {
        switch (r.outcome) {
        case BulkImportResult::Outcome::Created:
            ++created;
            break;
        case BulkImportResult::Outcome::Skipped:
            ++skipped;
            break;
        case BulkImportResult::Outcome::Failed:
            ++failed;
            if (failures.size() < 5)
                failures.append(u"line %1: %2"_s.arg(r.line).arg(r.message));
            break;
        case BulkImportResult::Outcome::Invalid:
            ++invalid;
            break;
        case BulkImportResult::Outcome::Pending:
            ++pending;
            break;
        }
    }
    return QJsonObject{{u"rows"_s, count},
                       {u"created"_s, created},
                       {u"skipped"_s, skipped},
                       {u"failed"_s, failed},
                       {u"invalid"_s, invalid},
                       {u"pending"_s, pending},
                       {u"failures"_s, failures},
                       {u"concurrency"_s, concurrency},
                       {u"seconds"_s, seconds},
                       {u"rowsPerSecond"_s, seconds > 0 ? count / seconds : 0.0},
                       {u"peakRssKb"_s, memory.peakKb}};
}
