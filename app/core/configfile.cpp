#include "core/configfile.h"

#include "core/boundedfile.h"
#include "core/logging.h"

#include <QFileInfo>

namespace {
constexpr qint64 kMaxConfigBytes = 1024 * 1024;
} // namespace

ConfigImport importConfigFile(const QString &filePath)
{
    ConfigImport result;
    const BoundedFile::Result file = BoundedFile::read(filePath, kMaxConfigBytes);
    if (!file.ok()) {
        result.errors.append(file.message);
        return result;
    }
    result = ConfigJson::parse(file.data, ConfigJson::suggestedNameForFile(filePath, file.data));
    qCInfo(lcImport) << "parsed" << QFileInfo(filePath).fileName()
                     << (result.ok() ? "ok" : "with errors") << result.errors.size();
    return result;
}
