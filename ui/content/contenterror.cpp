#include "ui/content/contenterror.h"

#include "core/api/errorguidance.h"
#include "ui/messagebanner.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ContentError", text);
}

// Headline and next step for the codes the content actions meet.
QPair<QString, QString> known(const BoxError &e)
{
    const QString &c = e.code;
    if (c == u"collaborations_not_available_on_root_folder"_s)
        return {tr("The root folder (All Files) cannot be shared."),
                tr("Create a folder, or pick one inside All Files, and collaborate that.")};
    if (c == u"user_already_collaborator"_s)
        return {tr("This user is already a collaborator on the folder."),
                tr("Nothing to do; to change their role, use Collaborators… on the folder.")};
    if (c == u"item_name_in_use"_s)
        return {tr("A folder or file with this name already exists here."),
                tr("Box compares names without regard to case. Choose another name.")};
    if (c == u"item_name_invalid"_s)
        return {tr("Box does not accept this name."),
                tr("Names may not contain / or \\, end with a space, or be \".\" or \"..\".")};
    if (c == u"item_name_too_long"_s)
        return {tr("The name is too long."), tr("Use at most 255 characters.")};
    if (c == u"cyclical_folder_structure"_s)
        return {tr("A folder cannot go into itself or into one of its own subfolders."),
                tr("Choose a destination outside the folder.")};
    if (c == u"folder_not_empty"_s)
        return {tr("The folder is not empty."),
                tr("Delete it together with its contents, or empty it first.")};
    if (c == u"precondition_failed"_s)
        return {tr("The item changed in Box since it was read."),
                tr("Refresh the folder and try again.")};
    if (c == u"invalid_status"_s)
        return {tr("Only a pending invitation can be accepted or declined."), {}};
    if (c == u"forbidden_by_policy"_s)
        return {tr("An enterprise policy forbids this collaboration."),
                tr("Ask the Box admin about collaboration restrictions.")};
    if (c == u"access_denied_insufficient_permissions"_s)
        return {tr("The account is not allowed to do this."),
                tr("Only users with enough rights (owner, co-owner, editor, or an admin for "
                   "user settings) can.")};
    return {};
}
} // namespace

QString ContentError::contextMessage(const BoxError &error)
{
    const QJsonArray errors = error.contextInfo.value(u"errors"_s).toArray();
    for (const QJsonValue &v : errors) {
        const QString m = v.toObject().value(u"message"_s).toString();
        if (!m.isEmpty())
            return m;
    }
    return {};
}

QString ContentError::text(const BoxError &error, const GuidanceContext &context)
{
    if (!error.isError())
        return {};
    QStringList lines;
    const auto [headline, fix] = known(error);
    if (!headline.isEmpty()) {
        lines << headline << fix;
    } else {
        const Guidance g = guidanceFor(error, context);
        if (!g.isEmpty()) {
            lines << g.title;
            if (!g.explanation.isEmpty())
                lines << g.explanation;
            if (!g.fix.isEmpty())
                lines << g.fix;
        }
    }
    if (error.kind == BoxError::Kind::Http) {
        QString box = error.message;
        const QString context = contextMessage(error);
        if (!context.isEmpty())
            box = box.isEmpty() ? context : box + u" — "_s + context;
        if (!box.isEmpty())
            lines << tr("Box said: %1").arg(box);
        lines << (error.code.isEmpty()
                      ? tr("HTTP %1").arg(error.httpStatus)
                      : tr("HTTP %1 · %2").arg(QString::number(error.httpStatus), error.code));
        if (!error.requestId.isEmpty())
            lines << tr("Request ID: %1").arg(error.requestId);
    } else if (lines.isEmpty()) {
        lines << error.summary();
    }
    lines.removeAll(QString());
    lines.removeDuplicates();
    return lines.join(u'\n');
}

void ContentError::showIn(MessageBanner *banner, const QString &text)
{
    const QStringList lines = text.split(u'\n');
    banner->showMessage(MessageBanner::Kind::Error, lines.value(0), lines.mid(1));
    banner->show();
}

QString ContentError::bannerText(const MessageBanner *banner)
{
    if (!banner || banner->isHidden())
        return {};
    return (QStringList{banner->title()} + banner->details()).join(u'\n');
}
