#include "ui/content/collaboratedialog.h"

#include "ui/messagebanner.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

CollaborateDialog::CollaborateDialog(BoxClient *client, const QString &folderId,
                                     const QString &folderName, const QString &asUserId,
                                     QWidget *parent)
    : ApiFormDialog(client, asUserId, parent), m_folderId(folderId), m_user(new QLineEdit(this)),
      m_role(new QComboBox(this))
{
    setObjectName(u"collaborateDialog"_s);
    setWindowTitle(tr("Collaborate"));
    m_user->setObjectName(u"collaboratorEdit"_s);
    m_user->setAccessibleName(tr("User login or ID"));
    m_user->setPlaceholderText(tr("name@example.com or a user ID"));
    m_user->setToolTip(tr("The user's login (email address), e.g. a Service Account's "
                          "AutomationUser_…@boxdevedition.com, or their numeric Box user ID."));
    m_role->setObjectName(u"roleBox"_s);
    m_role->setAccessibleName(tr("Role"));
    for (const QString &role : roles())
        m_role->addItem(roleDisplayName(role), role);
    m_role->setCurrentIndex(0); // editor, what sharing with an app usually needs

    auto *form = new QFormLayout;
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Role:"), m_role);
    setUpForm({u"collaborateError"_s, u"collaborateProgress"_s, tr("Inviting"), tr("Invite"),
               u"collaborateButton"_s, 520},
              tr("Invite a user to the folder <b>%1</b> (folder ID %2).")
                  .arg(folderName.toHtmlEscaped(), folderId.toHtmlEscaped()),
              form);
    connect(m_user, &QLineEdit::textChanged, this, &CollaborateDialog::inputChanged);
    connect(m_role, &QComboBox::currentIndexChanged, errorBanner(), &QWidget::hide);
}

CollaborateDialog::~CollaborateDialog()
{
    cancelRequest();
}

namespace {

// Box's collaboration roles in its order: the API value and what the role may do.
struct Role
{
    const char *value;
    const char *displayName;
};
constexpr Role kRoles[] = {
    {"editor", QT_TRANSLATE_NOOP("CollaborateDialog", "Editor — upload, download, edit, share")},
    {"viewer", QT_TRANSLATE_NOOP("CollaborateDialog", "Viewer — preview and download")},
    {"previewer", QT_TRANSLATE_NOOP("CollaborateDialog", "Previewer — preview only")},
    {"uploader", QT_TRANSLATE_NOOP("CollaborateDialog", "Uploader — upload only")},
    {"previewer uploader",
     QT_TRANSLATE_NOOP("CollaborateDialog", "Previewer Uploader — preview and upload")},
    {"viewer uploader",
     QT_TRANSLATE_NOOP("CollaborateDialog", "Viewer Uploader — view, download and upload")},
    {"co-owner",
     QT_TRANSLATE_NOOP("CollaborateDialog", "Co-owner — everything but changing the owner")},
};

} // namespace

QStringList CollaborateDialog::roles()
{
    QStringList values;
    for (const Role &role : kRoles)
        values.append(QString::fromLatin1(role.value));
    return values;
}

QString CollaborateDialog::roleDisplayName(const QString &role)
{
    for (const Role &r : kRoles) {
        if (role == QLatin1String(r.value))
            return tr(r.displayName);
    }
    return role;
}

void CollaborateDialog::setRole(const QString &role)
{
    const int i = m_role->findData(role);
    if (i >= 0)
        m_role->setCurrentIndex(i);
}

std::optional<ApiFormDialog::Request> CollaborateDialog::request()
{
    const QString who = m_user->text().trimmed();
    static const QRegularExpression digits(u"^\\d{1,20}$"_s);
    QJsonObject accessibleBy{{u"type"_s, u"user"_s}};
    if (digits.match(who).hasMatch()) {
        accessibleBy.insert(u"id"_s, who);
    } else if (who.contains(u'@') && !who.startsWith(u'@') && !who.endsWith(u'@') &&
               !who.contains(u' ')) {
        accessibleBy.insert(u"login"_s, who);
    } else {
        showError(who.isEmpty() ? tr("Enter the user's login or user ID.")
                                : tr("\"%1\" is neither a login (an email address such as "
                                     "name@example.com) nor a numeric user ID.")
                                      .arg(who));
        return std::nullopt;
    }
    return Request{u"/collaborations"_s,
                   {{u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, m_folderId}}},
                    {u"accessible_by"_s, accessibleBy},
                    {u"role"_s, m_role->currentData().toString()}}};
}

void CollaborateDialog::succeeded(const QJsonObject &answer)
{
    Q_EMIT collaborated(answer);
}

bool CollaborateDialog::canSubmit() const
{
    return !m_user->text().trimmed().isEmpty();
}

void CollaborateDialog::setFieldsBusy(bool busy)
{
    m_user->setReadOnly(busy);
    m_role->setEnabled(!busy);
}

void CollaborateDialog::focusFields()
{
    m_user->setFocus();
}
