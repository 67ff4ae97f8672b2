#include "core/check/profilefindings.h"

#include "core/api/fixedtokenauth.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ProfileFindings", text);
}

void problem(ProfileFindings *f, const QString &what, const QString &fix)
{
    f->problems.append(what);
    if (f->fix.isEmpty() || f->problems.size() == 1)
        f->fix = fix;
}
} // namespace

ProfileFindings checkProfile(const AppProfile &p, const ProfileSecrets &s, const QDateTime &now)
{
    ProfileFindings f;
    const QString edit = tr("Edit the profile (Apps > Edit…).");
    for (const FieldProblem &fp : validateProfile(p))
        problem(&f, fp.message, edit);

    switch (p.method) {
    case AuthMethod::Jwt:
        if (s.privateKey.trimmed().isEmpty())
            problem(&f, tr("No private key is stored."),
                    tr("Import the app's config.json again, or paste the private key into the "
                       "profile."));
        if (!p.publicKeyId.isEmpty())
            f.passed.append(tr("public key ID %1").arg(p.publicKeyId));
        break;
    case AuthMethod::ClientCredentials:
        if (s.clientSecret.isEmpty())
            problem(&f, tr("No client secret is stored."),
                    tr("Copy the client secret from the Developer Console (Configuration > "
                       "OAuth 2.0 Credentials) into the profile."));
        else
            f.passed.append(tr("client secret present"));
        break;
    case AuthMethod::OAuth2:
        if (s.clientSecret.isEmpty())
            problem(&f, tr("No client secret is stored."),
                    tr("Copy the client secret from the Developer Console (Configuration > "
                       "OAuth 2.0 Credentials) into the profile."));
        if (!p.redirectUri.isEmpty())
            f.passed.append(tr("redirect URI %1").arg(p.redirectUri));
        if (s.refreshToken.isEmpty())
            problem(&f, tr("Nobody has signed in with this profile yet (no refresh token)."),
                    tr("Sign in first (Sign in to Box), then run the check again."));
        else
            f.passed.append(tr("signed in"));
        break;
    case AuthMethod::AppToken:
        if (s.appToken.isEmpty())
            problem(&f, tr("No App Token is stored."),
                    tr("Generate a Primary Access Token in the Developer Console (Configuration "
                       "> App Tokens) and paste it into the profile."));
        else
            f.passed.append(tr("App Token present"));
        break;
    case AuthMethod::DeveloperToken:
        if (s.developerToken.isEmpty()) {
            problem(&f, tr("No Developer Token is stored."),
                    tr("Generate a Developer Token in the Developer Console (Configuration > "
                       "Developer Token) and paste it into the profile."));
        } else if (!p.developerTokenObtainedAt.isValid()) {
            f.warnings.append(tr("When the Developer Token was made is unknown; it lasts 60 "
                                 "minutes."));
        } else {
            const QDateTime expires = p.developerTokenObtainedAt.toUTC().addSecs(
                DeveloperTokenAuthenticator::LifetimeSeconds);
            if (expires <= now)
                problem(&f,
                        tr("The Developer Token expired at %1 (Developer Tokens last 60 minutes).")
                            .arg(expires.toString(Qt::ISODate)),
                        tr("Generate a new Developer Token in the Developer Console "
                           "(Configuration > Developer Token) and paste it into the profile."));
            else
                f.passed.append(
                    tr("Developer Token valid for %1 more minutes").arg(now.secsTo(expires) / 60));
        }
        break;
    case AuthMethod::CustomSkill:
        // No secret of its own to check: its signature keys are optional.
        if (p.invocationUrl.isValid() && !p.invocationUrl.isEmpty())
            f.passed.append(tr("invocation URL %1").arg(p.invocationUrl.toString()));
        break;
    }
    if (AuthMethods::hasSubject(p.method) && !p.subjectId.isEmpty())
        f.passed.append(p.subjectDescription());
    if (f.fix.isEmpty() && !f.warnings.isEmpty())
        f.fix = edit;
    return f;
}
