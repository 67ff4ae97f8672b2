// The Skill page of a Custom Skill profile against the in-process sandbox (real keychain, run
// inside headless-session.sh): Box's docs payload laid out in the event lab (the file, the
// event, each token's limits in plain words and both readings of expires_in, tokens masked);
// a payload with a problem names the field and keeps the pasted text; a card round-trips
// through the editor (JSON in, editor, JSON out identical) and shows in the preview; a
// sandbox Skill pointed at the local receiver delivers a signed event on an upload, the read
// token reads the file, the write token writes the cards, and every try beyond the tokens'
// limits is refused as expected. Screenshots into BOX_SCREENSHOT_DIR when it is set.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/skills/skillcard.h"
#include "core/skills/skillpayload.h"
#include "core/webhooks/webhookdeliveriesmodel.h"
#include "core/webhooks/webhookkeystore.h"
#include "core/webhooks/webhookreceiver.h"
#include "ui/skills/skillcardeditor.h"
#include "ui/skills/skillcardsview.h"
#include "ui/skills/skilllabpanel.h"
#include "ui/skills/skillpane.h"
#include "ui/skills/skillreceiverpanel.h"
#include "ui/skills/skilltrialsmodel.h"
#include "uploadbody.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTcpServer>
#include <QTest>
#include <QTextDocumentFragment>

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

