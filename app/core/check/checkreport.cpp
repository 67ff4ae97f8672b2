// AppCheck::toMarkdown(): the report for a support ticket or a teammate.
#include "core/check/appcheck.h"

#include "core/authmethod.h"

using namespace Qt::Literals::StringLiterals;

namespace {
QString cell(QString text)
{
    text.replace(u'\n', u' ');
    text.replace(u'|', u"\\|"_s);
    return text.isEmpty() ? u"—"_s : text;
}

QString statusName(CheckStep::Status s)
{
    switch (s) {
    case CheckStep::Status::Pending:
        return AppCheck::tr("Pending");
    case CheckStep::Status::Running:
        return AppCheck::tr("Running");
    case CheckStep::Status::Passed:
        return AppCheck::tr("Passed");
    case CheckStep::Status::Warning:
        return AppCheck::tr("Warning");
    case CheckStep::Status::Failed:
        return AppCheck::tr("Failed");
    case CheckStep::Status::Skipped:
        return AppCheck::tr("Skipped");
    }
    return {};
}

QString expectationName(Capability::Expectation e)
{
    switch (e) {
    case Capability::Expectation::Unknown:
        return AppCheck::tr("not said");
    case Capability::Expectation::Expected:
        return AppCheck::tr("allowed");
    case Capability::Expectation::NotExpected:
        return AppCheck::tr("not allowed");
    }
    return {};
}

QString verdictName(Capability::Verdict v)
{
    switch (v) {
    case Capability::Verdict::NotProbed:
        return AppCheck::tr("not probed");
    case Capability::Verdict::NotApplicable:
        return AppCheck::tr("not applicable");
    case Capability::Verdict::Allowed:
        return AppCheck::tr("allowed");
    case Capability::Verdict::Denied:
        return AppCheck::tr("denied");
    case Capability::Verdict::Failed:
        return AppCheck::tr("could not tell");
    }
    return {};
}

QString origin(const QUrl &url)
{
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::RemoveUserInfo)
        .toString();
}
} // namespace

QString AppCheck::toMarkdown() const
{
    QString md;
    md += u"# "_s + tr("Check App: %1").arg(m_profile.name) + u"\n\n"_s;
    md += u"- "_s +
          tr("Date: %1")
              .arg((m_startedAt.isValid() ? m_startedAt : QDateTime::currentDateTimeUtc())
                       .toUTC()
                       .toString(Qt::ISODate)) +
          u'\n';
    md += u"- "_s + tr("Auth method: %1").arg(AuthMethods::displayName(m_profile.method)) + u'\n';
    if (!m_profile.clientId.isEmpty())
        md += u"- "_s + tr("Client ID: %1").arg(m_profile.clientId) + u'\n';
    if (!m_profile.subjectDescription().isEmpty())
        md += u"- "_s + tr("Subject: %1").arg(m_profile.subjectDescription()) + u'\n';
    md += u"- "_s + tr("API origin: %1").arg(origin(m_profile.apiBaseUrl)) + u'\n';
    md += u"- "_s + tr("Verdict: %1").arg(verdict()) + u"\n\n"_s;

    md += u"## "_s + tr("Checklist") + u"\n\n"_s;
    for (int i = 0; i < m_steps.size(); ++i) {
        const CheckStep &s = m_steps.at(i);
        md += u"### %1. %2: %3\n\n"_s.arg(i + 1).arg(s.title, statusName(s.status));
        if (!s.result.isEmpty())
            md += s.result + u"\n\n"_s;
        if (!s.fix.isEmpty())
            md += u"**"_s + tr("Fix:") + u"** "_s + s.fix + u"\n\n"_s;
        if (!s.evidence.isEmpty()) {
            md += u"| "_s + tr("Request") + u" | "_s + tr("Status") + u" | "_s + tr("Request ID") +
                  u" | "_s + tr("Box says") + u" |\n|---|---|---|---|\n"_s;
            for (const CheckEvidence &e : s.evidence) {
                md += u"| %1 | %2 | %3 | %4 |\n"_s.arg(
                    cell(e.request), e.httpStatus ? QString::number(e.httpStatus) : u"—"_s,
                    cell(e.requestId), cell(e.boxWords));
            }
            md += u'\n';
        }
    }

    md += u"## "_s + tr("Capabilities") + u"\n\n"_s;
    md += u"| "_s + tr("Capability") + u" | "_s + tr("Developer Console setting") + u" | "_s +
          tr("You expect") + u" | "_s + tr("Box says") + u" | "_s + tr("Evidence") + u" | "_s +
          tr("Request ID") + u" | "_s + tr("Cause / note") + u" |\n"_s;
    md += u"|---|---|---|---|---|---|---|\n"_s;
    for (const Capability &c : m_capabilities) {
        QString evidence = c.evidence.request;
        if (c.evidence.httpStatus)
            evidence += u" → "_s + QString::number(c.evidence.httpStatus);
        if (!c.evidence.boxWords.isEmpty())
            evidence += u" ("_s + c.evidence.boxWords + u')';
        QString cause = c.mismatch() ? u"**"_s + tr("Mismatch:") + u"** "_s + c.cause : c.note;
        if (c.mismatch() && !c.note.isEmpty())
            cause += u' ' + c.note;
        md += u"| %1 | %2 | %3 | %4 | %5 | %6 | %7 |\n"_s.arg(
            cell(c.title), cell(c.setting), expectationName(c.expected), verdictName(c.boxSays),
            cell(evidence), cell(c.evidence.requestId), cell(cause));
    }
    const QStringList limits = restrictions();
    if (!limits.isEmpty()) {
        md += u"\n## "_s + tr("Limited Access restrictions (Box's documentation)") + u"\n\n"_s;
        for (const QString &r : limits)
            md += u"- "_s + r + u'\n';
    }
    return md;
}
