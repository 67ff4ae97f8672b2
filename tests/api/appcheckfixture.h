#pragma once

// Check App tests (issue 15): the in-process sandbox over loopback, a profile manager on the
// real keychain (run inside packaging/headless-session.sh), and helpers to run a check.
#include "apitestsupport.h"

#include "addprofile.h"
#include "core/api/requestlog.h"
#include "core/check/appcheck.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "core/session/profilesession.h"
#include "secretservice.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>

namespace appchecktest {
using namespace Qt::Literals::StringLiterals;
inline const QString kJwtApp = u"Sandbox JWT App"_s;
inline const QString kCcgApp = u"Sandbox CCG App"_s;
inline const QString kOAuthApp = u"Sandbox OAuth App"_s;
inline const QString kAppTokenApp = u"Sandbox Limited Access App"_s;
inline const QString kUnauthorizedApp = u"Sandbox Unauthorized JWT App"_s;
using Status = CheckStep::Status;
using Verdict = Capability::Verdict;
using Expectation = Capability::Expectation;
using StepId = CheckStep::Id;
using CapId = Capability::Id;

inline const CheckStep &stepOf(const AppCheck &check, StepId id)
{
    return check.steps().at(int(id));
}

inline const Capability &capOf(const AppCheck &check, CapId id)
{
    for (const Capability &c : check.capabilities()) {
        if (c.id == id)
            return c;
    }
    qFatal("no such capability");
}

// Everything the check found, for failure messages.
inline QByteArray dump(const AppCheck &check)
{
    return check.toMarkdown().toUtf8();
}

class AppCheckFixture : public QObject
{
protected:
    SandboxFixture m_fx;
    QTemporaryDir m_dir;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    RequestLog m_log;
    QStringList m_ids;

    // For initTestCase(): false when something is missing.
    bool setUpFixture()
    {
        if (!m_dir.isValid() || !SecretService::sessionBusAvailable() || !m_fx.start())
            return false;
        m_store = std::make_unique<SecretStore>(u"Box Companion test "_s +
                                                QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_store->probe();
        m_manager = std::make_unique<ProfileManager>(
            m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        m_manager->load();
        return true;
    }

    // For cleanupTestCase(): removes every profile (and its keychain entries) the test added.
    void tearDownFixture()
    {
        for (const QString &id : std::as_const(m_ids)) {
            bool done = false;
            m_manager->removeProfile(id, this,
                                     [&](const QString &, const QString &) { done = true; });
            if (!QTest::qWaitFor([&] { return done; }, 30000))
                qWarning("a test profile was not removed");
        }
    }

    QString addProfile(const AppProfile &source, const ProfileSecrets &secrets)
    {
        AppProfile profile = source;
        profile.id.clear();
        QString problem;
        const QString id = TestProfiles::add(*m_manager, profile, secrets, &problem);
        if (id.isEmpty())
            qWarning() << "could not add the profile:" << problem;
        m_ids << id;
        return id;
    }
    QString addProfile(const QString &appName)
    {
        return addProfile(m_fx.profile(appName), m_fx.secrets(appName));
    }

    static bool settle(ProfileSession *session)
    {
        return QTest::qWaitFor(
            [session] { return session->state() != ProfileSession::State::Loading; }, 30000);
    }

    // Runs the check to its end; false when it did not finish in time.
    static bool run(AppCheck *check)
    {
        QSignalSpy finished(check, &AppCheck::finished);
        check->start();
        // A check with nothing to ask Box (a Custom Skill) finishes within start().
        return finished.size() > 0 || finished.wait(60000);
    }

    // The app's settings as Box enforces them now (the last admin authorization).
    SandboxAppSettings enforced(const QString &appName) const
    {
        return m_fx.app(appName).enforced();
    }

    // Box enforces `settings` (changed in the console and re-authorized by the admin).
    bool enforce(const QString &appName, const SandboxAppSettings &settings)
    {
        return m_fx.sandbox().setAppConsoleSettings(appName, settings) &&
               m_fx.sandbox().authorizeApp(appName);
    }

    // Puts the app's enforced and console settings back as they are now when it goes out of
    // scope, so a failing test leaves the shared sandbox as it found it.
    [[nodiscard]] auto keepAppSettings(const QString &appName)
    {
        const SandboxApp before = m_fx.app(appName);
        return qScopeGuard(
            [this, appName, enforcedBefore = before.enforced(), console = before.console] {
                if (!enforce(appName, enforcedBefore) ||
                    !m_fx.sandbox().setAppConsoleSettings(appName, console))
                    qWarning() << "could not restore the settings of" << appName;
            });
    }

    // A check that ran to its end (else null) and the session it ran on.
    struct Checked
    {
        std::unique_ptr<ProfileSession> session;
        std::unique_ptr<AppCheck> check;
    };
    // Checks a profile of `appName` whose Developer Console settings `expect` edits while Box
    // enforces the app's settings as `change` edits them; the app's settings are restored
    // afterwards, whatever happens.
    Checked checkAgainst(const QString &appName,
                         const std::function<void(SandboxAppSettings &)> &change,
                         const std::function<void(ConsoleSettings &)> &expect)
    {
        const auto restore = keepAppSettings(appName);
        SandboxAppSettings changed = enforced(appName);
        change(changed);
        Checked out;
        if (!enforce(appName, changed))
            return out;
        AppProfile profile = m_fx.profile(appName);
        expect(profile.console);
        out.session = std::make_unique<ProfileSession>(
            m_manager.get(), addProfile(profile, m_fx.secrets(appName)), &m_log);
        auto check = std::make_unique<AppCheck>(out.session.get());
        if (settle(out.session.get()) && run(check.get()))
            out.check = std::move(check);
        return out;
    }

    static void expectNoMismatch(const AppCheck &check)
    {
        for (const Capability &c : check.capabilities())
            QVERIFY2(!c.mismatch(), qPrintable(c.title + u": "_s + c.cause));
    }
};
} // namespace appchecktest
