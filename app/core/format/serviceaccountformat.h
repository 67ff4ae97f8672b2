#pragma once

#include <QString>
#include <QStringList>

struct BoxError;
struct Guidance;

// Pure helpers for the Service Account pane (unit tested).
namespace ServiceAccountFormat {
// The Service ID in a Service Account's login
// "AutomationUser_<serviceID>_<random>@boxdevedition.com"; empty for any other login.
QString serviceIdFromLogin(const QString &login);
// Box takes -1 for unlimited storage and answers 999999999999999 afterwards.
constexpr qint64 UnlimitedSpaceAnswer = 999999999999999LL;
bool isUnlimitedSpace(qint64 spaceAmount);
// "0 bytes", "512 bytes", "1.5 KB", "10 GB"... (1024-based, as Box's web app shows sizes);
// unlimited amounts (see isUnlimitedSpace) give "unlimited".
QString humanReadableSize(qint64 bytes);
// An error banner's detail lines: the guidance's explanation and fix, Box's request ID
// (withRequestId), and the error's own summary when there is no guidance.
QStringList guidanceDetails(const Guidance &guidance, const BoxError &error, bool withRequestId);
} // namespace ServiceAccountFormat
