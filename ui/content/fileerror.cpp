#include "ui/content/fileerror.h"

#include "ui/content/contenterror.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("FileError", text);
}

// Headline and next step for what Box answers to file requests.
QPair<QString, QString> known(const BoxError &e)
{
    const QString &c = e.code;
    if (c == u"file_size_limit_exceeded"_s)
        return {tr("The file is too large for this account."),
                tr("The folder owner's account type limits the size of one file (Box's "
                   "maximum upload size). Upload a smaller file or use an account with a "
                   "higher limit.")};
    if (c == u"storage_limit_exceeded"_s || (e.httpStatus == 507))
        return {tr("The account's storage is full."),
                tr("Delete files (and empty the trash) or raise the user's space_amount.")};
    if (c == u"request_entity_too_large"_s || e.httpStatus == 413)
        return {tr("The file is too large for a single upload."),
                tr("Box takes files up to 50 MB in one request; larger files need a chunked "
                   "upload session.")};
    if (c == u"item_name_in_use"_s)
        return {tr("A file or folder with this name already exists in this folder."),
                tr("Box compares names without regard to case. Choose another name, or upload "
                   "the file as a new version of the existing one.")};
    if (c == u"item_name_invalid"_s)
        return {tr("Box does not accept this file name."),
                tr("Names may not contain / or \\, start or end with a space, or be \".\" or "
                   "\"..\".")};
    if (c == u"name_temporarily_reserved"_s || c == u"operation_blocked_temporary"_s)
        return {tr("Box is still busy with another item of this name."),
                tr("Wait a moment and try again.")};
    if (e.httpStatus == 404 && e.kind == BoxError::Kind::Http)
        return {tr("The item is gone, or this account cannot see it."),
                tr("It may have been deleted or moved by someone else. Refresh the folder.")};
    if (e.httpStatus == 403 && e.kind == BoxError::Kind::Http && c != u"forbidden_by_policy"_s)
        return {tr("This account is not allowed to do this with the item."),
                tr("Its role on the folder (e.g. viewer or previewer) or the app's scopes do "
                   "not allow it; an owner, co-owner or editor can.")};
    return {};
}
} // namespace

QString FileError::text(const BoxError &error, const GuidanceContext &context)
{
    const QString general = ContentError::text(error, context);
    const auto [headline, fix] = known(error);
    if (headline.isEmpty())
        return general;
    // Our headline first; ContentError's lines after it keep Box's message, code and IDs.
    QStringList lines{headline, fix};
    const QStringList rest = general.split(u'\n');
    for (const QString &line : rest) {
        if (line.startsWith(tr("Box said: %1").arg(QString()).trimmed()) ||
            line.startsWith(u"HTTP "_s) || line.startsWith(tr("Request ID: %1").arg(QString())))
            lines << line;
    }
    if (error.kind != BoxError::Kind::Http)
        lines << error.summary();
    lines.removeDuplicates();
    return lines.join(u'\n');
}
