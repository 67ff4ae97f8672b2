#pragma once

#include "core/appusers/appuserrow.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <optional>

// Reads a page of GET /users straight from its bytes into AppUserRows, without building a
// QJsonDocument first: the App Users table's pages are read this way on the worker thread
// (CollectionPager::setPageReader), about four times faster than parsing and converting.
//
// Strict by design: whatever it cannot read exactly as QJsonDocument::fromJson followed by
// AppUserRow::fromJson would — escapes in strings, numbers with a fraction or an exponent,
// duplicate keys, nesting deeper than MaxDepth, an array or object as a top-level member
// other than entries, an entry that is not an object, noncharacters, or anything that is not
// valid JSON — gives nullopt, and the caller parses the page the usual way. fuzz_userpage
// checks that every page it reads matches that usual way.
struct UserPage
{
    QJsonObject members; // the top-level members except entries (next_marker, limit, ...)
    QList<AppUserRow> rows;

    static constexpr int MaxDepth = 64;
    static constexpr int MaxKeys = 64; // per object: more is declined (no quadratic checks)
    static std::optional<UserPage> read(const QByteArray &body);
    // read(), or else the usual way (QJsonDocument, then AppUserRow::fromJson per entry), so
    // every page is read on the worker thread; nullopt only for a body that is not a JSON
    // object (the caller reports it).
    static std::optional<UserPage> readAny(const QByteArray &body);
};
