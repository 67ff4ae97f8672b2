// AppCheck's step 5: what Box lets the app do, probed with harmless calls (no writes).
#include "core/check/appcheck.h"

#include "core/api/apireply.h"
#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/appusers/actasuser.h"
#include "core/appusers/appuserrow.h"
#include "core/check/capabilityrules.h"
#include "core/check/checkevidence.h"
#include "core/session/profilesession.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

// 5. Capabilities -----------------------------------------------------------------------------

void AppCheck::runCapabilities()
{
    setStep(CheckStep::Id::Capabilities, CheckStep::Status::Running,
            tr("Probing with harmless calls (no writes)…"));
    runProbe(0);
}

void AppCheck::runProbe(int index)
{
    if (index >= m_capabilities.size()) {
        completeCapabilities();
        return;
    }
    switch (m_capabilities.at(index).id) {
    case Capability::Id::ReadOwnContent:
        probeContent(index);
        return;
    case Capability::Id::ListAppUsers:
        probeUsers(index);
        return;
    case Capability::Id::ListManagedUsers:
        // Probed together with the app users (one GET /users).
        runProbe(index + 1);
        return;
    case Capability::Id::AsUser:
        probeAsUser(index);
        return;
    case Capability::Id::UserToken:
        probeUserToken(index);
        return;
    case Capability::Id::EnterpriseEvents:
        probeSimple(index, u"/events"_s,
                    {{u"stream_type"_s, u"admin_logs"_s}, {u"limit"_s, u"1"_s}});
        return;
    case Capability::Id::Webhooks:
        probeSimple(index, u"/webhooks"_s, {{u"limit"_s, u"1"_s}});
        return;
    }
}

Capability AppCheck::judgeProbe(int index, const QString &request, const ApiResult &result,
                                const QString &allowedNote) const
{
    Capability c = m_capabilities.at(index);
    c.evidence = CheckEvidences::fromResult(request, result);
    if (result.ok()) {
        c.boxSays = Capability::Verdict::Allowed;
        c.note = allowedNote;
    } else if (result.status == 403) {
        c.boxSays = Capability::Verdict::Denied;
        if (m_profile.method == AuthMethod::AppToken)
            c.note = tr("Box's documented restriction, proven: Box refuses this call for an App "
                        "Token.");
        else
            c.note = CapabilityRules::notAdminCause(m_profile, c, tokenUser());
    } else {
        c.boxSays = Capability::Verdict::Failed;
        const Guidance g = guidanceFor(result.error, guidanceContextOf(workClient()));
        c.note = g.title + u": "_s + g.explanation;
    }
    c.cause = CapabilityRules::mismatchCause(m_profile, c, tokenUser());
    return c;
}

void AppCheck::concludeProbe(int index, const QString &request, const ApiResult &result,
                             const QString &allowedNote)
{
    setCapability(index, judgeProbe(index, request, result, allowedNote));
    runProbe(index + 1);
}

void AppCheck::probeSimple(int index, const QString &path,
                           const QList<QPair<QString, QString>> &query)
{
    send(workClient(), "GET", path, query, {},
         [this, index](const QString &request, const ApiResult &result) {
             concludeProbe(index, request, result);
         });
}

void AppCheck::probeContent(int index)
{
    send(workClient(), "GET", u"/folders/0"_s, {}, {},
         [this, index](const QString &request, const ApiResult &result) {
             QString note;
             if (result.ok()) {
                 const qint64 count = result.json()
                                          .value(u"item_collection"_s)
                                          .toObject()
                                          .value(u"total_count"_s)
                                          .toInteger();
                 if (count == 0 && !m_serviceId.isEmpty())
                     note = tr("Its root folder is empty: a Service Account sees only its own "
                               "content and folders shared with it (invite its login as a "
                               "collaborator).");
                 else
                     note = tr("%n item(s) in its root folder.", nullptr, int(count));
             }
             concludeProbe(index, request, result, note);
         });
}

