#include "ui/export/postmanexportflow.h"

#include "core/api/authenticator.h"
#include "core/api/errorguidance.h"
#include "core/export/postmanenvironment.h"
#include "core/privatefile.h"
#include "core/profilemanager.h"
#include "core/session/profilesession.h"
#include "core/session/profilesessionregistry.h"
#include "ui/export/secretfileexport.h"
#include "ui/messagebanner.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QTimer>
#include <QWidget>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString BannerSubject = u"exportPostman"_s;

// What the file will hold, for the warning; OAuth 2.0 depends on the refresh-token choice.
QString contents(AuthMethod method, bool includeRefreshToken)
{
    switch (method) {
    case AuthMethod::Jwt:
        return PostmanExportFlow::tr("The exported file will contain this app's client secret, "
                                     "private key and its passphrase.");
    case AuthMethod::ClientCredentials:
        return PostmanExportFlow::tr("The exported file will contain this app's client secret.");
    case AuthMethod::OAuth2:
        return includeRefreshToken
                   ? PostmanExportFlow::tr("The exported file will contain a current access "
                                           "token, the refresh token and this app's client "
                                           "secret.")
                   : PostmanExportFlow::tr("The exported file will contain a current access "
                                           "token only (no refresh token, no client secret).");
    case AuthMethod::DeveloperToken:
        return PostmanExportFlow::tr("The exported file will contain this app's Developer Token.");
    case AuthMethod::AppToken:
    case AuthMethod::CustomSkill: // never exported (PostmanEnvironment::canExport)
        break;
    }
    return PostmanExportFlow::tr("The exported file will contain this app's App Token.");
}
} // namespace

PostmanExportFlow::PostmanExportFlow(ProfileManager *manager, MessageBanner *banner,
                                     QWidget *dialogParent)
    : QObject(dialogParent), m_manager(manager), m_banner(banner), m_dialogParent(dialogParent)
{
    setObjectName(u"postmanExportFlow"_s);
}

void PostmanExportFlow::setSessions(ProfileSessionRegistry *sessions)
{
    m_sessions = sessions;
}

void PostmanExportFlow::start(const QString &profileId)
{
    if (profileId.isEmpty())
        return;
    const AppProfile profile = m_manager->profile(profileId);
    if (!PostmanEnvironment::canExport(profile)) {
        fail(tr("Nothing to export"),
             {tr("\"%1\" is a Custom Skill: it has no token of its own. Box sends it a read "
                 "and a write token with each Skills event, for that file only, so a Postman "
                 "environment would have nothing to call Box with.")
                  .arg(profile.name)});
        return;
    }
    if (!PostmanEnvironment::needsAccessToken(profile)) {
        confirmAndChoose(profile, nullptr);
        return;
    }
    if (!m_sessions) {
        fail(tr("Export failed"), {tr("This window cannot sign in to OAuth 2.0 apps.")});
        return;
    }
    // Holds the profile's one session from here to the file: its token, and a refresh token
    // Box rotates meanwhile, are the ones every pane uses. An app that cannot give a token is
    // reported before any dialog.
    auto *owner = new QObject(this);
    ProfileSession *session = m_sessions->session(profileId, owner);
    whenSettled(session, owner, profile.name, [this, session, owner, profile] {
        if (reportUnusable(session, profile.name)) {
            owner->deleteLater();
            return;
        }
        confirmAndChoose(profile, owner);
    });
}

