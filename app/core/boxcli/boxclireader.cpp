#include "core/boxcli/boxclireader.h"

#include "core/boundedfile.h"
#include "core/boxcli/boxclilogging.h"
#include "core/boxcli/secretservicereader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPointer>
#include <QRunnable>
#include <QThreadPool>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kMaxFileBytes = 1024 * 1024;

// "~/.box/box_environments.json" for a path in the user's home folder.
QString shownPath(const QString &path)
{
    const QString prefix = QDir::home().absolutePath() + u'/';
    return path.startsWith(prefix) ? u"~/"_s + path.mid(prefix.size()) : path;
}
} // namespace

BoxCliReader::BoxCliReader(QObject *parent) : BoxCliReader(Options(), parent) {}

BoxCliReader::BoxCliReader(const Options &options, QObject *parent)
    : QObject(parent), m_options(options),
      m_secrets(new SecretServiceReader(options.secretServiceName.isEmpty()
                                            ? SecretServiceReader::defaultServiceName()
                                            : options.secretServiceName,
                                        this))
{
    if (m_options.homeDir.isEmpty())
        m_options.homeDir = QDir::homePath();
    qRegisterMetaType<BoxCliScan>();
}

void BoxCliReader::start()
{
    const QMap<QString, QString> attributes{{u"service"_s, BoxCliLayout::environmentsService()},
                                            {u"account"_s, BoxCliLayout::account()}};
    m_secrets->lookup(attributes, [this](const SecretLookup &found) {
        if (found.status == SecretLookup::Status::Found) {
            environmentsRead(found.secret,
                             tr("Box CLI's secure storage (Secret Service entry boxcli/Box)"));
            return;
        }
        if (found.status != SecretLookup::Status::NotFound) {
            // Not asked again for the token caches: a Secret Service that is locked or does
            // not answer would be waited for once per OAuth 2.0 environment.
            m_secretsUnusable = true;
            m_scan.lockedItems.append(found.lockedItems);
            m_scan.storageNotes.append(
                tr("Box CLI's secure storage could not be read: %1").arg(found.message));
        }
        // Box CLI's fallback: the plain file.
        const QString path = BoxCliLayout::environmentsFile(m_options.homeDir);
        const QString shown = shownPath(path);
        if (!QFileInfo::exists(path)) {
            m_scan.error =
                found.status == SecretLookup::Status::NotFound
                    ? tr("Box CLI has no environments here: there is no secure storage entry "
                         "boxcli/Box and no %1. Add one with \"box configure:environments:add\" "
                         "or \"box login\".")
                          .arg(shown)
                    : tr("No Box CLI environments could be read: the secure storage could not "
                         "be read and there is no %1.")
                          .arg(shown);
            Q_EMIT finished(m_scan);
            return;
        }
        const BoundedFile::Result file = BoundedFile::read(path, kMaxFileBytes);
        if (!file.ok()) {
            m_scan.error = file.message;
            Q_EMIT finished(m_scan);
            return;
        }
        environmentsRead(file.data, shown);
    });
}

void BoxCliReader::unlockKeyring(const QStringList &lockedItems,
                                 std::function<void(bool, const QString &)> done)
{
    m_secrets->unlockWithPrompt(lockedItems, [done](const SecretLookup &result) {
        done(result.status == SecretLookup::Status::Found, result.message);
    });
}

void BoxCliReader::environmentsRead(const QByteArray &json, const QString &source)
{
    m_scan.source = source;
    m_environments = BoxCliLayout::parseEnvironments(json);
    if (!m_environments.error.isEmpty()) {
        m_scan.error = tr("Box CLI's environments in %1 could not be read. %2")
                           .arg(source, m_environments.error);
        Q_EMIT finished(m_scan);
        return;
    }
    qCInfo(lcBoxCli, "found %d Box CLI environment(s)", int(m_environments.environments.size()));
    if (m_environments.environments.isEmpty()) {
        m_scan.error = tr("Box CLI has no environments in %1.").arg(source);
        Q_EMIT finished(m_scan);
        return;
    }
    for (const BoxCliEnvironment &env : std::as_const(m_environments.environments)) {
        if (env.authMethod == u"oauth20"_s && env.cacheTokens)
            m_tokenQueue.append(env.name);
    }
    readNextTokenCache();
}

void BoxCliReader::readNextTokenCache()
{
    if (m_tokenQueue.isEmpty()) {
        buildCandidates();
        return;
    }
    const QString name = m_tokenQueue.takeFirst();
    if (m_secretsUnusable) {
        tokenCacheRead(name, {});
        return;
    }
    const QMap<QString, QString> attributes{{u"service"_s, BoxCliLayout::tokenCacheService(name)},
                                            {u"account"_s, BoxCliLayout::account()}};
    m_secrets->lookup(attributes, [this, name](const SecretLookup &found) {
        if (found.status == SecretLookup::Status::Locked ||
            found.status == SecretLookup::Status::Unavailable)
            m_secretsUnusable = true;
        m_scan.lockedItems.append(found.lockedItems);
        tokenCacheRead(name, found.status == SecretLookup::Status::Found
                                 ? BoxCliLayout::parseTokenCache(found.secret)
                                 : std::nullopt);
    });
}

// Box CLI's fallback for a token cache it did not find in secure storage: the ~/.box file.
void BoxCliReader::tokenCacheRead(const QString &name, std::optional<BoxCliTokenCache> cache)
{
    if (!cache) {
        const BoundedFile::Result file =
            BoundedFile::read(BoxCliLayout::tokenCacheFile(m_options.homeDir, name), kMaxFileBytes);
        if (file.ok())
            cache = BoxCliLayout::parseTokenCache(file.data);
    }
    if (cache)
        m_tokens.insert(name, *cache);
    readNextTokenCache();
}

void BoxCliReader::buildCandidates()
{
    const QPointer<BoxCliReader> guard(this);
    const QList<BoxCliEnvironment> environments = m_environments.environments;
    const QHash<QString, BoxCliTokenCache> tokens = m_tokens;
    const QString settingsPath = BoxCliLayout::settingsFile(m_options.homeDir);
    BoxCliScan scan = m_scan;
    // The secrets now live only in the candidates.
    m_tokens.clear();
    m_environments = BoxCliEnvironments();
    QThreadPool::globalInstance()->start(QRunnable::create([=]() mutable {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        BoxCliEndpoints endpoints;
        const BoundedFile::Result settings = BoundedFile::read(settingsPath, kMaxFileBytes);
        if (settings.ok())
            endpoints = BoxCliLayout::parseSettings(settings.data);
        for (const BoxCliEnvironment &env : environments) {
            std::optional<BoxCliTokenCache> cache;
            if (tokens.contains(env.name))
                cache = tokens.value(env.name);
            BoxCliCandidate candidate = BoxCliCandidates::build(env, cache, endpoints, now);
            if (candidate.isDefault)
                scan.candidates.prepend(candidate);
            else
                scan.candidates.append(candidate);
        }
        QCoreApplication *app = QCoreApplication::instance();
        if (!app)
            return;
        QMetaObject::invokeMethod(
            app,
            [guard, scan] {
                if (guard)
                    Q_EMIT guard->finished(scan);
            },
            Qt::QueuedConnection);
    }));
}
