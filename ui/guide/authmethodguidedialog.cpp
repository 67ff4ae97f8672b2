#include "ui/guide/authmethodguidedialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;
using namespace AuthMethodGuide;

namespace {
QString htmlList(const QStringList &items, const char *tag)
{
    QString html = u"<%1>"_s.arg(QLatin1String(tag));
    for (const QString &item : items)
        html += u"<li>"_s + item.toHtmlEscaped() + u"</li>"_s;
    return html + u"</%1>"_s.arg(QLatin1String(tag));
}
} // namespace

AuthMethodGuideDialog::AuthMethodGuideDialog(QWidget *parent)
    : QDialog(parent), m_purpose(new QComboBox(this)),
      m_userInvolvement(
          new QCheckBox(tr("People sign in to Box themselves and approve the app"), this)),
      m_usersSeeBox(
          new QCheckBox(tr("Its users know they use Box (they have Box accounts)"), this)),
      m_actOnBehalf(
          new QCheckBox(tr("It acts on behalf of other users (As-User, user tokens)"), this)),
      m_createAppUsers(new QCheckBox(tr("It creates app users (users without a Box login)"), this)),
      m_adminApproval(
          new QCheckBox(tr("An admin can authorize it in the Box Admin Console"), this)),
      m_production(new QCheckBox(tr("It runs in production (not only a quick test)"), this)),
      m_credential(new QComboBox(this)), m_title(new QLabel(this)),
      m_result(new QTextBrowser(this)), m_use(new QPushButton(this)),
      m_copy(new QPushButton(tr("Copy &Steps"), this))
{
    setObjectName(u"authMethodGuideDialog"_s);
    setWindowTitle(tr("Help Me Choose an Auth Method"));

    m_purpose->setObjectName(u"guidePurpose"_s);
    m_purpose->setAccessibleName(tr("What the app is for"));
    m_purpose->addItem(tr("Work with Box content and users through the API"),
                       int(Purpose::General));
    m_purpose->addItem(tr("Only preview its own files (Box View)"), int(Purpose::PreviewOnly));
    m_purpose->addItem(tr("Only process the files that trigger a Skill"),
                       int(Purpose::SkillProcessing));
    m_userInvolvement->setObjectName(u"guideUserInvolvement"_s);
    m_usersSeeBox->setObjectName(u"guideUsersSeeBox"_s);
    m_actOnBehalf->setObjectName(u"guideActOnBehalf"_s);
    m_createAppUsers->setObjectName(u"guideCreateAppUsers"_s);
    m_adminApproval->setObjectName(u"guideAdminApproval"_s);
    m_adminApproval->setToolTip(tr("Box requires an admin's authorization for every JWT and "
                                   "Client Credentials Grant app"));
    m_production->setObjectName(u"guideProduction"_s);
    m_credential->setObjectName(u"guideCredential"_s);
    m_credential->setAccessibleName(tr("The server's credential"));
    m_credential->addItem(tr("No preference"), int(Credential::NoPreference));
    m_credential->addItem(tr("A key pair (config.json)"), int(Credential::KeyPair));
    m_credential->addItem(tr("A client secret"), int(Credential::ClientSecret));

    m_title->setObjectName(u"guideRecommendation"_s);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_result->setObjectName(u"guideResult"_s);
    m_result->setAccessibleName(tr("Recommendation and steps"));
    m_result->setOpenExternalLinks(true);
    m_use->setObjectName(u"guideUseMethodButton"_s);
    m_use->setDefault(true);
    m_copy->setObjectName(u"guideCopyStepsButton"_s);
    m_copy->setToolTip(tr("Copy the Developer Console steps and the admin's part as text"));

    auto *questions = new QGroupBox(tr("About your app"), this);
    questions->setObjectName(u"guideQuestions"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("&What is it for?"), m_purpose);
    auto *checks = new QVBoxLayout;
    for (QCheckBox *box : {m_userInvolvement, m_usersSeeBox, m_actOnBehalf, m_createAppUsers,
                           m_adminApproval, m_production})
        checks->addWidget(box);
    auto *credentialForm = new QFormLayout;
    credentialForm->addRow(tr("Server &credential:"), m_credential);
    auto *questionsLayout = new QVBoxLayout(questions);
    questionsLayout->addLayout(form);
    questionsLayout->addLayout(checks);
    questionsLayout->addLayout(credentialForm);
    questionsLayout->addStretch();

    auto *answer = new QWidget(this);
    auto *answerLayout = new QVBoxLayout(answer);
    answerLayout->setContentsMargins(0, 0, 0, 0);
    answerLayout->addWidget(m_title);
    answerLayout->addWidget(m_result, 1);

    auto *columns = new QHBoxLayout;
    columns->addWidget(questions, 0);
    columns->addWidget(answer, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(u"guideButtons"_s);
    buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    buttons->addButton(m_use, QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_use, &QPushButton::clicked, this, [this] {
        if (!m_recommendation.hasMethod)
            return;
        Q_EMIT methodChosen(m_recommendation.method);
        accept();
    });
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(stepsText()); });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    m_adminApproval->setChecked(true);
    m_production->setChecked(true);
    connect(m_purpose, &QComboBox::currentIndexChanged, this, &AuthMethodGuideDialog::update);
    connect(m_credential, &QComboBox::currentIndexChanged, this, &AuthMethodGuideDialog::update);
    for (QCheckBox *box : {m_userInvolvement, m_usersSeeBox, m_actOnBehalf, m_createAppUsers,
                           m_adminApproval, m_production})
        connect(box, &QCheckBox::toggled, this, &AuthMethodGuideDialog::update);
    update();
    // Fits a 1024x700 screen with the questions and the steps side by side.
    const QFontMetrics fm = fontMetrics();
    resize(std::min(fm.horizontalAdvance(u'x') * 140, 960), fm.height() * 36);
}

