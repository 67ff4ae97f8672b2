// The Webhooks tab in the real main window against the in-process sandbox (real keychain, run
// inside headless-session.sh): the signature keys from the sandbox's control surface saved in
// the keychain, a webhook created on a folder picked from the tree and pointed at the local
// receiver, a file uploaded into the folder, the delivery listed as valid; a tampered copy and
// an edited body shown invalid with the reason; Box's refusal on the field it concerns; edit;
// delete after a confirmation; the pasted-delivery verifier. Screenshots into
// BOX_SCREENSHOT_DIR when it is set.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/content/foldertreemodel.h"
#include "core/secretstore.h"
#include "core/session/localsandbox.h"
#include "core/webhooks/webhookdeliveriesmodel.h"
#include "core/webhooks/webhookreceiver.h"
#include "core/webhooks/webhooksignature.h"
#include "core/webhooks/webhooksmodel.h"
#include "secretservice.h"
#include "ui/mainwindow.h"
#include "ui/secretlineedit.h"
#include "ui/serviceaccount/serviceaccountpane.h"
#include "ui/webhooks/webhookdialog.h"
#include "ui/webhooks/webhooklistpanel.h"
#include "ui/webhooks/webhookreceiverpanel.h"
#include "ui/webhooks/webhookspane.h"
#include "ui/webhooks/webhookverifierpanel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableView>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QTreeWidgetItem *triggerItem(QTreeWidget *tree, const QString &trigger)
{
    const auto items = tree->findItems(trigger, Qt::MatchExactly | Qt::MatchRecursive);
    return items.isEmpty() ? nullptr : items.first();
}
} // namespace

class TestWebhooksPane : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    std::unique_ptr<BoxClient> m_testClient; // the test's own view of the sandbox
    QString m_folderId;
    QString m_webhookId;
    QString m_primaryKey;
    std::unique_ptr<QAbstractItemModelTester> m_listTester;
    std::unique_ptr<QAbstractItemModelTester> m_deliveriesTester;

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    WebhooksPane *webhooks() const { return find<WebhooksPane>(pane(), u"webhooksPane"_s); }
    template <typename T> T *in(const QString &name) const { return find<T>(webhooks(), name); }
    WebhookListPanel *list() const { return webhooks()->listPanel(); }

    void showSubTab(QWidget *page)
    {
        auto *tabs = find<QTabWidget>(pane(), u"serviceAccountTabs"_s);
        tabs->setCurrentWidget(webhooks());
        in<QTabWidget>(u"webhooksTabs"_s)->setCurrentWidget(page);
        QTRY_VERIFY(page->isVisible());
    }

    WebhookDialog *openDialog()
    {
        QTest::mouseClick(in<QPushButton>(u"createWebhookButton"_s), Qt::LeftButton);
        WebhookDialog *dialog = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                dialog = webhooks()->findChild<WebhookDialog *>(u"webhookDialog"_s);
                return dialog && dialog->isVisible();
            },
            10000);
        return dialog;
    }

    // Picks the test folder in the dialog's tree, as a user clicks it.
    bool pickFolder(WebhookDialog *dialog)
    {
        FolderTreeModel *model = dialog->treeModel();
        if (!QTest::qWaitFor([&] { return model->indexForId(m_folderId).isValid(); }, 30000))
            return false;
        const QModelIndex index = model->indexForId(m_folderId);
        QTreeView *tree = dialog->tree();
        tree->scrollTo(index);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
        return tree->currentIndex() == index;
    }

    ApiResult upload(const QString &folderId, const QString &name, const QByteArray &content)
    {
        const QByteArray boundary = "webhookspaneboundary7d3f";
        QByteArray body;
        body += "--" + boundary +
                "\r\nContent-Disposition: form-data; name=\"attributes\"\r\n\r\n" +
                QJsonDocument(
                    QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, folderId}}}})
                    .toJson(QJsonDocument::Compact) +
                "\r\n";
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                name.toUtf8() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content +
                "\r\n--" + boundary + "--\r\n";
        ApiRequest request;
        request.method = "POST";
        request.url = m_app.server().baseUrl().resolved(QUrl(u"/api/2.0/files/content"_s));
        request.body = body;
        request.contentType = "multipart/form-data; boundary=" + boundary;
        request.idempotent = false;
        return waitFor(m_testClient->send(request));
    }

