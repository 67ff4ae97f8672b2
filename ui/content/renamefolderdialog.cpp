#include "ui/content/renamefolderdialog.h"

#include "ui/content/newfolderdialog.h"

#include <QFormLayout>
#include <QLineEdit>

using namespace Qt::Literals::StringLiterals;

RenameFolderDialog::RenameFolderDialog(BoxClient *client, const QString &folderId,
                                       const QString &currentName, const QString &asUserId,
                                       QWidget *parent)
    : ApiFormDialog(client, asUserId, parent), m_folderId(folderId), m_currentName(currentName),
      m_name(new QLineEdit(this))
{
    setObjectName(u"renameFolderDialog"_s);
    setWindowTitle(tr("Rename Folder"));
    m_name->setObjectName(u"folderNameEdit"_s);
    m_name->setAccessibleName(tr("New folder name"));
    m_name->setMaxLength(1000); // longer than Box allows, so the message can say so
    m_name->setText(currentName);
    m_name->selectAll();

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    setUpForm({u"renameFolderError"_s, u"renameFolderProgress"_s, tr("Renaming the folder"),
               tr("Rename"), u"confirmRenameFolderButton"_s, 480},
              tr("Rename the folder <b>%1</b> (folder ID %2).")
                  .arg(currentName.toHtmlEscaped(), folderId.toHtmlEscaped()),
              form);
    connect(m_name, &QLineEdit::textChanged, this, &RenameFolderDialog::inputChanged);
    inputChanged();
}

RenameFolderDialog::~RenameFolderDialog()
{
    cancelRequest();
}

std::optional<ApiFormDialog::Request> RenameFolderDialog::request()
{
    const QString name = m_name->text();
    if (const QString problem = NewFolderDialog::nameProblem(name); !problem.isEmpty()) {
        showError(problem);
        return std::nullopt;
    }
    Request r{u"/folders/"_s + m_folderId, {{u"name"_s, name}}};
    r.method = "PUT";
    return r;
}

void RenameFolderDialog::succeeded(const QJsonObject &answer)
{
    Q_EMIT renamed(answer);
}

bool RenameFolderDialog::canSubmit() const
{
    return !m_name->text().isEmpty() && m_name->text() != m_currentName;
}

void RenameFolderDialog::setFieldsBusy(bool busy)
{
    m_name->setReadOnly(busy);
}

void RenameFolderDialog::focusFields()
{
    m_name->setFocus();
}
