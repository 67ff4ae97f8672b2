#pragma once

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;

// The selected user's fields beside the table, with Edit and Act as User buttons.
class UserDetailPanel : public QWidget
{
    Q_OBJECT
public:
    explicit UserDetailPanel(QWidget *parent = nullptr);

    // Shows one user (the model's row JSON); several or none show a short summary instead.
    void showUser(const QJsonObject &user);
    void showSummary(int selectedCount);
    QString fieldText(const QString &field) const;

Q_SIGNALS:
    void editRequested();
    void actAsRequested();

private:
    QLabel *m_title;
    QHash<QString, QLabel *> m_values;
    QWidget *m_form;
    QPushButton *m_edit;
    QPushButton *m_actAs;
};
