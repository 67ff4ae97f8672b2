#include "ui/content/renamefiledialog.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>

using namespace Qt::Literals::StringLiterals;

RenameFileDialog::RenameFileDialog(BoxClient *client, const QString &fileId,
                                   const QString &currentName, const QString &asUserId,
                                   QWidget *parent)
    : ApiFormDialog(client, asUserId, parent), m_fileId(fileId), m_currentName(currentName),
      m_name(new QLineEdit(this))
{
    setObjectName(u"renameFileDialog"_s);
    setWindowTitle(tr("Rename File"));
    m_name->setObjectName(u"fileNameEdit"_s);
    m_name->setAccessibleName(tr("New file name"));
    m_name->setMaxLength(1000); // longer than Box allows, so Box's message can say so
    m_name->setText(currentName);
    // The name without its extension is selected, as file managers do.
    const QString suffix = QFileInfo(currentName).completeSuffix();
    m_name->setSelection(0, suffix.isEmpty() ? int(currentName.size())
                                             : int(currentName.size() - suffix.size() - 1));

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    setUpForm({u"renameFileError"_s, u"renameFileProgress"_s, tr("Renaming the file"), tr("Rename"),
               u"confirmRenameFileButton"_s, 480},
              tr("Rename <b>%1</b> (file ID %2).")
                  .arg(currentName.toHtmlEscaped(), fileId.toHtmlEscaped()),
              form);
    connect(m_name, &QLineEdit::textChanged, this, &RenameFileDialog::inputChanged);
    inputChanged();
}

RenameFileDialog::~RenameFileDialog()
{
    cancelRequest();
}

std::optional<ApiFormDialog::Request> RenameFileDialog::request()
{
    Request r{u"/files/"_s + m_fileId, {{u"name"_s, m_name->text()}}};
    r.method = "PUT";
    return r;
}

void RenameFileDialog::succeeded(const QJsonObject &answer)
{
    Q_EMIT renamed(answer);
}

bool RenameFileDialog::canSubmit() const
{
    return !m_name->text().isEmpty() && m_name->text() != m_currentName;
}

void RenameFileDialog::setFieldsBusy(bool busy)
{
    m_name->setReadOnly(busy);
}

void RenameFileDialog::focusFields()
{
    m_name->setFocus();
}
