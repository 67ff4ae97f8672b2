#include "appusersbenchscenarios.h"
#include "core/appusers/appusersmodel.h"
#include "procmemory.h"
#include "ui/appusers/appuserstable.h"

#include "core/api/boxclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <memory>

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

// The longest time the thread's event loop did not come round: a precise timer ticks every
// IntervalMs, and a gap between two ticks beyond the interval is a stall (work on the thread
// that kept the events waiting, e.g. a page being parsed and inserted).
class StallMeter
{
public:
    static constexpr int IntervalMs = 4;

    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(IntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { tick(); });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop()
    {
        tick(); // the time since the last tick counts too
        m_timer.stop();
    }
    double longestStallMs() const { return std::max(0.0, m_longestGapNs / 1e6 - IntervalMs); }
    int ticks() const { return m_ticks; }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_longestGapNs = std::max(m_longestGapNs, now - m_last);
        m_last = now;
        ++m_ticks;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longestGapNs = 0;
    int m_ticks = 0;
};

// The App Users pane's table (ui/appusers/appuserspane.cpp), as far as it costs anything while
// rows arrive and when they are sorted.
std::unique_ptr<QTableView> makePaneLikeView(AppUsersModel *model)
{
    auto view = std::make_unique<QTableView>();
    view->setModel(model);
    AppUsersTable::setUp(view.get()); // the pane's own settings
    view->resize(ViewWidth, ViewHeight);
    view->show();
    return view;
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

QJsonObject runListScenario(BoxClient *client, bool withView)
{
    AppUsersModel model;
    std::unique_ptr<QTableView> view; // destroyed before the model
    if (withView) {
        view = makePaneLikeView(&model);
        QCoreApplication::processEvents(); // shown and painted before anything is timed
    }
    QEventLoop loop;
    QElapsedTimer timer;
    StallMeter stalls;
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
    stalls.start();
    model.setClient(client);
    loop.exec();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    stalls.stop();
    const ProcMemory memory = readProcMemory(QCoreApplication::applicationPid());

    // Sorting the loaded rows by name, as the user clicks the Name header: with a view, the
    // view's sort and the layout change it handles (the events it posts, the repaint).
    QElapsedTimer sortTimer;
    sortTimer.start();
    if (view) {
        view->sortByColumn(AppUsersModel::NameColumn, Qt::AscendingOrder);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    } else {
        model.sort(AppUsersModel::NameColumn, Qt::AscendingOrder);
    }
    const double sortMs = double(sortTimer.nsecsElapsed()) / 1e6;
    const bool sorted = model.sortColumn() == AppUsersModel::NameColumn;

    QJsonObject o{
        {u"rows"_s, model.loadedCount()},
        {u"pages"_s, pages},
        {u"seconds"_s, seconds},
        {u"rowsPerSecond"_s, seconds > 0 ? model.loadedCount() / seconds : 0.0},
        {u"totalCount"_s, model.totalCount()},
        {u"peakRssKb"_s, memory.peakKb},
        {u"rssKb"_s, memory.rssKb},
        {u"view"_s, withView},
        {u"longestStallMs"_s, stalls.longestStallMs()},
        {u"stallTimerMs"_s, StallMeter::IntervalMs},
        {u"stallTicks"_s, stalls.ticks()},
        {u"sortMs"_s, sortMs},
        {u"sortedByName"_s, sorted},
        {u"peakRssAfterSortKb"_s, readProcMemory(QCoreApplication::applicationPid()).peakKb}};
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    return o;
}
