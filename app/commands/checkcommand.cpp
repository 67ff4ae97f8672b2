#include "commands/checkcommand.h"

#include "commands/commandrunner.h"
#include "core/authmethod.h"
#include "core/check/appcheck.h"
#include "core/check/capabilitymodel.h"
#include "core/check/checkstepsmodel.h"
#include "core/session/profilesession.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace Commands {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CheckCommand", text);
}

constexpr int CheckTimeoutMs = 600000; // every probe has its own timeouts and retries

// Stable keys for scripts (the texts beside them are translated).
QString key(CheckStep::Id id)
{
    switch (id) {
    case CheckStep::Id::Profile:
        return u"profile"_s;
    case CheckStep::Id::Clock:
        return u"clock"_s;
    case CheckStep::Id::Token:
        return u"token"_s;
    case CheckStep::Id::Identity:
        return u"identity"_s;
    case CheckStep::Id::Capabilities:
        return u"capabilities"_s;
    }
    return {};
}

QString key(CheckStep::Status status)
{
    switch (status) {
    case CheckStep::Status::Pending:
        return u"pending"_s;
    case CheckStep::Status::Running:
        return u"running"_s;
    case CheckStep::Status::Passed:
        return u"passed"_s;
    case CheckStep::Status::Warning:
        return u"warning"_s;
    case CheckStep::Status::Failed:
        return u"failed"_s;
    case CheckStep::Status::Skipped:
        return u"skipped"_s;
    }
    return {};
}

QString key(Capability::Id id)
{
    switch (id) {
    case Capability::Id::ReadOwnContent:
        return u"readOwnContent"_s;
    case Capability::Id::ListAppUsers:
        return u"listAppUsers"_s;
    case Capability::Id::ListManagedUsers:
        return u"listManagedUsers"_s;
    case Capability::Id::AsUser:
        return u"asUser"_s;
    case Capability::Id::UserToken:
        return u"userToken"_s;
    case Capability::Id::EnterpriseEvents:
        return u"enterpriseEvents"_s;
    case Capability::Id::Webhooks:
        return u"webhooks"_s;
    }
    return {};
}

QString key(Capability::Expectation expectation)
{
    switch (expectation) {
    case Capability::Expectation::Unknown:
        return u"unknown"_s;
    case Capability::Expectation::Expected:
        return u"allowed"_s;
    case Capability::Expectation::NotExpected:
        return u"notAllowed"_s;
    }
    return {};
}

QString key(Capability::Verdict verdict)
{
    switch (verdict) {
    case Capability::Verdict::NotProbed:
        return u"notProbed"_s;
    case Capability::Verdict::NotApplicable:
        return u"notApplicable"_s;
    case Capability::Verdict::Allowed:
        return u"allowed"_s;
    case Capability::Verdict::Denied:
        return u"denied"_s;
    case Capability::Verdict::Failed:
        return u"couldNotTell"_s;
    }
    return {};
}

QJsonObject toJson(const CheckEvidence &e)
{
    return {{u"request"_s, e.request},
            {u"httpStatus"_s, e.httpStatus},
            {u"requestId"_s, e.requestId},
            {u"boxSays"_s, e.boxWords}};
}

QJsonObject toJson(const AppCheck &check, bool passed)
{
    const AppProfile &p = check.profile();
    QJsonArray steps;
    for (const CheckStep &s : check.steps()) {
        QJsonArray evidence;
        for (const CheckEvidence &e : s.evidence)
            evidence.append(toJson(e));
        steps.append(QJsonObject{{u"id"_s, key(s.id)},
                                 {u"title"_s, s.title},
                                 {u"status"_s, key(s.status)},
                                 {u"statusText"_s, CheckStepsModel::statusText(s.status)},
                                 {u"result"_s, s.result},
                                 {u"fix"_s, s.fix},
                                 {u"evidence"_s, evidence}});
    }
    QJsonArray capabilities;
    for (const Capability &c : check.capabilities()) {
        QJsonObject o{{u"id"_s, key(c.id)},
                      {u"title"_s, c.title},
                      {u"setting"_s, c.setting},
                      {u"expected"_s, key(c.expected)},
                      {u"boxSays"_s, key(c.boxSays)},
                      {u"boxSaysText"_s, CapabilityModel::verdictText(c.boxSays)},
                      {u"mismatch"_s, c.mismatch()},
                      {u"cause"_s, c.cause},
                      {u"note"_s, c.note}};
        if (!c.evidence.isEmpty())
            o.insert(u"evidence"_s, toJson(c.evidence));
        capabilities.append(o);
    }
    return {{u"profile"_s, QJsonObject{{u"id"_s, p.id},
                                       {u"name"_s, p.name},
                                       {u"method"_s, AuthMethods::key(p.method)}}},
            {u"startedAt"_s, check.startedAt().toUTC().toString(Qt::ISODate)},
            {u"passed"_s, passed},
            {u"verdict"_s, check.verdict()},
            {u"serviceId"_s, check.serviceId()},
            {u"steps"_s, steps},
            {u"capabilities"_s, capabilities},
            {u"restrictions"_s, QJsonArray::fromStringList(check.restrictions())}};
}
} // namespace

int runCheck(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Runs Check App on the profile (profile, clock, token, identity, capabilities; "
           "harmless calls only, never a write) and prints each step's status and result, the "
           "capability table and the verdict.\n"
           "Exit codes: 0 every step passed (or warned), 1 a step failed, 2 usage error."));
    parser.addPositionalArgument(u"PROFILE"_s, tr("The profile's name or ID (see \"box-companion "
                                                  "profiles\")."));
    const QCommandLineOption json(u"json"_s, tr("The same report as a JSON object."));
    parser.addOption(json);
    int code = Ok;
    if (!parse(parser, arguments, &code))
        return code;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usageError(u"check"_s, positional.isEmpty() ? tr("Name the profile (PROFILE).")
                                                           : tr("Name one profile only."));

    Environment env;
    const std::unique_ptr<ProfileSession> session = env.openSession(positional.constFirst(), &code);
    if (!session)
        return code;
    if (session->profile().method == AuthMethod::CustomSkill) {
        // Nothing Check App does applies: no token to grant, no identity, no capabilities.
        err(guidance(tr("Nothing to check for a Custom Skill"),
                     tr("\"%1\" is a Custom Skill: it has no token of its own, so there is no "
                        "token grant, identity or capability to check. Box sends it a read and "
                        "a write token with each Skills event.")
                         .arg(session->profile().name),
                     tr("Try a Skills event's tokens on the Skill's page in Box Companion, or "
                        "name a profile of another kind of app.")));
        return Failed;
    }
    AppCheck check(session.get());
    bool finished = false;
    QObject::connect(&check, &AppCheck::finished, &check, [&finished] { finished = true; });
    check.start();
    if (!waitFor([&] { return finished; }, CheckTimeoutMs)) {
        check.cancel();
        err(tr("Check App did not finish in time."));
        return Failed;
    }
    // A token grant of the check may have rotated an OAuth 2.0 refresh token: stored first.
    if (!Environment::finishTokenGrants(*session))
        return Failed;

    bool passed = !check.wasCancelled();
    for (const CheckStep &s : check.steps()) {
        if (s.status == CheckStep::Status::Failed)
            passed = false;
    }
    const QString report = parser.isSet(json)
                               ? QString::fromUtf8(QJsonDocument(toJson(check, passed)).toJson())
                               : check.toMarkdown();
    if (!out(report.trimmed()))
        return Failed;
    return passed ? Ok : Failed;
}

} // namespace Commands
