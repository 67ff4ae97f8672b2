#include "configfile.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace {
constexpr qint64 kMaxConfigBytes = 1024 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("ConfigFile", text);
}
} // namespace

ConfigImport importConfigFile(const QString &filePath)
{
    ConfigImport result;
    const QString shown = QDir::toNativeSeparators(filePath);
    const QFileInfo info(filePath);
    if (!info.exists()) {
        result.errors.append(tr("%1 does not exist.").arg(shown));
        return result;
    }
    if (info.isDir()) {
        result.errors.append(tr("%1 is a folder, not a config.json file.").arg(shown));
        return result;
    }
    if (info.size() > kMaxConfigBytes) {
        result.errors.append(tr("%1 is larger than 1 MiB; is this the right file?").arg(shown));
        return result;
    }
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        result.errors.append(tr("Cannot read %1: %2").arg(shown, file.errorString()));
        return result;
    }
    const QByteArray json = file.readAll();
    result = ConfigJson::parse(json, ConfigJson::suggestedNameForFile(filePath, json));
    qCInfo(lcImport) << "parsed" << info.fileName() << (result.ok() ? "ok" : "with errors")
                     << result.errors.size();
    return result;
}

QString writePrivateFile(const QString &filePath, const QByteArray &bytes)
{
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2")
            .arg(QDir::toNativeSeparators(filePath), file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return tr("Cannot write %1: %2")
            .arg(QDir::toNativeSeparators(filePath), file.errorString());
    return {};
}
