// The auth-method guide's rules: Box's table of application types and methods, and the
// method each set of answers gives, with the reasons, conflicts and Developer Console steps.
#include "core/guide/authmethodguide.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace AuthMethodGuide;

class TestAuthMethodGuide : public QObject
{
    Q_OBJECT

private:
    // What Box's guides say each method's setup involves, whatever the answers were.
    static void verifyBoxFacts(const Recommendation &r)
    {
        const QString console = r.consoleSteps.join(u' ');
        const QString admin = r.adminSteps.join(u' ');
        const auto has = [](const QString &text, const QString &words) {
            if (!text.contains(words))
                qWarning() << "missing" << words << "in" << text;
            return text.contains(words);
        };
        switch (r.method) {
        case AuthMethod::AppToken:
            // app-token-setup: a Limited Access App; the admin must authorize it, and no App
            // Token can be generated before that (not "if the enterprise requires it").
            QVERIFY(has(console, u"Limited Access App"_s));
            QVERIFY(has(console, u"Generate Key"_s));
            QVERIFY(has(admin, u"requires an admin to authorize every Limited Access App"_s));
            QVERIFY(has(admin, u"no App Token can be generated before that"_s));
            QVERIFY(!admin.contains(u"If the enterprise requires"_s));
            break;
        case AuthMethod::Jwt:
            // jwt-setup: a public/private key pair (config.json), then the admin's authorization.
            QVERIFY(has(console, u"Public/Private Keypair"_s));
            QVERIFY(has(console, u"config.json"_s));
            QVERIFY(has(admin, u"authorize every JWT"_s));
            QVERIFY(has(admin, u"Platform Apps Manager"_s));
            break;
        case AuthMethod::ClientCredentials:
            // ccg-setup: the client ID and client secret; the admin's authorization.
            QVERIFY(has(console, u"Client Secret"_s));
            QVERIFY(has(admin, u"Client Credentials Grant app"_s));
            QVERIFY(has(admin, u"Platform Apps Manager"_s));
            break;
        case AuthMethod::OAuth2:
            // oauth2-setup: a redirect URI, the client ID and secret; usually no admin.
            QVERIFY(has(console, u"Redirect URI"_s));
            QVERIFY(has(console, u"Client Secret"_s));
            QVERIFY(has(admin, u"Usually none"_s));
            break;
        case AuthMethod::DeveloperToken:
            // Valid 60 minutes, acting as the developer who generated it.
            QVERIFY(has(console, u"60 minutes"_s));
            QVERIFY(has(console, u"acts as you"_s));
            break;
        case AuthMethod::CustomSkill:
            // skills/handle/setup: a Box Custom Skill with an invocation URL Box can reach;
            // approved with a folder that triggers it.
            QVERIFY(has(console, u"Box Custom Skill"_s));
            QVERIFY(has(console, u"Invocation URL"_s));
            QVERIFY(has(console, u"Primary and Secondary Keys"_s));
            QVERIFY(has(admin, u"folder that triggers it"_s));
            break;
        }
    }

private slots:
    // developer.box.com/guides/authentication/select: Custom App: OAuth 2.0, JWT, Client
    // Credentials (not App Token); Limited Access App: App Token only; Custom Skill: none.
    void boxsTableOfTypesAndMethods()
    {
        QCOMPARE(appTypes().size(), 3);
        QCOMPARE(comparedMethods().size(), 4);
        const QList<QPair<AppType, QList<AuthMethod>>> table = {
            {AppType::CustomApp,
             {AuthMethod::OAuth2, AuthMethod::Jwt, AuthMethod::ClientCredentials}},
            {AppType::LimitedAccessApp, {AuthMethod::AppToken}},
            {AppType::CustomSkill, {}},
        };
        for (const auto &[type, methods] : table) {
            for (AuthMethod method : comparedMethods())
                QVERIFY2(
                    supports(type, method) == methods.contains(method),
                    qPrintable(appTypeName(type) + u" / "_s + AuthMethods::displayName(method)));
        }
        QCOMPARE(appTypeName(AppType::LimitedAccessApp), u"Limited Access App"_s);
    }