void AppCheck::probeUsers(int index)
{
    m_userScan = {};
    probeUsersPage(index, {});
}

// Box lists app users and managed users together (user_type=managed includes app users) and an
// app with many app users fills whole pages with them: the pages are followed until a managed
// user (and, for JWT and CCG apps, an app user to try As-User with) appears, the list ends or
// MaxUserPages were read.
void AppCheck::probeUsersPage(int index, const QString &marker)
{
    QList<QPair<QString, QString>> query = {
        {u"limit"_s, QString::number(UserPageSize)},
        {u"usemarker"_s, u"true"_s},
        {u"fields"_s, u"id,name,login,"_s + AppUserRow::typeField()}};
    if (!marker.isEmpty())
        query.append({u"marker"_s, marker});
    send(workClient(), "GET", u"/users"_s, query, {},
         [this, index](const QString &request, const ApiResult &result) {
             const int managedIndex = index + 1;
             if (!result.ok()) {
                 if (m_userScan.pages > 0) { // a later page: what the earlier ones showed stands
                     setCapability(managedIndex, judgeProbe(managedIndex, request, result));
                     concludeUsers(index, CheckEvidences::fromResult(request, result), false);
                     return;
                 }
                 setCapability(index, judgeProbe(index, request, result));
                 setCapability(managedIndex, judgeProbe(managedIndex, request, result));
                 runProbe(managedIndex + 1);
                 return;
             }
             ++m_userScan.pages;
             const QJsonObject page = result.json();
             const QJsonArray entries = page.value(u"entries"_s).toArray();
             for (const QJsonValue &v : entries) {
                 const QJsonObject u = v.toObject();
                 const AppUserRow::Type type = AppUserRow::typeOf(u);
                 if (type == AppUserRow::Type::ServiceAccount)
                     continue;
                 ++m_userScan.seen;
                 if (type == AppUserRow::Type::AppUser) {
                     if (++m_userScan.appUsers == 1) {
                         m_appUserId = u.value(u"id"_s).toString();
                         m_appUserName = u.value(u"name"_s).toString();
                     }
                 } else {
                     const QString id = u.value(u"id"_s).toString();
                     ++m_userScan.managed;
                     if (m_managedUserId.isEmpty() && id != m_selfId) {
                         m_managedUserId = id;
                         m_managedUserName = u.value(u"name"_s).toString();
                     }
                 }
             }
             const QString next = page.value(u"next_marker"_s).toString();
             const bool wantAppUser = m_profile.method == AuthMethod::Jwt ||
                                      m_profile.method == AuthMethod::ClientCredentials;
             const bool enough =
                 m_userScan.managed > 0 && (m_userScan.appUsers > 0 || !wantAppUser);
             if (!next.isEmpty() && !enough && m_userScan.pages < MaxUserPages) {
                 probeUsersPage(index, next);
                 return;
             }
             concludeUsers(index, CheckEvidences::fromResult(request, result), next.isEmpty());
         });
}

