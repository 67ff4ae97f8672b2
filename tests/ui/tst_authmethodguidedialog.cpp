// Adding an app: the profile editor's "Help me choose…" opens the auth-method guide; the
// answers give Box's recommended method with the Developer Console steps, and "Use …"
// preselects it in the editor. Screenshots of the guide in /tmp at 1280x800 and 1024x700.
#include "core/appprofile.h"
#include "core/profilesecrets.h"
#include "ui/guide/authmethodguidedialog.h"
#include "ui/profileeditordialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace Qt::Literals::StringLiterals;

class TestAuthMethodGuideDialog : public QObject
{
    Q_OBJECT

private:
    template <typename T> static T *child(QWidget *parent, const QString &name)
    {
        T *w = parent->findChild<T *>(name);
        if (!w)
            qWarning() << "no" << name;
        return w;
    }

    static AuthMethod editorMethod(ProfileEditorDialog *editor) { return editor->profile().method; }

    // Opens the guide from a new Add editor, as a user adding an app does.
    static AuthMethodGuideDialog *openGuide(ProfileEditorDialog *editor)
    {
        auto *button = child<QPushButton>(editor, u"authGuideButton"_s);
        if (!button || !button->isVisible())
            return nullptr;
        QTest::mouseClick(button, Qt::LeftButton);
        AuthMethodGuideDialog *guide = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                guide = editor->findChild<AuthMethodGuideDialog *>();
                return guide && guide->isVisible();
            },
            5000);
        return guide;
    }

    static void click(QCheckBox *box)
    {
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(6, box->height() / 2));
    }