void PostmanExportFlow::confirmAndChoose(const AppProfile &profile, QObject *sessionOwner)
{
    QStringList informative{
        tr("Anyone with the file can call Box as this app. Keep it out of source control and "
           "delete it when done.")};
    QCheckBox *refreshTokenCheck = nullptr;
    if (profile.method == AuthMethod::OAuth2) {
        refreshTokenCheck = new QCheckBox(
            tr("Include the &refresh token (Postman renews the access token itself)"));
        refreshTokenCheck->setObjectName(u"postmanRefreshTokenCheck"_s);
        informative << tr("Without the refresh token, Postman can use the access token until it "
                          "expires (within the hour). With it, both Postman and Box Companion "
                          "hold the refresh token, and Box replaces it every time it is used: "
                          "whichever of the two refreshes second is refused and must sign in "
                          "again.");
    }
    // Where Postman's requests will not go, said before the file is written.
    informative << PostmanEnvironment::reachNotes(profile, {});

    SecretFileExport::Warning warning;
    warning.title = tr("Export as Postman Environment");
    warning.text = contents(profile.method, false);
    warning.informativeText = informative.join(u"\n\n"_s);
    warning.objectName = u"confirmPostmanExport"_s;
    QPointer<QCheckBox> check = refreshTokenCheck;
    // The session is held while the dialogs are open: it goes with the one that closes last.
    QPointer<QObject> owner = sessionOwner;
    QMessageBox *box = SecretFileExport::confirm(
        m_dialogParent, warning, refreshTokenCheck, [this, profile, check, owner] {
            const bool includeRefreshToken = check && check->isChecked();
            QFileDialog *dialog = SecretFileExport::chooseFile(
                m_dialogParent, tr("Export as Postman Environment"),
                QDir::home().filePath(PostmanEnvironment::suggestedFileName(profile)),
                tr("Postman environment (*.json)"), u"postmanSaveDialog"_s,
                [this, profile, includeRefreshToken, owner](const QString &filePath) {
                    if (owner)
                        owner->setParent(this);
                    exportTo(profile.id, profile.name, filePath, includeRefreshToken, owner);
                });
            if (owner)
                owner->setParent(dialog);
        });
    if (sessionOwner)
        sessionOwner->setParent(box);
    if (refreshTokenCheck) {
        connect(refreshTokenCheck, &QCheckBox::toggled, box,
                [box, method = profile.method](bool on) { box->setText(contents(method, on)); });
    }
}

void PostmanExportFlow::whenSettled(ProfileSession *session, QObject *owner,
                                    const QString &profileName, std::function<void()> settled)
{
    if (session->state() != ProfileSession::State::Loading) {
        settled();
        return;
    }
    // Lives while the session loads: goes when it has settled or the wait timed out.
    auto *waiter = new QObject(owner);
    auto over = std::make_shared<bool>(false);
    // False when the other of settling and timing out came first.
    auto done = [session, waiter, over] {
        if (*over)
            return false;
        *over = true;
        QObject::disconnect(session, nullptr, waiter, nullptr);
        waiter->deleteLater();
        return true;
    };
    connect(session, &ProfileSession::stateChanged, waiter,
            [done, settled](ProfileSession::State state) {
                if (state == ProfileSession::State::Loading)
                    return;
                if (done())
                    settled();
            });
    QTimer::singleShot(m_sessionTimeoutMs, waiter, [this, done, owner, profileName] {
        if (!done())
            return;
        fail(tr("Export failed"),
             {tr("The keychain did not answer within %1 seconds, so the secrets of \"%2\" "
                 "could not be read; nothing was written.")
                  .arg(QString::number(m_sessionTimeoutMs / 1000.0), profileName),
              tr("Unlock your login keyring (or start it), then export again.")});
        owner->deleteLater();
    });
}

bool PostmanExportFlow::reportUnusable(const ProfileSession *session, const QString &profileName)
{
    switch (session->state()) {
    case ProfileSession::State::Ready:
        return false;
    case ProfileSession::State::NoProfile:
        reportRemoved(profileName);
        return true;
    case ProfileSession::State::NeedsSignIn:
        fail(tr("Sign in first"),
             {tr("No one is signed in to the OAuth 2.0 app \"%1\", so there is no access token "
                 "to export.")
                  .arg(profileName),
              tr("Select the app, sign in on the Signed-in User pane, then export again.")});
        return true;
    case ProfileSession::State::Failed:
        fail(tr("Export failed"), {session->failure().toText()});
        return true;
    case ProfileSession::State::Loading:
    case ProfileSession::State::LimitedAccess:
    case ProfileSession::State::Skill: // never asked for (PostmanEnvironment::canExport)
        break;
    }
    fail(tr("Export failed"),
         {tr("\"%1\" cannot give an access token to export.").arg(profileName)});
    return true;
}

