#pragma once

#include "core/boxcli/boxclicandidate.h"
#include "core/boxcli/boxclilayout.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class SecretServiceReader;

// What reading Box CLI's storage found.
struct BoxCliScan
{
    QString source;           // where the environments came from, in plain words; empty: nowhere
    QStringList storageNotes; // e.g. the Secret Service was locked or absent, so the file was read
    QString error;            // no environments found, or they could not be read
    QList<BoxCliCandidate> candidates; // the default environment first, then by name
    QStringList lockedItems; // Secret Service items found locked (SecretServiceReader paths)
};
Q_DECLARE_METATYPE(BoxCliScan)

// Reads Box CLI's environments as Box CLI does: its secure storage entry (Secret Service,
// service "boxcli", account "Box") first, then ~/.box/box_environments.json; the token cache
// of each OAuth 2.0 environment the same way; ~/.box/settings.json for endpoints. Then builds
// an import candidate per environment on a worker thread (decrypting keys takes time). Never
// writes to any of Box CLI's files or entries.
class BoxCliReader : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString homeDir;           // empty: the user's home
        QString secretServiceName; // empty: org.freedesktop.secrets
    };
    explicit BoxCliReader(QObject *parent = nullptr);
    BoxCliReader(const Options &options, QObject *parent);

    // Starts reading; finished() follows once (asynchronously). Call once.
    void start();
    // Asks the Secret Service to unlock the scan's lockedItems, with the keyring's own password
    // prompt; `done` runs once with whether they are now unlocked, and else plain words why not.
    void unlockKeyring(const QStringList &lockedItems,
                       std::function<void(bool unlocked, const QString &message)> done);

Q_SIGNALS:
    void finished(const BoxCliScan &scan);

private:
    void environmentsRead(const QByteArray &json, const QString &source);
    void readNextTokenCache();
    void tokenCacheRead(const QString &name, std::optional<BoxCliTokenCache> cache);
    void buildCandidates();

    Options m_options;
    SecretServiceReader *m_secrets;
    BoxCliScan m_scan;
    BoxCliEnvironments m_environments;
    QStringList m_tokenQueue; // OAuth 2.0 environments whose token cache is still to read
    QHash<QString, BoxCliTokenCache> m_tokens;
    bool m_secretsUnusable = false; // the Secret Service was locked or did not answer
};
