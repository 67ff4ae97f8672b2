#pragma once

#include "ui/content/apiformdialog.h"

class QComboBox;
class QLineEdit;

// Shares a folder with a user: POST /collaborations {item: {type: folder, id}, accessible_by:
// {type: user, login | id}, role}. The user is given by login (an email address) or by
// numeric user ID; the roles are Box's. Box's refusals (the root folder, an existing
// collaborator, an unknown user...) show inline and the dialog stays open.
class CollaborateDialog : public ApiFormDialog
{
    Q_OBJECT
public:
    CollaborateDialog(BoxClient *client, const QString &folderId, const QString &folderName,
                      const QString &asUserId, QWidget *parent = nullptr);
    ~CollaborateDialog() override;

    // Box's roles in its order, API values ("editor", "previewer uploader"...).
    static QStringList roles();
    static QString roleDisplayName(const QString &role);

    void setRole(const QString &role);

Q_SIGNALS:
    // Box's answer: the collaboration object.
    void collaborated(const QJsonObject &collaboration);

protected:
    std::optional<Request> request() override;
    void succeeded(const QJsonObject &answer) override;
    bool canSubmit() const override;
    void setFieldsBusy(bool busy) override;
    void focusFields() override;

private:
    QString m_folderId;
    QLineEdit *m_user;
    QComboBox *m_role;
};
