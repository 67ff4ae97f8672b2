// UserPage::read, the App Users table's fast reader of GET /users pages, against the usual
// way (QJsonDocument::fromJson, then AppUserRow::fromJson per entry). Input: a page body.
// Properties: whatever the fast reader reads, QJsonDocument reads too, as an object; the rows
// are the same, field by field; the other top-level members are the same values. (When it
// declines, the page goes the usual way: nothing to compare.) Inputs of up to 40 bytes are
// also read as a time: AppUserRow::parseTime gives what QDateTime's ISO reading gives.

#include "appuserrowtext.h"
#include "fuzzsupport.h"

#include "core/appusers/userpagereader.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace {

QString describe(const QJsonValue &v)
{
    return u"%1|%2|%3|%4"_s.arg(int(v.type()))
        .arg(v.toString())
        .arg(v.toInteger(-1))
        .arg(v.toBool());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    if (size <= 40) {
        // Short inputs are also times: AppUserRow::parseTime's fast path for Box's form
        // against QDateTime's ISO reading.
        const QString text = QString::fromUtf8(body);
        const QDateTime usual = QDateTime::fromString(text, Qt::ISODate);
        const qint64 expected = usual.isValid() ? usual.toMSecsSinceEpoch() / 1000 * 1000 : 0;
        FUZZ_CHECK(AppUserRow::parseTime(text) == expected,
                   text + u": "_s + QString::number(AppUserRow::parseTime(text)) + u" != "_s +
                       QString::number(expected));
    }
    const std::optional<UserPage> fast = UserPage::read(body);
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    // readAny reads every JSON object, the usual way when the fast reader declines.
    FUZZ_CHECK(UserPage::readAny(body).has_value() == doc.isObject(),
               u"readAny disagrees with QJsonDocument"_s);
    if (!fast)
        return 0;
    FUZZ_CHECK(error.error == QJsonParseError::NoError && doc.isObject(),
               u"read a page QJsonDocument refuses: %1"_s.arg(error.errorString()));
    const QJsonObject page = doc.object();
    const QList<AppUserRow> usual = AppUserRow::fromJsonArray(page.value(u"entries"_s).toArray());
    FUZZ_CHECK(usual.size() == fast->rows.size(),
               u"%1 rows, usually %2"_s.arg(fast->rows.size()).arg(usual.size()));
    for (qsizetype i = 0; i < usual.size(); ++i)
        FUZZ_CHECK(describeRow(fast->rows.at(i)) == describeRow(usual.at(i)),
                   describeRow(fast->rows.at(i)) + u" != "_s + describeRow(usual.at(i)));
    QJsonObject others = page;
    others.remove(u"entries"_s);
    FUZZ_CHECK(others.keys() == fast->members.keys(),
               fast->members.keys().join(u',') + u" != "_s + others.keys().join(u','));
    for (const QString &key : others.keys())
        FUZZ_CHECK(describe(others.value(key)) == describe(fast->members.value(key)),
                   key + u": "_s + describe(fast->members.value(key)) + u" != "_s +
                       describe(others.value(key)));
    return 0;
}
