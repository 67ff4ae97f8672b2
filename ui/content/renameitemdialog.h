#pragma once

#include "ui/content/apiformdialog.h"

class QLineEdit;

// "Rename" a Box file (PUT /files/{id} {name}) or folder (PUT /folders/{id} {name}). Folder
// names Box would refuse are explained before sending; Box's refusals (item_name_in_use,
// item_name_invalid...) show inline and the dialog stays open so the name can be fixed.
class RenameItemDialog : public ApiFormDialog
{
    Q_OBJECT
public:
    enum class ItemType
    {
        File,
        Folder
    };

    RenameItemDialog(ItemType type, BoxClient *client, const QString &itemId,
                     const QString &currentName, const QString &asUserId,
                     QWidget *parent = nullptr);
    ~RenameItemDialog() override;

Q_SIGNALS:
    // Box's answer: the renamed file or folder.
    void renamed(const QJsonObject &item);

protected:
    std::optional<Request> request() override;
    void succeeded(const QJsonObject &answer) override;
    bool canSubmit() const override;
    void setFieldsBusy(bool busy) override;
    void focusFields() override;

private:
    ItemType m_type;
    QString m_itemId;
    QString m_currentName;
    QLineEdit *m_name;
};
