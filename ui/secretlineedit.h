#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

// A masked line edit for a secret, with a "Show" toggle. The text is never copied anywhere
// else by this widget.
class SecretLineEdit : public QWidget
{
    Q_OBJECT
public:
    explicit SecretLineEdit(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);
    void setPlaceholderText(const QString &text);
    bool isRevealed() const;
    void setRevealed(bool revealed);
    QLineEdit *lineEdit() const { return m_edit; }

Q_SIGNALS:
    void textChanged(const QString &text);

private:
    QLineEdit *m_edit;
    QToolButton *m_reveal;
};
