#pragma once

#include "ui/content/apiformdialog.h"

class QLineEdit;

// "Rename" a Box file: PUT /files/{id} {name}. Box's refusals (item_name_in_use,
// item_name_invalid...) show inline and the dialog stays open so the name can be fixed.
class RenameFileDialog : public ApiFormDialog
{
    Q_OBJECT
public:
    RenameFileDialog(BoxClient *client, const QString &fileId, const QString &currentName,
                     const QString &asUserId, QWidget *parent = nullptr);
    ~RenameFileDialog() override;

Q_SIGNALS:
    // Box's answer: the renamed file.
    void renamed(const QJsonObject &file);

protected:
    std::optional<Request> request() override;
    void succeeded(const QJsonObject &answer) override;
    bool canSubmit() const override;
    void setFieldsBusy(bool busy) override;
    void focusFields() override;

private:
    QString m_fileId;
    QString m_currentName;
    QLineEdit *m_name;
};
