#include "core/privatefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>

bool openOwnerOnly(QSaveFile *file)
{
    if (!file->open(QIODevice::WriteOnly))
        return false;
    // QSaveFile writes a temporary file next to the target and renames it on commit(): the
    // permissions set here are the ones the target ends up with.
    // Not committed, the temporary file is removed when file is destroyed.
    return file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

QString writePrivateFile(const QString &filePath, const QByteArray &bytes)
{
    QSaveFile file(filePath);
    const auto failed = [&] {
        return QCoreApplication::translate("ConfigFile", "Cannot write %1: %2")
            .arg(QDir::toNativeSeparators(filePath), file.errorString());
    };
    if (!openOwnerOnly(&file))
        return failed();
    if (file.write(bytes) != bytes.size() || !file.commit())
        return failed();
    return {};
}
