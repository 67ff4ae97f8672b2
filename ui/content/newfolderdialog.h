#pragma once

#include "ui/content/apiformdialog.h"

class QLineEdit;

// "New Folder" in a Box folder: POST /folders {name, parent: {id}}. Names Box would refuse
// are explained before sending; Box's own refusals (item_name_in_use...) show inline, and
// the dialog stays open so the name can be fixed. Cancel aborts a request in flight.
class NewFolderDialog : public ApiFormDialog
{
    Q_OBJECT
public:
    NewFolderDialog(BoxClient *client, const QString &parentId, const QString &parentName,
                    const QString &asUserId, QWidget *parent = nullptr);
    ~NewFolderDialog() override;

    QString parentId() const { return m_parentId; }

    // Why Box would refuse the name (empty when it looks fine).
    static QString nameProblem(const QString &name);

Q_SIGNALS:
    // Box's answer for the new folder.
    void folderCreated(const QJsonObject &folder);

protected:
    std::optional<Request> request() override;
    void succeeded(const QJsonObject &answer) override;
    bool canSubmit() const override;
    void setFieldsBusy(bool busy) override;
    void focusFields() override;

private:
    QString m_parentId;
    QLineEdit *m_name;
};
