#include "ui/content/renameitemdialog.h"

#include "ui/content/newfolderdialog.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>

using namespace Qt::Literals::StringLiterals;

RenameItemDialog::RenameItemDialog(ItemType type, BoxClient *client, const QString &itemId,
                                   const QString &currentName, const QString &asUserId,
                                   QWidget *parent)
    : ApiFormDialog(client, asUserId, parent), m_type(type), m_itemId(itemId),
      m_currentName(currentName), m_name(new QLineEdit(this))
{
    const bool file = type == ItemType::File;
    setObjectName(file ? u"renameFileDialog"_s : u"renameFolderDialog"_s);
    setWindowTitle(file ? tr("Rename File") : tr("Rename Folder"));
    m_name->setObjectName(file ? u"fileNameEdit"_s : u"folderNameEdit"_s);
    m_name->setAccessibleName(file ? tr("New file name") : tr("New folder name"));
    m_name->setMaxLength(1000); // longer than Box allows, so the message can say so
    m_name->setText(currentName);
    if (file) {
        // The name without its extension is selected, as file managers do.
        const QString suffix = QFileInfo(currentName).completeSuffix();
        m_name->setSelection(0, suffix.isEmpty() ? int(currentName.size())
                                                 : int(currentName.size() - suffix.size() - 1));
    } else {
        m_name->selectAll();
    }

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    if (file)
        setUpForm({u"renameFileError"_s, u"renameFileProgress"_s, tr("Renaming the file"),
                   tr("Rename"), u"confirmRenameFileButton"_s, 480},
                  tr("Rename <b>%1</b> (file ID %2).")
                      .arg(currentName.toHtmlEscaped(), itemId.toHtmlEscaped()),
                  form);
    else
        setUpForm({u"renameFolderError"_s, u"renameFolderProgress"_s, tr("Renaming the folder"),
                   tr("Rename"), u"confirmRenameFolderButton"_s, 480},
                  tr("Rename the folder <b>%1</b> (folder ID %2).")
                      .arg(currentName.toHtmlEscaped(), itemId.toHtmlEscaped()),
                  form);
    connect(m_name, &QLineEdit::textChanged, this, &RenameItemDialog::inputChanged);
    inputChanged();
}

RenameItemDialog::~RenameItemDialog()
{
    cancelRequest();
}

std::optional<ApiFormDialog::Request> RenameItemDialog::request()
{
    const QString name = m_name->text();
    if (m_type == ItemType::Folder) {
        if (const QString problem = NewFolderDialog::nameProblem(name); !problem.isEmpty()) {
            showError(problem);
            return std::nullopt;
        }
    }
    const QString collection = m_type == ItemType::File ? u"/files/"_s : u"/folders/"_s;
    Request r{collection + m_itemId, {{u"name"_s, name}}};
    r.method = "PUT";
    return r;
}

void RenameItemDialog::succeeded(const QJsonObject &answer)
{
    Q_EMIT renamed(answer);
}

bool RenameItemDialog::canSubmit() const
{
    return !m_name->text().isEmpty() && m_name->text() != m_currentName;
}

void RenameItemDialog::setFieldsBusy(bool busy)
{
    m_name->setReadOnly(busy);
}

void RenameItemDialog::focusFields()
{
    m_name->setFocus();
}
