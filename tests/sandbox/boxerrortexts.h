#pragma once

#include "sandboxhttp.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QTest>

// What Box puts in a ClientError's "message" and "help_url" for each code the sandbox sends.
// Tags are those of /work/shared/reference/box-api.md; "sandbox" marks texts the reference does
// not give (the sandbox then uses the HTTP reason phrase or a plain sentence).
namespace BoxErrorTexts {

// Real servers still emit the old help_url (box-api.md §4.4, and the captured 403 in §3.1);
// only the documented 429 body uses the guide's URL (§4.5).
inline const QString kOldHelpUrl = QStringLiteral("http://developers.box.com/docs/#errors");
inline const QString kGuideHelpUrl = QStringLiteral(
    "https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/");

struct Text
{
    QString message;
    QString helpUrl;
};

inline const QHash<QString, Text> &byCode()
{
    static const QHash<QString, Text> texts = {
        // §3.1: real 403 response.
        {QStringLiteral("access_denied_insufficient_permissions"),
         {QStringLiteral("Access denied - insufficient permission"), kOldHelpUrl}},
        // §1.8 / common-errors table.
        {QStringLiteral("insufficient_scope"),
         {QStringLiteral(
              "The request requires higher privileges than provided by the access token."),
          kOldHelpUrl}},
        // §4.4: captured not_found response.
        {QStringLiteral("not_found"), {QStringLiteral("Not Found"), kOldHelpUrl}},
        // §4.4: [SPEC] ClientError example message.
        {QStringLiteral("method_not_allowed"), {QStringLiteral("Method Not Allowed"), kOldHelpUrl}},
        // §3.4: common-errors.
        {QStringLiteral("user_login_already_used"),
         {QStringLiteral("User with the specified login already exists"), kOldHelpUrl}},
        // §4.5: the documented 429 body.
        {QStringLiteral("rate_limit_exceeded"),
         {QStringLiteral("Request rate limit exceeded, please try again later"), kGuideHelpUrl}},
        // §4.4: common-errors.
        {QStringLiteral("invalid_limit"),
         {QStringLiteral("Limit is not a valid number"), kOldHelpUrl}},
        {QStringLiteral("invalid_offset"),
         {QStringLiteral("Offset is not a valid number"), kOldHelpUrl}},
        {QStringLiteral("collaborations_not_available_on_root_folder"),
         {QStringLiteral("Root folder cannot be collaborated"), kOldHelpUrl}},
        // sandbox: the reference names these codes but not their messages.
        {QStringLiteral("bad_request"), {QStringLiteral("Bad Request"), kOldHelpUrl}},
        {QStringLiteral("request_entity_too_large"),
         {QStringLiteral("Request Entity Too Large"), kOldHelpUrl}},
        {QStringLiteral("user_already_collaborator"),
         {QStringLiteral("User is already a collaborator"), kOldHelpUrl}},
        {QStringLiteral("item_name_in_use"),
         {QStringLiteral("Item with the same name already exists"), kOldHelpUrl}},
        {QStringLiteral("item_name_invalid"), {QStringLiteral("Item name invalid"), kOldHelpUrl}},
        {QStringLiteral("item_name_too_long"), {QStringLiteral("Item name too long"), kOldHelpUrl}},
        // Issue 17: folder edits and collaborations (common-errors table; folder_not_empty as
        // captured in box/box-openapi#221, with a hyphen).
        {QStringLiteral("cyclical_folder_structure"),
         {QStringLiteral("Folder move creates cyclical folder structure"), kOldHelpUrl}},
        {QStringLiteral("folder_not_empty"),
         {QStringLiteral("Cannot delete - folder not empty"), kOldHelpUrl}},
        // box-api-content.md §1.5.
        {QStringLiteral("precondition_failed"),
         {QStringLiteral("The resource has been modified. Retrieve the resource again and retry"),
          kOldHelpUrl}},
        {QStringLiteral("invalid_status"),
         {QStringLiteral("You can change the status only if the collaboration is pending"),
          kOldHelpUrl}},
        // box-api-content.md §1.5 (the folder owner's limits).
        {QStringLiteral("storage_limit_exceeded"),
         {QStringLiteral("Account storage limit reached"), kOldHelpUrl}},
        {QStringLiteral("file_size_limit_exceeded"),
         {QStringLiteral("File size exceeds the folder owner's file size limit"), kOldHelpUrl}},
        {QStringLiteral("internal_server_error"),
         {QStringLiteral("Internal Server Error"), kOldHelpUrl}},
        {QStringLiteral("bad_gateway"), {QStringLiteral("Bad Gateway"), kOldHelpUrl}},
        {QStringLiteral("unavailable"), {QStringLiteral("Unavailable"), kOldHelpUrl}},
    };
    return texts;
}

// A Box ClientError: status, code, Box's message and help_url for that code, request ids.
inline void verify(const HttpResult &r, int status, const QString &code)
{
    QCOMPARE(r.status, status);
    QVERIFY(r.header("content-type").startsWith("application/json"));
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
    QCOMPARE(o.value(QStringLiteral("status")).toInt(), status);
    QCOMPARE(o.value(QStringLiteral("code")).toString(), code);
    QVERIFY2(byCode().contains(code), qPrintable(QStringLiteral("no expected text for ") + code));
    const Text expected = byCode().value(code);
    QCOMPARE(o.value(QStringLiteral("message")).toString(), expected.message);
    QCOMPARE(o.value(QStringLiteral("help_url")).toString(), expected.helpUrl);
    QVERIFY(!o.value(QStringLiteral("request_id")).toString().isEmpty());
    QVERIFY(!r.header("box-request-id").isEmpty());
}

// The first entry of the error's context_info.errors (reason, name, message).
inline QJsonObject firstContextError(const HttpResult &r)
{
    return r.json()
        .value(QStringLiteral("context_info"))
        .toObject()
        .value(QStringLiteral("errors"))
        .toArray()
        .at(0)
        .toObject();
}

} // namespace BoxErrorTexts
