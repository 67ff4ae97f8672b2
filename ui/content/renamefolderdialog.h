#pragma once

#include "ui/content/apiformdialog.h"

class QLineEdit;

// "Rename" a Box folder: PUT /folders/{id} {name}. Names Box would refuse are explained before
// sending; Box's refusals (item_name_in_use...) show inline and the dialog stays open.
class RenameFolderDialog : public ApiFormDialog
{
    Q_OBJECT
public:
    RenameFolderDialog(BoxClient *client, const QString &folderId, const QString &currentName,
                       const QString &asUserId, QWidget *parent = nullptr);
    ~RenameFolderDialog() override;

Q_SIGNALS:
    // Box's answer: the renamed folder.
    void renamed(const QJsonObject &folder);

protected:
    std::optional<Request> request() override;
    void succeeded(const QJsonObject &answer) override;
    bool canSubmit() const override;
    void setFieldsBusy(bool busy) override;
    void focusFields() override;

private:
    QString m_folderId;
    QString m_currentName;
    QLineEdit *m_name;
};