Answers AuthMethodGuideDialog::answers() const
{
    Answers a;
    a.purpose = Purpose(m_purpose->currentData().toInt());
    a.userInvolvement = m_userInvolvement->isChecked();
    a.usersSeeBox = m_usersSeeBox->isChecked();
    a.actOnBehalfOfUsers = m_actOnBehalf->isChecked();
    a.createAppUsers = m_createAppUsers->isChecked();
    a.adminApproval = m_adminApproval->isChecked();
    a.production = m_production->isChecked();
    a.credential = Credential(m_credential->currentData().toInt());
    return a;
}

void AuthMethodGuideDialog::setAnswers(const Answers &a)
{
    m_purpose->setCurrentIndex(m_purpose->findData(int(a.purpose)));
    m_userInvolvement->setChecked(a.userInvolvement);
    m_usersSeeBox->setChecked(a.usersSeeBox);
    m_actOnBehalf->setChecked(a.actOnBehalfOfUsers);
    m_createAppUsers->setChecked(a.createAppUsers);
    m_adminApproval->setChecked(a.adminApproval);
    m_production->setChecked(a.production);
    m_credential->setCurrentIndex(m_credential->findData(int(a.credential)));
    update();
}

void AuthMethodGuideDialog::update()
{
    const Answers a = answers();
    // The questions about users and credentials do not apply to a Skill.
    const bool general = a.purpose != Purpose::SkillProcessing;
    const QList<QWidget *> userQuestions = {m_userInvolvement, m_usersSeeBox,   m_actOnBehalf,
                                            m_createAppUsers,  m_adminApproval, m_production,
                                            m_credential};
    for (QWidget *w : userQuestions)
        w->setEnabled(general);
    m_recommendation = recommend(a);
    // A Custom Skill is its own app type and profile kind: its name says it all.
    const bool ownType = m_recommendation.appType == AppType::CustomSkill;
    m_title->setText(m_recommendation.hasMethod && !ownType
                         ? tr("Use %1 in a %2")
                               .arg(m_recommendation.title, appTypeName(m_recommendation.appType))
                         : m_recommendation.title);
    m_result->setHtml(resultHtml());
    m_use->setEnabled(m_recommendation.hasMethod);
    m_use->setText(m_recommendation.hasMethod
                       ? tr("&Use %1").arg(AuthMethods::displayName(m_recommendation.method))
                       : tr("&Use (no method)"));
    m_use->setToolTip(m_recommendation.hasMethod
                          ? tr("Preselect %1 in the app's profile")
                                .arg(AuthMethods::displayName(m_recommendation.method))
                          : m_recommendation.note);
}

QString AuthMethodGuideDialog::resultHtml() const
{
    const Recommendation &r = m_recommendation;
    QString html = u"<p><b>"_s + tr("Why") + u"</b></p>"_s + htmlList(r.why, "ul");
    if (!r.conflicts.isEmpty())
        html += u"<p><b>"_s + tr("What this cannot do as you answered") + u"</b></p>"_s +
                htmlList(r.conflicts, "ul");
    if (!r.note.isEmpty())
        html += u"<p><i>"_s + r.note.toHtmlEscaped() + u"</i></p>"_s;
    html += u"<p><b>"_s + tr("In the Box Developer Console") + u"</b></p>"_s +
            htmlList(r.consoleSteps, "ol");
    html += u"<p><b>"_s + tr("What the admin must approve") + u"</b></p>"_s +
            htmlList(r.adminSteps, "ul");
    html += comparisonHtml();
    QStringList links;
    for (const QString &url : sources())
        links.append(u"<a href=\"%1\">%1</a>"_s.arg(url.toHtmlEscaped()));
    html += u"<p><small>"_s + tr("From Box's documentation: %1").arg(links.join(u", "_s)) +
            u"</small></p>"_s;
    return html;
}

QString AuthMethodGuideDialog::comparisonHtml()
{
    QString html =
        u"<p><b>"_s + tr("Box's application types and their methods") +
        u"</b></p><table border=\"1\" cellpadding=\"3\" cellspacing=\"0\"><tr><th></th>"_s;
    for (AuthMethod m : comparedMethods())
        html += u"<th>"_s + AuthMethods::displayName(m).toHtmlEscaped() + u"</th>"_s;
    html += u"</tr>"_s;
    for (AppType type : appTypes()) {
        html += u"<tr><td>"_s + appTypeName(type).toHtmlEscaped() + u"</td>"_s;
        for (AuthMethod m : comparedMethods())
            html += u"<td align=\"center\">"_s + (supports(type, m) ? tr("Yes") : tr("No")) +
                    u"</td>"_s;
        html += u"</tr>"_s;
    }
    return html + u"</table>"_s;
}

QString AuthMethodGuideDialog::stepsText() const
{
    const Recommendation &r = m_recommendation;
    QStringList lines{r.title, QString(), tr("In the Box Developer Console:")};
    for (int i = 0; i < r.consoleSteps.size(); ++i)
        lines.append(u"%1. %2"_s.arg(i + 1).arg(r.consoleSteps.at(i)));
    lines += {QString(), tr("What the admin must approve:")};
    for (const QString &step : r.adminSteps)
        lines.append(u"- "_s + step);
    if (!r.note.isEmpty())
        lines += {QString(), r.note};
    return lines.join(u'\n');
}