private Q_SLOTS:
    void initTestCase()
    {
        AppFixture::Options options;
        options.sandboxApps = {JwtApp};
        options.windowSize = QSize(1280, 800);
        QVERIFY(m_app.start(u"tst_webhookspane"_s, options));
        // As `box-companion --sandbox` does (SandboxLauncher): the sandbox's origin and apps
        // are known, so its profiles are recognised as the sandbox's.
        LocalSandbox *local = LocalSandbox::instance();
        local->rememberOrigin(LocalSandbox::originOf(m_app.sandbox().profile(JwtApp).apiBaseUrl));
        local->rememberClientIds({m_app.sandbox().app(JwtApp).clientId});
        local->setRunning(true);
        m_testClient.reset(m_app.sandbox().authenticatedClient(JwtApp, nullptr));
        QVERIFY(m_app.activateWindow());
        // A folder of the Service Account's to watch.
        const ApiResult folder = waitFor(
            m_testClient->post(u"/folders"_s, {{u"name"_s, u"Webhook Inbox"_s},
                                               {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QVERIFY2(folder.ok(), qPrintable(folder.error.summary()));
        m_folderId = folder.json().value(u"id"_s).toString();
    }

    void keysFromTheConsoleGoToTheKeychain()
    {
        QVERIFY(m_app.openServiceAccount(m_app.sandbox().profile(JwtApp).id));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 30000);
        QVERIFY(webhooks());
        // The models' contracts are checked through every step that follows.
        m_listTester = std::make_unique<QAbstractItemModelTester>(
            list()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_deliveriesTester = std::make_unique<QAbstractItemModelTester>(
            webhooks()->deliveries(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The Developer Console's signature keys (the sandbox's control surface shows them).
        QJsonObject keys;
        QCOMPARE(m_app.sandbox().control(
                     "GET", u"/apps/%1/webhook-keys"_s.arg(m_app.sandbox().app(JwtApp).clientId),
                     {}, &keys),
                 200);
        m_primaryKey = keys.value(u"primary_key"_s).toString();
        const QString secondary = keys.value(u"secondary_key"_s).toString();
        QVERIFY(!m_primaryKey.isEmpty() && !secondary.isEmpty());

        showSubTab(in<QWidget>(u"webhookKeysEditor"_s));
        auto *primaryEdit = in<QLineEdit>(u"webhookPrimaryKeyEdit"_s);
        QTRY_VERIFY(primaryEdit->isEnabled()); // read from the keychain (none yet)
        QCOMPARE(primaryEdit->echoMode(), QLineEdit::Password);
        QTest::keyClicks(primaryEdit, m_primaryKey);
        QTest::keyClicks(in<QLineEdit>(u"webhookSecondaryKeyEdit"_s), secondary);
        QTest::mouseClick(in<QPushButton>(u"saveWebhookKeysButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(webhooks()->keys().primary, m_primaryKey, 30000);
        QCOMPARE(webhooks()->keys().secondary, secondary);
        QTRY_VERIFY(in<QLabel>(u"webhookKeysStatus"_s)->text().contains(u"keychain"_s));
        m_app.window()->resize(1024, 700);
        QTRY_COMPARE(m_app.window()->width(), 1024); // the tab lets the window be that narrow
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"webhooks-keys-1024.png"_s, 200));
        m_app.window()->resize(1280, 800);

        // In the keychain under the profile, nowhere in the settings.
        const QString profileId = m_app.sandbox().profile(JwtApp).id;
        QString stored;
        QVERIFY(SecretService::lookup(m_app.keychainService(),
                                      SecretStore::keyFor(profileId, SecretKind::WebhookPrimaryKey),
                                      &stored));
        QVERIFY(stored == m_primaryKey);
        QFile settings(m_app.settingsPath());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        QVERIFY(!settings.readAll().contains(m_primaryKey.toUtf8()));
    }

    void sandboxKeysWithoutTyping()
    {
        // The sandbox's primary key is rotated (as the Developer Console would); one click
        // reads the new pair from the profile's own sandbox and keeps it in the keychain.
        const QString clientId = m_app.sandbox().app(JwtApp).clientId;
        QJsonObject rotated;
        QCOMPARE(m_app.sandbox().control("POST", u"/apps/%1/webhook-keys/rotate"_s.arg(clientId),
                                         QJsonObject{{u"key"_s, u"primary"_s}}, &rotated),
                 200);
        const QString newPrimary = rotated.value(u"primary_key"_s).toString();
        QVERIFY(!newPrimary.isEmpty() && newPrimary != m_primaryKey);
        showSubTab(in<QWidget>(u"webhookKeysEditor"_s));
        auto *useSandbox = in<QPushButton>(u"useSandboxKeysButton"_s);
        QVERIFY(useSandbox->isVisible());
        QTRY_VERIFY(useSandbox->isEnabled());
        QTest::mouseClick(useSandbox, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(webhooks()->keys().primary, newPrimary, 30000);
        QCOMPARE(webhooks()->keys().secondary, rotated.value(u"secondary_key"_s).toString());
        QTRY_VERIFY(in<QLabel>(u"webhookKeysStatus"_s)->text().contains(u"keychain"_s));
        QString stored;
        QVERIFY(SecretService::lookup(
            m_app.keychainService(),
            SecretStore::keyFor(m_app.sandbox().profile(JwtApp).id, SecretKind::WebhookPrimaryKey),
            &stored));
        QVERIFY(stored == newPrimary);
        m_primaryKey = newPrimary;
    }

    void createAWebhookOnAFolderPointedAtTheLocalReceiver()
    {
        // Start the local receiver on a port of the user's choice.
        showSubTab(webhooks()->receiverPanel());
        in<QSpinBox>(u"receiverPort"_s)->setValue(freePort());
        QTest::mouseClick(in<QPushButton>(u"receiverStartButton"_s), Qt::LeftButton);
        QTRY_VERIFY(webhooks()->receiver()->isListening());
        QVERIFY(
            in<QLabel>(u"receiverStatus"_s)->text().contains(webhooks()->receiver()->address()));
        QVERIFY(!in<QPushButton>(u"receiverStartButton"_s)->isEnabled());

        showSubTab(list());
        QTRY_VERIFY(!list()->model()->isLoading());
        QCOMPARE(list()->model()->rowCount(), 0);
        WebhookDialog *dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(AppFixture::saveScreenshot(dialog, u"webhook-create-empty.png"_s, 100));
        // Nothing picked: said on the fields, nothing sent.
        QTest::mouseClick(find<QPushButton>(dialog, u"webhookSaveButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(dialog, u"webhookTargetError"_s)->isVisible());
        QVERIFY(find<QLabel>(dialog, u"webhookTriggersError"_s)->isVisible());
        QVERIFY(find<QLabel>(dialog, u"webhookAddressError"_s)->isVisible());

        QVERIFY(pickFolder(dialog));
        QVERIFY(find<QLabel>(dialog, u"webhookTargetLabel"_s)->text().contains(u"Webhook Inbox"_s));
        auto *triggers = find<QTreeWidget>(dialog, u"webhookTriggers"_s);
        QTreeWidgetItem *uploaded = triggerItem(triggers, u"FILE.UPLOADED"_s);
        QVERIFY(uploaded);
        uploaded->setCheckState(0, Qt::Checked);
        QCOMPARE(dialog->triggers(), QStringList{u"FILE.UPLOADED"_s});
        auto *useReceiver = find<QPushButton>(dialog, u"useLocalReceiverButton"_s);
        QVERIFY(useReceiver->isEnabled());
        QTest::mouseClick(useReceiver, Qt::LeftButton);
        QCOMPARE(find<QLineEdit>(dialog, u"webhookAddress"_s)->text(),
                 webhooks()->receiver()->address());
        QVERIFY(AppFixture::saveScreenshot(dialog, u"webhook-create.png"_s, 100));
        const QPointer<WebhookDialog> saving = dialog; // deleted when it closes
        QTest::mouseClick(find<QPushButton>(dialog, u"webhookSaveButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!saving || !saving->isVisible(), 30000);

        QTRY_COMPARE(list()->model()->rowCount(), 1);
        const Webhook created = list()->model()->webhook(0);
        m_webhookId = created.id;
        QCOMPARE(created.targetId, m_folderId);
        QCOMPARE(created.triggers, QStringList{u"FILE.UPLOADED"_s});
        // Box has it.
        const ApiResult atBox = waitFor(m_testClient->get(u"/webhooks/"_s + m_webhookId));
        QVERIFY2(atBox.ok(), qPrintable(atBox.error.summary()));
        QCOMPARE(atBox.json().value(u"address"_s).toString(), webhooks()->receiver()->address());
        // Refresh lists it again, with its address and triggers.
        QTest::mouseClick(in<QPushButton>(u"refreshWebhooksButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!list()->model()->isLoading());
        QCOMPARE(list()->model()->rowCount(), 1);
        QTRY_COMPARE(list()->model()->webhook(0).address, webhooks()->receiver()->address());
    }

    void boxRefusalShowsOnTheField()
    {
        showSubTab(list());
        // A second webhook on the same folder: Box's 409 concerns the target.
        WebhookDialog *dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(pickFolder(dialog));
        dialog->setTriggers({u"FILE.TRASHED"_s});
        dialog->setAddress(webhooks()->receiver()->address());
        QTest::mouseClick(find<QPushButton>(dialog, u"webhookSaveButton"_s), Qt::LeftButton);
        auto *targetError = find<QLabel>(dialog, u"webhookTargetError"_s);
        QTRY_VERIFY_WITH_TIMEOUT(targetError->isVisible(), 30000);
        QVERIFY2(targetError->text().contains(u"already exists"_s),
                 qPrintable(targetError->text()));
        QVERIFY(dialog->isVisible()); // nothing lost
        // Plain http:// to another computer: refused before Box is asked.
        dialog->setAddress(u"http://hooks.example.com/box"_s);
        QTest::mouseClick(find<QPushButton>(dialog, u"webhookSaveButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(dialog, u"webhookAddressError"_s)->text().contains(u"https://"_s));
        dialog->reject();
        QCOMPARE(list()->model()->rowCount(), 1);
    }

    void uploadIntoTheFolderDeliversAValidDelivery()
    {
        WebhookDeliveriesModel *deliveries = webhooks()->deliveries();
        QCOMPARE(deliveries->rowCount(), 0);
        const ApiResult uploaded = upload(m_folderId, u"report.txt"_s, "quarterly numbers\n");
        QVERIFY2(uploaded.ok(), qPrintable(uploaded.error.summary()));

        showSubTab(webhooks()->receiverPanel());
        QTRY_VERIFY_WITH_TIMEOUT(deliveries->rowCount() >= 1, 30000);
        QCOMPARE(deliveries->index(0, WebhookDeliveriesModel::TriggerColumn).data().toString(),
                 u"FILE.UPLOADED"_s);
        QVERIFY(deliveries->index(0, WebhookDeliveriesModel::ItemColumn)
                    .data()
                    .toString()
                    .contains(u"report.txt"_s));
        QVERIFY2(deliveries->verdict(0).isValid(), qPrintable(deliveries->verdict(0).reasonText()));
        QCOMPARE(deliveries->index(0, WebhookDeliveriesModel::VerdictColumn).data().toString(),
                 u"Valid"_s);
        // The newest delivery is selected: its headers, body and verdict show.
        auto *panel = webhooks()->receiverPanel();
        QTRY_COMPARE(panel->selectedRow(), 0);
        QVERIFY(in<QPlainTextEdit>(u"deliveryHeaders"_s)
                    ->toPlainText()
                    .contains(u"box-signature-primary"_s));
        QVERIFY(in<QPlainTextEdit>(u"deliveryBody"_s)->toPlainText().contains(u"report.txt"_s));
        auto *verdict = in<QLabel>(u"deliveryVerdict"_s);
        QVERIFY(verdict->isVisible());
        QVERIFY2(verdict->text().contains(u"Valid"_s), qPrintable(verdict->text()));

        // A tampered copy: listed invalid, with the reason.
        QTest::mouseClick(in<QPushButton>(u"tamperedCopyButton"_s), Qt::LeftButton);
        QTRY_COMPARE(deliveries->rowCount(), 2);
        QCOMPARE(deliveries->index(1, WebhookDeliveriesModel::VerdictColumn).data().toString(),
                 u"Invalid"_s);
        const QString reason =
            deliveries->index(1, WebhookDeliveriesModel::ReasonColumn).data().toString();
        QVERIFY2(reason.startsWith(u"Body changed"_s), qPrintable(reason));
        QCOMPARE(panel->selectedRow(), 1);
        QVERIFY2(verdict->text().contains(u"Invalid"_s) &&
                     verdict->text().contains(u"Body changed"_s),
                 qPrintable(verdict->text()));

        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"webhooks-deliveries.png"_s, 200));
        m_app.window()->resize(1024, 700);
        QTRY_COMPARE(m_app.window()->width(), 1024);
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"webhooks-deliveries-1024.png"_s, 200));
        // The scroll bar is always off, so what counts is that every column fits the viewport
        // (nothing cut off on the right).
        QHeaderView *columns = panel->table()->horizontalHeader();
        QTRY_VERIFY2(columns->length() <= panel->table()->viewport()->width(),
                     qPrintable(u"columns %1 px, viewport %2 px"_s.arg(columns->length())
                                    .arg(panel->table()->viewport()->width())));
        QCOMPARE(columns->sectionViewportPosition(WebhookDeliveriesModel::ReasonColumn) +
                     columns->sectionSize(WebhookDeliveriesModel::ReasonColumn),
                 columns->length());
        m_app.window()->resize(1280, 800);

        // Editing the valid delivery's body and verifying again: invalid, body changed.
        panel->selectRow(0);
        auto *body = in<QPlainTextEdit>(u"deliveryBody"_s);
        body->setPlainText(body->toPlainText().replace(u"report.txt"_s, u"invoice.txt"_s));
        QTest::mouseClick(in<QPushButton>(u"reverifyButton"_s), Qt::LeftButton);
        QVERIFY2(verdict->text().contains(u"Invalid"_s) &&
                     verdict->text().contains(u"Body changed"_s),
                 qPrintable(verdict->text()));
        QVERIFY(deliveries->verdict(0).isValid()); // the delivery as received is unchanged
    }

    void pastedDeliveryIsVerified()
    {
        WebhookDeliveriesModel *deliveries = webhooks()->deliveries();
        QVERIFY(deliveries->rowCount() >= 1);
        const WebhookDelivery &d = deliveries->delivery(0);
        auto *verifier = find<WebhookVerifierPanel>(webhooks(), u"webhookVerifierPanel"_s);
        showSubTab(verifier);
        QString headers;
        for (const auto &h : d.headers)
            headers += QString::fromLatin1(h.first) + u": "_s + QString::fromUtf8(h.second) + u'\n';
        in<QPlainTextEdit>(u"verifierHeaders"_s)->setPlainText(headers);
        in<QPlainTextEdit>(u"verifierBody"_s)->setPlainText(QString::fromUtf8(d.body));
        QTest::mouseClick(in<QPushButton>(u"verifyButton"_s), Qt::LeftButton);
        auto *verdict = in<QLabel>(u"verifierVerdict"_s);
        QVERIFY2(verdict->text().contains(u"Valid"_s), qPrintable(verdict->text()));
        QVERIFY(verifier->lastVerdict().isValid());
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"webhooks-verifier.png"_s, 200));
        // Without the timestamp header: which header is missing.
        headers.remove(QRegularExpression(u"box-delivery-timestamp:[^\n]*\n"_s));
        in<QPlainTextEdit>(u"verifierHeaders"_s)->setPlainText(headers);
        QTest::mouseClick(in<QPushButton>(u"verifyButton"_s), Qt::LeftButton);
        QCOMPARE(verifier->lastVerdict().reason, WebhookVerdict::Reason::MissingHeader);
        QVERIFY2(verdict->text().contains(u"BOX-DELIVERY-TIMESTAMP"_s),
                 qPrintable(verdict->text()));
    }

    void unEditedBodyIsVerifiedAsReceived()
    {
        // Bytes an editor cannot give back: CRLF line ends and a non-breaking space.
        const WebhookKeys keys{u"EditorPrimaryKey"_s, {}};
        const QByteArray body = "{\"type\":\"webhook_event\",\r\n\"note\":\"a\xc2\xa0"
                                "b\"}\r\n";
        const QByteArray ts = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1();
        WebhookDelivery d;
        d.method = "POST";
        d.target = "/box";
        d.headers = {{"BOX-DELIVERY-TIMESTAMP", ts},
                     {"BOX-SIGNATURE-PRIMARY", WebhookSignature::sign(keys.primary, body, ts)},
                     {"BOX-SIGNATURE-VERSION", "1"},
                     {"BOX-SIGNATURE-ALGORITHM", "HmacSHA256"}};
        d.body = body;
        d.receivedAt = QDateTime::currentDateTimeUtc();
        WebhookReceiver receiver;
        WebhookDeliveriesModel model;
        model.setKeys(keys);
        QVERIFY(model.verdict(model.addDelivery(d)).isValid());
        WebhookReceiverPanel panel(&receiver, &model);
        panel.resize(1024, 700);
        panel.show();
        panel.selectRow(0);
        auto *editor = find<QPlainTextEdit>(&panel, u"deliveryBody"_s);
        QVERIFY(editor->toPlainText().toUtf8() != body); // the editor cannot round-trip it
        QTest::mouseClick(find<QPushButton>(&panel, u"reverifyButton"_s), Qt::LeftButton);
        auto *verdict = find<QLabel>(&panel, u"deliveryVerdict"_s);
        QVERIFY2(verdict->text().contains(u"Valid"_s) && !verdict->text().contains(u"Invalid"_s),
                 qPrintable(verdict->text()));
        // A real edit is still verified as edited.
        editor->setPlainText(editor->toPlainText().replace(u"webhook_event"_s, u"other"_s));
        QTest::mouseClick(find<QPushButton>(&panel, u"reverifyButton"_s), Qt::LeftButton);
        QVERIFY2(verdict->text().contains(u"Body changed"_s), qPrintable(verdict->text()));

        // The pasted-delivery verifier warns what pasting does to bytes.
        WebhookVerifierPanel verifier;
        verifier.setKeys(keys);
        QString headers;
        for (const auto &h : d.headers)
            headers +=
                QString::fromLatin1(h.first) + u": "_s + QString::fromLatin1(h.second) + u'\n';
        find<QPlainTextEdit>(&verifier, u"verifierHeaders"_s)->setPlainText(headers);
        find<QPlainTextEdit>(&verifier, u"verifierBody"_s)->setPlainText(QString::fromUtf8(body));
        QTest::mouseClick(find<QPushButton>(&verifier, u"verifyButton"_s), Qt::LeftButton);
        QCOMPARE(verifier.lastVerdict().reason, WebhookVerdict::Reason::Mismatch);
        const QString text = find<QLabel>(&verifier, u"verifierVerdict"_s)->text();
        QVERIFY2(text.contains(u"pasting can change bytes"_s) && text.contains(u"(CR)"_s) &&
                     text.contains(u"non-breaking spaces"_s) &&
                     text.contains(u"trailing newline"_s),
                 qPrintable(text));
    }

    void listAsAnAppUser()
    {
        showSubTab(list());
        auto *combo = in<QComboBox>(u"asUserCombo"_s);
        // The enterprise's users are offered (the account itself first).
        QTRY_VERIFY_WITH_TIMEOUT(combo->count() > 1, 30000);
        const QString appUser = combo->itemData(1).toString();
        QVERIFY(!appUser.isEmpty());
        list()->setAsUserId(appUser);
        QCOMPARE(list()->asUserId(), appUser);
        QTest::mouseClick(in<QPushButton>(u"refreshWebhooksButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!list()->model()->isLoading());
        // Box lists only webhooks on items the caller owns: the app user has none.
        QCOMPARE(list()->model()->asUserId(), appUser);
        QCOMPARE(list()->model()->rowCount(), 0);
        QVERIFY(!in<QWidget>(u"webhooksBanner"_s)->isVisible());
        list()->setAsUserId({});
        QTest::mouseClick(in<QPushButton>(u"refreshWebhooksButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!list()->model()->isLoading());
        QCOMPARE(list()->model()->rowCount(), 1);
    }

    void deleteConfirmationOutlivingItsClientDoesNothing()
    {
        // A list panel of its own with a client that goes away while the box is open (the
        // profile was closed): confirming must neither crash nor delete.
        WebhookReceiver receiver;
        WebhookListPanel panel(&receiver);
        std::unique_ptr<BoxClient> client(m_app.sandbox().authenticatedClient(JwtApp, nullptr));
        panel.setClient(client.get(), {});
        panel.resize(900, 500);
        panel.show();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.model()->isLoading() && panel.model()->rowCount() == 1,
                                 30000);
        panel.table()->selectRow(0);
        QTest::mouseClick(find<QPushButton>(&panel, u"deleteWebhookButton"_s), Qt::LeftButton);
        QPointer<QMessageBox> box;
        QTRY_VERIFY((box = panel.findChild<QMessageBox *>(u"confirmDeleteWebhook"_s)) &&
                    box->isVisible());
        client.reset();
        find<QPushButton>(box, u"confirmDeleteWebhookButton"_s)->click();
        QTRY_VERIFY(!box);
        QTest::qWait(200);
        QVERIFY(waitFor(m_testClient->get(u"/webhooks/"_s + m_webhookId)).ok()); // still there

        // A new client (another profile) closes the box that asked about the old one.
        client.reset(m_app.sandbox().authenticatedClient(JwtApp, nullptr));
        panel.setClient(client.get(), {});
        QTRY_VERIFY_WITH_TIMEOUT(!panel.model()->isLoading() && panel.model()->rowCount() == 1,
                                 30000);
        panel.table()->selectRow(0);
        QTest::mouseClick(find<QPushButton>(&panel, u"deleteWebhookButton"_s), Qt::LeftButton);
        QTRY_VERIFY((box = panel.findChild<QMessageBox *>(u"confirmDeleteWebhook"_s)) &&
                    box->isVisible());
        panel.setClient(nullptr, {});
        QTRY_VERIFY(!box || !box->isVisible());
        QVERIFY(waitFor(m_testClient->get(u"/webhooks/"_s + m_webhookId)).ok());
    }

    void editAndDeleteTheWebhook()
    {
        showSubTab(list());
        QTRY_COMPARE(list()->model()->rowCount(), 1);
        list()->table()->selectRow(0);
        QTest::mouseClick(in<QPushButton>(u"editWebhookButton"_s), Qt::LeftButton);
        WebhookDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = webhooks()->findChild<WebhookDialog *>(u"webhookDialog"_s)) &&
                    dialog->isVisible());
        QVERIFY(!dialog->isCreating());
        QCOMPARE(dialog->triggers(), QStringList{u"FILE.UPLOADED"_s});
        // Clearing every trigger and the address is refused on the fields, not silently
        // dropped from the PUT (Box would keep the old values).
        auto *triggerTree = find<QTreeWidget>(dialog, u"webhookTriggers"_s);
        triggerItem(triggerTree, u"FILE.UPLOADED"_s)->setCheckState(0, Qt::Unchecked);
        auto *addressEdit = find<QLineEdit>(dialog, u"webhookAddress"_s);
        const QString address = addressEdit->text();
        addressEdit->clear();
        QTest::mouseClick(find<QPushButton>(dialog, u"webhookSaveButton"_s), Qt::LeftButton);
        QVERIFY(find<QLabel>(dialog, u"webhookTriggersError"_s)->isVisible());
        QVERIFY(find<QLabel>(dialog, u"webhookAddressError"_s)->isVisible());
        QVERIFY(dialog->isVisible());
        QTest::qWait(200);
        QCOMPARE(waitFor(m_testClient->get(u"/webhooks/"_s + m_webhookId))
                     .json()
                     .value(u"triggers"_s)
                     .toArray()
                     .size(),
                 1);
        triggerItem(triggerTree, u"FILE.UPLOADED"_s)->setCheckState(0, Qt::Checked);
        addressEdit->setText(address);
        triggerItem(find<QTreeWidget>(dialog, u"webhookTriggers"_s), u"FILE.RENAMED"_s)
            ->setCheckState(0, Qt::Checked);
        const QPointer<WebhookDialog> saving = dialog; // deleted when it closes
        QTest::mouseClick(find<QPushButton>(dialog, u"webhookSaveButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!saving || !saving->isVisible(), 30000);
        QTRY_COMPARE(list()->model()->webhook(0).triggers,
                     (QStringList{u"FILE.UPLOADED"_s, u"FILE.RENAMED"_s}));
        ApiResult atBox = waitFor(m_testClient->get(u"/webhooks/"_s + m_webhookId));
        QCOMPARE(atBox.json().value(u"triggers"_s).toArray().size(), 2);
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"webhooks-list.png"_s, 200));

        // Delete asks first; Cancel keeps it.
        list()->table()->selectRow(0);
        QTest::mouseClick(in<QPushButton>(u"deleteWebhookButton"_s), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = webhooks()->findChild<QMessageBox *>(u"confirmDeleteWebhook"_s)) &&
                    box->isVisible());
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!webhooks()->findChild<QMessageBox *>(u"confirmDeleteWebhook"_s));
        QCOMPARE(list()->model()->rowCount(), 1);
        QTest::mouseClick(in<QPushButton>(u"deleteWebhookButton"_s), Qt::LeftButton);
        QTRY_VERIFY((box = webhooks()->findChild<QMessageBox *>(u"confirmDeleteWebhook"_s)) &&
                    box->isVisible());
        find<QPushButton>(box, u"confirmDeleteWebhookButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(list()->model()->rowCount(), 0, 30000);
        atBox = waitFor(m_testClient->get(u"/webhooks/"_s + m_webhookId));
        QCOMPARE(atBox.status, 404);
    }

    void stopTheReceiver()
    {
        showSubTab(webhooks()->receiverPanel());
        QTest::mouseClick(in<QPushButton>(u"receiverStopButton"_s), Qt::LeftButton);
        QVERIFY(!webhooks()->receiver()->isListening());
        QVERIFY(in<QLabel>(u"receiverStatus"_s)->text().contains(u"Stopped"_s));
    }

    void cleanupTestCase()
    {
        m_listTester.reset();
        m_deliveriesTester.reset();
        m_testClient.reset();
        QVERIFY(m_app.finish());
    }
};

QTEST_MAIN(TestWebhooksPane)
#include "tst_webhookspane.moc"
