#include "webpagedriver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QWebEnginePage>

using namespace Qt::Literals::StringLiterals;

namespace {
// A JavaScript string literal for `text`.
QString jsString(const QString &text)
{
    return QString::fromUtf8(
               QJsonDocument(QJsonObject{{u"v"_s, text}}).toJson(QJsonDocument::Compact))
        .mid(5)
        .chopped(1);
}
} // namespace

namespace WebPageDriver {

QVariant runScript(QWebEnginePage *page, const QString &script, bool *ok)
{
    bool done = false;
    QVariant value;
    page->runJavaScript(script, [&](const QVariant &v) {
        value = v;
        done = true;
    });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < PageTimeoutMs)
        QTest::qWait(20);
    if (ok)
        *ok = done;
    return value;
}

bool waitForElement(QWebEnginePage *page, const QString &selector)
{
    QElapsedTimer t;
    t.start();
    const QString script = u"document.querySelector('%1') !== null"_s.arg(selector);
    while (t.elapsed() < PageTimeoutMs) {
        if (runScript(page, script).toBool())
            return true;
        QTest::qWait(50);
    }
    return false;
}

bool signIn(QWebEnginePage *page, const QString &login, const QString &password)
{
    if (!waitForElement(page, u"#login"_s))
        return false;
    return runScript(page, u"document.getElementById('login').value = %1;"
                           "document.getElementById('password').value = %2;"
                           "document.getElementById('login_submit').click(); true"_s.arg(
                               jsString(login), jsString(password)))
        .toBool();
}

bool clickButton(QWebEnginePage *page, const QString &buttonId)
{
    if (!waitForElement(page, u"#"_s + buttonId))
        return false;
    return runScript(page, u"document.getElementById('%1').click(); true"_s.arg(buttonId)).toBool();
}

} // namespace WebPageDriver