void PostmanExportFlow::reportRemoved(const QString &profileName)
{
    fail(tr("Export failed"),
         {tr("The app \"%1\" was removed during the export; nothing was written.")
              .arg(profileName)});
}

void PostmanExportFlow::exportTo(const QString &profileId, const QString &profileName,
                                 const QString &filePath, bool includeRefreshToken,
                                 QObject *sessionOwner)
{
    const AppProfile profile = m_manager->profile(profileId);
    if (profile.id.isEmpty()) { // removed meanwhile
        reportRemoved(profileName);
        if (sessionOwner)
            sessionOwner->deleteLater();
        return;
    }
    if (PostmanEnvironment::needsAccessToken(profile)) {
        exportOAuth(profileId, profileName, filePath, includeRefreshToken,
                    sessionOwner ? sessionOwner : new QObject(this));
        return;
    }
    m_manager->readSecrets(
        profileId, this,
        [this, profile, filePath](const ProfileSecrets &secrets, const QString &error) {
            if (!error.isEmpty()) {
                fail(tr("Export failed"), {error});
                return;
            }
            write(profile, secrets, {}, filePath);
        });
}

void PostmanExportFlow::exportOAuth(const QString &profileId, const QString &profileName,
                                    const QString &filePath, bool includeRefreshToken,
                                    QObject *owner)
{
    if (!m_sessions) {
        fail(tr("Export failed"), {tr("This window cannot sign in to OAuth 2.0 apps.")});
        owner->deleteLater();
        return;
    }
    ProfileSession *session = m_sessions->session(profileId, owner);
    auto finish = [owner] { owner->deleteLater(); };
    whenSettled(session, owner, profileName, [=] {
        if (reportUnusable(session, profileName)) {
            finish();
            return;
        }
        connect(session, &ProfileSession::aboutToReset, owner,
                [this, finish, profileId, profileName] {
                    if (m_manager->indexOf(profileId) < 0)
                        reportRemoved(profileName);
                    else
                        fail(tr("Export failed"), {tr("The app changed while its token was being "
                                                      "fetched. Export again.")});
                    finish();
                });
        session->client()->authenticator()->requestToken(
            session->context(owner), [this, session, finish, filePath, includeRefreshToken](
                                         const QString &token, const BoxError &error) {
                if (error.isError()) {
                    fail(tr("Export failed"),
                         {guidanceFor(error, guidanceContextOf(session->client())).toText()});
                    finish();
                    return;
                }
                PostmanEnvironment::Options options;
                options.includeRefreshToken = includeRefreshToken;
                options.accessToken = token;
                options.accessTokenExpiresAt =
                    session->client()->authenticator()->token().expiresAt;
                // The secrets as the session holds them: the refresh token follows rotations.
                write(session->profile(), session->secrets(), options, filePath);
                finish();
            });
    });
}

void PostmanExportFlow::write(const AppProfile &profile, const ProfileSecrets &secrets,
                              const PostmanEnvironment::Options &options, const QString &filePath)
{
    const QString error =
        writePrivateFile(filePath, PostmanEnvironment::toJson(profile, secrets, options));
    if (!error.isEmpty()) {
        fail(tr("Export failed"), {error});
        return;
    }
    const QStringList notes = PostmanEnvironment::notes(profile, secrets, options);
    m_banner->report(BannerSubject,
                     notes.isEmpty() ? MessageBanner::Kind::Info : MessageBanner::Kind::Warning,
                     tr("Exported \"%1\" as a Postman environment to %2 (readable only by you)")
                         .arg(profile.name, QDir::toNativeSeparators(filePath)),
                     notes);
}

void PostmanExportFlow::fail(const QString &title, const QStringList &details)
{
    m_banner->report(BannerSubject, MessageBanner::Kind::Error, title, details);
}
