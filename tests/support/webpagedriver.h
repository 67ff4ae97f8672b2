#pragma once

#include <QString>
#include <QVariant>

class QWebEnginePage;

// Drives a Qt WebEngine page the way a user does in the browser, for the tests of the embedded
// sign-in against the in-process sandbox's sign-in and consent pages.
namespace WebPageDriver {
// How long a page may take to show what a step waits for.
inline constexpr int PageTimeoutMs = 20000;

// Runs a script in the page and waits for its value; *ok says whether it answered in time.
QVariant runScript(QWebEnginePage *page, const QString &script, bool *ok = nullptr);
// Waits until the page shows an element matching the CSS selector.
bool waitForElement(QWebEnginePage *page, const QString &selector);
// Types the login and password into the sandbox's sign-in form and submits it.
bool signIn(QWebEnginePage *page, const QString &login, const QString &password);
// Waits for the button with the element ID and clicks it (e.g. "consent_accept").
bool clickButton(QWebEnginePage *page, const QString &buttonId);
} // namespace WebPageDriver