    void eachAnswerSetGivesTheDocumentedMethod_data()
    {
        QTest::addColumn<int>("purpose");
        QTest::addColumn<bool>("userInvolvement");
        QTest::addColumn<bool>("adminApproval");
        QTest::addColumn<bool>("actOnBehalf");
        QTest::addColumn<bool>("usersSeeBox");
        QTest::addColumn<bool>("createAppUsers");
        QTest::addColumn<bool>("production");
        QTest::addColumn<int>("credential");
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("appType");
        QTest::addColumn<int>("conflicts");
        const int general = int(Purpose::General);
        const int none = int(Credential::NoPreference);
        // purpose, user, admin, act-as, see Box, app users, production, credential
        QTest::newRow("people sign in with their Box accounts")
            << general << true << true << false << true << false << true << none
            << int(AuthMethod::OAuth2) << int(AppType::CustomApp) << 0;
        QTest::newRow("server app, own identity system")
            << general << false << true << false << false << false << true << none
            << int(AuthMethod::Jwt) << int(AppType::CustomApp) << 0;
        QTest::newRow("server app creating app users, acting as them")
            << general << false << true << true << false << true << true << none
            << int(AuthMethod::Jwt) << int(AppType::CustomApp) << 0;
        QTest::newRow("server app with a client secret")
            << general << false << true << true << false << true << true
            << int(Credential::ClientSecret) << int(AuthMethod::ClientCredentials)
            << int(AppType::CustomApp) << 0;
        QTest::newRow("server app with a key pair")
            << general << false << true << false << false << false << true
            << int(Credential::KeyPair) << int(AuthMethod::Jwt) << int(AppType::CustomApp) << 0;
        QTest::newRow("no admin to authorize, people sign in")
            << general << true << false << false << true << false << true << none
            << int(AuthMethod::OAuth2) << int(AppType::CustomApp) << 0;
        QTest::newRow("no admin, no one signs in: conflict")
            << general << false << false << false << false << false << true << none
            << int(AuthMethod::OAuth2) << int(AppType::CustomApp) << 1;
        QTest::newRow("app users wanted with OAuth 2.0: conflict")
            << general << true << true << false << true << true << true << none
            << int(AuthMethod::OAuth2) << int(AppType::CustomApp) << 1;
        QTest::newRow("a quick test, not production")
            << general << false << true << false << false << false << false << none
            << int(AuthMethod::DeveloperToken) << int(AppType::CustomApp) << 0;
        QTest::newRow("a test that creates app users needs server auth")
            << general << false << true << false << false << true << false << none
            << int(AuthMethod::Jwt) << int(AppType::CustomApp) << 0;
        QTest::newRow("previews of its own files")
            << int(Purpose::PreviewOnly) << false << true << false << false << false << true << none
            << int(AuthMethod::AppToken) << int(AppType::LimitedAccessApp) << 0;
        QTest::newRow("previews, but acting as users: conflict")
            << int(Purpose::PreviewOnly) << false << true << true << false << true << true << none
            << int(AuthMethod::AppToken) << int(AppType::LimitedAccessApp) << 2;
        // Box: an App Token is generated only once an admin has authorized the app.
        QTest::newRow("previews, no admin to authorize: conflict")
            << int(Purpose::PreviewOnly) << false << false << false << false << false << true
            << none << int(AuthMethod::AppToken) << int(AppType::LimitedAccessApp) << 1;
        // A Developer Token acts only as the developer: not for a test where people sign in.
        QTest::newRow("a test where people sign in needs OAuth 2.0")
            << general << true << true << false << true << false << false << none
            << int(AuthMethod::OAuth2) << int(AppType::CustomApp) << 0;
        QTest::newRow("a test whose users see Box needs OAuth 2.0")
            << general << false << true << false << true << false << false << none
            << int(AuthMethod::OAuth2) << int(AppType::CustomApp) << 0;
    }

    void eachAnswerSetGivesTheDocumentedMethod()
    {
        QFETCH(int, purpose);
        QFETCH(bool, userInvolvement);
        QFETCH(bool, adminApproval);
        QFETCH(bool, actOnBehalf);
        QFETCH(bool, usersSeeBox);
        QFETCH(bool, createAppUsers);
        QFETCH(bool, production);
        QFETCH(int, credential);
        QFETCH(int, method);
        QFETCH(int, appType);
        QFETCH(int, conflicts);
        Answers a;
        a.purpose = Purpose(purpose);
        a.userInvolvement = userInvolvement;
        a.adminApproval = adminApproval;
        a.actOnBehalfOfUsers = actOnBehalf;
        a.usersSeeBox = usersSeeBox;
        a.createAppUsers = createAppUsers;
        a.production = production;
        a.credential = Credential(credential);
        const Recommendation r = recommend(a);
        QVERIFY(r.hasMethod);
        QCOMPARE(int(r.method), method);
        QCOMPARE(int(r.appType), appType);
        QVERIFY(supports(r.appType, r.method)); // never a method the type lacks
        QCOMPARE(int(r.conflicts.size()), conflicts);
        QVERIFY(!r.title.isEmpty());
        QVERIFY(!r.why.isEmpty());
        QVERIFY(r.consoleSteps.size() >= 3);
        QVERIFY(!r.adminSteps.isEmpty());
        verifyBoxFacts(r);
        // A conflict with "no admin" says what the admin would have had to do.
        if (!adminApproval && r.method == AuthMethod::AppToken)
            QVERIFY2(r.conflicts.join(u' ').contains(u"authorize"_s),
                     qPrintable(r.conflicts.join(u' ')));
    }

