// Inline field errors wrap onto as many lines as they need (issue 13): in the profile editor
// and the app user dialog, at 1024x700 and with the application font at 150%, every shown
// error is whole (its label as tall as its wrapped text, inside the dialog, the dialog on the
// screen). Screenshots: with BOX_SCREENSHOT_DIR set, field-errors-*.png are written there.
#include "appfixture.h"
#include "core/api/boxclient.h"
#include "offscreenscreen.h"
#include "ui/appusers/appuserdialog.h"
#include "ui/content/newfolderdialog.h"
#include "ui/profileeditordialog.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QSize SmallScreen(1024, 700);
} // namespace

class TestFieldErrors : public QObject
{
    Q_OBJECT

private:
    QFont m_font;

    // The application font at `scale` times its size at the start (cleanup() restores it).
    void scaleFont(qreal scale) const
    {
        QFont font = m_font;
        font.setPointSizeF(m_font.pointSizeF() * scale);
        QApplication::setFont(font);
    }

    // Every visible label of `dialog` whose object name ends in `suffix` (or starts with
    // `prefix`) shows all of its text; returns how many there were and how many wrapped.
    static void verifyWhole(QWidget *dialog, const QStringList &names, int *wrapped)
    {
        *wrapped = 0;
        const QRect screen = dialog->screen()->availableGeometry();
        QVERIFY2(dialog->height() <= screen.height() && dialog->width() <= screen.width(),
                 qPrintable(u"%1x%2"_s.arg(dialog->width()).arg(dialog->height())));
        for (const QString &name : names) {
            auto *label = find<QLabel>(dialog, name);
            QVERIFY(label);
            QVERIFY2(label->isVisible(), qPrintable(name));
            QVERIFY(label->wordWrap());
            const int needed = label->heightForWidth(label->width());
            QVERIFY2(label->height() >= needed,
                     qPrintable(u"%1: %2 px high, its text needs %3"_s.arg(name)
                                    .arg(label->height())
                                    .arg(needed)));
            const QRect inDialog(label->mapTo(dialog, QPoint(0, 0)), label->size());
            QVERIFY2(dialog->rect().contains(inDialog), qPrintable(name));
            // Its text fits its width: no line is cut at the right.
            QVERIFY(label->sizeHint().width() <= label->width() ||
                    label->heightForWidth(label->width()) > label->fontMetrics().height());
            if (label->height() > label->fontMetrics().height() * 3 / 2)
                ++*wrapped;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_font = QApplication::font();
        QCOMPARE(QGuiApplication::primaryScreen()->availableGeometry().size(), SmallScreen);
    }

    void cleanup() { QApplication::setFont(m_font); }

    void profileEditorErrorsWrap_data()
    {
        QTest::addColumn<qreal>("scale");
        QTest::addColumn<AuthMethod>("method");
        QTest::newRow("CCG 100%") << 1.0 << AuthMethod::ClientCredentials;
        QTest::newRow("CCG 150%") << 1.5 << AuthMethod::ClientCredentials;
        QTest::newRow("JWT 150%") << 1.5 << AuthMethod::Jwt; // the tallest form
    }

    void profileEditorErrorsWrap()
    {
        QFETCH(qreal, scale);
        scaleFont(scale);

        AppProfile profile;
        profile.name = u"Payroll"_s;
        QFETCH(AuthMethod, method);
        profile.method = method;
        profile.clientId = u"abc123"_s;
        profile.subjectType = SubjectType::Enterprise;
        profile.subjectId = u"0"_s;
        profile.apiBaseUrl = QUrl(u"http://box.example.com"_s);
        ProfileSecrets secrets;
        secrets.clientSecret = u"not-a-real-secret"_s;
        ProfileEditorDialog dialog(ProfileEditorDialog::Mode::Edit, profile, secrets);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(50);
        QVERIFY(dialog.problems().size() >= 2);
        QVERIFY(AppFixture::saveScreenshot(
            &dialog,
            u"field-errors-profile-%1-%2.png"_s
                .arg(QString::fromLatin1(QTest::currentDataTag()).split(u' ').first())
                .arg(qRound(scale * 100)),
            50));
        int wrapped = 0;
        verifyWhole(&dialog, {u"apiBaseUrlProblem"_s, u"subjectIdProblem"_s}, &wrapped);
        QVERIFY(wrapped >= 1);
    }

    void appUserErrorsWrap_data()
    {
        QTest::addColumn<qreal>("scale");
        QTest::newRow("100%") << 1.0;
        QTest::newRow("150%") << 1.5;
    }

    void appUserErrorsWrap()
    {
        QFETCH(qreal, scale);
        scaleFont(scale);

        AppProfile profile;
        profile.name = u"Offline"_s;
        profile.apiBaseUrl = QUrl(u"http://127.0.0.1:9"_s);
        BoxClient client(profile);
        AppUserDialog dialog(&client);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(dialog.isLoaded());
        qobject_cast<QLineEdit *>(dialog.editor(u"name"_s))->setText(u"N"_s.repeated(60));
        qobject_cast<QComboBox *>(dialog.editor(u"timezone"_s))
            ->setEditText(u"Middle Earth/Minas Tirith"_s);
        dialog.submit();
        QTest::qWait(50);
        QVERIFY(AppFixture::saveScreenshot(
            &dialog, u"field-errors-appuser-%1.png"_s.arg(qRound(scale * 100)), 50));
        int wrapped = 0;
        verifyWhole(&dialog, {u"error_name"_s, u"error_timezone"_s}, &wrapped);
        QVERIFY(wrapped >= 1);
    }

    // A form dialog's error banner (New Folder, Collaborate) wraps the same way.
    void formDialogErrorWraps()
    {
        scaleFont(1.5);
        AppProfile profile;
        profile.apiBaseUrl = QUrl(u"http://127.0.0.1:9"_s);
        BoxClient client(profile);
        NewFolderDialog dialog(&client, u"0"_s, u"All Files"_s, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        find<QLineEdit>(&dialog, u"folderNameEdit"_s)->setText(u"x"_s.repeated(300));
        find<QPushButton>(&dialog, u"createFolderButton"_s)->click();
        QTRY_VERIFY(find<QWidget>(&dialog, u"newFolderError"_s)->isVisible());
        QTest::qWait(50);
        QVERIFY(AppFixture::saveScreenshot(&dialog, u"field-errors-newfolder-150.png"_s, 50));
        int wrapped = 0;
        verifyWhole(&dialog, {u"bannerText"_s}, &wrapped);
        QVERIFY(wrapped >= 1);
    }
};

// A 1024x700 screen on the offscreen platform (its default is 800x600).
BOX_TEST_MAIN_ON_SCREEN(TestFieldErrors, SmallScreen)

#include "tst_fielderrors.moc"
