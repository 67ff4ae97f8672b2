#include "ui/content/newfolderdialog.h"

#include <QFormLayout>
#include <QLineEdit>

using namespace Qt::Literals::StringLiterals;

NewFolderDialog::NewFolderDialog(BoxClient *client, const QString &parentId,
                                 const QString &parentName, const QString &asUserId,
                                 QWidget *parent)
    : ApiFormDialog(client, asUserId, parent), m_parentId(parentId), m_name(new QLineEdit(this))
{
    setObjectName(u"newFolderDialog"_s);
    setWindowTitle(tr("New Folder"));
    m_name->setObjectName(u"folderNameEdit"_s);
    m_name->setAccessibleName(tr("Folder name"));
    m_name->setPlaceholderText(tr("Folder name"));
    m_name->setMaxLength(1000); // longer than Box allows, so the message can say so

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    setUpForm({u"newFolderError"_s, u"newFolderProgress"_s, tr("Creating the folder"), tr("Create"),
               u"createFolderButton"_s, 480},
              tr("Create a folder in <b>%1</b> (folder ID %2).")
                  .arg(parentName.toHtmlEscaped(), parentId.toHtmlEscaped()),
              form);
    connect(m_name, &QLineEdit::textChanged, this, &NewFolderDialog::inputChanged);
}

NewFolderDialog::~NewFolderDialog()
{
    cancelRequest();
}

QString NewFolderDialog::nameProblem(const QString &name)
{
    if (name.isEmpty())
        return tr("Enter a name for the folder.");
    if (name == u"."_s || name == u".."_s)
        return tr("\".\" and \"..\" cannot be folder names.");
    if (name.contains(u'/') || name.contains(u'\\'))
        return tr("Folder names cannot contain / or \\.");
    if (name.endsWith(u' '))
        return tr("Folder names cannot end with a space.");
    for (QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return tr("Folder names cannot contain control characters (tabs, line breaks).");
    }
    if (name.size() > 255)
        return tr("Folder names can be at most 255 characters long (this one has %1).")
            .arg(name.size());
    return {};
}

std::optional<ApiFormDialog::Request> NewFolderDialog::request()
{
    const QString name = m_name->text();
    if (const QString problem = nameProblem(name); !problem.isEmpty()) {
        showError(problem);
        return std::nullopt;
    }
    return Request{u"/folders"_s,
                   {{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, m_parentId}}}}};
}

void NewFolderDialog::succeeded(const QJsonObject &answer)
{
    Q_EMIT folderCreated(answer);
}

bool NewFolderDialog::canSubmit() const
{
    return !m_name->text().isEmpty();
}

void NewFolderDialog::setFieldsBusy(bool busy)
{
    m_name->setReadOnly(busy);
}

void NewFolderDialog::focusFields()
{
    m_name->setFocus();
    m_name->selectAll();
}