    // What the admin must approve, per method, in Box's words.
    void adminStepsSayWhatMustBeApproved()
    {
        for (AuthMethod m : {AuthMethod::Jwt, AuthMethod::ClientCredentials}) {
            const QString admin = adminSteps(m).join(u' ');
            QVERIFY(admin.contains(u"Platform Apps Manager"_s));
            QVERIFY(admin.contains(u"client ID"_s));
            QVERIFY(admin.contains(u"authorize the app again"_s)); // after a settings change
            QVERIFY(consoleSteps(m).join(u' ').contains(u"Review and Submit"_s));
        }
        QVERIFY(adminSteps(AuthMethod::OAuth2).join(u' ').contains(u"unpublished apps"_s));
        QVERIFY(consoleSteps(AuthMethod::OAuth2).join(u' ').contains(u"Redirect URI"_s));
        QVERIFY(consoleSteps(AuthMethod::Jwt).join(u' ').contains(u"config.json"_s));
        QVERIFY(consoleSteps(AuthMethod::DeveloperToken).join(u' ').contains(u"60 minutes"_s));
        QVERIFY(consoleSteps(AuthMethod::AppToken).join(u' ').contains(u"Limited Access App"_s));
        QVERIFY(sources().first().startsWith(u"https://developer.box.com/"_s));
    }

    // "Only process files that trigger the Skill": a Custom Skill, named plainly, and its own
    // profile kind preselected (none of Box's four methods: Box's table).
    void customSkillIsTheSkillProfileKind()
    {
        Answers a;
        a.purpose = Purpose::SkillProcessing;
        // The questions about users and credentials do not change it.
        a.userInvolvement = true;
        a.createAppUsers = true;
        a.credential = Credential::ClientSecret;
        const Recommendation r = recommend(a);
        QVERIFY(r.hasMethod);
        QCOMPARE(r.method, AuthMethod::CustomSkill);
        QCOMPARE(r.appType, AppType::CustomSkill);
        QCOMPARE(r.title, u"Custom Skill"_s);
        QVERIFY(r.conflicts.isEmpty());
        QVERIFY(r.why.join(u' ').contains(u"only processes the files that trigger it"_s));
        QVERIFY(r.note.contains(u"invocation URL"_s));
        QVERIFY(r.consoleSteps.size() >= 3);
        verifyBoxFacts(r);
        QVERIFY(supports(AppType::CustomSkill, AuthMethod::CustomSkill));
        for (AuthMethod m : comparedMethods())
            QVERIFY(!supports(AppType::CustomSkill, m));
        QVERIFY(!comparedMethods().contains(AuthMethod::CustomSkill));
        QVERIFY(!supports(AppType::CustomApp, AuthMethod::CustomSkill));
        QVERIFY(!supports(AppType::LimitedAccessApp, AuthMethod::CustomSkill));
    }

    // No other answer leads to a Custom Skill.
    void onlyTheSkillPurposeGivesACustomSkill()
    {
        for (Purpose purpose : {Purpose::General, Purpose::PreviewOnly}) {
            for (int bits = 0; bits < 64; ++bits) {
                Answers a;
                a.purpose = purpose;
                a.userInvolvement = bits & 1;
                a.adminApproval = bits & 2;
                a.actOnBehalfOfUsers = bits & 4;
                a.usersSeeBox = bits & 8;
                a.createAppUsers = bits & 16;
                a.production = bits & 32;
                const Recommendation r = recommend(a);
                QVERIFY(r.method != AuthMethod::CustomSkill);
                QVERIFY(r.appType != AppType::CustomSkill);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestAuthMethodGuide)
#include "tst_authmethodguide.moc"