void AppCheck::concludeUsers(int index, const CheckEvidence &evidence, bool listEnded)
{
    const int managedIndex = index + 1;
    const UserScan &scan = m_userScan;
    m_usersListed = true;
    Capability apps = m_capabilities.at(index);
    apps.evidence = evidence;
    apps.boxSays = Capability::Verdict::Allowed;
    if (scan.appUsers > 0)
        apps.note = tr("%n app user(s) listed.", nullptr, scan.appUsers);
    else if (listEnded)
        apps.note = tr("Box lets it list app users; it has none yet.");
    else
        apps.note = tr("Box lets it list users; none of the first %n is one of its app users.",
                       nullptr, scan.seen);
    apps.cause = CapabilityRules::mismatchCause(m_profile, apps, tokenUser());
    setCapability(index, apps);
    Capability people = m_capabilities.at(managedIndex);
    if (people.boxSays == Capability::Verdict::NotProbed) { // not judged by a failed page
        people.evidence = evidence;
        if (scan.managed > 0) {
            people.boxSays = Capability::Verdict::Allowed;
            people.note = tr("%n managed user(s) listed.", nullptr, scan.managed);
        } else if (listEnded) {
            // Every enterprise has an admin, but Box cannot show whether it is visible to the
            // app: say what the list shows, not more.
            people.boxSays = Capability::Verdict::Denied;
            people.note = tr("Box listed %n user(s), all of them the app's own app users, and no "
                             "managed user. That is what App Access Only looks like (Box then "
                             "shows an app only its own app users), unless the enterprise has "
                             "no managed user the app may see.",
                             nullptr, scan.seen);
        } else {
            people.boxSays = Capability::Verdict::Failed;
            people.note = tr("Not determined: the first %1 users Box listed (%n page(s)) are all "
                             "app users. Check App stops there; the App Users pane's type filter "
                             "shows whether Box lists managed users further on.",
                             nullptr, scan.pages)
                              .arg(scan.seen);
        }
        people.cause = CapabilityRules::mismatchCause(m_profile, people, tokenUser());
        setCapability(managedIndex, people);
    }
    runProbe(managedIndex + 1);
}

namespace {
QString noAppUserNote(bool listed)
{
    return listed
               ? QCoreApplication::translate(
                     "AppCheck", "The app has no app user to try this with: create an app user "
                                 "first (App Users pane), then check again.")
               : QCoreApplication::translate("AppCheck",
                                             "Box did not list the app's users (see \"List its app "
                                             "users\"), so there is no app user to try this with.");
}
} // namespace

void AppCheck::probeAsUser(int index)
{
    Capability c = m_capabilities.at(index);
    if (m_profile.method == AuthMethod::AppToken) {
        c.boxSays = Capability::Verdict::NotApplicable;
        c.note = tr("An App Token has no user to act for, and no users to act as.");
        setCapability(index, c);
        runProbe(index + 1);
        return;
    }
    // A person's app (OAuth 2.0, Developer Token) has no app users: one of the enterprise's
    // other users instead.
    const bool person =
        m_profile.method == AuthMethod::OAuth2 || m_profile.method == AuthMethod::DeveloperToken;
    const bool appUser = !m_appUserId.isEmpty();
    if (!appUser && !(person && !m_managedUserId.isEmpty())) {
        if (!m_selfAdminLike)
            c.note = tr("Not tried: Box lets only admins, co-admins and the Service Account act "
                        "as other users, and the token's user \"%1\" is none of them.")
                         .arg(m_selfName);
        else if (person && m_usersListed)
            c.note = tr("Box listed no other user to try As-User with.");
        else
            c.note = noAppUserNote(m_usersListed);
        setCapability(index, c);
        runProbe(index + 1);
        return;
    }
    const QString name = appUser ? m_appUserName : m_managedUserName;
    const QString id = appUser ? m_appUserId : m_managedUserId;
    const QString acted = appUser ? tr("Acted as the app user \"%1\" (%2).").arg(name, id)
                                  : tr("Acted as the user \"%1\" (%2).").arg(name, id);
    send(workClient(), "GET", u"/users/me"_s, {{u"fields"_s, u"id,name"_s}}, id,
         [this, index, acted](const QString &request, const ApiResult &result) {
             concludeProbe(index, request, result, acted);
         });
}

