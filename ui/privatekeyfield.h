#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;

// The PEM private key of a JWT profile. Hidden by default: a one-line summary of the key's
// form is shown instead of its text; "Show" reveals an editable text box; "Load…" reads a
// .pem file.
class PrivateKeyField : public QWidget
{
    Q_OBJECT
public:
    explicit PrivateKeyField(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &pem);
    bool isRevealed() const;
    void setRevealed(bool revealed);
    // Loads a .pem file (a regular file of at most MaxFileBytes); returns an empty string or
    // an error sentence.
    QString loadFile(const QString &filePath);
    // Shows that the key is being checked against its passphrase (see PrivateKeyCheck).
    void setChecking(bool checking);
    bool isChecking() const { return m_checking; }

    static constexpr qint64 MaxFileBytes = 1024 * 1024;

Q_SIGNALS:
    void textChanged();

private:
    void updateSummary();

    QLabel *m_summary;
    QPlainTextEdit *m_edit;
    QToolButton *m_reveal;
    QToolButton *m_load;
    bool m_checking = false;
};