QByteArray docsPayload()
{
    QFile file(QStringLiteral(SKILLS_TEST_DATA "/skills-payload-docs.json"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A timeline card as Box's docs show one, with a key this app does not model.
const QByteArray TimelineCard =
    "{\n"
    "  \"type\": \"skill_card\",\n"
    "  \"skill_card_type\": \"timeline\",\n"
    "  \"skill_card_title\": {\"code\": \"skills_faces\", \"message\": \"Faces\"},\n"
    "  \"skill\": {\"type\": \"service\", \"id\": \"137\"},\n"
    "  \"invocation\": {\"type\": \"skill_invocation\", \"id\": "
    "\"fd1d2e53-35f5-41fb-9c25-4ba326daf2f9_341016304\"},\n"
    "  \"duration\": 120,\n"
    "  \"entries\": [\n"
    "    {\"text\": \"Jane Doe\", \"image_url\": \"https://example.com/jane.png\", \"appears\": "
    "[{\"start\": 1, \"end\": 20}, {\"start\": 65, \"end\": 90}]},\n"
    "    {\"text\": \"John Doe\", \"image_url\": \"https://example.com/john.png\", \"appears\": "
    "[{\"start\": 30, \"end\": 60}], \"type\": \"image\"}\n"
    "  ]\n"
    "}\n";
} // namespace

class TestSkillPane : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    std::unique_ptr<SkillPane> m_pane;
    std::unique_ptr<BoxClient> m_testClient;
    std::unique_ptr<QAbstractItemModelTester> m_trialsTester;
    std::unique_ptr<QAbstractItemModelTester> m_eventsTester;
    AppProfile m_profile;
    WebhookKeys m_keys; // the profile's signature keys, as the sandbox app signs with them

    template <typename T> T *in(const QString &name) const { return find<T>(m_pane.get(), name); }
    QString text(const QString &labelName) const { return in<QLabel>(labelName)->text(); }

    ApiResult upload(const QString &folderId, const QString &name, const QByteArray &content)
    {
        ApiRequest request;
        request.method = "POST";
        request.url = m_app.server().baseUrl().resolved(QUrl(u"/api/2.0/files/content"_s));
        request.body = UploadBody::of(folderId, name, content);
        request.contentType = UploadBody::contentType();
        request.idempotent = false;
        return waitFor(m_testClient->send(request));
    }

    QString createFolder(const QString &name)
    {
        const ApiResult folder = waitFor(m_testClient->post(
            u"/folders"_s, {{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        if (!folder.ok())
            qWarning() << "folder" << folder.error.summary();
        return folder.json().value(u"id"_s).toString();
    }

    bool writeKeys(const WebhookKeys &before, const WebhookKeys &after)
    {
        QString written = u"pending"_s;
        WebhookKeyStore::write(m_app.store(), m_profile.id, before, after, this,
                               [&written](const QString &error) { written = error; });
        if (!QTest::qWaitFor([&written] { return written != u"pending"_s; }, 30000) ||
            !written.isEmpty()) {
            qWarning() << "writing the keys:" << written;
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AppFixture::Options options;
        options.sandboxApps = {JwtApp};
        options.windowSize = QSize(1280, 800);
        QVERIFY(m_app.start(u"tst_skillpane"_s, options));
        m_testClient.reset(m_app.sandbox().authenticatedClient(JwtApp, nullptr));

        // A Custom Skill profile for the sandbox app whose keys sign the Skill's events, with
        // those keys in the keychain (as the profile editor keeps them).
        const QString clientId = m_app.sandbox().app(JwtApp).clientId;
        QJsonObject keys;
        QCOMPARE(
            m_app.sandbox().control("GET", u"/apps/%1/webhook-keys"_s.arg(clientId), {}, &keys),
            200);
        ProfileSecrets secrets;
        secrets.webhookPrimaryKey = keys.value(u"primary_key"_s).toString();
        secrets.webhookSecondaryKey = keys.value(u"secondary_key"_s).toString();
        QVERIFY(!secrets.webhookPrimaryKey.isEmpty());
        m_profile = m_app.sandbox().profile(JwtApp);
        m_profile.id.clear();
        m_profile.name = u"Lab Skill"_s;
        m_profile.method = AuthMethod::CustomSkill;
        m_profile.publicKeyId.clear();
        m_profile.subjectId.clear();
        m_profile.invocationUrl = QUrl(u"http://127.0.0.1:8765/skill"_s);
        m_profile.id = m_app.addProfile(m_profile, secrets);
        QVERIFY(!m_profile.id.isEmpty());
        // The signature keys are kept apart from the profile's other secrets.
        m_keys = {secrets.webhookPrimaryKey, secrets.webhookSecondaryKey};
        QVERIFY(writeKeys({}, m_keys));

        m_pane = std::make_unique<SkillPane>();
        m_pane->resize(1280, 800);
        m_pane->setSecretStore(m_app.store());
        m_pane->setProfile(m_profile);
        m_pane->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
        m_trialsTester = std::make_unique<QAbstractItemModelTester>(
            m_pane->lab()->trialsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_eventsTester = std::make_unique<QAbstractItemModelTester>(
            m_pane->events(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanupTestCase()
    {
        m_trialsTester.reset();
        m_eventsTester.reset();
        m_pane.reset();
        m_testClient.reset();
        QVERIFY(m_app.finish());
    }

    void labLaysOutTheDocsPayload()
    {
        const QByteArray json = docsPayload();
        QVERIFY(!json.isEmpty());
        m_pane->tabs()->setCurrentWidget(m_pane->lab());
        auto *edit = in<QPlainTextEdit>(u"skillPayloadEdit"_s);
        edit->setPlainText(QString::fromUtf8(json));
        QVERIFY(m_pane->lab()->payload().has_value());
        QCOMPARE(edit->toPlainText().toUtf8(), json); // the pasted text stays as it was

        QCOMPARE(text(u"skillName"_s), u"Hello World Skill"_s);
        QCOMPARE(text(u"skillId"_s), u"137"_s);
        // The docs' api_key is not this profile's client ID: said so.
        QVERIFY(text(u"skillApiKey"_s).contains(u"differs"_s));
        QCOMPARE(text(u"sourceName"_s), u"200386_main.jpg"_s);
        QCOMPARE(text(u"sourceId"_s), u"340708371275"_s);
        QVERIFY(text(u"sourceSize"_s).contains(u"150031"_s));
        QCOMPARE(text(u"sourceVersion"_s), u"359740326875"_s);
        QCOMPARE(text(u"sourceParent"_s), u"56598494243"_s);
        QCOMPARE(text(u"eventType"_s), u"ITEM_UPLOAD"_s);
        QVERIFY(text(u"eventCreatedBy"_s).contains(u"boxskills-dev@boxdemo.com"_s));
        QVERIFY(text(u"invocationStatus"_s).startsWith(u"invoked"_s));
        QVERIFY2(text(u"readTokenMay"_s).contains(u"read file 340708371275"_s),
                 qPrintable(text(u"readTokenMay"_s)));
        QVERIFY(text(u"writeTokenMay"_s).contains(u"write its Skills cards"_s));
        QVERIFY(text(u"writeTokenMay"_s).contains(u"update the Skill invocation"_s));
        // expires_in 1540924150 as the payload holds it, read as a Unix time in 2018: expired;
        // the other reading is named too.
        const QString expiry = text(u"readTokenExpiry"_s);
        QVERIFY2(expiry.contains(u"1540924150"_s) && expiry.contains(u"2018-10-30"_s) &&
                     expiry.contains(u"expired"_s) && expiry.contains(u"seconds"_s),
                 qPrintable(expiry));
        // Tokens masked, never whole.
        QVERIFY(!text(u"readTokenMasked"_s).contains(u"REDACTED"_s));
        QVERIFY(in<QPushButton>(u"readTokenCopyButton"_s)->isEnabled());
        // The card editor got the payload's IDs (a default card for it).
        QVERIFY(!m_pane->cardEditor()->cards().isEmpty());
        QCOMPARE(m_pane->cardEditor()->cards().first().skillId, u"137"_s);
        QCOMPARE(m_pane->cardEditor()->cards().first().invocationId,
                 u"fd1d2e53-35f5-41fb-9c25-4ba326daf2f9_341016304"_s);
        // Expired tokens are not sent: the tries say so.
        in<QPushButton>(u"readFileButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            !text(u"readResult"_s).isEmpty() && text(u"readResult"_s) != u"Reading…"_s, 10000);
        QVERIFY2(text(u"readResult"_s).contains(u"Could not read"_s),
                 qPrintable(text(u"readResult"_s)));
    }

    void payloadProblemsNameTheField()
    {
        QJsonObject payload = QJsonDocument::fromJson(docsPayload()).object();
        QJsonObject token = payload.value(u"token"_s).toObject();
        QJsonObject read = token.value(u"read"_s).toObject();
        read.remove(u"access_token"_s);
        token.insert(u"read"_s, read);
        payload.insert(u"token"_s, token);
        const QByteArray broken = QJsonDocument(payload).toJson();
        auto *edit = in<QPlainTextEdit>(u"skillPayloadEdit"_s);
        edit->setPlainText(QString::fromUtf8(broken));
        auto *problems = in<QLabel>(u"skillPayloadProblems"_s);
        QVERIFY(problems->isVisible());
        QVERIFY2(problems->text().contains(u"token.read.access_token"_s),
                 qPrintable(problems->text()));
        QCOMPARE(edit->toPlainText().toUtf8(), broken);
        QVERIFY(!in<QPushButton>(u"readFileButton"_s)->isEnabled());
        // Not JSON at all: said where.
        edit->setPlainText(u"{\"id\": "_s);
        QVERIFY(problems->isVisible());
        QVERIFY(!problems->text().isEmpty());
        edit->setPlainText(QString::fromUtf8(docsPayload()));
        QVERIFY(!problems->isVisible());
    }

    void cardRoundTripsThroughTheEditor()
    {
        m_pane->tabs()->setCurrentWidget(m_pane->cardEditor());
        SkillCardEditor *editor = m_pane->cardEditor();
        const QJsonObject in = QJsonDocument::fromJson(TimelineCard).object();
        QVERIFY(!in.isEmpty());
        auto *json = find<QPlainTextEdit>(editor, u"cardsJsonEdit"_s);
        json->setPlainText(QString::fromUtf8(TimelineCard));
        QTest::mouseClick(find<QPushButton>(editor, u"applyCardsJsonButton"_s), Qt::LeftButton);
        QCOMPARE(editor->cards().size(), 1);
        // Into the form...
        QCOMPARE(find<QLineEdit>(editor, u"cardTitleEdit"_s)->text(), u"Faces"_s);
        QCOMPARE(find<QLineEdit>(editor, u"cardDurationEdit"_s)->text(), u"120"_s);
        // ... an edit through the form and back (as a user types and undoes) ...
        auto *title = find<QLineEdit>(editor, u"cardTitleEdit"_s);
        title->setFocus();
        QTest::keyClick(title, Qt::Key_End);
        QTest::keyClicks(title, u"X"_s);
        QCOMPARE(editor->cards().first().titleMessage, u"FacesX"_s);
        QTest::keyClick(title, Qt::Key_Backspace);
        // ... and out: the same card JSON.
        QCOMPARE(editor->cards().first().toJson(), in);
        const QJsonArray out = QJsonDocument::fromJson(editor->jsonText().toUtf8()).array();
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.first().toObject(), in);
        QVERIFY(!find<QLabel>(editor, u"cardProblems"_s)->property("hasProblems").toBool());
        // The preview shows it as a timeline.
        SkillCardsView *preview = editor->preview();
        QTRY_COMPARE(preview->cardCount(), 1);
        QWidget *card = preview->findChild<QWidget *>(u"skillCard_0"_s);
        QVERIFY(card);
        QCOMPARE(card->property("skillCardType").toString(), u"timeline"_s);

        // Add a keyword card and a status card; problems show inline.
        auto *type = find<QComboBox>(editor, u"newCardTypeCombo"_s);
        type->setCurrentIndex(type->findData(u"keyword"_s));
        QTest::mouseClick(find<QPushButton>(editor, u"addCardButton"_s), Qt::LeftButton);
        type->setCurrentIndex(type->findData(u"status"_s));
        QTest::mouseClick(find<QPushButton>(editor, u"addCardButton"_s), Qt::LeftButton);
        QCOMPARE(editor->cards().size(), 3);
        QCOMPARE(editor->cards().at(1).skillId, u"137"_s); // pre-filled from the payload
        QTRY_COMPARE(preview->cardCount(), 3);
        auto *duration = find<QLineEdit>(editor, u"cardDurationEdit"_s);
        editor->selectCard(0);
        duration->clear();
        QTest::keyClicks(duration, u"abc"_s);
        QVERIFY(find<QLabel>(editor, u"cardProblems"_s)->property("hasProblems").toBool());
        QVERIFY(find<QLabel>(editor, u"cardProblems"_s)->text().contains(u"Duration"_s));
        duration->clear();
        QTest::keyClicks(duration, u"120"_s);
        QVERIFY(!find<QLabel>(editor, u"cardProblems"_s)->property("hasProblems").toBool());
        QCOMPARE(editor->cards().first().toJson(), in);
    }

    // A card from an untrusted service: huge times read without undefined behaviour (clamped
    // before the cast), and an image_url holding markup shows as written in the tooltip.
    void hostileCardShowsAsWritten()
    {
        QCOMPARE(SkillCardsView::formatTime(61), u"1:01"_s);
        QCOMPARE(SkillCardsView::formatTime(-5), u"0:00"_s);
        QCOMPARE(SkillCardsView::formatTime(std::numeric_limits<double>::quiet_NaN()), u"0:00"_s);
        QVERIFY(!SkillCardsView::formatTime(1e300).isEmpty());
        SkillCard card;
        card.type = SkillCardType::Timeline;
        card.titleMessage = u"Faces"_s;
        card.skillId = u"s"_s;
        card.invocationId = u"i"_s;
        card.duration = 1e300;
        const QString url = u"https://x.example/<b>bold</b>.png"_s;
        card.entries = {SkillCardEntry{u"Person"_s, url, {{1e300, 1e300}}, {}}};
        SkillCardsView view;
        view.setCards({card});
        QCOMPARE(view.cardCount(), 1);
        QLabel *person = nullptr;
        for (QLabel *label : view.findChildren<QLabel *>())
            if (label->text() == u"Person"_s)
                person = label;
        QVERIFY(person);
        QCOMPARE(QTextDocumentFragment::fromHtml(person->toolTip()).toPlainText(),
                 u"Image: "_s + url);
    }

    void sandboxSkillDeliversToTheLocalReceiver()
    {
        // The Skill, enabled on a folder, points at the local receiver.
        const quint16 port = freePort();
        m_pane->tabs()->setCurrentWidget(m_pane->receiverPanel());
        in<QSpinBox>(u"skillReceiverPort"_s)->setValue(port);
        QTest::mouseClick(in<QPushButton>(u"skillReceiverStartButton"_s), Qt::LeftButton);
        QTRY_VERIFY(m_pane->receiver()->isListening());
        const QString folderId = createFolder(u"Skill Inbox"_s);
        QVERIFY(!folderId.isEmpty());
        QJsonObject skill;
        const int status = m_app.sandbox().control(
            "POST", u"/skills"_s,
            {{u"name"_s, u"Lab Skill"_s},
             {u"client_id"_s, m_app.sandbox().app(JwtApp).clientId},
             {u"invocation_url"_s, u"http://127.0.0.1:%1/skill"_s.arg(port)},
             {u"folder_ids"_s, QJsonArray{folderId}}},
            &skill);
        QVERIFY2(status == 201, QJsonDocument(skill).toJson().constData());

        const QByteArray content = "an audio file, in spirit\n";
        const ApiResult uploaded = upload(folderId, u"interview.mp3"_s, content);
        QVERIFY2(uploaded.ok(), qPrintable(uploaded.error.summary()));
        const QString fileId = UploadBody::fileIdOf(uploaded.json());
        QVERIFY(!fileId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(m_pane->events()->rowCount() >= 1, 15000);
        // Signed with the profile's keys: valid.
        const QModelIndex verdict =
            m_pane->events()->index(0, WebhookDeliveriesModel::VerdictColumn);
        QTRY_VERIFY2(verdict.data(WebhookDeliveriesModel::ValidRole).toBool(),
                     qPrintable(verdict.data(WebhookDeliveriesModel::ReasonKeyRole).toString()));
        QVERIFY(m_pane->events()
                    ->index(0, WebhookDeliveriesModel::ItemColumn)
                    .data()
                    .toString()
                    .contains(u"interview.mp3"_s));
        // The newest event went to the lab.
        QTRY_VERIFY(m_pane->lab()->payload() && m_pane->lab()->payload()->sourceId == fileId);
        QTest::mouseClick(in<QPushButton>(u"openEventInLabButton"_s), Qt::LeftButton);
        QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->lab());
        QVERIFY(text(u"skillApiKey"_s).contains(u"matches"_s));
        QVERIFY2(text(u"readTokenExpiry"_s).contains(u"3600"_s) &&
                     text(u"readTokenExpiry"_s).contains(u"minutes"_s),
                 qPrintable(text(u"readTokenExpiry"_s)));

        // The read token reads the file.
        QTest::mouseClick(in<QPushButton>(u"readFileButton"_s), Qt::LeftButton);
        const QString sha1 = QString::fromLatin1(
            QCryptographicHash::hash(content, QCryptographicHash::Sha1).toHex());
        QTRY_VERIFY_WITH_TIMEOUT(text(u"readResult"_s).contains(sha1), 15000);
        QVERIFY(text(u"readResult"_s).contains(QString::number(content.size())));

        // The write token writes the editor's cards (invocation, then metadata).
        QTRY_VERIFY(in<QPushButton>(u"writeCardsButton"_s)->isEnabled());
        QTest::mouseClick(in<QPushButton>(u"writeCardsButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(text(u"writeResult"_s).contains(u"metadata: 2"_s), 15000);
        const ApiResult cards =
            waitFor(m_testClient->get(u"/files/%1/metadata/global/boxSkillsCards"_s.arg(fileId)));
        QVERIFY2(cards.ok(), qPrintable(cards.error.summary()));
        QCOMPARE(cards.json().value(u"cards"_s).toArray().size(),
                 m_pane->cardEditor()->cards().size());

        // Beyond the limits: each try refused as expected.
        const QString otherFileId =
            UploadBody::fileIdOf(upload(createFolder(u"Elsewhere"_s), u"other.txt"_s, "x").json());
        QVERIFY(!otherFileId.isEmpty());
        QTRY_VERIFY(in<QPushButton>(u"beyondLimitsButton"_s)->isEnabled());
        in<QLineEdit>(u"otherFileIdEdit"_s)->setText(otherFileId);
        QTest::mouseClick(in<QPushButton>(u"beyondLimitsButton"_s), Qt::LeftButton);
        SkillTrialsModel *trials = m_pane->lab()->trialsModel();
        QTRY_VERIFY_WITH_TIMEOUT(in<QPushButton>(u"beyondLimitsButton"_s)->isEnabled(), 20000);
        int refused = 0;
        for (int row = 0; row < trials->rowCount(); ++row) {
            const QModelIndex outcome = trials->index(row, SkillTrialsModel::OutcomeColumn);
            // Shown in green: Box did what it should.
            QCOMPARE(outcome.data(Qt::ForegroundRole).value<QBrush>().color(),
                     QColor(0x2e, 0x7d, 0x32));
            if (trials->trial(row).withinLimits()) {
                // The Read / Write buttons' requests are listed as those tries.
                QCOMPARE(outcome.data(SkillTrialsModel::VerdictRole).toString(),
                         u"allowed-as-expected"_s);
                continue;
            }
            QVERIFY2(outcome.data(SkillTrialsModel::VerdictRole).toString() ==
                         u"refused-as-expected"_s,
                     qPrintable(trials->index(row, 0).data().toString() + u": "_s +
                                outcome.data().toString()));
            QVERIFY(outcome.data().toString().startsWith(u"Refused as expected"_s));
            ++refused;
        }
        QVERIFY(refused >= 3);
        QVERIFY(AppFixture::saveScreenshot(m_pane.get(), u"skills-lab-trials.png"_s, 200));
    }
    // While a try is in flight the payload it uses stays: the box is read-only, Open… is off,
    // a payload handed over (the receiver's "load into lab") waits for the try to end, and an
    // answer that comes back after the payload changed anyway is dropped, not written under
    // (or with the token of) another payload.
    void aTryKeepsItsPayload()
    {
        m_pane->tabs()->setCurrentWidget(m_pane->lab());
        SkillLabPanel *lab = m_pane->lab();
        QVERIFY(lab->payload());
        const QString fileId = lab->payload()->sourceId;
        QVERIFY(fileId != u"340708371275"_s);
        auto *edit = in<QPlainTextEdit>(u"skillPayloadEdit"_s);
        auto *open = in<QPushButton>(u"openPayloadButton"_s);
        const QString eventText = edit->toPlainText();
        QTRY_VERIFY(in<QPushButton>(u"readFileButton"_s)->isEnabled());
        QVERIFY(open->isEnabled() && !edit->isReadOnly());

        // Each lay-out records whether a try was still running then.
        QList<bool> laidOutWhileTrying;
        QMetaObject::Connection watch =
            connect(lab, &SkillLabPanel::payloadChanged, this,
                    [lab, &laidOutWhileTrying] { laidOutWhileTrying.append(lab->isTrying()); });
        QTest::mouseClick(in<QPushButton>(u"readFileButton"_s), Qt::LeftButton);
        QVERIFY(lab->isTrying());
        QVERIFY(edit->isReadOnly());
        QVERIFY(!open->isEnabled());
        lab->loadPayload(docsPayload());
        QCOMPARE(lab->payload()->sourceId, fileId);
        QCOMPARE(edit->toPlainText(), eventText);
        // The try done, the payload that waited is laid out.
        QTRY_COMPARE_WITH_TIMEOUT(lab->payload()->sourceId, u"340708371275"_s, 15000);
        disconnect(watch);
        QCOMPARE(laidOutWhileTrying, QList<bool>{false});
        QVERIFY(!edit->isReadOnly());
        QVERIFY(open->isEnabled());

        // The payload box emptied under a write in flight (as re-laying it out would): the
        // late answer neither writes the metadata nor lands in the results.
        edit->setPlainText(eventText);
        QTRY_VERIFY(in<QPushButton>(u"writeCardsButton"_s)->isEnabled());
        QTest::mouseClick(in<QPushButton>(u"writeCardsButton"_s), Qt::LeftButton);
        QVERIFY(lab->isTrying());
        edit->setPlainText(QString());
        QVERIFY(!lab->payload());
        QTRY_VERIFY_WITH_TIMEOUT(!lab->isTrying(), 15000);
        QVERIFY2(text(u"writeResult"_s).isEmpty(), qPrintable(text(u"writeResult"_s)));
        SkillTrialsModel *trials = lab->trialsModel();
        for (int row = 0; row < trials->rowCount(); ++row) {
            QVERIFY2(trials->index(row, SkillTrialsModel::OutcomeColumn)
                         .data(SkillTrialsModel::VerdictRole)
                         .toString()
                         .isEmpty(),
                     qPrintable(trials->index(row, 0).data().toString()));
        }
        QVERIFY(!edit->isReadOnly() && open->isEnabled());
        edit->setPlainText(eventText);
        QCOMPARE(lab->payload()->sourceId, fileId);
    }

    // A second event's IDs replace the ones the editor filled in from the first; an ID the
    // user typed stays.
    void cardIdsFollowTheLatestEvent()
    {
        SkillCardEditor *editor = m_pane->cardEditor();
        editor->setIds(u"skill-1"_s, u"invocation-1"_s);
        QList<SkillCard> cards = editor->cards();
        QVERIFY(cards.size() >= 2);
        for (const SkillCard &c : cards) {
            QCOMPARE(c.skillId, u"skill-1"_s);
            QCOMPARE(c.invocationId, u"invocation-1"_s);
        }
        cards[0].invocationId = u"typed-by-me"_s;
        editor->setCards(cards);
        editor->setIds(u"skill-2"_s, u"invocation-2"_s);
        cards = editor->cards();
        QCOMPARE(cards.at(0).skillId, u"skill-2"_s);
        QCOMPARE(cards.at(0).invocationId, u"typed-by-me"_s);
        for (int i = 1; i < cards.size(); ++i) {
            QCOMPARE(cards.at(i).skillId, u"skill-2"_s);
            QCOMPARE(cards.at(i).invocationId, u"invocation-2"_s);
        }
        // The same through the lab: the docs payload's event.
        m_pane->lab()->loadPayload(docsPayload());
        QCOMPARE(editor->cards().at(1).skillId, u"137"_s);
        QCOMPARE(editor->cards().at(1).invocationId,
                 u"fd1d2e53-35f5-41fb-9c25-4ba326daf2f9_341016304"_s);
        QCOMPARE(editor->cards().at(0).invocationId, u"typed-by-me"_s);
    }

    // The profile's keys edited (the profile editor saves them and sets the profile again,
    // same ID): the receiver checks with the new keys.
    void editedKeysReachTheReceiver()
    {
        auto *note = in<QLabel>(u"skillReceiverKeys"_s);
        QTRY_VERIFY2(note->text().contains(u"primary and secondary keys"_s),
                     qPrintable(note->text()));
        const WebhookKeys primaryOnly{m_keys.primary, QString()};
        QVERIFY(writeKeys(m_keys, primaryOnly));
        m_pane->setProfile(m_profile);
        QTRY_VERIFY2(note->text().contains(u"primary key"_s) &&
                         !note->text().contains(u"secondary"_s),
                     qPrintable(note->text()));
        QVERIFY(writeKeys(primaryOnly, m_keys));
        m_pane->setProfile(m_profile);
        QTRY_VERIFY2(note->text().contains(u"primary and secondary keys"_s),
                     qPrintable(note->text()));
    }
};

QTEST_MAIN(TestSkillPane)
#include "tst_skillpane.moc"
