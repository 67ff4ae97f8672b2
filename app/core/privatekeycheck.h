#pragma once

#include "core/privatekey.h"

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

// Tells whether a PEM private key and its passphrase fit together, without ever decrypting on
// the calling (GUI) thread: a key's encryption may legitimately cost a second or more.
//
// setInput() is cheap and may be called on every keystroke. A decryption starts on a worker
// thread once the input has been still for debounceInterval(), at most one at a time and at
// most once per distinct (key, passphrase): results are remembered (by a SHA-256 of the pair,
// never the pair itself), and a result for input that changed meanwhile is dropped.
// finished() announces the result for the current input. Lives on the GUI thread.
class PrivateKeyCheck : public QObject
{
    Q_OBJECT
public:
    explicit PrivateKeyCheck(QObject *parent = nullptr);
    ~PrivateKeyCheck() override;

    void setInput(const QByteArray &pem, const QByteArray &passphrase);
    // Nothing to check (no key): forgets the input; isChecking() becomes false.
    void clear();

    // True from a new input until its result is known.
    bool isChecking() const { return m_hasInput && !m_hasResult; }
    // The current input's result (meaningful when !isChecking()).
    PrivateKey::Error error() const { return m_result.error; }
    QString message() const { return m_result.message; }

    int debounceInterval() const { return m_debounce.interval(); }
    void setDebounceInterval(int milliseconds) { m_debounce.setInterval(milliseconds); }
    // How many decryptions were started (the work this saves is the point of the class).
    int decryptionCount() const { return m_decryptions; }

Q_SIGNALS:
    void checkingChanged(bool checking);
    // The result for the current input is known.
    void finished();

private:
    struct Result
    {
        PrivateKey::Error error = PrivateKey::Error::None;
        QString message;
    };
    static QByteArray fingerprint(const QByteArray &pem, const QByteArray &passphrase);
    void start();
    void deliver(const QByteArray &fingerprint, const Result &result);
    void setResult(const Result &result);

    QTimer m_debounce;
    QByteArray m_pem;
    QByteArray m_passphrase;
    QByteArray m_fingerprint; // of the current input
    bool m_hasInput = false;
    bool m_hasResult = false;
    bool m_running = false; // a decryption is on a worker thread
    Result m_result;
    QHash<QByteArray, Result> m_known; // fingerprint -> result
    int m_decryptions = 0;
};
