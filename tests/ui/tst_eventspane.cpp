// The Events tab of the Service Account pane in the real main window, against the in-process
// sandbox with the sandbox apps' profiles in the real keychain (run inside
// headless-session.sh): live user events pick up a folder made behind the app's back, Pause
// stops updates and Resume catches up, enterprise events show the app's own authorization
// under "About this app", Box's refusal is said in plain words, and Export… writes the file.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/events/eventpositions.h"
#include "core/events/eventsmodel.h"
#include "core/profilemanager.h"
#include "ui/events/eventspane.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwt = u"Sandbox JWT App"_s;
} // namespace

class TestEventsPane : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    std::unique_ptr<BoxClient> m_testClient; // the test's own, behind the app's back
    QTemporaryDir m_dir;
    int m_folders = 0;

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    QTabWidget *tabs() const { return find<QTabWidget>(pane(), u"serviceAccountTabs"_s); }
    EventsPane *events() const { return find<EventsPane>(pane(), u"eventsPane"_s); }
    template <typename T> T *in(const QString &name) const { return find<T>(events(), name); }
    QTableView *table() const { return in<QTableView>(u"eventsTable"_s); }
    QString status() const { return in<QLabel>(u"eventsStatus"_s)->text(); }
    MessageBanner *banner() const { return in<MessageBanner>(u"eventsBanner"_s); }

    // The row showing the event of `type` on the item named `name`; -1 when none does.
    int rowOf(const QString &type, const QString &name) const
    {
        const QAbstractItemModel *model = table()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, EventsModel::TypeColumn).data().toString() == type &&
                model->index(row, EventsModel::ItemColumn)
                    .data()
                    .toString()
                    .contains(u'"' + name + u'"'))
                return row;
        }
        return -1;
    }

    // A folder in the Service Account's All Files, made over HTTP, not through the app.
    QString createFolder(const QString &prefix)
    {
        const QString name = u"%1 %2"_s.arg(prefix).arg(++m_folders);
        const ApiResult r = waitFor(m_testClient->post(
            u"/folders"_s,
            QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        if (!r.ok())
            qWarning("folder not created: %s", qPrintable(r.error.summary()));
        return name;
    }

    // A file uploaded into All Files as Box's single upload does (multipart, attributes part
    // first), not through the app; returns its name.
    QString uploadFile(const QString &name, const QByteArray &content)
    {
        const QByteArray boundary = "boxcompaniontestboundary";
        const QByteArray attributes =
            QJsonDocument(
                QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}})
                .toJson(QJsonDocument::Compact);
        ApiRequest request;
        request.method = "POST";
        request.url = QUrl(m_app.server().baseUrl().toString() + u"/api/2.0/files/content"_s);
        request.contentType = "multipart/form-data; boundary=" + boundary;
        request.body = "--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"attributes\"\r\n\r\n" +
                       attributes + "\r\n--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                       name.toUtf8() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
                       content + "\r\n--" + boundary + "--\r\n";
        const ApiResult r = waitFor(m_testClient->send(request));
        if (!r.ok())
            qWarning("upload failed: %s", qPrintable(r.error.summary()));
        return name;
    }

    void showEventsTab()
    {
        QVERIFY(m_app.openServiceAccount(m_app.sandbox().profile(kJwt).id));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 30000);
        QVERIFY(events());
        tabs()->setCurrentWidget(events());
        QTRY_VERIFY(events()->isVisible());
    }

    void screenshots(const QString &name)
    {
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), name + u"-1280x800.png"_s, 100));
        m_app.window()->resize(1024, 700);
        QTRY_COMPARE(m_app.window()->height(), 700);
        // The tab itself fits a 1024-pixel window beside the sidebar (other tabs may be wider).
        QVERIFY2(events()->minimumSizeHint().width() <= 1024 - 240,
                 qPrintable(QString::number(events()->minimumSizeHint().width())));
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), name + u"-1024x700.png"_s, 100));
        // Every control of the tab is inside it at the smaller size.
        for (const QString &button : {u"eventsExportButton"_s, u"eventsClearButton"_s}) {
            QWidget *w = in<QWidget>(button);
            QVERIFY2(w->mapTo(events(), QPoint(w->width(), 0)).x() <= events()->width(),
                     qPrintable(button));
        }
        m_app.window()->resize(1280, 800);
        QTRY_COMPARE(m_app.window()->size(), QSize(1280, 800));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        AppFixture::Options options;
        options.sandboxApps = {kJwt};
        options.windowSize = QSize(1280, 800);
        QVERIFY(m_app.start(u"tst_eventspane"_s, options));
        // The admin (re-)authorized the app: Box logs it as an enterprise event.
        QVERIFY(m_app.server().authorizeApp(kJwt));
        m_testClient.reset(m_app.sandbox().authenticatedClient(kJwt, nullptr));
        QVERIFY(m_app.activateWindow());
    }

    void eventsTabIsThereAndQuiet()
    {
        showEventsTab();
        QCOMPARE(tabs()->tabText(tabs()->indexOf(events())).remove(u'&'), u"Events"_s);
        QCOMPARE(events()->source(), EventsPane::Source::User);
        QVERIFY(status().contains(u"Turn on Live"_s));
        QCOMPARE(table()->model()->rowCount(), 0); // nothing asked until Live is on
        QVERIFY(in<QPushButton>(u"eventsLiveButton"_s)->isEnabled());
        QVERIFY(!in<QPushButton>(u"eventsPauseButton"_s)->isEnabled());
        QVERIFY(!in<QPushButton>(u"eventsExportButton"_s)->isEnabled());
    }

    void liveModeShowsANewFolder()
    {
        showEventsTab();
        auto *live = in<QPushButton>(u"eventsLiveButton"_s);
        live->click();
        QVERIFY(live->isChecked());
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 30000);
        QVERIFY(in<QPushButton>(u"eventsPauseButton"_s)->isEnabled());
        // Never read for this profile: from now, as Box recommends, and the status says so.
        QVERIFY2(status().contains(u"earlier events were skipped"_s), qPrintable(status()));
        QCOMPARE(table()->model()->rowCount(), 0);
        // The position is kept with the profile, in its settings file.
        const QString profileId = m_app.sandbox().profile(kJwt).id;
        QVERIFY(!EventPositions(m_app.settingsPath()).load(profileId, {}, u"all"_s).isEmpty());
        const QString name = createFolder(u"Live folder"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(u"ITEM_CREATE"_s, name) >= 0, 15000);
        QCOMPARE(rowOf(u"ITEM_CREATE"_s, name), 0); // newest first
        // Its JSON under the table.
        table()->setCurrentIndex(table()->model()->index(0, 0));
        const QString json = in<QPlainTextEdit>(u"eventsDetails"_s)->toPlainText();
        QVERIFY(json.contains(u"\"event_type\": \"ITEM_CREATE\""_s));
        QVERIFY(json.contains(name));
        QVERIFY(table()
                    ->model()
                    ->index(0, EventsModel::WhoColumn)
                    .data()
                    .toString()
                    .contains(u"AutomationUser_"_s));
    }

    void liveModeShowsAnUpload()
    {
        QVERIFY(events()->stream()->isLive());
        const QString name = uploadFile(u"events-upload.txt"_s, "uploaded while listening");
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(u"ITEM_UPLOAD"_s, name) >= 0, 15000);
        QCOMPARE(rowOf(u"ITEM_UPLOAD"_s, name), 0);
        QVERIFY(table()
                    ->model()
                    ->index(0, EventsModel::ItemColumn)
                    .data()
                    .toString()
                    .startsWith(u"file \""_s));
        table()->setCurrentIndex(table()->model()->index(0, 0));
        screenshots(u"events-live"_s);
    }

    void pauseStopsUpdatesAndResumeCatchesUp()
    {
        auto *pause = in<QPushButton>(u"eventsPauseButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 15000);
        pause->click();
        QVERIFY(status().contains(u"Paused"_s));
        QCOMPARE(pause->text().remove(u'&'), u"Resume"_s);
        const int rows = table()->model()->rowCount();
        const QString name = createFolder(u"Paused folder"_s);
        QTest::qWait(1500);
        QCOMPARE(table()->model()->rowCount(), rows);
        QCOMPARE(rowOf(u"ITEM_CREATE"_s, name), -1);
        pause->click();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(u"ITEM_CREATE"_s, name) >= 0, 15000);
        QCOMPARE(pause->text().remove(u'&'), u"Pause"_s);
        // Live off: no more listening.
        in<QPushButton>(u"eventsLiveButton"_s)->click();
        QVERIFY(!events()->stream()->isLive());
        QVERIFY(status().contains(u"Not listening"_s));
    }

    void changesOnlyIsAStreamOfItsOwn()
    {
        auto *live = in<QPushButton>(u"eventsLiveButton"_s);
        live->click();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 30000);
        auto *type = in<QComboBox>(u"eventsStreamTypeCombo"_s);
        type->setCurrentIndex(type->findData(u"changes"_s));
        QCOMPARE(events()->stream()->streamType(), u"changes"_s);
        QVERIFY(events()->stream()->isLive()); // still live, on the other stream
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 30000);
        const QString name = createFolder(u"Changes folder"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(u"ITEM_CREATE"_s, name) >= 0, 15000);
        // Back to all events: from where that stream stopped, so the folder shows again.
        type->setCurrentIndex(type->findData(u"all"_s));
        QCOMPARE(table()->model()->rowCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(u"ITEM_CREATE"_s, name) >= 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 30000);
        live->click();
        QVERIFY(!events()->stream()->isLive());
    }

    void changingTheTypeWhilePausedStaysPaused()
    {
        auto *live = in<QPushButton>(u"eventsLiveButton"_s);
        auto *pause = in<QPushButton>(u"eventsPauseButton"_s);
        live->click();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 30000);
        pause->click();
        QVERIFY(status().contains(u"Paused"_s));
        auto *type = in<QComboBox>(u"eventsStreamTypeCombo"_s);
        type->setCurrentIndex(type->findData(u"changes"_s));
        QVERIFY(status().contains(u"Paused"_s));
        QCOMPARE(pause->text().remove(u'&'), u"Resume"_s);
        QVERIFY(live->isChecked());
        const QString name = createFolder(u"Paused type folder"_s);
        QTest::qWait(1500);
        QVERIFY(events()->stream()->isPaused());
        QCOMPARE(rowOf(u"ITEM_CREATE"_s, name), -1);
        // Back to all events, still paused; Resume reads what happened meanwhile.
        type->setCurrentIndex(type->findData(u"all"_s));
        QVERIFY(events()->stream()->isPaused());
        pause->click();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(u"ITEM_CREATE"_s, name) >= 0, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 30000);
        live->click();
        QVERIFY(!events()->stream()->isLive());
    }

    void liveGoesOnWhenTheSessionStartsAgain()
    {
        auto *live = in<QPushButton>(u"eventsLiveButton"_s);
        live->click();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(events()->stream()->longPolls() > 0, 30000);
        const QPointer<BoxClient> before = events()->stream()->client();
        QVERIFY(before);
        // An edit of the profile in the Apps pane starts its session again (a new client).
        const AppProfile profile = m_app.manager()->profile(m_app.sandbox().profile(kJwt).id);
        QVERIFY(m_app.updateProfile(profile, m_app.storedSecrets(profile.id)));
        QTRY_VERIFY_WITH_TIMEOUT(before.isNull() && events()->stream()->client(), 30000);
        QVERIFY(live->isChecked());
        QVERIFY(events()->stream()->isLive());
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"Listening"_s), 30000);
        QVERIFY(!banner()->isVisible());
        const QString name = createFolder(u"After the reset"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(u"ITEM_CREATE"_s, name) >= 0, 15000);
        live->click();
        QVERIFY(!events()->stream()->isLive());
    }

    void enterpriseEventsShowTheAppsAuthorization()
    {
        showEventsTab();
        auto *source = in<QComboBox>(u"eventsSourceCombo"_s);
        source->setCurrentIndex(source->findData(int(EventsPane::Source::Enterprise)));
        QCOMPARE(table()->model(), events()->enterpriseModel());
        QVERIFY(in<QWidget>(u"eventsLoadButton"_s)->isVisible());
        QVERIFY(!in<QWidget>(u"eventsLiveButton"_s)->isVisible());
        in<QPushButton>(u"eventsLoadButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"loaded"_s), 30000);
        const int all = table()->model()->rowCount();
        QVERIFY(all > 1);
        in<QCheckBox>(u"eventsAboutAppCheck"_s)->click();
        const int about = table()->model()->rowCount();
        QVERIFY(about >= 1);
        QVERIFY(about < all);
        const QString clientId = m_app.sandbox().app(kJwt).clientId;
        for (int row = 0; row < about; ++row) {
            QCOMPARE(table()->model()->index(row, EventsModel::TypeColumn).data().toString(),
                     u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s);
            QVERIFY(table()
                        ->model()
                        ->index(row, EventsModel::DetailsColumn)
                        .data()
                        .toString()
                        .contains(clientId));
        }
        table()->setCurrentIndex(table()->model()->index(0, 0));
        screenshots(u"events-enterprise-about-app"_s);

        // An event type filter: only that type.
        in<QCheckBox>(u"eventsAboutAppCheck"_s)->click();
        in<QLineEdit>(u"eventsTypeFilter"_s)->setText(u"new_user"_s);
        in<QPushButton>(u"eventsLoadButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"loaded"_s), 30000);
        for (int row = 0; row < table()->model()->rowCount(); ++row) {
            QCOMPARE(table()->model()->index(row, EventsModel::TypeColumn).data().toString(),
                     u"NEW_USER"_s);
        }
        in<QLineEdit>(u"eventsTypeFilter"_s)->clear();
    }

    void exportWritesTheEventsShown()
    {
        showEventsTab();
        QCOMPARE(events()->source(), EventsPane::Source::Enterprise);
        in<QPushButton>(u"eventsLoadButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(status().contains(u"loaded"_s), 30000);
        const int rows = table()->model()->rowCount();
        QVERIFY(rows > 0);
        auto *exportButton = in<QPushButton>(u"eventsExportButton"_s);
        QVERIFY(exportButton->isEnabled());
        exportButton->click();
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = events()->findChild<QFileDialog *>(u"eventsExportDialog"_s)) &&
                    dialog->isVisible());
        const QString path = m_dir.filePath(u"events.json"_s);
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // as the Save button does
        QTRY_VERIFY(QFile::exists(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray written = QJsonDocument::fromJson(file.readAll()).array();
        QCOMPARE(written.size(), rows);
        QCOMPARE(written.at(0).toObject().value(u"event_id"_s).toString(),
                 table()->model()->index(0, 0).data(EventsModel::EventIdRole).toString());
        QVERIFY(banner()->isVisible());
        QVERIFY(banner()->title().contains(u"Exported"_s));

        // Clear empties the table (Box keeps the events).
        in<QPushButton>(u"eventsClearButton"_s)->click();
        QCOMPARE(table()->model()->rowCount(), 0);
        QVERIFY(!exportButton->isEnabled());
    }

    void enterpriseRefusalIsSaidInPlainWords()
    {
        // The app loses "Manage enterprise properties" and the admin re-authorizes it.
        const SandboxAppSettings saved = m_app.sandbox().app(kJwt).console;
        SandboxAppSettings s = saved;
        s.scopes.removeAll(u"manage_enterprise_properties"_s);
        QVERIFY(m_app.server().setAppConsoleSettings(kJwt, s));
        QVERIFY(m_app.server().authorizeApp(kJwt));
        const int userEvents = events()->userModel()->rowCount();
        QVERIFY(userEvents > 0);
        pane()->reload(); // a new session: a new token with the scopes now authorized
        showEventsTab();
        // The same profile again: the events read before stay.
        QCOMPARE(events()->userModel()->rowCount(), userEvents);
        events()->setSource(EventsPane::Source::Enterprise);
        in<QPushButton>(u"eventsLoadButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(banner()->isVisible() &&
                                     banner()->title() == u"Enterprise events unavailable"_s,
                                 30000);
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY(m_app.server().setAppConsoleSettings(kJwt, saved));
        QVERIFY(m_app.server().authorizeApp(kJwt));
        const QString text = banner()->details().join(u' ');
        QVERIFY2(text.contains(u"\"Manage enterprise properties\""_s), qPrintable(text));
        QVERIFY(text.contains(u"Developer Console"_s));
        screenshots(u"events-enterprise-refused"_s);
    }

    void cleanupTestCase()
    {
        m_testClient.reset();
        QVERIFY(m_app.finish());
    }
};

QTEST_MAIN(TestEventsPane)
#include "tst_eventspane.moc"
