#pragma once

#include "core/appprofile.h"
#include "core/check/capability.h"
#include "core/check/capabilityrules.h"
#include "core/check/checkstep.h"
#include "core/check/profilefindings.h"
#include "core/profilesecrets.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class ApiReply;
class BoxClient;
class PrivateKeyCheck;
class ProfileSession;
struct ApiResult;
struct BoxError;

// Check App: runs an ordered checklist against the profile's session (profile, clock, token
// grant, identity, capabilities) and says what Box really lets the app do, why a call fails
// and what to do about it. Only harmless calls (no writes). Requests go through the session's
// client, so the request inspector shows them (a Limited Access app, which has no session
// client, is probed through a client of its own that logs into the session's log). A session
// reset during the check ends it as cancelled.
class AppCheck : public QObject
{
    Q_OBJECT
public:
    // "List managed users" reads at most this many pages of GET /users before it stops and
    // reports that it could not tell (apps with many app users fill the first pages).
    static constexpr int MaxUserPages = 5;
    static constexpr int UserPageSize = 1000; // Box's maximum

    explicit AppCheck(ProfileSession *session, QObject *parent = nullptr);
    ~AppCheck() override;

    void start();
    // Ends a running check at once (finished() follows, wasCancelled() is true).
    void cancel();
    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }

    // Five steps, filled (Pending) from construction on.
    const QList<CheckStep> &steps() const { return m_steps; }
    // Seven capabilities in probe order, filled (NotProbed) from construction on.
    const QList<Capability> &capabilities() const { return m_capabilities; }
    // Limited Access (App Token): Box's documented restrictions, else empty.
    QStringList restrictions() const;
    // One line: "Works" / the main cause.
    QString verdict() const;
    // The report for a support ticket: every step and capability, request IDs, no secret.
    QString toMarkdown() const;
    // When the last check started (UTC); invalid before the first.
    QDateTime startedAt() const { return m_startedAt; }
    // The Service ID (AutomationUser_<id>_…) once the identity step found the Service
    // Account; empty otherwise.
    QString serviceId() const { return m_serviceId; }
    // The profile as of the last start() (or construction).
    const AppProfile &profile() const { return m_profile; }

Q_SIGNALS:
    void stepChanged(int index);
    void capabilityChanged(int index);
    void finished();

private:
    void resetResults();
    CheckStep &step(CheckStep::Id id);
    void setStep(CheckStep::Id id, CheckStep::Status status, const QString &result,
                 const QString &fix = {});
    void addEvidence(CheckStep::Id id, const CheckEvidence &evidence);
    void setCapability(int index, const Capability &capability);
    void skipFrom(CheckStep::Id first, const QString &why);
    void finishRun();
    void dropClients();
    // Box refused the step's request: the step fails with the guidance for Box's error, the
    // later steps are skipped (`skipWhy`) and the check ends.
    void failWithGuidance(CheckStep::Id id, const BoxError &error, BoxClient *client,
                          const QString &skipWhy);
    QObject *callbackContext();
    BoxClient *workClient() const; // the session's client, or the probe client (App Token)
    BoxClient *ensureProbeClient(bool withToken);
    void send(BoxClient *client, const QByteArray &method, const QString &path,
              const QList<QPair<QString, QString>> &query, const QString &asUser,
              std::function<void(const QString &request, const ApiResult &result)> done,
              bool authenticate = true);

    void runProfile();
    void runSkillProfile();
    static QString skillSkipReason();
    void onSecrets(const ProfileSecrets &secrets, const QString &error);
    void completeProfile(const QString &keyProblem);
    void runClock();
    void runToken();
    void onTokenResult(const BoxError &error, int retriesBefore);
    void runIdentity();
    void runCapabilities();
    void runProbe(int index);
    void probeContent(int index);
    void probeUsers(int index);
    void probeUsersPage(int index, const QString &marker);
    void concludeUsers(int index, const CheckEvidence &evidence, bool listEnded);
    void probeAsUser(int index);
    void probeUserToken(int index);
    void probeSimple(int index, const QString &path, const QList<QPair<QString, QString>> &query);
    Capability judgeProbe(int index, const QString &request, const ApiResult &result,
                          const QString &allowedNote = {}) const;
    void concludeProbe(int index, const QString &request, const ApiResult &result,
                       const QString &allowedNote = {});
    void completeCapabilities();
    // The clearest mismatch (a refusal Box stated before a conclusion drawn from what a
    // listing left out) and how many there are; null when none.
    const Capability *mainMismatch(int *count) const;
    CapabilityRules::TokenUser tokenUser() const { return {m_selfName, m_selfAdminLike}; }

    QPointer<ProfileSession> m_session;
    AppProfile m_profile;
    ProfileSecrets m_secrets; // while running only
    QList<CheckStep> m_steps;
    QList<Capability> m_capabilities;
    bool m_running = false;
    bool m_cancelled = false;
    QDateTime m_startedAt;
    QPointer<BoxClient> m_probeClient; // App Token: sends the token anywhere (see probe auth)
    QPointer<BoxClient> m_userClient;  // the user-token probe's client
    QPointer<PrivateKeyCheck> m_keyCheck;
    ProfileFindings m_findings;
    CheckEvidence m_appTokenEvidence; // Box's answer to the App Token's GET /users/me
    QString m_selfId;
    QString m_selfName;
    bool m_selfAdminLike = true; // admin, co-admin or Service Account (or role unknown)
    QString m_serviceId;
    std::optional<qint64> m_clockOffset;
    QString m_appUserId, m_appUserName;
    QString m_managedUserId, m_managedUserName; // another managed user (OAuth 2.0 As-User)
    bool m_usersListed = false;
    struct UserScan
    {
        int pages = 0, seen = 0, appUsers = 0, managed = 0;
    } m_userScan; // the GET /users pages read so far
};
