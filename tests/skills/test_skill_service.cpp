// test_skill_service: a small Box Skill service for the tests, an independent client of the
// sandbox (Qt Core/Network and the boxhttp parser only). It listens on 127.0.0.1, answers each
// POSTed Skills event at once, then reads the file with the event's read token and writes a
// keyword card with its write token (skilljob.h). One JSON line per event on stdout; tokens and
// keys are never printed.
//
//   test_skill_service --api-base http://127.0.0.1:PORT [--port 0] [--probe-limits]
//       [--other-file ID] [--fail-transient] [--answer-status 500 [--answer-count 1]]
//   Signature keys (optional) from the environment: SKILL_PRIMARY_KEY, SKILL_SECONDARY_KEY.
#include "eventserver.h"
#include "signaturecheck.h"
#include "skilljob.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {
void printLine(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int fail(const QString &text)
{
    std::fprintf(stderr, "test_skill_service: %s\n", qPrintable(text));
    return 2;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(u"A test Box Skill service"_s);
    cli.addHelpOption();
    const QCommandLineOption port(u"port"_s, u"Port on 127.0.0.1 (0 = any)."_s, u"port"_s, u"0"_s);
    const QCommandLineOption apiBase(u"api-base"_s, u"The API base URL (REST under /2.0)."_s,
                                     u"url"_s);
    const QCommandLineOption probeLimits(u"probe-limits"_s,
                                         u"Try the tokens beyond their limits first."_s);
    const QCommandLineOption otherFile(u"other-file"_s, u"A file the tokens must not reach."_s,
                                       u"id"_s);
    const QCommandLineOption failTransient(u"fail-transient"_s,
                                           u"End the first event in transient_failure."_s);
    const QCommandLineOption answerStatus(
        u"answer-status"_s, u"Answer the first events with this status and drop them."_s,
        u"status"_s, u"200"_s);
    const QCommandLineOption answerCount(
        u"answer-count"_s, u"How many events get --answer-status (default 1)."_s, u"n"_s, u"1"_s);
    cli.addOptions(
        {port, apiBase, probeLimits, otherFile, failTransient, answerStatus, answerCount});
    cli.process(app);

    SkillJob::Options options;
    options.apiBase = QUrl(cli.value(apiBase));
    options.probeLimits = cli.isSet(probeLimits);
    options.otherFileId = cli.value(otherFile);
    if (!options.apiBase.isValid() || options.apiBase.scheme().isEmpty())
        return fail(u"--api-base is required (http://127.0.0.1:PORT)"_s);
    bool ok = false;
    const int answerWith = cli.value(answerStatus).toInt(&ok);
    if (!ok || answerWith < 100 || answerWith > 599)
        return fail(u"--answer-status must be an HTTP status"_s);
    int answersLeft = answerWith / 100 == 2 ? 0 : cli.value(answerCount).toInt();
    bool failNext = cli.isSet(failTransient);
    const QByteArray primaryKey = qgetenv("SKILL_PRIMARY_KEY");
    const QByteArray secondaryKey = qgetenv("SKILL_SECONDARY_KEY");

    QNetworkAccessManager network;
    const auto process = [&](const QJsonObject &payload, const QJsonObject &report) {
        SkillJob::Options o = options;
        o.failTransient = failNext;
        failNext = false;
        auto *job = new SkillJob(payload, report, o, &network, &app);
        QObject::connect(job, &SkillJob::done, &app, [job](const QJsonObject &line) {
            printLine(QJsonDocument(line).toJson(QJsonDocument::Compact));
            job->deleteLater();
        });
        job->start();
    };

    EventServer server([&](const boxhttp::Request &request) {
        QJsonObject report;
        const QJsonObject payload = QJsonDocument::fromJson(request.body).object();
        report.insert(u"invocation"_s, payload.value(u"id"_s).toString());
        const QString signature =
            checkSkillSignature(request, primaryKey, secondaryKey, QDateTime::currentDateTimeUtc());
        report.insert(u"signature"_s, signature);
        EventServer::Reply reply;
        if (request.method != "POST" || payload.isEmpty())
            reply.status = 400;
        else if (signature.startsWith(u"invalid"_s))
            reply.status = 401;
        else if (answersLeft > 0) {
            --answersLeft;
            reply.status = answerWith;
        }
        report.insert(u"answer_status"_s, reply.status);
        if (reply.status == 200)
            reply.then = [=] { process(payload, report); };
        else
            reply.then = [report] {
                printLine(QJsonDocument(report).toJson(QJsonDocument::Compact));
            };
        return reply;
    });
    if (!server.listen(quint16(cli.value(port).toUInt())))
        return fail(u"cannot listen: "_s + server.errorString());
    printLine("listening " + QByteArray::number(server.port()));
    return app.exec();
}
