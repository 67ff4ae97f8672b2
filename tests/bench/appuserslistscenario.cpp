#include "appusersbenchscenarios.h"
#include "core/appusers/appusersmodel.h"
#include "procmemory.h"

#include "core/api/boxclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace {

QString getMe(BoxClient *client)
{
    QEventLoop loop;
    QString error;
    ApiReply *reply = client->get(u"/users/me"_s);
    reply->onFinished(&loop, [&](const ApiResult &r) {
        if (!r.ok())
            error = u"GET /users/me: %1"_s.arg(r.error.summary());
        loop.quit();
    });
    loop.exec();
    return error;
}

} // namespace

QString warmUp(BoxClient *client)
{
    QString error = getMe(client);
    if (!error.isEmpty())
        return error;
    // box-sandbox --state saves its whole world on its next one-second tick after the token
    // grant (seconds with 100,000 users, the server answering nothing meanwhile): let that
    // tick pass, and the next answer come after the save, before anything is timed.
    QEventLoop loop;
    QTimer::singleShot(SettleMs, &loop, &QEventLoop::quit);
    loop.exec();
    return getMe(client);
}

QJsonObject runListScenario(BoxClient *client)
{
    AppUsersModel model;
    QEventLoop loop;
    QElapsedTimer timer;
    int pages = 0;
    QString error;
    QObject::connect(&model, &AppUsersModel::pageLoaded, &loop, [&](int) {
        ++pages;
        // What a view does when the user reaches the last row: ask for more.
        if (model.canFetchMore())
            model.fetchMore();
        else if (!model.isLoading())
            loop.quit();
    });
    QObject::connect(&model, &AppUsersModel::loadFailed, &loop, [&](const BoxError &e) {
        error = e.summary();
        loop.quit();
    });
    timer.start();
    model.setClient(client);
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const ProcMemory memory = readProcMemory(QCoreApplication::applicationPid());

    QJsonObject o{{u"rows"_s, model.loadedCount()},
                  {u"pages"_s, pages},
                  {u"seconds"_s, seconds},
                  {u"rowsPerSecond"_s, seconds > 0 ? model.loadedCount() / seconds : 0.0},
                  {u"totalCount"_s, model.totalCount()},
                  {u"peakRssKb"_s, memory.peakKb},
                  {u"rssKb"_s, memory.rssKb}};
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    return o;
}