private slots:
    void guidePreselectsOAuthInTheEditor()
    {
        AppProfile fresh;
        fresh.name = u"New Box app"_s;
        fresh.method = AuthMethod::Jwt;
        ProfileEditorDialog editor(ProfileEditorDialog::Mode::Add, fresh, {});
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        AuthMethodGuideDialog *guide = openGuide(&editor);
        QVERIFY(guide);
        QVERIFY(guide->isModal() || guide->windowModality() != Qt::NonModal);

        // People sign in with their own Box accounts: OAuth 2.0.
        click(child<QCheckBox>(guide, u"guideUserInvolvement"_s));
        click(child<QCheckBox>(guide, u"guideUsersSeeBox"_s));
        QVERIFY(child<QCheckBox>(guide, u"guideUserInvolvement"_s)->isChecked());
        QCOMPARE(guide->recommendation().method, AuthMethod::OAuth2);
        auto *title = child<QLabel>(guide, u"guideRecommendation"_s);
        QVERIFY2(title->text().contains(u"OAuth 2.0"_s), qPrintable(title->text()));
        QVERIFY2(title->text().contains(u"Custom App"_s), qPrintable(title->text()));
        const QString result = child<QTextBrowser>(guide, u"guideResult"_s)->toPlainText();
        QVERIFY2(result.contains(u"In the Box Developer Console"_s), qPrintable(result));
        QVERIFY2(result.contains(u"Redirect URI"_s), qPrintable(result));
        QVERIFY2(result.contains(u"What the admin must approve"_s), qPrintable(result));
        QVERIFY2(result.contains(u"Limited Access App"_s), qPrintable(result)); // Box's table

        // Copy Steps gives the steps as text.
        QTest::mouseClick(child<QPushButton>(guide, u"guideCopyStepsButton"_s), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), guide->stepsText());
        QVERIFY(guide->stepsText().contains(u"1. Open the Box Developer Console"_s));

        auto *use = child<QPushButton>(guide, u"guideUseMethodButton"_s);
        QVERIFY(use->isEnabled());
        QCOMPARE(use->text(), u"&Use OAuth 2.0"_s);
        QTest::mouseClick(use, Qt::LeftButton);
        QTRY_VERIFY(!guide || !guide->isVisible());
        QCOMPARE(editorMethod(&editor), AuthMethod::OAuth2);
        // The editor now asks for what OAuth 2.0 needs.
        QTRY_VERIFY(child<QLineEdit>(&editor, u"redirectUri"_s)->isVisible());
    }

    void guidePreselectsClientCredentials()
    {
        ProfileEditorDialog editor(ProfileEditorDialog::Mode::Add, AppProfile{}, {});
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        AuthMethodGuideDialog *guide = openGuide(&editor);
        QVERIFY(guide);
        // A server app creating app users, with a client secret.
        click(child<QCheckBox>(guide, u"guideCreateAppUsers"_s));
        auto *credential = child<QComboBox>(guide, u"guideCredential"_s);
        credential->setCurrentIndex(
            credential->findData(int(AuthMethodGuide::Credential::ClientSecret)));
        QCOMPARE(guide->recommendation().method, AuthMethod::ClientCredentials);
        const QString result = child<QTextBrowser>(guide, u"guideResult"_s)->toPlainText();
        QVERIFY2(result.contains(u"Platform Apps Manager"_s), qPrintable(result));
        QVERIFY2(result.contains(u"can create app users"_s), qPrintable(result));
        QTest::mouseClick(child<QPushButton>(guide, u"guideUseMethodButton"_s), Qt::LeftButton);
        QCOMPARE(editorMethod(&editor), AuthMethod::ClientCredentials);
    }

    // Closing the guide changes nothing.
    void closingTheGuideKeepsTheMethod()
    {
        AppProfile fresh;
        fresh.method = AuthMethod::Jwt;
        ProfileEditorDialog editor(ProfileEditorDialog::Mode::Add, fresh, {});
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        AuthMethodGuideDialog *guide = openGuide(&editor);
        QVERIFY(guide);
        click(child<QCheckBox>(guide, u"guideUserInvolvement"_s));
        guide->reject();
        QCOMPARE(editorMethod(&editor), AuthMethod::Jwt);
    }

    // "Only process files that trigger the Skill": Box's Custom Skill, preselected as the
    // profile's kind; the editor then asks for the Skill's invocation URL.
    void customSkillIsNamedAndPreselected()
    {
        ProfileEditorDialog editor(ProfileEditorDialog::Mode::Add, AppProfile{}, {});
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        AuthMethodGuideDialog *guide = openGuide(&editor);
        QVERIFY(guide);
        auto *purpose = child<QComboBox>(guide, u"guidePurpose"_s);
        purpose->setCurrentIndex(purpose->findData(int(AuthMethodGuide::Purpose::SkillProcessing)));
        QCOMPARE(child<QLabel>(guide, u"guideRecommendation"_s)->text(), u"Custom Skill"_s);
        QVERIFY(!child<QCheckBox>(guide, u"guideActOnBehalf"_s)->isEnabled());
        const QString result = child<QTextBrowser>(guide, u"guideResult"_s)->toPlainText();
        QVERIFY2(result.contains(u"Invocation URL"_s), qPrintable(result));
        auto *use = child<QPushButton>(guide, u"guideUseMethodButton"_s);
        QVERIFY(use->isEnabled());
        QCOMPARE(use->text().remove(u'&'), u"Use Custom Skill"_s);
        QTest::mouseClick(use, Qt::LeftButton);
        QTRY_VERIFY(!guide || !guide->isVisible());
        QCOMPARE(editorMethod(&editor), AuthMethod::CustomSkill);
        QTRY_VERIFY(child<QLineEdit>(&editor, u"invocationUrl"_s)->isVisible());
        QVERIFY(!child<QLineEdit>(&editor, u"redirectUri"_s)->isVisible());
    }

    // Editing an app: Box fixes its method, so there is nothing to choose.
    void noGuideWhenEditing()
    {
        AppProfile existing;
        existing.name = u"Existing"_s;
        ProfileEditorDialog editor(ProfileEditorDialog::Mode::Edit, existing, {});
        QVERIFY(!editor.findChild<QPushButton *>(u"authGuideButton"_s));
    }

    // The guide at both window sizes: whole on screen, no horizontal scrollbar in its answer,
    // the questions unclipped. Screenshots in /tmp.
    void screenshots()
    {
        for (const QSize screen : {QSize(1280, 800), QSize(1024, 700)}) {
            AuthMethodGuideDialog guide;
            AuthMethodGuide::Answers a;
            a.createAppUsers = true;
            a.actOnBehalfOfUsers = true;
            guide.setAnswers(a);
            guide.show();
            QVERIFY(QTest::qWaitForWindowExposed(&guide));
            QVERIFY2(guide.width() <= screen.width() && guide.height() <= screen.height() - 40,
                     qPrintable(u"%1x%2"_s.arg(guide.width()).arg(guide.height())));
            auto *result = child<QTextBrowser>(&guide, u"guideResult"_s);
            QVERIFY(!result->horizontalScrollBar()->isVisible());
            for (QCheckBox *box : guide.findChildren<QCheckBox *>())
                QVERIFY2(box->width() >= box->sizeHint().width(), qPrintable(box->text()));
            QVERIFY(guide.grab().save(
                QDir::tempPath() +
                u"/hpanes-guide-%1x%2.png"_s.arg(screen.width()).arg(screen.height())));
        }
    }
};

QTEST_MAIN(TestAuthMethodGuideDialog)
#include "tst_authmethodguidedialog.moc"