void AppCheck::probeUserToken(int index)
{
    Capability c = m_capabilities.at(index);
    if (m_profile.method != AuthMethod::Jwt && m_profile.method != AuthMethod::ClientCredentials) {
        c.boxSays = Capability::Verdict::NotApplicable;
        c.note = tr("Only JWT and Client Credentials apps get user access tokens.");
        setCapability(index, c);
        runProbe(index + 1);
        return;
    }
    if (m_appUserId.isEmpty()) {
        c.note = noAppUserNote(m_usersListed);
        setCapability(index, c);
        runProbe(index + 1);
        return;
    }
    QString error;
    BoxClient *client =
        ActAsUser::userTokenClient(m_session->client(), m_secrets, m_appUserId, this, &error);
    if (!client) {
        c.boxSays = Capability::Verdict::Failed;
        c.note = error;
        setCapability(index, c);
        runProbe(index + 1);
        return;
    }
    m_userClient = client;
    const QString request =
        tr("POST %1 (user token for app user %2)").arg(client->tokenUrl().path(), m_appUserId);
    const QString name = m_appUserName;
    client->authenticator()->requestToken(
        callbackContext(),
        [this, index, request, name, client](const QString &, const BoxError &e) {
            client->deleteLater();
            Capability c = m_capabilities.at(index);
            if (e.isError()) {
                c.evidence = CheckEvidences::fromError(request, e);
                const bool refused =
                    e.kind == BoxError::Kind::OAuth || e.httpStatus == 400 || e.httpStatus == 403;
                c.boxSays = refused ? Capability::Verdict::Denied : Capability::Verdict::Failed;
                if (!refused) {
                    const Guidance g = guidanceFor(e, guidanceContextOf(m_session->client()));
                    c.note = g.title + u": "_s + g.explanation;
                }
            } else {
                c.evidence.request = request;
                c.evidence.httpStatus = 200;
                c.boxSays = Capability::Verdict::Allowed;
                c.note = tr("Box granted a user access token for the app user \"%1\".").arg(name);
            }
            c.cause = CapabilityRules::mismatchCause(m_profile, c, tokenUser());
            setCapability(index, c);
            runProbe(index + 1);
        });
}

void AppCheck::completeCapabilities()
{
    int allowed = 0, denied = 0, failed = 0;
    for (const Capability &c : std::as_const(m_capabilities)) {
        allowed += c.boxSays == Capability::Verdict::Allowed;
        denied += c.boxSays == Capability::Verdict::Denied;
        failed += c.boxSays == Capability::Verdict::Failed;
    }
    int mismatches = 0;
    if (const Capability *main = mainMismatch(&mismatches)) {
        setStep(CheckStep::Id::Capabilities, CheckStep::Status::Warning,
                tr("%n capability(ies) differ from the profile's Developer Console settings, "
                   "among them %1.",
                   nullptr, mismatches)
                    .arg(main->title),
                main->cause);
    } else if (m_profile.method == AuthMethod::AppToken && failed == 0) {
        setStep(CheckStep::Id::Capabilities, CheckStep::Status::Passed,
                tr("Box's documented restrictions for App Tokens proven: Box refused %n of the "
                   "probes.",
                   nullptr, denied));
    } else if (failed > 0) {
        // A probe without Box's answer (no connection, a server error) differs from one whose
        // answer did not tell (see its note).
        const bool unanswered =
            std::any_of(m_capabilities.cbegin(), m_capabilities.cend(), [](const Capability &c) {
                return c.boxSays == Capability::Verdict::Failed &&
                       (c.evidence.httpStatus == 0 || c.evidence.httpStatus >= 500);
            });
        setStep(CheckStep::Id::Capabilities, CheckStep::Status::Warning,
                tr("%1 allowed, %2 denied; %n probe(s) could not tell (see the table).", nullptr,
                   failed)
                    .arg(allowed)
                    .arg(denied),
                unanswered ? tr("Check the network connection and try again; quote the request "
                                "IDs to Box support if it persists.")
                           : tr("See the notes in the capability table."));
    } else if (!m_profile.console.known) {
        setStep(CheckStep::Id::Capabilities, CheckStep::Status::Passed,
                tr("%1 allowed, %2 denied. The profile does not say which Developer Console "
                   "settings the app has: enter them in the profile to compare.")
                    .arg(allowed)
                    .arg(denied));
    } else {
        setStep(CheckStep::Id::Capabilities, CheckStep::Status::Passed,
                tr("%1 allowed, %2 denied, as the profile's Developer Console settings expect.")
                    .arg(allowed)
                    .arg(denied));
    }
    finishRun();
}
