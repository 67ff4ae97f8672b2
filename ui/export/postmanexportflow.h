#pragma once

#include <QObject>
#include <QPointer>

#include <functional>

class MessageBanner;
class ProfileManager;
class ProfileSession;
class ProfileSessionRegistry;
class QWidget;
struct AppProfile;
struct ProfileSecrets;
namespace PostmanEnvironment {
struct Options;
}

// "Export as Postman Environment…" for one profile (PostmanEnvironment, core/export): the
// secrets warning (for OAuth 2.0 with the choice to hand Postman the refresh token,
// "postmanRefreshTokenCheck"), the save dialog ("postmanSaveDialog"), then the file, written
// owner-only. OAuth 2.0 exports the session's current access token (fetched, or renewed,
// through the profile's one session, so a rotated refresh token is stored as always). The
// banner says where the file went and anything Postman will not be able to do with it.
class PostmanExportFlow : public QObject
{
    Q_OBJECT
public:
    // Dialogs open over `dialogParent` (also this object's parent); results go to `banner`.
    PostmanExportFlow(ProfileManager *manager, MessageBanner *banner, QWidget *dialogParent);

    // The window's sessions: OAuth 2.0 exports need them (without, they are refused).
    void setSessions(ProfileSessionRegistry *sessions);

    // How long an OAuth 2.0 export waits for the app's session to read its secrets from the
    // keychain before it says the keychain did not answer (default 30 s).
    void setSessionTimeout(int ms) { m_sessionTimeoutMs = ms; }

    // Asks, then lets the user choose the file, then writes it. OAuth 2.0: an app nobody is
    // signed in to (or whose session failed) is reported at once, before any dialog.
    void start(const QString &profileId);

private:
    void confirmAndChoose(const AppProfile &profile, QObject *sessionOwner);
    // Runs `settled` once `session` is no longer Loading; reports a keychain that does not
    // answer within the timeout (and then drops `owner`).
    void whenSettled(ProfileSession *session, QObject *owner, const QString &profileName,
                     std::function<void()> settled);
    // Reports why `session` cannot give an access token to export; false when it is Ready.
    bool reportUnusable(const ProfileSession *session, const QString &profileName);
    void reportRemoved(const QString &profileName);
    void exportTo(const QString &profileId, const QString &profileName, const QString &filePath,
                  bool includeRefreshToken, QObject *sessionOwner);
    void exportOAuth(const QString &profileId, const QString &profileName, const QString &filePath,
                     bool includeRefreshToken, QObject *owner);
    void write(const AppProfile &profile, const ProfileSecrets &secrets,
               const PostmanEnvironment::Options &options, const QString &filePath);
    void fail(const QString &title, const QStringList &details);

    ProfileManager *m_manager;
    MessageBanner *m_banner;
    QWidget *m_dialogParent;
    QPointer<ProfileSessionRegistry> m_sessions;
    int m_sessionTimeoutMs = 30000;
};
